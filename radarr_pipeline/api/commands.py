"""Radarr's command resource over services.commands (every command is a Dagster run)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from radarr_pipeline.api.call import Call
from radarr_pipeline.api.errors import ApiError, failure, not_found
from radarr_pipeline.api.shapes import stamp
from radarr_pipeline.services.commands import (
    DagsterUnreachableError,
    UnknownCommandError,
    command_status,
    start_command,
)
from radarr_pipeline.store import LibraryNotCreatedError
from radarr_pipeline.store.api_commands import ApiCommand

#: Dagster's run status -> Radarr's CommandStatus.
STATUS = {"QUEUED": "queued", "NOT_STARTED": "queued", "MANAGED": "queued", "STARTING": "started",
          "STARTED": "started", "SUCCESS": "completed", "FAILURE": "failed", "CANCELING": "aborting",
          "CANCELED": "cancelled"}


def _resource(command: ApiCommand, status: str) -> dict[str, Any]:
    return {"id": command.id, "name": command.name, "commandName": command.name,
            "body": {"movieIds": list(command.movie_ids), "sendUpdatesToClient": False, "name": command.name,
                     "trigger": "manual"},
            "priority": "normal", "status": STATUS.get(status, "queued"), "result": "unknown",
            "queued": stamp(command.queued_at), "trigger": "manual", "stateChangeTime": stamp(command.queued_at),
            "sendUpdatesToClient": False, "updateScheduledTask": False, "message": f"Dagster run {command.run_id}",
            "jobName": command.job_name, "runId": command.run_id}


def _unreachable(exc: DagsterUnreachableError) -> ApiError:
    return ApiError(503, "Dagster is not reachable: the command was not started", str(exc),
                    headers={"Retry-After": "30"})


def start(call: Call, name: str, movie_ids: list[int]) -> dict[str, Any]:
    try:
        command = start_command(call.config, name, movie_ids, datetime.now(UTC))
    except DagsterUnreachableError as exc:
        raise _unreachable(exc) from None
    except UnknownCommandError as exc:
        raise failure("Name", str(exc), name) from None
    return _resource(command, "QUEUED")


def post(call: Call) -> tuple[int, dict[str, Any]]:
    body = call.body_object()
    name = body.get("name")
    if not isinstance(name, str) or not name:
        raise failure("Name", "'Name' must be given", name)
    movie_ids = body.get("movieids") or ([body["movieid"]] if "movieid" in body else [])
    if not isinstance(movie_ids, list) or any(isinstance(m, bool) or not isinstance(m, int) for m in movie_ids):
        raise failure("MovieIds", "'movieIds' is a list of movie ids", movie_ids)
    return 201, start(call, name, movie_ids)


def get(call: Call, command_id: int) -> dict[str, Any]:
    try:
        found = command_status(call.config, command_id)
    except DagsterUnreachableError as exc:
        raise _unreachable(exc) from None
    except LibraryNotCreatedError:
        found = None
    if found is None:
        raise not_found(f"command {command_id} does not exist")
    return _resource(*found)
