"""Import lists and the calendar through Dagster: a list on a local server names three movies → the asset adds
them → wanted_movies wants them; a failing list is a warning in the asset's metadata; the calendar file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import dagster as dg
import pytest
import yaml
from icalendar import Calendar

from dagster_project.defs.acquisition import wanted_movies
from dagster_project.defs.import_lists import calendar, import_list_movies
from dagster_project.resources import RadarrResource
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.list_server import Answer, ListServer, tmdb_movie
from tests.cli.conftest import CliHome, cli_home  # noqa: F401  (the fixture)

BLENDER = [tmdb_movie(45745, "Sintel", "2010-09-27", "tt1727587"),
           tmdb_movie(10378, "Big Buck Bunny", "2008-05-30", "tt1254207"),
           tmdb_movie(133701, "Tears of Steel", "2012-09-26", "tt2285752")]


@pytest.fixture
def server() -> Iterator[ListServer]:
    with ListServer() as running:
        yield running


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    [event] = result.asset_materializations_for_node(asset)
    return {k: v.value for k, v in event.metadata.items()}


def test_a_list_feeds_the_wanted_list_through_dagster(cli_home: CliHome, server: ListServer) -> None:  # noqa: F811
    server.serve("/blender.json", BLENDER, Answer(b"down", 500))
    data = yaml.safe_load(cli_home.config_path.read_text(encoding="utf-8"))
    data["import_lists"] = {"lists": [{"name": "blender", "kind": "radarr_list", "url": f"{server.url}/blender.json"}],
                            "refresh_hours": 6, "clean_library": "remove_and_keep"}
    cli_home.config_path.write_text(yaml.safe_dump(data), encoding="utf-8")
    resource = RadarrResource(config_path=str(cli_home.config_path))

    result = dg.materialize([import_list_movies, wanted_movies, calendar], resources={"radarr": resource})
    assert result.success
    lists = _metadata(result, "import_list_movies")
    assert (lists["added"], lists["warning_count"]) == (3, 0)
    assert [(r["name"], r["fetched"], r["new"]) for r in lists["lists"]] == [("blender", 3, 3)]
    assert _metadata(result, "wanted_movies")["missing"] == 3
    assert _metadata(result, "calendar")["events"] == 0  # Blender films are long released: outside the window
    assert Calendar.from_ical((cli_home.folder / "calendar.ics").read_bytes()).walk("VEVENT") == []
    with LibraryStore(cli_home.config.database).open() as library:  # the interval has passed
        library.conn.execute("UPDATE import_list_status SET last_attempt_at = ?",
                             [datetime.now(UTC) - timedelta(hours=7)])
    failed = dg.materialize([import_list_movies], resources={"radarr": resource})
    metadata = _metadata(failed, "import_list_movies")
    assert metadata["warning_count"] == 2 and "answered HTTP 500" in metadata["warnings"][0]
    assert "did not run" in metadata["warnings"][1] and metadata["clean_library"].startswith("remove_and_keep: blocked")
    with LibraryStore(cli_home.config.database).open(read_only=True) as library:
        assert len(library.movies.statuses()) == 3
