from __future__ import annotations

import json
from datetime import datetime

import duckdb

from radarr_pipeline.models import HistoryEvent


class HistoryRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, event: HistoryEvent, at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO history (occurred_at, event, movie_id, variant_id, source_title, download_id, quality, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [at, event.event, event.movie_id, event.variant_id, event.source_title, event.download_id,
             event.quality, json.dumps(event.data, default=str)],
        )

    def for_movie(self, movie_id: int) -> list[HistoryEvent]:
        rows = self._conn.execute(
            "SELECT event, movie_id, variant_id, source_title, download_id, quality, data FROM history"
            " WHERE movie_id = ? ORDER BY id",
            [movie_id],
        ).fetchall()
        return [HistoryEvent(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else {}) for r in rows]
