"""A MoviesSearch command's run searches the movies it names, not everything wanted: searched_releases reads the
run's `radarr/movie_ids` tag (what services.commands tags the run with) through Dagster's context. Materialized
with those tags against the local Torznab server; a run without the tag (the schedule's) searches what is wanted."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
from typer.testing import CliRunner

from dagster_project.defs.acquisition import searched_releases, wanted_movies
from dagster_project.resources import RadarrResource
from radarr_pipeline.cli import app
from radarr_pipeline.services.commands import COMMAND_TAG, MOVIES_TAG
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.torznab import TorznabServer
from tests.cli.conftest import CONFIG

FILMS = (("Big Buck Bunny", "2008", "tt1254207"), ("Sintel", "2010", "tt1727587"),
         ("Tears of Steel", "2012", "tt2285752"))


@pytest.fixture
def resource(tmp_path: Path, torznab_server: TorznabServer, monkeypatch: pytest.MonkeyPatch) -> RadarrResource:
    monkeypatch.setenv("TEST_TORZNAB_KEY", torznab_server.apikey or "")
    monkeypatch.delenv("RADARR_PIPELINE_DB", raising=False)
    for root in ("library/movies", "library/uhd"):
        (tmp_path / root).mkdir(parents=True)
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG + f"indexers:\n  - name: Sandbox\n    url: {torznab_server.api_url}\n"
                      "    api_key_env: TEST_TORZNAB_KEY\n", encoding="utf-8")
    for title, year, imdb in FILMS:
        added = CliRunner().invoke(app, ["movies", "add", "--title", title, "--year", year, "--imdb-id", imdb,
                                         "--config", str(config)])
        assert added.exit_code == 0, added.output
    return RadarrResource(config_path=str(config))


def _movie_ids(resource: RadarrResource) -> dict[str, int]:
    with LibraryStore(resource.config().database).open(read_only=True) as library:
        return {s.movie.imdb_id or "": s.movie.id for s in library.movies.statuses()}


def _searched(indexer: TorznabServer) -> list[str]:
    """The movies searched by id (IMDb digits; a search finding nothing by id asks by title too)."""
    return sorted(str(r.param("imdbid")) for r in indexer.requests if r.param("t") == "movie" and r.param("imdbid"))


def test_a_command_run_searches_only_its_movies(resource: RadarrResource, torznab_server: TorznabServer) -> None:
    ids = _movie_ids(resource)
    named = [ids["tt1254207"], ids["tt2285752"]]
    tags = {COMMAND_TAG: "MoviesSearch", MOVIES_TAG: ",".join(map(str, named))}

    result = dg.materialize([wanted_movies, searched_releases], resources={"radarr": resource}, tags=tags)

    assert result.success
    assert _searched(torznab_server) == ["1254207", "2285752"]
    searched = result.asset_materializations_for_node("searched_releases")[0].metadata
    assert searched["failed_indexers"].value == 0

    torznab_server.clear_requests()  # again at once: a command's movies are searched however recently they were
    assert dg.materialize([wanted_movies, searched_releases], resources={"radarr": resource}, tags=tags).success
    assert _searched(torznab_server) == ["1254207", "2285752"]


def test_a_run_without_movies_searches_what_is_wanted(resource: RadarrResource, torznab_server: TorznabServer) -> None:
    tags = {COMMAND_TAG: "MissingMoviesSearch", MOVIES_TAG: ""}  # what the API sends for a command naming none

    assert dg.materialize([wanted_movies, searched_releases], resources={"radarr": resource}, tags=tags).success

    assert _searched(torznab_server) == ["1254207", "1727587", "2285752"]
