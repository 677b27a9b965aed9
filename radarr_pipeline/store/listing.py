"""The lists people page through (movies, queue, history): filtered, sorted, counted and cut in SQL.

A list of 50,000 rows is two queries (the count and the page) and no Python per row beyond reading it. Nothing
here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from radarr_pipeline.models import FINISHED_STATES

if TYPE_CHECKING:  # the front doors build a Window before the store is opened: no DuckDB import for that
    from datetime import datetime

    import duckdb

_FINISHED = ", ".join(sorted(f"'{state.value}'" for state in FINISHED_STATES))

#: A variant's latest download (``d``), by its last update: its state says whether the variant is downloading.
LATEST_DOWNLOAD = (
    "LEFT JOIN (SELECT variant_id, arg_max(state, updated_at) AS state FROM downloads GROUP BY variant_id) d"
    " ON d.variant_id = v.id"
)

#: Where a variant (``v``) stands, from its file (``f``) and its latest download (``d``): downloaded, the state
#: of its active download (queued, downloading...), missing (monitored) or unmonitored.
VARIANT_STATUS = (
    "CASE WHEN f.path IS NOT NULL THEN 'downloaded'"
    f" WHEN d.state IS NOT NULL AND d.state NOT IN ({_FINISHED}) THEN d.state"
    " WHEN v.monitored THEN 'missing' ELSE 'unmonitored' END"
)

_MOVIES = f"""
    SELECT m.id, m.title, m.year, v.quality_profile AS profile, {VARIANT_STATUS} AS status, f.quality,
           f.path AS file, v.id AS variant_id, v.root_folder, v.monitored, m.tmdb_id, m.imdb_id
    FROM movies m
    JOIN variants v ON v.movie_id = m.id
    LEFT JOIN movie_files f ON f.variant_id = v.id
    {LATEST_DOWNLOAD}
"""

_QUEUE = f"""
    SELECT dl.id, dl.title AS download, dl.state, dl.progress, dl.eta_seconds, dl.download_id AS hash,
           dl.status_message AS message, m.id AS movie_id, m.title AS movie, m.year, dl.variant_id, dl.quality,
           dl.size, dl.grabbed_at
    FROM downloads dl
    JOIN variants v ON v.id = dl.variant_id
    JOIN movies m ON m.id = v.movie_id
    WHERE dl.state NOT IN ({_FINISHED})
"""

_HISTORY = """
    SELECT h.id, h.occurred_at, h.event, h.movie_id, m.title AS movie, h.source_title, h.quality,
           h.download_id, h.variant_id, h.data
    FROM history h
    LEFT JOIN movies m ON m.id = h.movie_id
"""


def _utc_text(column: str) -> str:
    """A time as ISO 8601 text in UTC, to the second (text is read far faster than a datetime with its zone)."""
    return f"strftime({column} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')"


# The columns of each list, in order, with the SQL giving each from the query above.
MOVIE_COLUMNS = {name: name for name in ("id", "title", "year", "profile", "status", "quality", "file", "variant_id",
                                         "root_folder", "monitored", "tmdb_id", "imdb_id")}
QUEUE_COLUMNS = {name: name for name in ("id", "download", "state", "progress", "eta_seconds", "hash", "message",
                                         "movie_id", "movie", "year", "variant_id", "quality", "size")}
QUEUE_COLUMNS["grabbed_at"] = _utc_text("grabbed_at")
HISTORY_COLUMNS = {"id": "id", "occurred_at": _utc_text("occurred_at")}
HISTORY_COLUMNS.update((name, name) for name in ("event", "movie_id", "movie", "source_title", "quality",
                                                 "download_id", "variant_id", "data"))


@dataclass(frozen=True)
class Page:
    """Some rows of a list, with the names of their columns and how many rows the whole list has. Times are ISO
    8601 text in UTC."""

    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]
    total: int  # rows matching the filters, before the offset and the limit


@dataclass(frozen=True)
class JsonPage:
    """Some rows of a list, each a JSON object (made by DuckDB) with every column, and how many rows the whole
    list has."""

    objects: list[str]
    total: int


@dataclass
class _Where:
    """Filters joined by AND, each a SQL condition with its parameters (values are always parameters)."""

    conditions: list[str]
    parameters: list[object]

    def add(self, condition: str, *parameters: object) -> None:
        self.conditions.append(condition)
        self.parameters.extend(parameters)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


@dataclass(frozen=True)
class Window:
    """Which rows of a list, and in which form: ``limit`` rows (None: all) after ``offset``; JSON objects or
    rows."""

    limit: int | None = None
    offset: int = 0
    as_json: bool = False


class ListingQueries:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def _page(self, source: str, columns: dict[str, str], where: _Where, order: str,
              window: Window) -> Page | JsonPage:
        listed = f"FROM ({source}) listed {where.sql()}"
        count = self._conn.execute(f"SELECT count(*) {listed}", where.parameters).fetchone()
        total = count[0] if count else 0
        if window.as_json:
            select = f"to_json(struct_pack({', '.join(f'{name} := {sql}' for name, sql in columns.items())}))"
        else:
            select = ", ".join(f"{sql} AS {name}" for name, sql in columns.items())
        rows = self._conn.execute(f"SELECT {select} {listed} ORDER BY {order} LIMIT ? OFFSET ?",
                                  [*where.parameters, window.limit, window.offset]).fetchall()
        if window.as_json:
            return JsonPage([row[0] for row in rows], total)
        return Page(tuple(columns), rows, total)

    def movies(self, window: Window, *, statuses: tuple[str, ...] = (), profiles: tuple[str, ...] = (),
               tags: tuple[str, ...] = ()) -> Page | JsonPage:
        """Every version of every movie with its status, by title, year and version."""
        where = _Where([], [])
        if tags:
            where.add("id IN (SELECT mt.movie_id FROM movie_tags mt JOIN tags t ON t.id = mt.tag_id"
                      " WHERE t.label IN (SELECT unnest(?::VARCHAR[])))", list(tags))
        if statuses:
            where.add("status IN (SELECT unnest(?::VARCHAR[]))", list(statuses))
        if profiles:
            where.add("profile IN (SELECT unnest(?::VARCHAR[]))", list(profiles))
        return self._page(_MOVIES, MOVIE_COLUMNS, where, "listed.title, listed.year, listed.variant_id", window)

    def queue(self, window: Window, *, movie_id: int | None = None,
              states: tuple[str, ...] = ()) -> Page | JsonPage:
        """Downloads still in progress or waiting to be handled, in the order they were grabbed."""
        where = _Where([], [])
        if movie_id is not None:
            where.add("movie_id = ?", movie_id)
        if states:
            where.add("state IN (SELECT unnest(?::VARCHAR[]))", list(states))
        return self._page(_QUEUE, QUEUE_COLUMNS, where, "listed.id", window)

    def history(self, window: Window, *, movie_id: int | None = None, events: tuple[str, ...] = (),
                since: datetime | None = None) -> Page | JsonPage:
        """What happened (grabs, imports, failures...), newest first."""
        where = _Where([], [])
        if movie_id is not None:
            where.add("movie_id = ?", movie_id)
        if events:
            where.add("event IN (SELECT unnest(?::VARCHAR[]))", list(events))
        if since is not None:
            where.add("occurred_at >= ?", since)
        return self._page(_HISTORY, HISTORY_COLUMNS, where, "listed.occurred_at DESC, listed.id DESC", window)
