"""Fixtures: local feed servers on 127.0.0.1 and a migrated library on a DuckDB file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from radarr_pipeline.models import Movie
from radarr_pipeline.store import Library, LibraryStore
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


@pytest.fixture
def store(tmp_path: Path, conn: duckdb.DuckDBPyConnection) -> LibraryStore:
    """The same library file as ``conn`` and ``library``, for the services (they open it themselves)."""
    return LibraryStore(tmp_path / "library.duckdb", lock_timeout=1)


def add_wanted(library: Library, titles: list[tuple[str, int, str]], *, second_version_of: int | None = None,
               now: datetime | None = None) -> list[Movie]:
    """Movies (title, year, IMDb id) added as wanted, in order, as the wanted_movies step would record them;
    ``second_version_of`` (an index) also wants a 4K version of that movie."""
    movies = [library.movies.add(title=title, year=year, imdb_id=imdb) for title, year, imdb in titles]
    variants = [library.movies.add_variant(m.id, quality_profile="HD-1080p", root_folder="/movies") for m in movies]
    if second_version_of is not None:
        variants.append(library.movies.add_variant(movies[second_version_of].id, quality_profile="UHD",
                                                   root_folder="/movies"))
    library.movies.replace_wanted([(v.id, "missing") for v in variants], now or datetime.now(UTC))
    return movies
