"""Parse results cached in DuckDB, keyed by title and parser version (a new parser version re-parses).

Every function takes an open connection and works in bulk: one query per call, never one per title. Beside the
full parse (JSON), the parts scoring reads are stored as typed columns (``PARSE_COLUMNS``), so reading them for
100,000 releases is a plain column read. Scoring stores the typed columns only (``parse_rows(..., full=False)``):
the JSON is four fifths of a row's bytes, and DuckDB's checkpoint at the close of a unit of work rewrites up to three
row groups (368,640 rows) of the rows appended in small units, which with the JSON held the file for 3.2 s at
244,000 rows. A row without its JSON is a miss for :func:`cached_parses` (which gives full parses); a title that is
not a release has no typed columns either (``quality`` is set for every release).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import duckdb

from radarr_pipeline.models import LIST_SEPARATOR
from radarr_pipeline.parsing import PARSER_VERSION, ParsedRelease
from radarr_pipeline.store.bulk import bulk_rows

_BATCH = 20_000
#: A row of a release stored with its typed columns only (see above): its full parse is not cached.
NO_FULL_PARSE = "(p.parsed IS NULL AND p.quality IS NOT NULL)"
#: The rows of releases, of parsed_releases as ``p`` (a title that is not a release has no typed columns).
IS_RELEASE = "p.quality IS NOT NULL"
# The typed columns of parsed_releases (migration 0125), in parse_columns' order.
PARSE_COLUMNS = ("movie_titles", "year", "edition", "release_group", "simple_release_title", "languages",
                 "imdb_id", "tmdb_id", "quality", "resolution", "revision", "real")


def parse_columns(parsed: ParsedRelease) -> tuple[object, ...]:
    """The typed columns of one parse (lists joined by LIST_SEPARATOR), as the cache stores them."""
    quality = parsed.quality
    return (LIST_SEPARATOR.join(parsed.movie_titles), parsed.year, parsed.edition, parsed.release_group,
            parsed.simple_release_title, LIST_SEPARATOR.join(parsed.languages), parsed.imdb_id, parsed.tmdb_id,
            quality.quality.name, quality.quality.resolution, quality.revision.version, quality.revision.real)


def _cacheable(title: str) -> bool:
    """DuckDB stores valid UTF-8 only; titles with lone surrogates or NULs are parsed but not cached."""
    if "\x00" in title:
        return False
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
