"""The import journal: what an import is about to do to the disk, committed before it does it.

A row is written (and committed, :func:`commit_now`) before any file is linked or copied, and deleted in the
transaction that records the movie file. A row found at the start of a run is an import a crash interrupted;
``radarr_pipeline.services.importing.recovery`` finishes or undoes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

_COLUMNS = (
    "id, download_id, download_pk, variant_id, source, partial_path, final_path, mode, expected_size, source_inode,"
    " replaced_path, replaced_inode, recycle_path, step, started_at, record"
)


@dataclass(frozen=True)
class PlannedWrite:
    """A journal row before it has an id: the file operations an import is about to do."""

    download_id: str | None
    download_pk: int | None
    variant_id: int
    source: str
    partial_path: str
    final_path: str
    mode: str
    expected_size: int
    source_inode: int | None
    replaced_path: str | None
    replaced_inode: int | None
    recycle_path: str | None
    record: dict[str, Any]


@dataclass(frozen=True)
class JournalEntry(PlannedWrite):
    """A committed journal row: an import whose file operations may have started."""

    id: int = 0
    step: str = "planned"
    started_at: datetime | None = None


def commit_now(conn: duckdb.DuckDBPyConnection) -> None:
    """Make everything written so far durable and go on in a fresh transaction.

    ``LibraryStore.open()`` is one transaction; an import needs its journal committed before the file
    operations start, so it ends the transaction here and opens the next one (committed by ``open()`` at the end).
    """
    conn.execute("COMMIT")
    conn.execute("BEGIN TRANSACTION")


class ImportJournalRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, planned: PlannedWrite, at: datetime) -> JournalEntry:
        row = self._conn.execute(
            "INSERT INTO import_journal (download_id, download_pk, variant_id, source, partial_path, final_path, mode,"
            " expected_size, source_inode, replaced_path, replaced_inode, recycle_path, step, started_at, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?) RETURNING id",
            [planned.download_id, planned.download_pk, planned.variant_id, planned.source, planned.partial_path,
             planned.final_path, planned.mode, planned.expected_size, planned.source_inode, planned.replaced_path,
             planned.replaced_inode, planned.recycle_path, at, json.dumps(planned.record, default=str)],
        ).fetchone()
        assert row is not None
        return self.get(row[0])

    def add_many(self, planned: list[PlannedWrite], at: datetime) -> list[JournalEntry]:
        """Journal many planned writes in one statement; the entries in the order given (commit them with
        :func:`commit_now` before touching any file)."""
        if not planned:
            return []
        ids = sorted(row[0] for row in self._conn.execute(
            "SELECT nextval('import_journal_id_seq') FROM range(?)", [len(planned)]
        ).fetchall())
        records = [json.dumps(p.record, default=str) for p in planned]
        self._conn.execute(
            "INSERT INTO import_journal (id, download_id, download_pk, variant_id, source, partial_path, final_path,"
            " mode, expected_size, source_inode, replaced_path, replaced_inode, recycle_path, step, started_at, record)"
            " SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::BIGINT[]),"
            " unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
            " unnest(?::BIGINT[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]), unnest(?::BIGINT[]),"
            " unnest(?::VARCHAR[]), 'planned', ?, unnest(?::VARCHAR[])",
            [ids, [p.download_id for p in planned], [p.download_pk for p in planned], [p.variant_id for p in planned],
             [p.source for p in planned], [p.partial_path for p in planned], [p.final_path for p in planned],
             [p.mode for p in planned], [p.expected_size for p in planned], [p.source_inode for p in planned],
             [p.replaced_path for p in planned], [p.replaced_inode for p in planned],
             [p.recycle_path for p in planned], at, records],
        )
        # What was written, read back as recovery would read it (the record through JSON, as stored).
        return [JournalEntry(**{**p.__dict__, "record": json.loads(text)}, id=entry_id, step="planned", started_at=at)
                for entry_id, p, text in zip(ids, planned, records, strict=True)]

    def get(self, entry_id: int) -> JournalEntry:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM import_journal WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise KeyError(f"no import journal entry {entry_id}")
        return _entry(row)

    def unfinished(self) -> list[JournalEntry]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM import_journal ORDER BY id").fetchall()
        return [_entry(row) for row in rows]

    def set_step(self, entry_id: int, step: str) -> None:
        self._conn.execute("UPDATE import_journal SET step = ? WHERE id = ?", [step, entry_id])

    def close(self, entry_id: int) -> None:
        self._conn.execute("DELETE FROM import_journal WHERE id = ?", [entry_id])

    def close_many(self, entry_ids: list[int]) -> None:
        if entry_ids:
            self._conn.execute("DELETE FROM import_journal WHERE id IN (SELECT unnest(?))", [entry_ids])


def _entry(row: tuple) -> JournalEntry:
    return JournalEntry(*row[1:13], record=json.loads(row[15]) if row[15] else {}, id=row[0], step=row[13],
                        started_at=row[14])
