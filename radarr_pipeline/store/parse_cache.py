"""Parse results cached in DuckDB, keyed by title and parser version (a new parser version re-parses).

Every function takes an open connection and works in bulk: one query per call, never one per title.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import duckdb

from radarr_pipeline.parsing import PARSER_VERSION, ParsedRelease

_BATCH = 20_000


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
            " WHERE p.parser_version = ?",
            [batch, parser_version],
        ).fetchall()
        for title, parsed in rows:
            found[title] = None if parsed is None else ParsedRelease.from_json(parsed)
    return found


def store_parses(
    conn: duckdb.DuckDBPyConnection,
    parser_version: str,
    results: Mapping[str, ParsedRelease | None],
) -> int:
    """Insert or replace the parse of each title under ``parser_version``; returns the rows written."""
    titles = [title for title in results if _cacheable(title)]
    for batch in _batches(titles):
        payloads = [None if (parsed := results[title]) is None else parsed.to_json() for title in batch]
        conn.execute(
            "INSERT OR REPLACE INTO parsed_releases (title, parser_version, parsed, parsed_at)"
            " SELECT unnest(?::VARCHAR[]), ?, unnest(?::VARCHAR[])::JSON, current_timestamp",
            [batch, parser_version, payloads],
        )
    return len(titles)
