"""A consistent copy of the library database, and putting one in its place (backups and restores).

Why a file copy, and why it is consistent: DuckDB lets one process hold a database file for writing, and that
process keeps every other process out (readers included). The copy is taken while this process holds the file
open for writing, right after a ``CHECKPOINT`` has folded the write-ahead log into it: no other process can
change it during the copy, and the file alone is the whole database. A file copy restores byte for byte (indexes,
sequences and all); ``EXPORT DATABASE`` would rebuild the schema from SQL and lose sequence positions.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class TableSummary:
    """A table's row count and an order-independent checksum of its rows."""

    rows: int
    checksum: str


def table_summaries(conn: duckdb.DuckDBPyConnection) -> dict[str, TableSummary]:
    """Every table of the main schema with its row count and the sum of its rows' hashes."""
    names = [row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        " ORDER BY table_name"
    ).fetchall()]
    summaries: dict[str, TableSummary] = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        row = conn.execute(f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM main.{quoted} AS t").fetchone()
        assert row is not None
        summaries[name] = TableSummary(int(row[0]), str(row[1]))
    return summaries


def copy_checkpointed(conn: duckdb.DuckDBPyConnection, source: Path, destination: Path) -> None:
    """Copy the database file that ``conn`` holds for writing, after folding its log into it."""
    conn.execute("CHECKPOINT")
    shutil.copyfile(source, destination)


def summarise_file(path: Path) -> tuple[int, dict[str, TableSummary]]:
    """The schema version and table summaries of a database file, opened read-only."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return schema_version(conn), table_summaries(conn)
    finally:
        conn.close()


def schema_version(conn: duckdb.DuckDBPyConnection) -> int:
    known = conn.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = 'main' AND table_name = 'schema_migrations'"
    ).fetchone()
    if not known or not known[0]:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0
