from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from radarr_pipeline.store.schema import available_migrations, migrate, pending_migrations
from radarr_pipeline.store.snapshot import TableSummary, copy_checkpointed, schema_version, table_summaries

if TYPE_CHECKING:
    from radarr_pipeline.store.repositories import Library

# Database files found at the current schema in this process, by resolved path, with the file's identity as this
# process left it: each is checked (and migrated) once, not on every open. A file changed since by anyone else (a
# backup copied over it, another process's writes) or another file is checked again.
_CURRENT_SCHEMA: dict[str, tuple[int, int, int, int] | None] = {}


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    """Device, inode, modification time and size of the file (None when it is gone)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True)
class Hold:
    """How long one unit of work kept the database file open (the time every other process is locked out)."""

    path: str
    read_only: bool
    seconds: float


# Called with each Hold as its unit of work closes; empty (and costing nothing) unless someone measures.
HOLD_LISTENERS: list[Callable[[Hold], None]] = []


@contextmanager
def recorded_holds() -> Iterator[list[Hold]]:
    """Collect the holds of the database file while the block runs (how a benchmark reads the longest hold)."""
    holds: list[Hold] = []
    HOLD_LISTENERS.append(holds.append)
    try:
        yield holds
    finally:
        HOLD_LISTENERS.remove(holds.append)


class StoreError(RuntimeError):
    """The library database could not be opened or used (the message names the file and the cause)."""


class StoreBusyError(StoreError):
    """Another process kept the library database locked for longer than this unit of work may wait."""


#: How long a unit of work waits for another process's lock, in seconds, when the caller does not say (a front
#: door that must answer quickly, such as the HTTP API, sets it for its own process).
LOCK_TIMEOUT_ENV = "RADARR_PIPELINE_DB_LOCK_TIMEOUT"


class LibraryNotCreatedError(StoreError):
    """A read-only unit of work found no library: the database file does not exist or was never set up."""


class LibraryStore:
    """Where the library database lives. Holds no connection between calls."""

    def __init__(self, path: str | Path, *, lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout if lock_timeout is not None else float(os.environ.get(LOCK_TIMEOUT_ENV, 30))

    def __repr__(self) -> str:
        return f"LibraryStore({str(self.path)!r})"

    @contextmanager
    def open(self, *, read_only: bool = False) -> Iterator[Library]:
        """Open the database for one unit of work, committed at the end, rolled back on error, with the
        repositories over its connection (see :meth:`connection`)."""
        from radarr_pipeline.store.repositories import Library  # not loaded by a reader of the connection alone

        with self.connection(read_only=read_only) as conn:
            yield Library(conn, self.path, lock_timeout=self.lock_timeout)

    @contextmanager
    def connection(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """The bare connection for one unit of work, committed at the end, rolled back on error (a listing's
        one query needs no repository: it does not import them).

        Read-only, nothing is written: the schema is not migrated, and a database that is not at the current
        schema is refused. Any DuckDB error leaving the unit of work (a disk full at commit, a file that is not a
        database...) is raised as a :class:`StoreError` naming the file.
        """
        conn = self._connect(read_only=read_only)
        opened = time.perf_counter()
        where = str(self.path.resolve())
        try:
            known = _CURRENT_SCHEMA.get(where)
            if known is None or known != _identity(self.path):
                _CURRENT_SCHEMA.pop(where, None)
                if read_only:
                    self._check_schema(conn)
                else:
                    self._migrate(conn)
                _CURRENT_SCHEMA[where] = None  # up to date: its identity is taken once it is closed
            with transaction(conn, read_only=read_only):
                yield conn
        except duckdb.Error as exc:
            raise StoreError(f"library database {self.path}: {exc}") from exc
        finally:
            conn.close()
            if where in _CURRENT_SCHEMA:
                _CURRENT_SCHEMA[where] = _identity(self.path)
            record_hold(self.path, read_only, time.perf_counter() - opened)

    def snapshot(self, destination: Path) -> tuple[int, dict[str, TableSummary]]:
        """A consistent copy of the database at ``destination`` (see ``store.snapshot``), taken while this
        process holds the file for writing; returns its schema version and table summaries."""
        if not self.path.exists():
            raise LibraryNotCreatedError(f"library database {self.path} does not exist yet: nothing to back up")
        conn = self._connect(read_only=False)
        try:
            summaries = table_summaries(conn)
            version = schema_version(conn)
            copy_checkpointed(conn, self.path, destination)
            return version, summaries
        except duckdb.Error as exc:
            raise StoreError(f"cannot back up library database {self.path}: {exc}") from exc
        finally:
            conn.close()

    def replace_with(self, restored: Path, aside: Path | None) -> None:
        """Put ``restored`` (a database file in the same folder) in place of the current database, which is
        moved to ``aside``. The current one is checkpointed first (no write-ahead log may be left behind to be
        replayed into the restored file), while this process holds it: nobody else is using it."""
        if self.path.exists():
            if aside is None:
                raise StoreError(f"library database {self.path} exists: it needs a place to be kept aside")
            conn = self._connect(read_only=False)
            try:
                conn.execute("CHECKPOINT")
            except duckdb.Error as exc:
                raise StoreError(f"cannot checkpoint library database {self.path}: {exc}") from exc
            finally:
                conn.close()
            os.replace(self.path, aside)
            wal = self.path.with_name(self.path.name + ".wal")
            if wal.exists():
                os.replace(wal, aside.with_name(aside.name + ".wal"))
        os.replace(restored, self.path)

    def _migrate(self, conn: duckdb.DuckDBPyConnection) -> None:
        try:
            migrate(conn)
        except duckdb.Error as exc:
            raise StoreError(f"cannot bring library database {self.path} up to date: {exc}") from exc

    def _check_schema(self, conn: duckdb.DuckDBPyConnection) -> None:
        pending = pending_migrations(conn)
        if not pending:
            return
        if len(pending) == len(available_migrations()):
            raise LibraryNotCreatedError(f"library database {self.path} is not set up yet: add a movie first")
        raise StoreError(
            f"library database {self.path} has an older schema ({len(pending)} migration(s) to apply): run a"
            " command that writes, such as `radarr-pipeline movies add`, to bring it up to date"
        )

    def _connect(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        if read_only and not self.path.exists():
            raise LibraryNotCreatedError(f"library database {self.path} does not exist yet: add a movie first")
        return connect_waiting(self.path, read_only=read_only, timeout=self.lock_timeout, what="library database")


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection, *, read_only: bool) -> Iterator[None]:
    """The block as one transaction, committed at the end, rolled back on error (read-only: nothing to commit)."""
    if read_only:
        yield
        return
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


#: Rows in a row group of a table written through this store (DuckDB's default is 122,880). DuckDB rewrites a row
#: group at the checkpoint that closes a unit of work once the group fills up: with the default, a unit that filled
#: one (every eighth unit of 15,000 decisions) held the file 1.2-1.9 s, against 0.3-0.5 s for the others; with
#: groups of 16,384 the longest of the same 46 units was 0.31 s, and the whole write took half the time.
ROW_GROUP_SIZE = 16_384


# DuckDB's refusal to attach a file that another instance of this process has open.
_OPEN_IN_THIS_PROCESS = "Unique file handle conflict"


def _attached(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection whose default database is the file at ``path``. For writing it is attached with
    :data:`ROW_GROUP_SIZE` (an option of ATTACH only; statements write it as if it had been opened directly); a
    reader, which writes no row group, opens it directly. Either way an open costs the same (55-63 ms here)."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    conn = duckdb.connect(":memory:")
    try:
        quoted = str(path).replace("'", "''")
        conn.execute(f"ATTACH '{quoted}' AS library (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
        conn.execute("USE library")
    except BaseException as exc:
        conn.close()
        if not (isinstance(exc, duckdb.Error) and _OPEN_IN_THIS_PROCESS in str(exc)):
            raise
        # A connection of this process already has the file open directly (DuckDB shares one instance per file
        # within a process, and refuses to attach it to a second): join it, with its row groups.
        return duckdb.connect(str(path))
    return conn


def connect_waiting(path: Path, *, read_only: bool, timeout: float, what: str) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckDB file at ``path``, waiting up to ``timeout`` seconds while another process holds
    it (DuckDB allows one writer); ``what`` names the file in errors. A file opened for writing is its owner's only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            conn = _attached(path, read_only=read_only)
        except duckdb.Error as exc:
            # Another process holds the file (DuckDB allows one writer). Wait a little, then give up.
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open {what} {path}: {exc}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StoreBusyError(f"cannot open {what} {path} (busy: another process writes it): {exc}") from exc
            time.sleep(min(delay, remaining))  # the last try at the deadline, polled often enough to get in
            delay = min(delay * 2, 0.25)       # between another process's units of work
            continue
        if not read_only and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # the library is its owner's business, not every local user's
        return conn


def record_hold(path: Path, read_only: bool, seconds: float) -> None:
    """Tell the listeners (a benchmark) how long a unit of work held a database file."""
    if HOLD_LISTENERS:
        hold = Hold(str(path), read_only, seconds)
        for listener in list(HOLD_LISTENERS):
            listener(hold)
