"""From an import list to the library with real parts: a list on a local server names three Blender films →
import_list_movies adds them → wanted → the one the Torznab server has is grabbed by real qBittorrent and
imported, all through Dagster. Once with a Radarr-shaped list (titles and ids in the list), once with bare TMDB
ids filled from the local TMDB server, with a search requested on add."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project.defs.import_lists import import_list_movies
from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.list_server import Answer, ListServer, tmdb_movie
from radarr_sandbox.pipeline_config import with_metadata
from radarr_sandbox.scenario import connect_peers
from radarr_sandbox.tmdb import TmdbServer
from tests.integration.test_end_to_end import ACQUISITION, IMPORT, metadata, run, wait_for_sensor_run

pytestmark = pytest.mark.integration

RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"
BLENDER = [tmdb_movie(45745, "Sintel", "2010-09-27", "tt1727587"),
           tmdb_movie(10378, "Big Buck Bunny", "2008-05-30", "tt1254207"),
           tmdb_movie(133701, "Tears of Steel", "2012-09-26", "tt2285752")]
LISTED_IDS = b"tmdb:45745\ntmdb:10378  # only ids: the rest comes from TMDB\n133701\n"
TMDB_KEY_ENV = "INTEGRATION_TMDB_API_KEY"


@pytest.fixture
def list_server() -> Iterator[ListServer]:
    with ListServer() as running:
        yield running


class ListToLibrary:
    """The shared scenario: Big Buck Bunny seeded and on the Torznab server, the config given a list, then the
    list, acquisition and import runs through Dagster, checked at each step."""

    def __init__(self, pipeline_home: Any, qbittorrent_pair: Any, seed_release: Any, torznab_server: Any) -> None:
        self.home = pipeline_home
        self.seeder, self.leecher = qbittorrent_pair
        self.seeded = seed_release(RELEASE, size="1920x1080")
        torznab_server.add_item(self.seeded.torznab_item(imdb_id="tt1254207", seeders=1, peers=0))

    def configure(self, import_list: dict[str, Any], edit: Any = None) -> RadarrResource:
        config = yaml.safe_load(self.home.config_path.read_text(encoding="utf-8"))
        config = edit(config) if edit else config
        config["import_lists"] = {"lists": [import_list]}
        self.home.config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        self.resource = RadarrResource(config_path=str(self.home.config_path))
        with dg.instance_for_test() as instance:
            self.cursor = download_client_sensor(
                dg.build_sensor_context(instance=instance, resources={"radarr": self.resource})).cursor
        return self.resource

    def add_from_list(self) -> None:
        assert metadata(run([import_list_movies], self.resource), "import_list_movies", "added") == 3

    def acquire(self) -> None:
        acquired = run(ACQUISITION, self.resource)
        assert metadata(acquired, "wanted_movies", "missing") == 3
        assert metadata(acquired, "grabs", "grabbed") == 1

    def download_and_import(self) -> None:
        connect_peers(self.leecher.client(), self.seeded.infohash, self.seeder)
        wait_for_sensor_run(self.resource, self.cursor)
        assert metadata(run(IMPORT, self.resource), "imported_files", "imported") == 1
        library_file = self.home.library_root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
        assert library_file.is_file()
        with LibraryStore(self.home.database).open(read_only=True) as library:
            statuses = {s.movie.title: s.status for s in library.movies.statuses()}
            bunny = next(s.movie.id for s in library.movies.statuses() if s.movie.title == "Big Buck Bunny")
            events = [e.event for e in library.history.for_movie(bunny)]
        assert statuses == {"Big Buck Bunny": "downloaded", "Sintel": "missing", "Tears of Steel": "missing"}
        assert events == ["movie_added_from_list", "grabbed", "download_completed", "imported"]


@pytest.fixture
def scenario(pipeline_home, qbittorrent_pair, seed_release, torznab_server) -> ListToLibrary:
    return ListToLibrary(pipeline_home, qbittorrent_pair, seed_release, torznab_server)


def test_a_listed_movie_is_grabbed_and_imported(scenario: ListToLibrary, list_server: ListServer) -> None:
    list_server.serve("/blender.json", BLENDER)
    scenario.configure({"name": "Blender", "kind": "radarr_list", "url": f"{list_server.url}/blender.json"})
    scenario.add_from_list()
    scenario.acquire()
    scenario.download_and_import()


def test_listed_ids_are_added_with_metadata_then_one_is_grabbed_and_imported(
        scenario: ListToLibrary, list_server: ListServer, torznab_server, tmdb_server: TmdbServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    list_server.serve("/blender.txt", Answer(LISTED_IDS, content_type="text/plain"))
    monkeypatch.setenv(TMDB_KEY_ENV, tmdb_server.api_key)
    scenario.configure({"name": "Blender", "kind": "ids", "url": f"{list_server.url}/blender.txt",
                        "search_on_add": True}, edit=lambda config: with_metadata(config, tmdb_server, TMDB_KEY_ENV))
    scenario.add_from_list()
    with duckdb.connect(str(scenario.home.database), read_only=True) as conn:
        movies = conn.execute("SELECT tmdb_id, imdb_id, title, year, runtime_minutes, digital_release FROM movies"
                              " ORDER BY tmdb_id").fetchall()
        requested = conn.execute("SELECT count(*) FROM search_requests").fetchone()
    assert movies == [(10378, "tt1254207", "Big Buck Bunny", 2008, 10, date(2008, 5, 30)),
                      (45745, "tt1727587", "Sintel", 2010, 15, date(2010, 9, 30)),
                      (133701, "tt2285752", "Tears of Steel", 2012, 12, date(2012, 9, 26))]
    assert requested == (3,)
    assert {s.path for s in tmdb_server.requests} >= {"/3/movie/10378", "/3/movie/45745", "/3/movie/133701"}

    scenario.acquire()
    assert {r.param("imdbid") for r in torznab_server.requests if r.param("imdbid")} == {
        "1254207", "1727587", "2285752"}  # the requested searches, all in the first run
    with duckdb.connect(str(scenario.home.database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM search_requests").fetchone() == (0,)
    scenario.download_and_import()
