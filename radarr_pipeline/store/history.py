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

    def add_many(self, events: list[HistoryEvent], at: datetime) -> None:
        """Many events at once, in the order given (ids follow it), each as :meth:`add` writes one."""
        if not events:
            return
        ids = sorted(row[0] for row in self._conn.execute(
            "SELECT nextval('history_id_seq') FROM range(?)", [len(events)]
        ).fetchall())
        self._conn.execute(
            "INSERT INTO history (id, occurred_at, event, movie_id, variant_id, source_title, download_id, quality,"
            " data) SELECT unnest(?::BIGINT[]), ?, unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::BIGINT[]),"
            " unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
            [ids, at, [e.event for e in events], [e.movie_id for e in events], [e.variant_id for e in events],
             [e.source_title for e in events], [e.download_id for e in events], [e.quality for e in events],
             [json.dumps(e.data, default=str) for e in events]],
        )

    def for_movie(self, movie_id: int) -> list[HistoryEvent]:
        rows = self._conn.execute(
            "SELECT event, movie_id, variant_id, source_title, download_id, quality, data FROM history"
            " WHERE movie_id = ? ORDER BY id",
            [movie_id],
        ).fetchall()
        return [HistoryEvent(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else {}) for r in rows]
