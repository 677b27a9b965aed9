"""Fixtures: local feed servers on 127.0.0.1 and a migrated library on a DuckDB file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from radarr_pipeline.store.library import Library
from radarr_pipeline.store.schema import migrate

from .servers import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def second_server() -> Iterator[FeedServer]:
    srv = FeedServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(tmp_path / "library.duckdb"))
    migrate(connection)
    try:
        yield connection
    finally:
        connection.close()


@pytest.fixture
def library(conn: duckdb.DuckDBPyConnection) -> Library:
    """A library in autocommit mode (sync makes its own transactions)."""
    return Library(conn)
