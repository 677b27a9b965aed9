"""From an import list to the library with real parts: a list on a local server names three Blender films →
import_list_movies adds them → wanted → the one the Torznab server has is grabbed by real qBittorrent and
imported, all through Dagster."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
import pytest
import yaml

from dagster_project.defs.import_lists import import_list_movies
from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.list_server import ListServer, tmdb_movie
from radarr_sandbox.scenario import connect_peers
from tests.integration.test_end_to_end import ACQUISITION, IMPORT, metadata, run, wait_for_sensor_run

pytestmark = pytest.mark.integration

RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"
BLENDER = [tmdb_movie(45745, "Sintel", "2010-09-27", "tt1727587"),
           tmdb_movie(10378, "Big Buck Bunny", "2008-05-30", "tt1254207"),
           tmdb_movie(133701, "Tears of Steel", "2012-09-26", "tt2285752")]


@pytest.fixture
def list_server() -> Iterator[ListServer]:
    with ListServer() as running:
        yield running


def test_a_listed_movie_is_grabbed_and_imported(pipeline_home, qbittorrent_pair, seed_release, torznab_server,
                                                list_server: ListServer) -> None:
    seeder, leecher = qbittorrent_pair
    seeded = seed_release(RELEASE, size="1920x1080")
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207", seeders=1, peers=0))
    list_server.serve("/blender.json", BLENDER)
    config = yaml.safe_load(pipeline_home.config_path.read_text(encoding="utf-8"))
    config["import_lists"] = {"lists": [{"name": "Blender", "kind": "radarr_list",
                                         "url": f"{list_server.url}/blender.json"}]}
    pipeline_home.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    with dg.instance_for_test() as instance:
        first = download_client_sensor(dg.build_sensor_context(instance=instance, resources={"radarr": resource}))

    listed = run([import_list_movies], resource)
    assert metadata(listed, "import_list_movies", "added") == 3
    acquired = run(ACQUISITION, resource)
    assert metadata(acquired, "wanted_movies", "missing") == 3
    assert metadata(acquired, "grabs", "grabbed") == 1

    client = leecher.client()
    connect_peers(client, seeded.infohash, seeder)
    wait_for_sensor_run(resource, first.cursor)
    imported = run(IMPORT, resource)
    assert metadata(imported, "imported_files", "imported") == 1

    library_file = pipeline_home.library_root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
    assert library_file.is_file()
    with LibraryStore(pipeline_home.database).open(read_only=True) as library:
        statuses = {s.movie.title: s.status for s in library.movies.statuses()}
        bunny = next(s.movie.id for s in library.movies.statuses() if s.movie.title == "Big Buck Bunny")
        events = [e.event for e in library.history.for_movie(bunny)]
    assert statuses == {"Big Buck Bunny": "downloaded", "Sintel": "missing", "Tears of Steel": "missing"}
    assert events == ["movie_added_from_list", "grabbed", "download_completed", "imported"]
