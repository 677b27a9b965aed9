from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb


@dataclass(frozen=True)
class BlocklistEntry:
    movie_id: int
    source_title: str
    reason: str
    blocklisted_at: datetime
    indexer: str | None = None
    infohash: str | None = None
    quality: str | None = None
    size: int | None = None


class BlocklistRepository:
    """Radarr's blocklist: a release is matched by infohash when known, else by its title on the same indexer."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, entry: BlocklistEntry) -> None:
        self._conn.execute(
            "INSERT INTO blocklist (movie_id, source_title, indexer, infohash, quality, size, reason, blocklisted_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [entry.movie_id, entry.source_title, entry.indexer, entry.infohash.lower() if entry.infohash else None,
             entry.quality, entry.size, entry.reason, entry.blocklisted_at],
        )

    def entries(self, movie_id: int | None = None) -> list[BlocklistEntry]:
        rows = self._conn.execute(
            "SELECT movie_id, source_title, reason, blocklisted_at, indexer, infohash, quality, size FROM blocklist"
            " WHERE ? IS NULL OR movie_id = ? ORDER BY id",
            [movie_id, movie_id],
        ).fetchall()
        return [BlocklistEntry(*row) for row in rows]

    def blocked_keys(self) -> tuple[set[str], set[tuple[int, str, str | None]]]:
        """(infohashes, (movie id, title, indexer) triples) for bulk checks."""
        rows = self._conn.execute("SELECT movie_id, source_title, indexer, infohash FROM blocklist").fetchall()
        return {r[3] for r in rows if r[3]}, {(r[0], r[1], r[2]) for r in rows}

    def remove(self, movie_id: int, source_title: str) -> int:
        row = self._conn.execute(
            "DELETE FROM blocklist WHERE movie_id = ? AND source_title = ? RETURNING id", [movie_id, source_title]
        ).fetchall()
        return len(row)
