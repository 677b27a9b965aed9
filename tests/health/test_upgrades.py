"""Schema migrations from every earlier version: a library created at each earlier migration (built here by
applying the migrations up to it, then filled with representative rows) upgrades to the current schema with its
data intact."""

from pathlib import Path

import duckdb
import pytest

from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.schema import available_migrations

from .library_rows import DROPPED_BY, columns, insert_representative_rows, tables

MIGRATIONS = available_migrations()
EARLIER = [m.version for m in MIGRATIONS[:-1]]


def build_at(path: Path, version: int) -> None:
    conn = duckdb.connect(str(path))
    try:
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                     " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        for migration in MIGRATIONS:
            if migration.version <= version:
                conn.execute(migration.sql)
                conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                             [migration.version, migration.name])
        insert_representative_rows(conn)
    finally:
        conn.close()


def rows_of(conn, table: str, names: list[str]) -> list[tuple]:
    listed = ", ".join(f'"{n}"' for n in names)
    return conn.execute(f"SELECT {listed} FROM {table} ORDER BY ALL").fetchall()


def snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return {t: (columns(conn, t), rows_of(conn, t, columns(conn, t))) for t in tables(conn)}
    finally:
        conn.close()


@pytest.mark.parametrize("version", EARLIER)
def test_a_library_from_an_earlier_version_upgrades_with_its_data(tmp_path: Path, version: int) -> None:
    database = tmp_path / "library.duckdb"
    build_at(database, version)
    before = snapshot(database)
    assert all(rows for _, rows in before.values())

    with LibraryStore(database).open() as library:  # the real upgrade path: any unit of work that writes
        applied = {row[0] for row in library.conn.execute("SELECT version FROM schema_migrations").fetchall()}
        after_tables = set(tables(library.conn))
        dropped = set().union(*(t for v, t in DROPPED_BY.items() if v > version))
        for table, (names, rows) in before.items():
            if table in dropped:
                continue
            assert table in after_tables, f"{table} was lost upgrading from {version}"
            assert rows_of(library.conn, table, names) == rows, f"{table} changed upgrading from {version}"
    assert applied == {m.version for m in MIGRATIONS}


def test_the_current_schema_takes_the_representative_rows_too(tmp_path: Path) -> None:
    database = tmp_path / "library.duckdb"
    build_at(database, MIGRATIONS[-1].version)
    assert all(rows for _, rows in snapshot(database).values())
