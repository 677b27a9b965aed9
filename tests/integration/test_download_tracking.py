"""Download tracking against real qbittorrent-nox on 127.0.0.1: a real transfer with seeding goals and removal
after import, a client restart in the middle, a failed torrent that is blocklisted and replaced by the next best
release, and a torrent added by hand that is picked up and imported."""

from __future__ import annotations

import time

import dagster as dg
import pytest
import yaml

from dagster_project.defs.acquisition import grabs, rss_releases, scored_candidates, searched_releases, wanted_movies
from dagster_project.defs.downloads import completed_downloads
from dagster_project.defs.imports import imported_files
from dagster_project.defs.sensors import download_client_sensor, search_again_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.config import load_config
from radarr_pipeline.download_clients import DownloadClientError
from radarr_pipeline.models import DownloadState
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.qbittorrent import wait_for_complete
from radarr_sandbox.scenario import connect_peers

pytestmark = pytest.mark.integration

BEST = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"
NEXT = "Big.Buck.Bunny.2008.720p.BluRay.x264-NEXT"
ACQUISITION = [wanted_movies, rss_releases, searched_releases, scored_candidates, grabs]
IMPORT = [completed_downloads, imported_files]
SEARCH_AGAIN = [wanted_movies, searched_releases, scored_candidates, grabs]


def run(assets: list, resource: RadarrResource, **kwargs: object) -> dg.ExecuteInProcessResult:
    result = dg.materialize(assets, resources={"radarr": resource}, **kwargs)
    assert result.success
    return result


def metadata(result: dg.ExecuteInProcessResult, asset: str, key: str) -> object:
    return result.asset_materializations_for_node(asset)[0].metadata[key].value


def tick(resource: RadarrResource, cursor: str | None) -> dg.SensorResult:
    with dg.instance_for_test() as instance:
        return download_client_sensor(dg.build_sensor_context(instance=instance, cursor=cursor,
                                                              resources={"radarr": resource}))


def wait_for_run_request(resource: RadarrResource, cursor: str | None, timeout: float = 45.0) -> dg.SensorResult:
    deadline = time.monotonic() + timeout
    while True:
        result = tick(resource, cursor)
        if result.run_requests:
            return result
        cursor = result.cursor
        assert time.monotonic() < deadline, f"the sensor never asked for a run: {result.skip_reason}"
        time.sleep(0.3)


def add_movie(home) -> None:
    added = home.cli("movies", "add", "--title", "Big Buck Bunny", "--year", "2008", "--tmdb-id", "10378",
                     "--imdb-id", "tt1254207")
    assert added.returncode == 0, added.stderr


def rewrite_config(home, **changes: object) -> None:
    config = yaml.safe_load(home.config_path.read_text())
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key].update(value)
        else:
            config[key] = value
    home.config_path.write_text(yaml.safe_dump(config, sort_keys=False))


def events(home) -> list[str]:
    with LibraryStore(home.database).open() as library:
        return [e.event for e in library.history.for_movie(1)]


def test_real_transfer_with_seeding_goal_then_removed_after_import(pipeline_home, qbittorrent_pair, seed_release,
                                                                    torznab_server):
    started = time.monotonic()
    seeder, leecher = qbittorrent_pair
    config = yaml.safe_load(pipeline_home.config_path.read_text())
    config["indexers"][0].update(seed_ratio=0.0, seed_time_minutes=0)
    rewrite_config(pipeline_home, indexers=config["indexers"],
                   download_handling={"remove_completed_downloads": True})
    seeded = seed_release(BEST)
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207"))
    add_movie(pipeline_home)
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    first = tick(resource, None)
    assert not first.run_requests

    assert metadata(run(ACQUISITION, resource), "grabs", "grabbed") == 1
    refreshed = run([completed_downloads], resource)
    assert "seeding limits set (ratio 0.0, 0 min)" in str(metadata(refreshed, "completed_downloads", "summary"))
    client = leecher.client()
    info = client.torrents_info(torrent_hashes=seeded.infohash)[0]
    assert (info.ratio_limit, info.seeding_time_limit) == (0, 0), "the indexer's seeding goal is on the torrent"
    queue = pipeline_home.cli("queue")
    assert queue.returncode == 0 and seeded.infohash[:12] in queue.stdout, queue.stdout + queue.stderr
    assert any(word in queue.stdout for word in ("queued", "downloading", "stalled")) and "%" in queue.stdout

    connect_peers(client, seeded.infohash, seeder)
    requested = wait_for_run_request(resource, first.cursor)
    assert [r.run_key for r in requested.run_requests] == [f"{seeded.infohash}:completed"]
    imported = run(IMPORT, resource)
    assert metadata(imported, "imported_files", "imported") == 1
    library_files = list((pipeline_home.library_root / "Big Buck Bunny (2008)").glob("*.mkv"))
    assert len(library_files) == 1, metadata(imported, "imported_files", "summary")
    library_file = library_files[0]

    # qBittorrent pauses the torrent once the goal (ratio 0) is met; only then is it removed, with its data.
    deadline = time.monotonic() + 30
    while client.torrents_info(torrent_hashes=seeded.infohash)[0].state not in {"pausedUP", "stoppedUP"}:
        assert time.monotonic() < deadline, "qBittorrent never stopped seeding at the goal"
        time.sleep(0.5)
    removed = run([completed_downloads], resource)
    assert "removed with its data" in str(metadata(removed, "completed_downloads", "summary"))
    assert client.torrents_info(torrent_hashes=seeded.infohash) == []
    assert library_file.is_file(), "the library's hardlink outlives the torrent's data"
    assert events(pipeline_home) == ["grabbed", "download_completed", "imported"]
    print(f"\nreal transfer + seeding goal + removal: {time.monotonic() - started:.1f} s")


def test_client_restart_in_the_middle_loses_nothing_and_grabs_once(pipeline_home, qbittorrent_pair, seed_release,
                                                                  torznab_server):
    started = time.monotonic()
    seeder, leecher = qbittorrent_pair
    seeded = seed_release(BEST)
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207"))
    add_movie(pipeline_home)
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    kept_session = download_client(load_config(pipeline_home.config_path))
    assert kept_session.downloads() == []
    assert metadata(run(ACQUISITION, resource), "grabs", "grabbed") == 1
    before = tick(resource, None)

    leecher.stop()
    down = tick(resource, before.cursor)
    assert not down.run_requests and down.cursor == before.cursor, "nothing forgotten while the client is down"
    assert "unreachable (connection refused)" in str(down.skip_reason)
    with pytest.raises(DownloadClientError, match="unreachable"):
        kept_session.downloads()
    again = run(ACQUISITION, resource)  # the pipeline goes on: no second grab while the first is tracked
    assert metadata(again, "grabs", "grabbed") == 0

    leecher.start()
    assert [d.download_id for d in kept_session.downloads()] == [seeded.infohash], "session renewed after restart"
    client = leecher.client()
    connect_peers(client, seeded.infohash, seeder)
    requested = wait_for_run_request(resource, down.cursor)
    assert [r.run_key for r in requested.run_requests] == [f"{seeded.infohash}:completed"]
    assert metadata(run(IMPORT, resource), "imported_files", "imported") == 1
    assert metadata(run(ACQUISITION, resource), "grabs", "grabbed") == 0
    assert len(client.torrents_info(category="radarr")) == 1
    assert events(pipeline_home) == ["grabbed", "download_completed", "imported"]
    with LibraryStore(pipeline_home.database).open() as library:
        assert [d.state.value for d in library.downloads.in_states(*DownloadState)] == ["imported"]
    print(f"\nrestart in the middle: {time.monotonic() - started:.1f} s")


def test_failed_torrent_is_blocklisted_and_the_next_best_release_grabbed(pipeline_home, qbittorrent_pair,
                                                                        seed_release, torznab_server, tmp_path):
    started = time.monotonic()
    seeder, leecher = qbittorrent_pair
    best, fallback = seed_release(BEST), seed_release(NEXT)
    torznab_server.add_item(best.torznab_item(imdb_id="tt1254207"))
    torznab_server.add_item(fallback.torznab_item(imdb_id="tt1254207"))
    add_movie(pipeline_home)
    rewrite_config(pipeline_home, quality_profiles=[
        {"name": "HD-1080p", "allowed": ["Bluray-720p", "Bluray-1080p"], "cutoff": "Bluray-1080p"}])
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    client = leecher.client()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("qBittorrent cannot create a folder under a file")
    client.torrents_create_category(name="radarr", save_path=str(blocker / "radarr"))
    before = tick(resource, None)

    acquired = run(ACQUISITION, resource)
    assert metadata(acquired, "grabs", "grabbed") == 1
    assert [t.hash for t in client.torrents_info(category="radarr")] == [best.infohash], \
        metadata(acquired, "scored_candidates", "summary")
    requested = wait_for_run_request(resource, before.cursor)
    assert [r.run_key for r in requested.run_requests] == [f"{best.infohash}:failed"]
    client.torrents_edit_category(name="radarr", save_path=str(tmp_path / "downloads"))

    with dg.instance_for_test() as instance:
        handled = run(IMPORT, resource, instance=instance)
        assert metadata(handled, "completed_downloads", "failed") == 1
        success = instance.all_logs(handled.run_id, of_type=dg.DagsterEventType.RUN_SUCCESS)[0]
        context = dg.build_run_status_sensor_context(
            sensor_name="search_again_sensor", dagster_instance=instance, dagster_run=handled.dagster_run,
            dagster_event=success.get_dagster_event())
        request = search_again_sensor(context)
    assert isinstance(request, dg.RunRequest) and request.run_key == f"search-again:{handled.run_id}"
    assert client.torrents_info(torrent_hashes=best.infohash) == [], "removed from the client"
    with LibraryStore(pipeline_home.database).open() as library:
        blocked = library.blocklist.entries(1)
        assert [(b.infohash, b.indexer) for b in blocked] == [(best.infohash, "Sandbox Torznab")]
        assert "error" in blocked[0].reason
        assert library.movie_searches.last_searched("Sandbox Torznab") == {}, "searched again first"
    assert events(pipeline_home) == ["grabbed", "download_failed"]

    regrabbed = run(SEARCH_AGAIN, resource)
    assert metadata(regrabbed, "grabs", "grabbed") == 1
    assert [t.hash for t in client.torrents_info(category="radarr")] == [fallback.infohash]
    connect_peers(client, fallback.infohash, seeder)
    wait_for_complete(client, fallback.infohash, timeout=30)
    assert metadata(run(IMPORT, resource), "imported_files", "imported") == 1
    assert [f.name for f in (pipeline_home.library_root / "Big Buck Bunny (2008)").glob("*.mkv")] == [
        "Big Buck Bunny (2008) Bluray-720p.mkv"]
    assert metadata(run(ACQUISITION, resource), "grabs", "grabbed") == 0, "the blocklisted release never again"
    print(f"\nfailed -> blocklist -> next best: {time.monotonic() - started:.1f} s")


def test_torrent_added_by_hand_to_our_category_is_picked_up_and_imported(pipeline_home, qbittorrent_pair,
                                                                        seed_release):
    started = time.monotonic()
    seeder, leecher = qbittorrent_pair
    seeded = seed_release(BEST)
    add_movie(pipeline_home)
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    run([wanted_movies], resource)
    client = leecher.client()
    client.torrents_add(torrent_files=str(seeded.torrent_path), category="radarr", use_auto_torrent_management=True)
    client.torrents_add(urls="magnet:?xt=urn:btih:" + "e" * 40 + "&dn=Some.Other.Film.1999.1080p.WEB-DL-X",
                        category="radarr")
    connect_peers(client, seeded.infohash, seeder)
    wait_for_complete(client, seeded.infohash, timeout=30)

    result = run(IMPORT, resource)
    assert metadata(result, "completed_downloads", "picked_up") == 1
    assert "no wanted movie has this name" in str(metadata(result, "completed_downloads", "summary"))
    assert metadata(result, "imported_files", "imported") == 1
    with LibraryStore(pipeline_home.database).open() as library:
        tracked = library.downloads.find("qbittorrent", seeded.infohash)
    assert tracked is not None and tracked.release_id is None and tracked.quality == "Bluray-1080p"
    assert events(pipeline_home) == ["download_detected", "download_completed", "imported"]
    assert metadata(run(IMPORT, resource), "completed_downloads", "picked_up") == 0, "picked up once"
    unknown = pipeline_home.cli("queue", "fail", "0123456789abcdef")
    assert unknown.returncode == 1 and "no tracked download matches" in unknown.stderr
    print(f"\nhand-added pick-up: {time.monotonic() - started:.1f} s")
