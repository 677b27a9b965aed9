"""Release dates of the library's movies, for the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb


@dataclass(frozen=True)
class ReleaseDates:
    movie_id: int
    title: str
    year: int
    in_cinemas: date | None
    digital_release: date | None
    physical_release: date | None
    monitored: bool  # some version of the movie is monitored
    tags: tuple[str, ...]


def release_dates_between(conn: duckdb.DuckDBPyConnection, start: date, end: date) -> list[ReleaseDates]:
    """Movies with a cinema, digital or physical release from ``start`` to ``end`` (inclusive)."""
    rows = conn.execute(
        """
        SELECT m.id, m.title, m.year, m.in_cinemas, m.digital_release, m.physical_release,
               coalesce(bool_or(v.monitored), false),
               coalesce(list(DISTINCT t.label ORDER BY t.label) FILTER (WHERE t.label IS NOT NULL), [])
        FROM movies m
        LEFT JOIN variants v ON v.movie_id = m.id
        LEFT JOIN movie_tags mt ON mt.movie_id = m.id
        LEFT JOIN tags t ON t.id = mt.tag_id
        WHERE m.in_cinemas BETWEEN $start AND $end OR m.digital_release BETWEEN $start AND $end
           OR m.physical_release BETWEEN $start AND $end
        GROUP BY m.id, m.title, m.year, m.in_cinemas, m.digital_release, m.physical_release, m.added_at
        ORDER BY m.added_at, m.id
        """, {"start": start, "end": end}).fetchall()
    return [ReleaseDates(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7])) for r in rows]
