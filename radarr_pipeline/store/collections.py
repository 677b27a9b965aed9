"""TMDB collections the user follows (Radarr's MovieCollection) and movies waiting for a requested search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb


@dataclass(frozen=True)
class FollowedCollection:
    tmdb_id: int
    title: str
    monitored: bool
    quality_profile: str | None
    root_folder: str | None
    minimum_availability: str
    synced_at: datetime | None = None


class CollectionRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def all(self) -> list[FollowedCollection]:
        return [FollowedCollection(*r) for r in self._conn.execute(
            "SELECT tmdb_id, title, monitored, quality_profile, root_folder, minimum_availability, synced_at"
            " FROM collections ORDER BY title, tmdb_id").fetchall()]

    def monitored(self) -> list[FollowedCollection]:
        return [c for c in self.all() if c.monitored]

    def save(self, collection: FollowedCollection, at: datetime) -> bool:
        """Follow a collection, or change how it is followed; True when it was not followed before."""
        row = self._conn.execute("SELECT count(*) FROM collections WHERE tmdb_id = ?", [collection.tmdb_id]).fetchone()
        self._conn.execute(
            "INSERT INTO collections (tmdb_id, title, monitored, quality_profile, root_folder, minimum_availability,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tmdb_id) DO UPDATE SET title = excluded.title,"
            " monitored = excluded.monitored, quality_profile = excluded.quality_profile,"
            " root_folder = excluded.root_folder, minimum_availability = excluded.minimum_availability",
            [collection.tmdb_id, collection.title, collection.monitored, collection.quality_profile,
             collection.root_folder, collection.minimum_availability, at])
        return not (row and row[0])

    def mark_synced(self, tmdb_ids: list[int], at: datetime) -> None:
        self._conn.execute("UPDATE collections SET synced_at = ? WHERE tmdb_id IN (SELECT unnest(?::BIGINT[]))",
                           [at, tmdb_ids])

    def collection_of(self, movie_id: int) -> tuple[int, str] | None:
        """The (TMDB collection id, name) a library movie belongs to, as its metadata says; None when none."""
        row = self._conn.execute(
            "SELECT collection_tmdb_id, coalesce(collection, '') FROM movies WHERE id = ?"
            " AND collection_tmdb_id IS NOT NULL", [movie_id]).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def library_tmdb_ids(self) -> set[int]:
        return {r[0] for r in self._conn.execute("SELECT tmdb_id FROM movies WHERE tmdb_id IS NOT NULL").fetchall()}

    def excluded_tmdb_ids(self) -> set[int]:
        return {r[0] for r in self._conn.execute(
            "SELECT tmdb_id FROM import_list_exclusions WHERE tmdb_id IS NOT NULL").fetchall()}


class SearchRequestRepository:
    """Movies added with a search requested: searched first at the next search run, then forgotten."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def request(self, movie_ids: list[int], at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO search_requests (movie_id, requested_at) SELECT DISTINCT unnest(?::BIGINT[]), ?"
            " ON CONFLICT (movie_id) DO NOTHING", [movie_ids, at])

    def requested(self) -> dict[int, datetime]:
        """Movie id -> when its search was requested (movies still in the library)."""
        return {r[0]: r[1] for r in self._conn.execute(
            "SELECT r.movie_id, r.requested_at FROM search_requests r JOIN movies m ON m.id = r.movie_id").fetchall()}

    def clear(self, movie_ids: list[int]) -> None:
        self._conn.execute("DELETE FROM search_requests WHERE movie_id IN (SELECT unnest(?::BIGINT[]))", [movie_ids])
