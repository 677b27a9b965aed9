"""MediaInfo results cached by file path, size and modification time: a rescan reads no unchanged file."""

from __future__ import annotations

from datetime import datetime

import duckdb


class MediaInfoCacheRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def get(self, path: str, size: int, mtime_ns: int) -> str | None:
        """The cached JSON for this exact (path, size, mtime); None when absent or the file changed."""
        row = self._conn.execute(
            "SELECT data FROM mediainfo_cache WHERE path = ? AND size = ? AND mtime_ns = ?", [path, size, mtime_ns]
        ).fetchone()
        return row[0] if row else None

    def get_many(self, paths: list[str]) -> dict[str, tuple[int, int, str]]:
        """(size, mtime_ns, data) of every cached path among ``paths``."""
        if not paths:
            return {}
        rows = self._conn.execute(
            "SELECT path, size, mtime_ns, data FROM mediainfo_cache WHERE path IN (SELECT unnest(?))", [paths]
        ).fetchall()
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def put(self, path: str, size: int, mtime_ns: int, data: str, at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO mediainfo_cache (path, size, mtime_ns, data, read_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " data = excluded.data, read_at = excluded.read_at",
            [path, size, mtime_ns, data, at],
        )

    def put_many(self, rows: list[tuple[str, int, int, str]], at: datetime) -> None:
        """(path, size, mtime_ns, data) rows in one statement."""
        if rows:
            self._conn.execute(
                "INSERT INTO mediainfo_cache (path, size, mtime_ns, data, read_at)"
                " SELECT unnest(?), unnest(?), unnest(?), unnest(?), ?"
                " ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
                " data = excluded.data, read_at = excluded.read_at",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows], at],
            )

    def count(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM mediainfo_cache").fetchone()
        return int(row[0]) if row else 0
