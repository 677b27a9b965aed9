"""The whole flow with real parts: CLI -> Torznab feed -> decision -> qBittorrent -> sensor -> import."""

from __future__ import annotations

import re
import time
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.acquisition import (
    grabs,
    rss_releases,
    scored_candidates,
    searched_releases,
    wanted_movies,
)
from dagster_project.defs.downloads import completed_downloads
from dagster_project.defs.imports import imported_files, library_files_exist
from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.scenario import connect_peers

pytestmark = pytest.mark.integration

RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"
ACQUISITION = [wanted_movies, rss_releases, searched_releases, scored_candidates, grabs]
IMPORT = [completed_downloads, imported_files, library_files_exist]


def run(assets: list, resource: RadarrResource) -> dg.ExecuteInProcessResult:
    result = dg.materialize(assets, resources={"radarr": resource})
    assert result.success
    return result


def metadata(result: dg.ExecuteInProcessResult, asset: str, key: str) -> object:
    return result.asset_materializations_for_node(asset)[0].metadata[key].value


def wait_for_sensor_run(resource: RadarrResource, cursor: str | None, timeout: float = 90.0) -> dg.SensorResult:
    deadline = time.monotonic() + timeout
    while True:
        with dg.instance_for_test() as instance:
            context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"radarr": resource})
            result = download_client_sensor(context)
        if result.run_requests:
            return result
        cursor = result.cursor
        assert time.monotonic() < deadline, f"the sensor never asked for an import run: {result.skip_reason}"
        time.sleep(0.5)


def test_wanted_movie_ends_up_hardlinked_in_the_library(pipeline_home, qbittorrent_pair, seed_release, torznab_server):
    seeder, leecher = qbittorrent_pair
    started = time.monotonic()
    seeded = seed_release(RELEASE, size="1920x1080")  # MediaInfo's resolution now decides the quality
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207", seeders=1, peers=0))
    torznab_server.add_item(seeded.torznab_item(title="Big.Buck.Bunny.2008.720p.HDTV.x264-OTHER", guid="other",
                                                infohash="f" * 40, magnet="magnet:?xt=urn:btih:" + "f" * 40,
                                                torrent_path=None))

    added = pipeline_home.cli("movies", "add", "--title", "Big Buck Bunny", "--year", "2008",
                              "--tmdb-id", "10378", "--imdb-id", "tt1254207")
    assert added.returncode == 0, added.stderr
    resource = RadarrResource(config_path=str(pipeline_home.config_path))

    # The sensor's first tick sees an empty category: no run.
    with dg.instance_for_test() as instance:
        first = download_client_sensor(
            dg.build_sensor_context(instance=instance, resources={"radarr": resource}))
    assert not first.run_requests

    acquired = run(ACQUISITION, resource)
    assert metadata(acquired, "wanted_movies", "missing") == 1
    assert metadata(acquired, "rss_releases", "new") + metadata(acquired, "searched_releases", "new") == 2
    assert any(r.param("imdbid") == "1254207" for r in torznab_server.requests), "searched by IMDb id"
    assert metadata(acquired, "grabs", "grabbed") == 1
    assert "HDTV-720p is not wanted" in str(metadata(acquired, "scored_candidates", "summary"))

    client = leecher.client()
    torrents = client.torrents_info(category="radarr")
    assert [t.hash for t in torrents] == [seeded.infohash]
    connect_peers(client, seeded.infohash, seeder)

    sensor_result = wait_for_sensor_run(resource, first.cursor)
    completed_at = time.monotonic()
    assert [r.run_key for r in sensor_result.run_requests] == [f"{seeded.infohash}:completed"]

    imported = run(IMPORT, resource)
    latency = time.monotonic() - completed_at
    assert metadata(imported, "imported_files", "imported") == 1
    assert all(c.passed for c in imported.get_asset_check_evaluations())

    library_file = pipeline_home.library_root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
    assert library_file.is_file()
    download = Path(client.torrents_info(torrent_hashes=seeded.infohash)[0].content_path)
    downloaded_file = download / f"{RELEASE}.mkv" if download.is_dir() else download
    assert library_file.stat().st_ino == downloaded_file.stat().st_ino, "imported by hardlink"
    assert downloaded_file.stat().st_nlink == 2
    state = client.torrents_info(torrent_hashes=seeded.infohash)[0].state
    assert state in {"stalledUP", "uploading", "queuedUP", "forcedUP"}, f"seeding goes on, not {state}"

    with LibraryStore(pipeline_home.database).open() as library:
        status = library.movies.statuses()[0]
        events = [e.event for e in library.history.for_movie(status.movie.id)]
    assert status.status == "downloaded" and status.file_path == str(library_file)
    assert events == ["grabbed", "download_completed", "imported"]

    listed = pipeline_home.cli("movies", "list")
    assert listed.returncode == 0 and "downloaded" in listed.stdout

    # Running everything again grabs nothing and imports nothing twice.
    again = run(ACQUISITION + IMPORT, resource)
    assert metadata(again, "grabs", "grabbed") == 0
    assert metadata(again, "imported_files", "imported") == 0
    assert len(client.torrents_info(category="radarr")) == 1
    with LibraryStore(pipeline_home.database).open() as library:
        assert len(library.files.all()) == 1
        assert len(library.history.for_movie(status.movie.id)) == 3
    print(f"\ne2e: {time.monotonic() - started:.1f} s in all; completion -> library {latency:.2f} s")


def test_unreachable_client_fails_the_grab_and_changes_nothing(pipeline_home, seed_release, torznab_server,
                                                              qbittorrent_pair):
    seeded = seed_release(RELEASE)
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207"))
    assert pipeline_home.cli("movies", "add", "--title", "Big Buck Bunny", "--year", "2008",
                             "--imdb-id", "tt1254207").returncode == 0
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    run([wanted_movies, rss_releases, scored_candidates], resource)
    qbittorrent_pair.leecher.stop()

    result = dg.materialize([grabs], resources={"radarr": resource}, raise_on_error=False)
    assert not result.success
    retried = [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert len(retried) == 2, "an unreachable client is retried before the step fails"
    shown = retried[0].event_specific_data.error.cause.message
    assert re.search(r"DownloadClientError: qBittorrent at http://127\.0\.0\.1:\d+ is unreachable \(connection "
                    r"refused\)", shown), shown
    with LibraryStore(pipeline_home.database).open() as library:
        assert library.downloads.active() == []
        assert library.history.for_movie(1) == []
