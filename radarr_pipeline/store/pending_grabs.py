"""Grabs written before they are sent to the download client (the outbox of a grab)."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb


class PendingGrabRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, client: str, infohash: str, intent: dict[str, object], at: datetime) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO pending_grabs (client, infohash, intent, created_at) VALUES (?, ?, ?, ?)",
            [client, infohash.lower(), json.dumps(intent), at],
        )

    def add_many(self, client: str, intents: dict[str, dict[str, object]], at: datetime) -> None:
        """Many grabs at once (infohash to intent), in one statement, each as :meth:`add` writes one."""
        if not intents:
            return
        self._conn.execute(
            "INSERT OR REPLACE INTO pending_grabs (client, infohash, intent, created_at)"
            " SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?",
            [client, [h.lower() for h in intents], [json.dumps(i) for i in intents.values()], at],
        )

    def get_many(self, client: str, infohashes: list[str]) -> dict[str, dict[str, object]]:
        """The pending grab of each of these torrents that has one."""
        if not infohashes:
            return {}
        rows = self._conn.execute(
            "SELECT infohash, intent FROM pending_grabs WHERE client = ? AND infohash IN (SELECT unnest(?))",
            [client, [h.lower() for h in infohashes]],
        ).fetchall()
        return {row[0]: json.loads(row[1]) for row in rows}

    def remove(self, client: str, infohash: str) -> None:
        self._conn.execute("DELETE FROM pending_grabs WHERE client = ? AND infohash = ?", [client, infohash.lower()])

    def remove_many(self, client: str, infohashes: list[str]) -> None:
        if infohashes:
            self._conn.execute("DELETE FROM pending_grabs WHERE client = ? AND infohash IN (SELECT unnest(?))",
                               [client, [h.lower() for h in infohashes]])
