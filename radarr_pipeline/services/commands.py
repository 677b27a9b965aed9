"""Radarr's commands (MoviesSearch, RssSync, RefreshMovie...) as Dagster runs: each submitted through Dagster's
GraphQL API, tagged with the command's name and its movies, and recorded under the id clients follow. When
Dagster cannot be reached nothing is recorded (DagsterUnreachableError)."""

from __future__ import annotations

from datetime import datetime

from radarr_pipeline.config import AppConfig
from radarr_pipeline.dagster_runs import DagsterRuns, DagsterUnreachableError
from radarr_pipeline.services.adding import request_search
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.api_commands import ApiCommand, ApiCommandRepository

#: Radarr's command name (lower-case) -> the job that does that work.
COMMAND_JOBS = {
    "moviessearch": "search_again_job",
    "missingmoviessearch": "search_again_job",
    "cutoffunmetmoviessearch": "search_again_job",
    "rsssync": "rss_sync_job",
    "refreshmovie": "movie_metadata_job",
    "refreshmonitoreddownloads": "queue_refresh_job",
    "downloadedmoviesscan": "queue_refresh_job",
    "importlistsync": "import_lists_job",
}
COMMAND_TAG = "radarr/command"
MOVIES_TAG = "radarr/movie_ids"


def movie_ids_from_tag(text: str | None) -> frozenset[int] | None:
    """The movies a run's ``radarr/movie_ids`` tag names; None when it names none (search what is wanted)."""
    ids = frozenset(int(part) for part in (text or "").split(",") if part.strip().isdigit())
    return ids or None


class UnknownCommandError(ValueError):
    """No job does what the command asks."""


__all__ = ["COMMAND_JOBS", "MOVIES_TAG", "DagsterUnreachableError", "UnknownCommandError", "command_status",
           "movie_ids_from_tag", "search_movies", "start_command"]


def _runs(config: AppConfig) -> DagsterRuns:
    return DagsterRuns(config.api.dagster_url, config.api.dagster_location, config.api.dagster_timeout_seconds)


def start_command(config: AppConfig, name: str, movie_ids: list[int], now: datetime) -> ApiCommand:
    job = COMMAND_JOBS.get(name.lower())
    if job is None:
        raise UnknownCommandError(f"unknown command {name!r}; known: {', '.join(sorted(COMMAND_JOBS))}")
    run_id = _runs(config).submit(job, {COMMAND_TAG: name, MOVIES_TAG: ",".join(map(str, movie_ids))})
    with LibraryStore(config.database).open() as library:
        return ApiCommandRepository(library.conn).add(name, job, run_id, movie_ids, now)


def search_movies(config: AppConfig, movie_ids: list[int], now: datetime) -> ApiCommand:
    """A MoviesSearch run for these movies, as `POST movie` with ``searchForMovie`` starts one. When Dagster
    cannot take it, the movies are marked to be searched first by the next scheduled search instead (nothing is
    lost) and DagsterUnreachableError says why."""
    try:
        return start_command(config, "MoviesSearch", movie_ids, now)
    except DagsterUnreachableError:
        request_search(config, movie_ids, now)
        raise


def command_status(config: AppConfig, command_id: int) -> tuple[ApiCommand, str] | None:
    """The command and its run's Dagster status; None for an unknown id."""
    with LibraryStore(config.database).open(read_only=True) as library:
        command = ApiCommandRepository(library.conn).get(command_id)
    if command is None:
        return None
    return command, _runs(config).status(command.run_id)
