"""The request flow of Overseerr and Jellyseerr, with real parts only: pyarr against a running `radarr-pipeline
serve`, a real `dagster dev` (webserver and daemon), real qBittorrent (the sandbox's seeder on loopback), the
local Torznab and TMDB-shaped servers, ffmpeg media.

`POST movie` with `addOptions.searchForMovie` starts a MoviesSearch run for that movie at once (Dagster's GraphQL
API); the run searches the movie on the Torznab server, scores and grabs the 1080p release and sends it to
qBittorrent; the daemon's download sensor sees it complete and runs the import; `GET movie/{id}` then shows
`hasFile` and the `movieFile`. Then the same through the 4K URL base (`/4k`: the UHD profile and root folder),
which adds the 2160p version beside the 1080p one. Each wait polls the API and says, when it gives up, the stage
the flow stopped at (search run, grabbed, in qBittorrent, completed, imported)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pyarr import RadarrAPI

from radarr_pipeline.services.commands import COMMAND_TAG, MOVIES_TAG
from radarr_sandbox.demo import PeerIntroducer, prepare_dagster_home, start_dagster_dev, stop_dagster_dev
from radarr_sandbox.pipeline_config import sandbox_pipeline_config, with_metadata, write_config
from radarr_sandbox.qbittorrent import QBittorrentProcess
from radarr_sandbox.tmdb import TmdbServer
from radarr_sandbox.torznab import TorznabServer
from tests.api.conftest import KEY, free_port, start_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NEVER = "0 0 1 1 *"  # the schedules stay out of the way: the search is the one the request starts
TMDB_ID, IMDB_ID = 10378, "tt1254207"
HD_RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"
UHD_RELEASE = "Big.Buck.Bunny.2008.2160p.UHD.BluRay.x264-GRP"
STAGE_SECONDS = 600  # each stage on a loaded 2-core machine: a run is a new process loading the code location

_REPOSITORIES = "{ repositoriesOrError { ... on RepositoryConnection { nodes { pipelines { name } } } } }"
_RUNS = """
query Runs($filter: RunsFilter) {
  runsOrError(filter: $filter) {
    ... on Runs { results { runId jobName status tags { key value } } }
  }
}
"""


@dataclass
class World:
    home: Path
    api_url: str
    dagster_url: str
    dagster_log: Path
    leecher: QBittorrentProcess
    indexer: TorznabServer


def _config(home: Path, indexer: TorznabServer, leecher: QBittorrentProcess, tmdb: TmdbServer, port: int,
            dagster_port: int) -> Path:
    config: dict[str, Any] = with_metadata(
        sandbox_pipeline_config(indexer, leecher, indexer_name="Sandbox", api_key_env="TEST_TORZNAB_KEY",
                                password_env="TEST_QBITTORRENT_PASSWORD"), tmdb, "TEST_TMDB_API_KEY")
    config["root_folders"] = ["library/movies", "library/uhd"]
    config["quality_profiles"] = [
        {"name": "HD", "allowed": ["Bluray-720p", "Bluray-1080p"], "cutoff": "Bluray-1080p"},
        {"name": "UHD", "allowed": ["Bluray-2160p"], "cutoff": "Bluray-2160p"},
    ]
    config["decisions"]["quality_definitions"]["Bluray-2160p"] = {"min": 0}  # the sandbox's tiny media
    config["api"] = {"port": port, "api_key_env": "TEST_RADARR_API_KEY",
                     "dagster_url": f"http://127.0.0.1:{dagster_port}", "dagster_timeout_seconds": 20,
                     "instances": [{"url_base": "/4k", "quality_profile": "UHD", "root_folder": "library/uhd"}]}
    return write_config(home / "config.yaml", config)


def _dagster(world: World, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    answer = httpx.post(world.dagster_url + "/graphql", json={"query": query, "variables": variables or {}},
                        timeout=30)
    answer.raise_for_status()
    return answer.json()["data"]


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def _wait_for_dagster(world: World, timeout: float = 300) -> None:
    """Until the webserver has loaded the code location (the request's search needs search_again_job)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            nodes = _dagster(world, _REPOSITORIES)["repositoriesOrError"].get("nodes") or []
            if any(job["name"] == "search_again_job" for repo in nodes for job in repo["pipelines"]):
                return
        except (httpx.HTTPError, KeyError, TypeError, ValueError):
            pass
        time.sleep(2)
    pytest.fail(f"dagster dev did not load the code location in {timeout:.0f} s:\n{_tail(world.dagster_log)}")


def _search_runs(world: World, movie_id: int) -> list[dict[str, Any]]:
    """The MoviesSearch runs that name this movie."""
    tags = [{"key": COMMAND_TAG, "value": "MoviesSearch"}, {"key": MOVIES_TAG, "value": str(movie_id)}]
    return list(_dagster(world, _RUNS, {"filter": {"tags": tags}})["runsOrError"]["results"])


def _get(api: httpx.Client, path: str, **params: Any) -> Any:
    """The answer's JSON, or None while the library is busy (a run writes it: 503 with Retry-After)."""
    answer = api.get(path, params=params)
    if answer.status_code == 503:
        return None
    assert answer.status_code == 200, f"GET {path}: {answer.status_code} {answer.text}"
    return answer.json()


@dataclass
class Progress:
    """Where one request has got to, as the API, Dagster and qBittorrent say."""

    search_runs: list[str]
    grabbed: bool
    torrent: str | None  # "<name> <progress> <state>" in qBittorrent
    completed: bool
    movie: dict[str, Any] | None

    @property
    def imported(self) -> bool:
        return bool(self.movie and self.movie.get("hasFile"))

    def stage(self) -> str:
        if not self.search_runs:
            return "no MoviesSearch run in Dagster"
        if not self.grabbed:
            return f"search run(s) {self.search_runs} but nothing grabbed (no 'grabbed' in the movie's history)"
        if self.torrent is None:
            return "grabbed, but the torrent is not in qBittorrent"
        if not self.completed:
            return f"in qBittorrent, not completed: {self.torrent}"
        if not self.imported:
            return f"completed in qBittorrent ({self.torrent}), not imported: hasFile is false"
        return "imported"


def _progress(world: World, api: httpx.Client, movie_id: int, release: str) -> Progress:
    runs = [f"{r['runId'][:8]} {r['status']}" for r in _search_runs(world, movie_id)]
    history = _get(api, "/history/movie", movieId=movie_id) or []
    grabbed = any(h.get("eventType") == "grabbed" and h.get("sourceTitle") == release for h in history)
    torrents = [t for t in world.leecher.client().torrents_info(category="radarr") if t.name == release]
    torrent = f"{torrents[0].name} {float(torrents[0].progress):.0%} {torrents[0].state}" if torrents else None
    completed = bool(torrents) and float(torrents[0].progress) >= 1.0
    return Progress(runs, grabbed, torrent, completed, _get(api, f"/movie/{movie_id}"))


def _wait_until_imported(world: World, api: httpx.Client, movie_id: int, release: str) -> dict[str, Any]:
    """Poll until the movie has its file; on giving up, fail naming the stage it stopped at."""
    last_stage, stage_since = "", time.monotonic()
    while True:
        progress = _progress(world, api, movie_id, release)
        if progress.imported:
            assert progress.movie is not None
            return progress.movie
        stage = progress.stage()
        if stage != last_stage:
            print(f"[{time.strftime('%H:%M:%S')}] {release}: {stage}", flush=True)
            last_stage, stage_since = stage, time.monotonic()
        if time.monotonic() - stage_since > STAGE_SECONDS:
            pytest.fail(f"{release}: stopped for {STAGE_SECONDS} s at: {stage}\n"
                        f"dagster dev log tail:\n{_tail(world.dagster_log)}")
        time.sleep(2)


@pytest.fixture
def world(tmp_path: Path, qbittorrent_pair, seed_release, torznab_server: TorznabServer,
          tmdb_server: TmdbServer) -> Iterator[World]:
    seeder, leecher = qbittorrent_pair
    for title, size, seconds in ((HD_RELEASE, "1920x1080", 3), (UHD_RELEASE, "3840x2160", 2)):
        seeded = seed_release(title, seconds, size=size)  # MediaInfo's resolution decides the quality
        torznab_server.add_item(seeded.torznab_item(imdb_id=IMDB_ID, tmdb_id=TMDB_ID, seeders=1, peers=1))
    home = tmp_path / "home"
    home.mkdir()
    port, dagster_port = free_port(), free_port()
    config = _config(home, torznab_server, leecher, tmdb_server, port, dagster_port)
    env = {"RADARR_PIPELINE_CONFIG": str(config), "TEST_TORZNAB_KEY": torznab_server.apikey or "",
           "TEST_QBITTORRENT_PASSWORD": leecher.password, "TEST_TMDB_API_KEY": tmdb_server.api_key,
           "TEST_RADARR_API_KEY": KEY, "RADARR_PIPELINE_RSS_CRON": NEVER, "RADARR_PIPELINE_SEARCH_CRON": NEVER}
    log = tmp_path / "dagster.log"
    dagster_home = prepare_dagster_home(tmp_path / "dagster_home")
    dagster = start_dagster_dev(env, dagster_home, dagster_port, log)
    introducer = PeerIntroducer(leecher.client(), seeder)  # what a tracker would do: the seeder is a peer
    introducer.start()
    server = None
    try:
        server = start_server(home, config, port, {**os.environ, **env})
        yield World(home, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{dagster_port}", log, leecher,
                    torznab_server)
    finally:
        introducer.stop()
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        stop_dagster_dev(dagster, dagster_home=dagster_home)


@pytest.mark.timeout(2400)
def test_a_request_is_searched_grabbed_downloaded_and_imported_then_its_4k_version(world: World) -> None:
    _wait_for_dagster(world)
    hd = RadarrAPI(world.api_url, KEY)
    api = httpx.Client(base_url=world.api_url + "/api/v3", headers={"X-Api-Key": KEY}, timeout=60)
    four_k_api = httpx.Client(base_url=world.api_url + "/4k/api/v3", headers={"X-Api-Key": KEY}, timeout=60)

    # Overseerr's request: lookup by TMDB id, then POST movie with a search.
    [found] = hd.lookup_movie(f"tmdb:{TMDB_ID}")
    added = hd.add_movie(found, root_dir=str(world.home / "library/movies"), quality_profile_id=1,
                         search_for_movie=True)
    movie_id = int(added["id"])
    runs = _search_runs(world, movie_id)
    assert len(runs) == 1, "POST movie with searchForMovie did not start its search run at once"
    movie = _wait_until_imported(world, api, movie_id, HD_RELEASE)
    assert any(r.param("imdbid") == IMDB_ID[2:] for r in world.indexer.requests), "searched by IMDb id"

    hd_movie = hd.get_movie(movie_id)
    assert movie["hasFile"] is True and hd_movie["hasFile"] is True and hd_movie["movieFileId"] > 0
    hd_file = hd_movie["movieFile"]
    hd_path = world.home / "library/movies/Big Buck Bunny (2008)/Big Buck Bunny (2008) Bluray-1080p.mkv"
    assert hd_file["path"] == str(hd_path) and hd_path.is_file()
    assert hd_file["quality"]["quality"]["name"] == "Bluray-1080p" and hd_file["movieId"] == movie_id
    assert hd_movie["sizeOnDisk"] == hd_path.stat().st_size == hd_file["size"]

    # The 4K server: the same movie through /4k adds the 2160p version beside the 1080p one.
    four_k = RadarrAPI(world.api_url + "/4k", KEY)
    [in_4k] = four_k.lookup_movie(f"tmdb:{TMDB_ID}")
    assert "id" not in in_4k  # the 4K server does not have it yet
    uhd = four_k.add_movie(in_4k, root_dir=str(world.home / "library/uhd"), quality_profile_id=2,
                           search_for_movie=True)
    assert int(uhd["id"]) == movie_id and uhd["qualityProfileId"] == 2
    assert len(_search_runs(world, movie_id)) == 2, "the 4K request did not start its search run at once"
    uhd_movie = _wait_until_imported(world, four_k_api, movie_id, UHD_RELEASE)
    uhd_path = world.home / "library/uhd/Big Buck Bunny (2008)/Big Buck Bunny (2008) Bluray-2160p.mkv"
    assert uhd_movie["movieFile"]["path"] == str(uhd_path) and uhd_path.is_file()
    assert uhd_movie["movieFile"]["quality"]["quality"]["name"] == "Bluray-2160p"
    again = hd.get_movie(movie_id)  # the 1080p version is still there, unchanged
    assert again["hasFile"] is True and again["movieFile"]["path"] == str(hd_path) and hd_path.is_file()
    time.sleep(3)  # the import run's last writes before the daemon stops

    searches = _search_runs(world, movie_id)
    assert {r["jobName"] for r in searches} == {"search_again_job"}
    assert {r["status"] for r in searches} == {"SUCCESS"}, searches
    failed = _dagster(world, _RUNS, {"filter": {"statuses": ["FAILURE"]}})["runsOrError"]["results"]
    assert not failed, f"failed runs: {failed}\n{_tail(world.dagster_log)}"
    api.close()
    four_k_api.close()

