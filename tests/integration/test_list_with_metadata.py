"""From a list of bare TMDB ids to the library, with the metadata source configured: a list on the local list
server names three Blender films by id only → import_list_movies adds them filled from the local TMDB server
(titles, years, runtimes, dates) with a search requested → wanted → the one the Torznab server has is grabbed
by real qBittorrent and imported, all through Dagster."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project.defs.import_lists import import_list_movies
from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.list_server import Answer, ListServer
from radarr_sandbox.pipeline_config import with_metadata
from radarr_sandbox.scenario import connect_peers
from radarr_sandbox.tmdb import TmdbServer
from tests.integration.test_end_to_end import ACQUISITION, IMPORT, metadata, run, wait_for_sensor_run

pytestmark = pytest.mark.integration

RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"
LISTED = b"tmdb:45745\ntmdb:10378  # only ids: the rest comes from TMDB\n133701\n"
TMDB_KEY_ENV = "INTEGRATION_TMDB_API_KEY"


@pytest.fixture
def list_server() -> Iterator[ListServer]:
    with ListServer() as running:
        yield running


def test_listed_ids_are_added_with_metadata_then_one_is_grabbed_and_imported(
        pipeline_home, qbittorrent_pair, seed_release, torznab_server, list_server: ListServer,
        tmdb_server: TmdbServer, monkeypatch: pytest.MonkeyPatch) -> None:
    seeder, leecher = qbittorrent_pair
    seeded = seed_release(RELEASE, size="1920x1080")
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207", seeders=1, peers=0))
    list_server.serve("/blender.txt", Answer(LISTED, content_type="text/plain"))
    monkeypatch.setenv(TMDB_KEY_ENV, tmdb_server.api_key)
    config = with_metadata(yaml.safe_load(pipeline_home.config_path.read_text(encoding="utf-8")), tmdb_server,
                           TMDB_KEY_ENV)
    config["import_lists"] = {"lists": [{"name": "Blender", "kind": "ids", "url": f"{list_server.url}/blender.txt",
                                         "search_on_add": True}]}
    pipeline_home.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    with dg.instance_for_test() as instance:
        first = download_client_sensor(dg.build_sensor_context(instance=instance, resources={"radarr": resource}))

    listed = run([import_list_movies], resource)
    assert metadata(listed, "import_list_movies", "added") == 3
    with duckdb.connect(str(pipeline_home.database), read_only=True) as conn:
        movies = conn.execute("SELECT tmdb_id, imdb_id, title, year, runtime_minutes, digital_release FROM movies"
                              " ORDER BY tmdb_id").fetchall()
        requested = conn.execute("SELECT count(*) FROM search_requests").fetchone()
    assert movies == [(10378, "tt1254207", "Big Buck Bunny", 2008, 10, date(2008, 5, 30)),
                      (45745, "tt1727587", "Sintel", 2010, 15, date(2010, 9, 30)),
                      (133701, "tt2285752", "Tears of Steel", 2012, 12, date(2012, 9, 26))]
    assert requested == (3,)
    assert {s.path for s in tmdb_server.requests} >= {"/3/movie/10378", "/3/movie/45745", "/3/movie/133701"}

    acquired = run(ACQUISITION, resource)
    assert metadata(acquired, "wanted_movies", "missing") == 3
    assert metadata(acquired, "grabs", "grabbed") == 1
    assert {r.param("imdbid") for r in torznab_server.requests if r.param("imdbid")} == {
        "1254207", "1727587", "2285752"}  # the requested searches, all in the first run
    with duckdb.connect(str(pipeline_home.database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM search_requests").fetchone() == (0,)

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
