"""What the HTTP API shows, read in bulk: movies with the version in a set of root folders (its file and
tags), tags with their use, the queue with its movies, history pages. Persistence only: the API's resource
shapes are built above, except the movie resources DuckDB lays out itself (store.movie_json)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from radarr_pipeline.models import FINISHED_STATES
from radarr_pipeline.store.movie_json import JOINS, MovieFilter, selection


@dataclass(frozen=True)
class FileView:
    id: int
    path: str
    size: int
    quality: str
    revision: int
    release_group: str | None
    edition: str | None
    scene_name: str | None
    added_at: datetime


@dataclass(frozen=True)
class MovieView:
    """A movie as one API instance sees it: its first version among the instance's root folders."""

    id: int
    title: str
    original_title: str | None
    year: int
    secondary_year: int | None
    tmdb_id: int | None
    imdb_id: str | None
    runtime_minutes: int | None
    minimum_availability: str
    added_at: datetime
    in_cinemas: date | None
    digital_release: date | None
    physical_release: date | None
    certification: str | None
    genres: tuple[str, ...]
    tmdb_status: str | None
    collection: str | None
    collection_tmdb_id: int | None
    poster_path: str | None
    variant_id: int
    quality_profile: str
    root_folder: str
    monitored: bool
    tag_ids: tuple[int, ...]
    file: FileView | None


_MOVIE_SQL = f"""
, movie_tag_ids AS (
    SELECT movie_id, list(tag_id ORDER BY tag_id) AS tag_ids FROM movie_tags GROUP BY movie_id
)
SELECT m.id, m.title, m.original_title, m.year, m.secondary_year, m.tmdb_id, m.imdb_id, m.runtime_minutes,
       m.minimum_availability, m.added_at, m.in_cinemas, m.digital_release, m.physical_release, m.certification,
       m.genres, m.tmdb_status, m.collection, m.collection_tmdb_id, m.poster_path,
       c.id, c.quality_profile, c.root_folder, c.monitored, t.tag_ids,
       f.id, f.path, f.size, f.quality, f.revision, f.release_group, f.edition, f.scene_name, f.added_at
FROM movies m {JOINS}
LEFT JOIN movie_tag_ids t ON t.movie_id = m.id
"""


def _movie_view(row: tuple) -> MovieView:
    file = FileView(*row[24:33]) if row[24] is not None else None
    values: list[Any] = [*row[:14], tuple(row[14] or ()), *row[15:23], tuple(row[23] or ()), file]
    return MovieView(*values)


class ApiViewRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def movies(self, roots: list[str], where: MovieFilter) -> list[MovieView]:
        """The movies ``where`` names among those with a version in ``roots``, by id order (the API's resources
        of the same movies: :class:`~radarr_pipeline.store.movie_json.MovieJsonRepository`)."""
        chosen, condition, params = selection(roots, where)
        return [_movie_view(r) for r in self._conn.execute(chosen + _MOVIE_SQL + condition + " ORDER BY m.id",
                                                           params).fetchall()]

    def tags(self) -> list[tuple[int, str, tuple[int, ...]]]:
        """(id, label, movie ids) of every tag."""
        rows = self._conn.execute(
            "SELECT t.id, t.label, list(mt.movie_id ORDER BY mt.movie_id) FILTER (WHERE mt.movie_id IS NOT NULL)"
            " FROM tags t LEFT JOIN movie_tags mt ON mt.tag_id = t.id GROUP BY t.id, t.label ORDER BY t.id"
        ).fetchall()
        return [(r[0], r[1], tuple(r[2] or ())) for r in rows]

    def add_tag(self, label: str) -> int:
        """The tag's id (created when new; an existing label is reused, as Radarr does)."""
        found = self._conn.execute("SELECT id FROM tags WHERE label = ?", [label]).fetchone()
        if found is not None:
            return int(found[0])
        row = self._conn.execute("INSERT INTO tags (label) VALUES (?) RETURNING id", [label]).fetchone()
        assert row is not None
        return int(row[0])

    def rename_tag(self, tag_id: int, label: str) -> bool:
        return self._conn.execute("UPDATE tags SET label = ? WHERE id = ? RETURNING id", [label, tag_id]).fetchone()\
            is not None

    def delete_tag(self, tag_id: int) -> bool:
        self._conn.execute("DELETE FROM movie_tags WHERE tag_id = ?", [tag_id])
        return self._conn.execute("DELETE FROM tags WHERE id = ? RETURNING id", [tag_id]).fetchone() is not None

    def set_movie_tags(self, movie_id: int, tag_ids: list[int]) -> None:
        self._conn.execute("DELETE FROM movie_tags WHERE movie_id = ?", [movie_id])
        self._conn.execute("INSERT INTO movie_tags (movie_id, tag_id) SELECT DISTINCT ?, id FROM tags"
                           " WHERE id IN (SELECT unnest(?::BIGINT[]))", [movie_id, tag_ids])

    def known_tag_ids(self, tag_ids: list[int]) -> set[int]:
        return {r[0] for r in self._conn.execute("SELECT id FROM tags WHERE id IN (SELECT unnest(?::BIGINT[]))",
                                                 [tag_ids]).fetchall()}

    def queue(self, roots: list[str], offset: int = 0, limit: int | None = None) -> tuple[int, list[tuple]]:
        """(total, page) of the active downloads of versions in ``roots``: (download pk, movie id, title, quality,
        state, message, progress, size, client, download id, grabbed at, eta seconds, indexer), by pk."""
        where = (" FROM downloads d JOIN variants v ON v.id = d.variant_id WHERE d.state NOT IN"
                 " (SELECT unnest(?::VARCHAR[])) AND v.root_folder IN (SELECT unnest(?::VARCHAR[]))")
        params: list[object] = [sorted(str(s) for s in FINISHED_STATES), roots]
        total = self._conn.execute(f"SELECT count(*){where}", params).fetchone()
        rows = self._conn.execute(
            "SELECT d.id, v.movie_id, d.title, d.quality, d.state, d.status_message, d.progress, d.size, d.client,"
            " d.download_id, d.grabbed_at, d.eta_seconds, r.indexer"
            f"{where.replace(' WHERE', ' LEFT JOIN releases r ON r.id = d.release_id WHERE')} ORDER BY d.id"
            " LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        return (int(total[0]) if total else 0), rows

    def history(self, roots: list[str], movie_id: int | None, offset: int, limit: int) -> tuple[int, list[tuple]]:
        """(total, page) of history rows: (id, occurred at, event, movie id, source title, download id, quality,
        data as JSON text), newest first."""
        where = ("(h.variant_id IS NULL OR h.variant_id IN (SELECT id FROM variants"
                 " WHERE root_folder IN (SELECT unnest(?::VARCHAR[]))))")
        params: list[object] = [roots]
        if movie_id is not None:
            where += " AND h.movie_id = ?"
            params.append(movie_id)
        total = self._conn.execute(f"SELECT count(*) FROM history h WHERE {where}", params).fetchone()
        rows = self._conn.execute(
            f"SELECT h.id, h.occurred_at, h.event, h.movie_id, h.source_title, h.download_id, h.quality,"
            f" h.data::VARCHAR FROM history h WHERE {where} ORDER BY h.occurred_at DESC, h.id DESC"
            f" LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        return (int(total[0]) if total else 0), rows

    def decisions(self, variant_id: int) -> list[dict[str, Any]]:
        """Every recorded decision on one version with its release, best first (approved by rank, then pending,
        then rejected by quality)."""
        cursor = self._conn.execute(
            "SELECT r.id AS release_id, r.guid, r.title, r.indexer, r.size, r.seeders, r.peers, r.published_at,"
            " r.protocol, r.info_url, r.download_url, r.magnet_url, r.infohash, r.imdb_id, r.tmdb_id,"
            " r.indexer_flags, c.movie_id, c.quality, c.revision, c.real, c.format_score, c.formats, c.status,"
            " c.approved, c.rank, c.rejections, c.rejected_by, c.matched_by, c.quality_rank"
            " FROM candidates c JOIN releases r ON r.id = c.release_id WHERE c.variant_id = ?"
            " ORDER BY c.rank NULLS LAST, c.status = 'rejected', c.quality_rank DESC, c.format_score DESC, r.title",
            [variant_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def release_id(self, guid: str, indexer: str) -> int | None:
        row = self._conn.execute("SELECT id FROM releases WHERE guid = ? AND indexer = ? ORDER BY id DESC LIMIT 1",
                                 [guid, indexer]).fetchone()
        return int(row[0]) if row else None

    def judged_movie(self, release_id: int, roots: list[str]) -> int | None:
        """The movie (with a version in ``roots``) a release was judged for, preferring one it was approved for."""
        row = self._conn.execute(
            "SELECT c.movie_id FROM candidates c JOIN variants v ON v.id = c.variant_id WHERE c.release_id = ?"
            " AND v.root_folder IN (SELECT unnest(?::VARCHAR[])) ORDER BY c.approved DESC, c.movie_id LIMIT 1",
            [release_id, roots]).fetchone()
        return int(row[0]) if row else None

    def blocklist(self, roots: list[str], offset: int, limit: int) -> tuple[int, list[tuple]]:
        """(total, page) of blocklist rows of movies with a version in ``roots``: (id, movie id, source title,
        indexer, infohash, quality, size, reason, blocklisted at), newest first."""
        where = "movie_id IN (SELECT movie_id FROM variants WHERE root_folder IN (SELECT unnest(?::VARCHAR[])))"
        total = self._conn.execute(f"SELECT count(*) FROM blocklist WHERE {where}", [roots]).fetchone()
        rows = self._conn.execute(
            f"SELECT id, movie_id, source_title, indexer, infohash, quality, size, reason, blocklisted_at"
            f" FROM blocklist WHERE {where} ORDER BY blocklisted_at DESC, id DESC LIMIT ? OFFSET ?",
            [roots, limit, offset]).fetchall()
        return (int(total[0]) if total else 0), rows

    def delete_blocklisted(self, ids: list[int]) -> list[int]:
        """Remove these blocklist entries; the ids that existed."""
        return [r[0] for r in self._conn.execute(
            "DELETE FROM blocklist WHERE id IN (SELECT unnest(?::BIGINT[])) RETURNING id", [ids]).fetchall()]

    def last_commands(self) -> dict[str, datetime]:
        return dict(self._conn.execute("SELECT name, max(queued_at) FROM api_commands GROUP BY name").fetchall())
