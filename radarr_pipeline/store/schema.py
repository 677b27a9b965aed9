"""Numbered SQL migrations, applied in order and recorded in the database.

A migration is a file ``NNNN_name.sql`` in the ``migrations`` folder beside this module. Each one is applied
once and recorded in ``schema_migrations``, those pending together inside one transaction. Numbers may have gaps;
any file whose number is not yet recorded is applied, lowest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import duckdb

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    folder = resources.files("radarr_pipeline.store") / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(versions) != len(set(versions)):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def applied_versions(conn: duckdb.DuckDBPyConnection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}


def pending_migrations(conn: duckdb.DuckDBPyConnection) -> list[Migration]:
    """The migrations not yet recorded, read without writing (works on a read-only connection)."""
    known = conn.execute(  # duckdb_tables(), not information_schema: about 10 ms less, on every command that reads
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_migrations'"
    ).fetchone()
    done: set[int] = set()
    if known and known[0]:
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    return _not_in(done)


def _not_in(done: set[int]) -> list[Migration]:
    """The available migrations whose versions are not among ``done``, lowest first."""
    return [m for m in available_migrations() if m.version not in done]


def migrate(conn: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Apply every migration not yet recorded, all in one transaction, and return them: a library is brought up
    to date whole or not at all (a migration that fails leaves it as it was, and the error names the migration),
    and a new library's schema costs one commit, not one a migration."""
    pending = _not_in(applied_versions(conn))
    if not pending:
        return []
    conn.execute("BEGIN TRANSACTION")
    try:
        for migration in pending:
            try:
                conn.execute(migration.sql)
            except duckdb.Error as exc:
                raise type(exc)(f"migration {migration.version:04d}_{migration.name}: {exc}") from exc
            conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
        conn.execute("COMMIT")
    except Exception:
        conn.execute("ROLLBACK")
        raise
    return pending
