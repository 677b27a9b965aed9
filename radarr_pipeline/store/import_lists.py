"""Import lists: the exclusion list, what each list named on its last good sync, and each list's sync status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb


@dataclass(frozen=True)
class Exclusion:
    tmdb_id: int | None
    imdb_id: str | None
    title: str
    year: int | None


@dataclass(frozen=True)
class ListStatus:
    list_name: str
    last_attempt_at: datetime
    last_success_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class LibraryEntry:
    """A movie in the library as clean library sees it."""

    movie_id: int
    title: str
    year: int
    tmdb_id: int | None
    imdb_id: str | None
    variant_ids: tuple[int, ...]


class ImportListRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def exclusions(self) -> list[Exclusion]:
        return [Exclusion(*r) for r in self._conn.execute(
            "SELECT tmdb_id, imdb_id, title, year FROM import_list_exclusions ORDER BY added_at").fetchall()]

    def exclude(self, exclusion: Exclusion, at: datetime) -> bool:
        """Put the movie on the exclusion list; False when it is there already (by TMDB or IMDb id)."""
        if exclusion.tmdb_id is None and exclusion.imdb_id is None:
            raise ValueError(f"{exclusion.title} has no TMDB or IMDb id: an exclusion needs one")
        row = self._conn.execute(
            "SELECT count(*) FROM import_list_exclusions WHERE tmdb_id = ? OR imdb_id = ?",
            [exclusion.tmdb_id, exclusion.imdb_id]).fetchone()
        if row and row[0]:
            return False
        self._conn.execute(
            "INSERT INTO import_list_exclusions (tmdb_id, imdb_id, title, year, added_at) VALUES (?, ?, ?, ?, ?)",
            [exclusion.tmdb_id, exclusion.imdb_id, exclusion.title, exclusion.year, at])
        return True

    def remove_exclusion(self, *, tmdb_id: int | None, imdb_id: str | None) -> int:
        row = self._conn.execute(
            "DELETE FROM import_list_exclusions WHERE tmdb_id = ? OR imdb_id = ? RETURNING 1",
            [tmdb_id, imdb_id]).fetchall()
        return len(row)

    def statuses(self) -> dict[str, ListStatus]:
        return {r[0]: ListStatus(*r) for r in self._conn.execute(
            "SELECT list_name, last_attempt_at, last_success_at, last_error FROM import_list_status").fetchall()}

    def record_attempts(self, outcomes: list[tuple[str, str | None]], at: datetime) -> None:
        """(list name, error or None) of each list synced now."""
        if not outcomes:
            return
        self._conn.execute(
            "INSERT INTO import_list_status (list_name, last_attempt_at, last_success_at, last_error)"
            " SELECT n, $at, CASE WHEN e IS NULL THEN $at END, e"
            " FROM (SELECT unnest($names::VARCHAR[]) AS n, unnest($errors::VARCHAR[]) AS e)"
            " ON CONFLICT (list_name) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,"
            " last_success_at = coalesce(excluded.last_success_at, import_list_status.last_success_at),"
            " last_error = excluded.last_error",
            {"at": at, "names": [o[0] for o in outcomes], "errors": [o[1] for o in outcomes]})

    def replace_listed(self, list_name: str, movies: list[tuple[int | None, str | None, str | None, int | None]],
                       at: datetime) -> None:
        """What the list named on this successful sync: (tmdb id, imdb id, title, year) rows."""
        self._conn.execute("DELETE FROM import_list_movies WHERE list_name = ?", [list_name])
        if movies:
            self._conn.execute(
                "INSERT INTO import_list_movies (list_name, tmdb_id, imdb_id, title, year, synced_at)"
                " SELECT ?, unnest(?::BIGINT[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[]), ?",
                [list_name, [m[0] for m in movies], [m[1] for m in movies], [m[2] for m in movies],
                 [m[3] for m in movies], at])

    def forget_lists_except(self, list_names: list[str]) -> None:
        """A list removed from the configuration no longer names anything."""
        self._conn.execute("DELETE FROM import_list_movies WHERE list_name NOT IN (SELECT unnest(?::VARCHAR[]))",
                           [list_names])

    def listed_ids(self) -> tuple[set[int], set[str]]:
        """TMDB and IMDb ids named by any list on its last good sync."""
        rows = self._conn.execute("SELECT tmdb_id, imdb_id FROM import_list_movies").fetchall()
        return {r[0] for r in rows if r[0] is not None}, {r[1] for r in rows if r[1]}

    def library(self) -> list[LibraryEntry]:
        rows = self._conn.execute(
            "SELECT m.id, m.title, m.year, m.tmdb_id, m.imdb_id, list(v.id ORDER BY v.id) FROM movies m"
            " LEFT JOIN variants v ON v.movie_id = m.id GROUP BY ALL ORDER BY m.id").fetchall()
        return [LibraryEntry(r[0], r[1], r[2], r[3], r[4], tuple(i for i in r[5] if i is not None)) for r in rows]
