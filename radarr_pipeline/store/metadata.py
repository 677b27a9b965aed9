"""The metadata source's facts in the library: movie columns, alternative titles, translations, cached answers.

Writes are set-based: one statement per table for any number of movies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from radarr_pipeline.decisions.metadata_refresh import RefreshFacts
from radarr_pipeline.models import MovieMetadata


@dataclass(frozen=True)
class KnownMetadata:
    """A movie's ids and what naming and the rules use of its metadata, as stored (to tell what changed)."""

    movie_id: int
    tmdb_id: int | None
    imdb_id: str | None
    title: str
    year: int
    collection: str | None
    original_title: str | None
    certification: str | None
    in_cinemas: date | None
    digital_release: date | None
    physical_release: date | None


_KNOWN = ("id, tmdb_id, imdb_id, title, year, collection, original_title, certification, in_cinemas, "
          "digital_release, physical_release")


class MetadataRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def refresh_facts(self) -> list[RefreshFacts]:
        """Every movie that has an id to ask TMDB with, with its dates and last refresh."""
        rows = self._conn.execute(
            "SELECT id, metadata_refreshed_at, in_cinemas, digital_release, physical_release FROM movies"
            " WHERE tmdb_id IS NOT NULL OR imdb_id IS NOT NULL ORDER BY id"
        ).fetchall()
        return [RefreshFacts(*row) for row in rows]

    def known(self, movie_ids: list[int]) -> dict[int, KnownMetadata]:
        rows = self._conn.execute(
            f"SELECT {_KNOWN} FROM movies WHERE id IN (SELECT unnest(?))", [movie_ids]
        ).fetchall()
        return {row[0]: KnownMetadata(*row) for row in rows}

    def apply(self, updates: list[tuple[int, MovieMetadata]], at: datetime) -> None:
        """Write what TMDB says of these movies (one statement per table). An id another movie already has is
        not taken (the other movie keeps it); alternative titles are added to those kept, translations
        replaced."""
        if not updates:
            return
        ids = [movie_id for movie_id, _ in updates]
        m = [meta for _, meta in updates]
        self._conn.execute(
            """
            UPDATE movies SET
                title = u.title, year = u.year, original_title = u.original_title,
                original_language = coalesce(u.original_language, movies.original_language),
                secondary_year = u.secondary_year, runtime_minutes = coalesce(u.runtime, movies.runtime_minutes),
                genres = u.genres, tmdb_status = u.status, collection_tmdb_id = u.collection_id,
                collection = u.collection, certification = u.certification, in_cinemas = u.in_cinemas,
                digital_release = u.digital, physical_release = u.physical, poster_path = u.poster,
                metadata_refreshed_at = ?,
                tmdb_id = CASE WHEN movies.tmdb_id IS NULL AND NOT EXISTS
                    (SELECT 1 FROM movies o WHERE o.tmdb_id = u.tmdb_id) THEN u.tmdb_id ELSE movies.tmdb_id END,
                imdb_id = CASE WHEN movies.imdb_id IS NULL AND u.imdb_id IS NOT NULL AND NOT EXISTS
                    (SELECT 1 FROM movies o WHERE o.imdb_id = u.imdb_id) THEN u.imdb_id ELSE movies.imdb_id END
            FROM (SELECT unnest(?::BIGINT[]) AS id, unnest(?::BIGINT[]) AS tmdb_id, unnest(?::VARCHAR[]) AS imdb_id,
                         unnest(?::VARCHAR[]) AS title, unnest(?::INTEGER[]) AS year,
                         unnest(?::VARCHAR[]) AS original_title, unnest(?::VARCHAR[]) AS original_language,
                         unnest(?::INTEGER[]) AS secondary_year, unnest(?::INTEGER[]) AS runtime,
                         unnest(?::VARCHAR[][]) AS genres, unnest(?::VARCHAR[]) AS status,
                         unnest(?::BIGINT[]) AS collection_id, unnest(?::VARCHAR[]) AS collection,
                         unnest(?::VARCHAR[]) AS certification, unnest(?::DATE[]) AS in_cinemas,
                         unnest(?::DATE[]) AS digital, unnest(?::DATE[]) AS physical,
                         unnest(?::VARCHAR[]) AS poster) u
            WHERE movies.id = u.id
            """,
            [at, ids, [x.tmdb_id for x in m], [x.imdb_id for x in m], [x.title for x in m], [x.year for x in m],
             [x.original_title for x in m], [x.original_language for x in m], [x.secondary_year for x in m],
             [x.runtime_minutes for x in m], [list(x.genres) for x in m], [x.status for x in m],
             [x.collection_tmdb_id for x in m], [x.collection for x in m], [x.certification for x in m],
             [x.in_cinemas for x in m], [x.digital_release for x in m], [x.physical_release for x in m],
             [x.poster_path for x in m]],
        )
        titles = [(i, t) for i, x in updates for t in x.alternative_titles]
        if titles:
            self._conn.execute(
                "INSERT INTO movie_alternative_titles (movie_id, title)"
                " SELECT DISTINCT unnest(?::BIGINT[]), unnest(?::VARCHAR[]) ON CONFLICT DO NOTHING",
                [[i for i, _ in titles], [t for _, t in titles]],
            )
        self._conn.execute("DELETE FROM movie_translations WHERE movie_id IN (SELECT unnest(?::BIGINT[]))", [ids])
        translations = [(i, lang, t) for i, x in updates for lang, t in dict(x.translations).items()]
        if translations:
            self._conn.execute(
                "INSERT INTO movie_translations (movie_id, language, title)"
                " SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]) ON CONFLICT DO NOTHING",
                [[i for i, _, _ in translations], [lang for _, lang, _ in translations],
                 [t for _, _, t in translations]],
            )

    def movie_ids_by_tmdb_id(self, tmdb_ids: list[int]) -> dict[int, int]:
        """TMDB id -> library movie id, for those in the library."""
        rows = self._conn.execute(
            "SELECT tmdb_id, id FROM movies WHERE tmdb_id IN (SELECT unnest(?::BIGINT[]))", [tmdb_ids]
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def set_ids(self, movie_id: int, *, tmdb_id: int | None, imdb_id: str | None) -> None:
        """Give a movie added without ids the ids it was asked for by later (an id another movie has is refused
        by the table's unique constraint, as when adding)."""
        self._conn.execute(
            "UPDATE movies SET tmdb_id = coalesce(tmdb_id, ?), imdb_id = coalesce(imdb_id, ?) WHERE id = ?",
            [tmdb_id, imdb_id, movie_id],
        )

    def cache(self, answers: list[tuple[str, str]], at: datetime) -> None:
        """Keep TMDB's answers (request key, JSON text) with their fetch time; a newer answer replaces the older."""
        if not answers:
            return
        latest = dict(answers)
        self._conn.execute(
            "INSERT OR REPLACE INTO metadata_cache (request, body, fetched_at)"
            " SELECT unnest(?::VARCHAR[]), unnest(?::JSON[]), ?",
            [list(latest), list(latest.values()), at],
        )

    def cached(self, request: str, newer_than: datetime) -> str | None:
        """The cached answer to ``request`` when it was fetched after ``newer_than``."""
        row = self._conn.execute(
            "SELECT body FROM metadata_cache WHERE request = ? AND fetched_at > ?", [request, newer_than]
        ).fetchone()
        return str(row[0]) if row else None

    def translations(self, movie_id: int) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT language, title FROM movie_translations WHERE movie_id = ? ORDER BY language", [movie_id]
        ).fetchall()]
