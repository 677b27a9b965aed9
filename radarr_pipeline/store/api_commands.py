"""Commands sent through the HTTP API and the Dagster runs that carry them out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb


@dataclass(frozen=True)
class ApiCommand:
    id: int
    name: str
    job_name: str
    run_id: str
    movie_ids: tuple[int, ...]
    queued_at: datetime


class ApiCommandRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, name: str, job_name: str, run_id: str, movie_ids: list[int], at: datetime) -> ApiCommand:
        row = self._conn.execute(
            "INSERT INTO api_commands (name, job_name, run_id, movie_ids, queued_at) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id", [name, job_name, run_id, movie_ids, at]).fetchone()
        assert row is not None
        return ApiCommand(int(row[0]), name, job_name, run_id, tuple(movie_ids), at)

    def get(self, command_id: int) -> ApiCommand | None:
        row = self._conn.execute("SELECT id, name, job_name, run_id, movie_ids, queued_at FROM api_commands"
                                 " WHERE id = ?", [command_id]).fetchone()
        return None if row is None else ApiCommand(row[0], row[1], row[2], row[3], tuple(row[4]), row[5])

