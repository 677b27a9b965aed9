"""Editing movies the user manages: monitoring, profile, availability, tags, paths after a move, removal; and the
journal of file moves that makes a move, a rename or a deletion finishable after a crash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb


@dataclass(frozen=True)
class FileMove:
    """One file of an operation: from ``source`` to ``destination`` (``expected_size`` bytes)."""

    source: str
    destination: str
    expected_size: int


@dataclass(frozen=True)
class JournaledOperation:
    """The moves of one operation and what to record once they are done."""

    operation: str
    moves: tuple[FileMove, ...]
    record: dict[str, Any]


class MovieEditRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def set_monitored(self, variant_ids: list[int], monitored: bool) -> None:
        self._conn.execute("UPDATE variants SET monitored = ? WHERE id IN (SELECT unnest(?))",
                           [monitored, variant_ids])

    def set_quality_profile(self, variant_id: int, profile: str) -> None:
        self._conn.execute("UPDATE variants SET quality_profile = ? WHERE id = ?", [profile, variant_id])

    def set_minimum_availability(self, movie_id: int, availability: str) -> None:
        self._conn.execute("UPDATE movies SET minimum_availability = ? WHERE id = ?", [availability, movie_id])

    def set_root_folder(self, variant_id: int, root_folder: str) -> None:
        self._conn.execute("UPDATE variants SET root_folder = ? WHERE id = ?", [root_folder, variant_id])

    def variants_of(self, movie_id: int) -> list[tuple[int, str, str, bool]]:
        """(variant id, quality profile, root folder, monitored) of the movie's versions."""
        return [(r[0], r[1], r[2], r[3]) for r in self._conn.execute(
            "SELECT id, quality_profile, root_folder, monitored FROM variants WHERE movie_id = ? ORDER BY id",
            [movie_id]).fetchall()]

    def tags_of(self, movie_id: int) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT t.label FROM movie_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.movie_id = ?"
            " ORDER BY t.label", [movie_id]).fetchall()]

    def tags_of_many(self, movie_ids: list[int]) -> dict[int, list[str]]:
        """Each movie's tag labels, as :meth:`tags_of` (movies without tags are left out; one query)."""
        if not movie_ids:
            return {}
        result: dict[int, list[str]] = {}
        for movie_id, label in self._conn.execute(
            "SELECT mt.movie_id, t.label FROM movie_tags mt JOIN tags t ON t.id = mt.tag_id"
            " WHERE mt.movie_id IN (SELECT unnest(?)) ORDER BY mt.movie_id, t.label", [list(set(movie_ids))]
        ).fetchall():
            result.setdefault(movie_id, []).append(label)
        return result

    def add_tags(self, movie_ids: list[int], labels: list[str]) -> None:
        """Tag the movies (tags are created when new); a tag a movie has already is kept once."""
        if not labels or not movie_ids:
            return
        self._conn.execute(
            "INSERT INTO tags (label) SELECT DISTINCT l FROM unnest(?::VARCHAR[]) AS u(l)"
            " WHERE l NOT IN (SELECT label FROM tags)", [labels])
        self._conn.execute(
            "INSERT INTO movie_tags (movie_id, tag_id) SELECT DISTINCT m, t.id FROM unnest(?::BIGINT[]) AS mm(m)"
            " CROSS JOIN tags t WHERE t.label IN (SELECT unnest(?::VARCHAR[]))"
            " ON CONFLICT (movie_id, tag_id) DO NOTHING", [movie_ids, labels])

    def remove_tags(self, movie_id: int, labels: list[str]) -> None:
        self._conn.execute(
            "DELETE FROM movie_tags WHERE movie_id = ? AND tag_id IN"
            " (SELECT id FROM tags WHERE label IN (SELECT unnest(?::VARCHAR[])))", [movie_id, labels])

    def replace_paths(self, renamed: list[tuple[str, str]]) -> None:
        """Movie files and extra files recorded at an old path are now at the new one (old, new pairs)."""
        if not renamed:
            return
        old, new = [r[0] for r in renamed], [r[1] for r in renamed]
        for table in ("movie_files", "extra_files"):
            self._conn.execute(
                f"UPDATE {table} SET path = u.new FROM (SELECT unnest(?::VARCHAR[]) AS old,"
                f" unnest(?::VARCHAR[]) AS new) u WHERE {table}.path = u.old", [old, new])

    def remove_movie(self, movie_id: int) -> None:
        """The movie and everything that hangs on it, history and downloads aside (they are what happened)."""
        variants = "(SELECT id FROM variants WHERE movie_id = $movie)"
        for statement in (
            f"DELETE FROM movie_files WHERE variant_id IN {variants}",
            f"DELETE FROM extra_files WHERE variant_id IN {variants}",
            f"DELETE FROM wanted WHERE variant_id IN {variants}",
            f"DELETE FROM candidates WHERE variant_id IN {variants}",
            f"DELETE FROM candidate_digests WHERE variant_id IN {variants}",
            "DELETE FROM variants WHERE movie_id = $movie",
            "DELETE FROM movie_alternative_titles WHERE movie_id = $movie",
            "DELETE FROM movie_tags WHERE movie_id = $movie",
            "DELETE FROM movie_searches WHERE movie_id = $movie",
            "DELETE FROM search_requests WHERE movie_id = $movie",
            "DELETE FROM movies WHERE id = $movie",
        ):
            self._conn.execute(statement, {"movie": movie_id})


class FileMoveJournalRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, operation: JournaledOperation, at: datetime) -> None:
        moves = operation.moves
        record = json.dumps(operation.record, default=str)
        if not moves:  # an operation without files still needs its row, so the record is kept
            moves = (FileMove("", "", 0),)
        self._conn.execute(
            "INSERT INTO file_moves (operation, source, destination, expected_size, started_at, record)"
            " SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::BIGINT[]), ?, ?",
            [operation.operation, [m.source for m in moves], [m.destination for m in moves],
             [m.expected_size for m in moves], at, record])

    def unfinished(self) -> list[JournaledOperation]:
        rows = self._conn.execute(
            "SELECT operation, source, destination, expected_size, record FROM file_moves ORDER BY id").fetchall()
        grouped: dict[str, tuple[list[FileMove], dict[str, Any]]] = {}
        for operation, source, destination, size, record in rows:
            moves, _ = grouped.setdefault(operation, ([], json.loads(record)))
            if source:
                moves.append(FileMove(source, destination, size))
        return [JournaledOperation(op, tuple(moves), record) for op, (moves, record) in grouped.items()]

    def close(self, operation: str) -> None:
        self._conn.execute("DELETE FROM file_moves WHERE operation = ?", [operation])


@dataclass(frozen=True)
class RecordedFile:
    """A movie file as renaming needs it."""

    movie_id: int
    variant_id: int
    path: str
    size: int
    quality: str
    revision: int
    release_group: str | None
    edition: str | None
    scene_name: str | None
    media_info: str | None


def recorded_files(conn: duckdb.DuckDBPyConnection, movie_id: int | None) -> list[RecordedFile]:
    """Every recorded movie file (of one movie, or of all), by movie and variant."""
    rows = conn.execute(
        "SELECT v.movie_id, f.variant_id, f.path, f.size, f.quality, f.revision, f.release_group, f.edition,"
        " f.scene_name, f.media_info FROM movie_files f JOIN variants v ON v.id = f.variant_id"
        " WHERE $movie IS NULL OR v.movie_id = $movie ORDER BY v.movie_id, f.variant_id", {"movie": movie_id}
    ).fetchall()
    return [RecordedFile(*r) for r in rows]


def extra_paths(conn: duckdb.DuckDBPyConnection, variant_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for variant_id, path in conn.execute(
            "SELECT variant_id, path FROM extra_files WHERE variant_id IN (SELECT unnest(?::BIGINT[])) ORDER BY id",
            [variant_ids]).fetchall():
        result.setdefault(variant_id, []).append(path)
    return result
