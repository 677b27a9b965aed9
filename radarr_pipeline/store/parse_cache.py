"""Parse results cached in DuckDB, keyed by title and parser version (a new parser version re-parses).

The cache has its own database file beside the library's (:class:`ParseCache`): only scoring reads and writes it,
so its writes never hold the library's file. In the library's file they did: the first scoring of 900,000 new
titles wrote them in units of 2,000, and DuckDB's checkpoint at the close of a unit (which now and then merges the
row groups appended in small units) held the file up to 2 s and, summed over the units, 235 s; in a file of its own
the cache takes them in units of :data:`WRITE_UNIT`.

Every function takes an open connection and works in bulk: one query per call, never one per title. Beside the
full parse (JSON), the parts scoring reads are stored as typed columns (``PARSE_COLUMNS``), so reading them for
100,000 releases is a plain column read. Scoring stores the typed columns only (``parse_rows(..., full=False)``):
the JSON is four fifths of a row's bytes. A row without its JSON is a miss for :func:`cached_parses` (which gives
full parses); a title that is not a release has no typed columns either (``quality`` is set for every release).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from radarr_pipeline.models import LIST_SEPARATOR
from radarr_pipeline.parsing import PARSER_VERSION, ParsedRelease
from radarr_pipeline.store.bulk import bulk_rows, storable_text
from radarr_pipeline.store.library import StoreError, connect_waiting, record_hold, transaction

_BATCH = 20_000
#: A row of a release stored with its typed columns only (see above): its full parse is not cached.
NO_FULL_PARSE = "(p.parsed IS NULL AND p.quality IS NOT NULL)"
#: The rows of releases, of parsed_releases as ``p`` (a title that is not a release has no typed columns).
IS_RELEASE = "p.quality IS NOT NULL"
# The typed columns of parsed_releases (migration 0125), in parse_columns' order.
PARSE_COLUMNS = ("movie_titles", "year", "edition", "release_group", "simple_release_title", "languages",
                 "imdb_id", "tmdb_id", "quality", "resolution", "revision", "real")


#: The cache file's layout. A file at another version (or none) is emptied and set up again: a cache is rebuilt by
#: parsing, never migrated.
CACHE_VERSION = 1
_SCHEMA = f"""
CREATE TABLE parse_cache_version (version INTEGER NOT NULL);
INSERT INTO parse_cache_version VALUES ({CACHE_VERSION});
CREATE TABLE parsed_releases (
    title VARCHAR PRIMARY KEY,
    parser_version VARCHAR NOT NULL,
    parsed JSON,
    parsed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    movie_titles VARCHAR, year INTEGER, edition VARCHAR, release_group VARCHAR, simple_release_title VARCHAR,
    languages VARCHAR, imdb_id VARCHAR, tmdb_id BIGINT, quality VARCHAR, resolution INTEGER, revision INTEGER,
    "real" INTEGER
);
"""
#: New parses a unit of work writes to the cache file. Its holds block no other front door (only scoring opens the
#: file); at 900,000 new titles units of 100,000 took 19 s in all, against 235 s in the library's file in units of
#: 2,000 (each unit pays a checkpoint that grows with the table).
WRITE_UNIT = 100_000


#: How the parse cache's file is named after the library's: ``library.duckdb`` -> ``library.parse-cache.duckdb``.
CACHE_SUFFIX = ".parse-cache.duckdb"


def cache_path(library_path: Path) -> Path:
    """Where the parse cache of the library database at ``library_path`` lives: beside it."""
    return library_path.with_name(library_path.stem + CACHE_SUFFIX)


def _version(conn: duckdb.DuckDBPyConnection) -> int | None:
    try:
        rows = conn.execute("SELECT max(version) FROM parse_cache_version").fetchall()
    except duckdb.CatalogException:
        return None
    return rows[0][0]


def _set_up(conn: duckdb.DuckDBPyConnection) -> None:
    """The current layout, the file emptied first when it has another."""
    if _version(conn) == CACHE_VERSION:
        return
    conn.execute("DROP TABLE IF EXISTS parsed_releases; DROP TABLE IF EXISTS parse_cache_version")
    conn.execute(_SCHEMA)


_WHAT = "parse cache (only a cache: deleting the file is safe, the next scoring parses again)"


class ParseCache:
    """The parse cache's own database file (``path``; None: a cache held in memory for one unit of work, for a
    library that is not a file). Holds no connection between calls."""

    def __init__(self, path: Path | None, *, lock_timeout: float = 30.0) -> None:
        self.path = path
        self.lock_timeout = lock_timeout

    @classmethod
    def beside(cls, library_path: Path, *, lock_timeout: float) -> ParseCache:
        """The parse cache of the library database at ``library_path`` (:func:`cache_path`)."""
        return cls(cache_path(library_path), lock_timeout=lock_timeout)

    def __repr__(self) -> str:
        return f"ParseCache({None if self.path is None else str(self.path)!r})"

    @contextmanager
    def connection(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, committed at the end, rolled back on error. Read-only, a cache file
        that does not exist yet (or has another layout) reads as empty."""
        conn = self._connect(read_only)
        opened = time.perf_counter()
        try:
            if not read_only:
                _set_up(conn)
            with transaction(conn, read_only=read_only):
                yield conn
        except duckdb.Error as exc:
            raise StoreError(f"{_WHAT} {self.path}: {exc}") from exc
        finally:
            conn.close()
            if self.path is not None:
                record_hold(self.path, read_only, time.perf_counter() - opened)

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if self.path is not None and (self.path.exists() or not read_only):
            conn = connect_waiting(self.path, read_only=read_only, timeout=self.lock_timeout, what=_WHAT)
            if not read_only or _version(conn) == CACHE_VERSION:
                return conn
            conn.close()
        conn = duckdb.connect(":memory:")
        conn.execute(_SCHEMA)
        return conn


def parse_columns(parsed: ParsedRelease) -> tuple[object, ...]:
    """The typed columns of one parse (lists joined by LIST_SEPARATOR), as the cache stores them."""
    quality = parsed.quality
    return (LIST_SEPARATOR.join(parsed.movie_titles), parsed.year, parsed.edition, parsed.release_group,
            parsed.simple_release_title, LIST_SEPARATOR.join(parsed.languages), parsed.imdb_id, parsed.tmdb_id,
            quality.quality.name, quality.quality.resolution, quality.revision.version, quality.revision.real)


def _cacheable(title: str) -> bool:
    """Titles DuckDB cannot store (lone surrogates) or with NULs are parsed but not cached."""
    return "\x00" not in title and storable_text(title)


def _batches(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def cached_parses(
    conn: duckdb.DuckDBPyConnection, titles: Iterable[str], parser_version: str = PARSER_VERSION
) -> dict[str, ParsedRelease | None]:
    """Cached results for ``titles`` parsed by ``parser_version``; titles not in the cache are absent."""
    wanted = [title for title in dict.fromkeys(titles) if _cacheable(title)]
    found: dict[str, ParsedRelease | None] = {}
    for batch in _batches(wanted):
        rows = conn.execute(
            "SELECT p.title, p.parsed FROM parsed_releases AS p"
            " JOIN (SELECT unnest(?::VARCHAR[]) AS title) AS w ON p.title = w.title"
            f" WHERE p.parser_version = ? AND {NO_FULL_PARSE} IS NOT TRUE",
            [batch, parser_version],
        ).fetchall()
        for title, parsed in rows:
            found[title] = None if parsed is None else ParsedRelease.from_json(parsed)
    return found


def join_parses(conn: duckdb.DuckDBPyConnection, releases: pd.DataFrame,
                parser_version: str = PARSER_VERSION) -> tuple[pd.DataFrame, list[str]]:
    """``releases`` (rows of ``DecisionInputs.releases``) with the parse columns of the cached parse of each title
    (NULL when the title is not a release or not cached), in the same order; and the titles the cache has no
    parse for under ``parser_version``, each once. List columns come joined by LIST_SEPARATOR."""
    conn.register("releases_read", releases)
    try:
        frame = conn.execute(
            f"""
            SELECT r.*, {IS_RELEASE} AS parsed, p.movie_titles, p.year, p.edition, p.release_group,
                   p.simple_release_title, p.languages, p.imdb_id AS parsed_imdb_id, p.tmdb_id AS parsed_tmdb_id,
                   coalesce(p.quality, 'Unknown') AS quality, p.resolution,
                   coalesce(p.revision, 1) AS revision, coalesce(p."real", 0) AS "real",
                   p.title IS NOT NULL AS cached
            FROM releases_read r
            LEFT JOIN (SELECT * FROM parsed_releases WHERE parser_version = ?) p ON p.title = r.title
            ORDER BY r.release_id
            """,
            [parser_version],
        ).df()
    finally:
        conn.unregister("releases_read")
    unparsed = list(dict.fromkeys(frame["title"].to_numpy(dtype=object)[~frame["cached"].to_numpy(dtype=bool)]))
    return frame.drop(columns="cached"), unparsed


ParseRows = dict[str, list[object]]  # parse_rows' columns: title, parsed (JSON) and PARSE_COLUMNS


def parse_rows(results: Mapping[str, ParsedRelease | None], *, full: bool = True) -> ParseRows:
    """The rows the cache stores for ``results`` (titles DuckDB cannot store left out), built without the
    database: a writer only inserts them. ``full=False``: the typed columns without the JSON (see the module)."""
    titles = [title for title in results if _cacheable(title)]
    empty = (None,) * len(PARSE_COLUMNS)
    parses = [results[title] for title in titles]
    values = list(zip(*(empty if p is None else parse_columns(p) for p in parses), strict=True)) or [
        () for _ in PARSE_COLUMNS]
    return {"title": list(titles), "parsed": [None if p is None or not full else p.to_json() for p in parses],
            **{name: list(column) for name, column in zip(PARSE_COLUMNS, values, strict=True)}}


def store_parse_rows(conn: duckdb.DuckDBPyConnection, parser_version: str, rows: ParseRows,
                     start: int = 0, stop: int | None = None) -> int:
    """Insert or replace rows ``start:stop`` of ``parse_rows`` under ``parser_version`` in one statement
    (``bulk_rows``: a frame for many; a list parameter of 100,000 JSON texts held the file for seconds)."""
    columns: dict[str, Sequence[object]] = {name: values[start:stop] for name, values in rows.items()}
    if not columns["title"]:
        return 0
    with bulk_rows(conn, columns) as selected:
        conn.execute(
            f"INSERT OR REPLACE INTO parsed_releases (title, parser_version, parsed, parsed_at,"
            f" {', '.join(_quoted(c) for c in PARSE_COLUMNS)})"
            f" SELECT title::VARCHAR, ?, parsed::JSON, current_timestamp, {', '.join(_typed(c) for c in PARSE_COLUMNS)}"
            f" FROM {selected.sql}",
            [parser_version, *selected.params],
        )
    return len(columns["title"])


def store_parses(
    conn: duckdb.DuckDBPyConnection,
    parser_version: str,
    results: Mapping[str, ParsedRelease | None],
) -> int:
    """Insert or replace the parse of each title under ``parser_version``; returns the rows written."""
    return store_parse_rows(conn, parser_version, parse_rows(results))


_TYPES = {"year": "INTEGER", "tmdb_id": "BIGINT", "resolution": "INTEGER", "revision": "INTEGER", "real": "INTEGER"}


def _quoted(column: str) -> str:
    return f'"{column}"'


def _typed(column: str) -> str:
    return f'{_quoted(column)}::{_TYPES.get(column, "VARCHAR")}'
