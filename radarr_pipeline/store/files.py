from __future__ import annotations

from datetime import datetime

import duckdb

from radarr_pipeline.models import MovieFile

_COLUMNS = "id, variant_id, path, size, quality, import_mode, release_group, edition, scene_name, download_id"


class MovieFileRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def for_variant(self, variant_id: int) -> MovieFile | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM movie_files WHERE variant_id = ?", [variant_id]).fetchone()
        return MovieFile(*row) if row else None

    def record(
        self,
        *,
        variant_id: int,
        path: str,
        size: int,
        quality: str,
        import_mode: str,
        at: datetime,
        release_group: str | None = None,
        edition: str | None = None,
        scene_name: str | None = None,
        download_id: str | None = None,
    ) -> MovieFile:
        """Record the variant's file, replacing the row of a file it upgrades."""
        self._conn.execute("DELETE FROM movie_files WHERE variant_id = ?", [variant_id])
        row = self._conn.execute(
            "INSERT INTO movie_files (variant_id, path, size, quality, import_mode, release_group, edition,"
            " scene_name, download_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [variant_id, path, size, quality, import_mode, release_group, edition, scene_name, download_id, at],
        ).fetchone()
        assert row is not None
        return MovieFile(row[0], variant_id, path, size, quality, import_mode, release_group, edition, scene_name,
                         download_id)

    def all(self) -> list[MovieFile]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM movie_files ORDER BY id").fetchall()
        return [MovieFile(*row) for row in rows]
