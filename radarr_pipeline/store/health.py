"""Health issues as they appear and clear (the decisions come from ``radarr_pipeline.decisions.health_state``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb


@dataclass(frozen=True)
class HealthIssueRow:
    id: int
    check_name: str
    level: str
    message: str
    appeared_at: datetime
    last_seen_at: datetime
    cleared_at: datetime | None


_COLUMNS = "id, check_name, level, message, appeared_at, last_seen_at, cleared_at"


class HealthIssueRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def open_issues(self) -> list[HealthIssueRow]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM health_issues WHERE cleared_at IS NULL ORDER BY appeared_at, id"
        ).fetchall()
        return [HealthIssueRow(*row) for row in rows]

    def history(self, limit: int = 100) -> list[HealthIssueRow]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM health_issues ORDER BY greatest(appeared_at, coalesce(cleared_at, appeared_at))"
            " DESC, id DESC LIMIT ?", [limit]
        ).fetchall()
        return [HealthIssueRow(*row) for row in rows]

    def record(self, appeared: list[tuple[str, str, str, datetime]], still: list[tuple[str, str, str]],
               cleared: list[str], at: datetime) -> None:
        """``appeared``: (check, level, message, when); ``still``: (check, level, message); ``cleared``: checks."""
        for check, level, message, when in appeared:
            self._conn.execute(
                "INSERT INTO health_issues (check_name, level, message, appeared_at, last_seen_at)"
                " VALUES (?, ?, ?, ?, ?)", [check, level, message, when, when],
            )
        for check, level, message in still:
            self._conn.execute(
                "UPDATE health_issues SET level = ?, message = ?, last_seen_at = ?"
                " WHERE check_name = ? AND cleared_at IS NULL", [level, message, at, check],
            )
        if cleared:
            self._conn.execute(
                "UPDATE health_issues SET cleared_at = ? WHERE cleared_at IS NULL AND check_name IN"
                " (SELECT unnest(?::VARCHAR[]))", [at, cleared],
            )
