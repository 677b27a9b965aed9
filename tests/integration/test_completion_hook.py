"""qBittorrent's run-on-finish hook with a real qBittorrent: the download sensor sets it up and asks for no
second run where the hook (or a run not started yet) covers a completion; and under `dagster dev`, with the
sensor's poll out of the way (one tick an hour), finished torrents are imported all the same, by runs the hook
asked for. The default configuration otherwise: the hook is on because qBittorrent runs on this machine.

The latency itself (completion to library, p50/p95, hook against polling) is measured by
bench/bench_completion.py: on this shared 2-core machine a run's start alone varies from seconds to a minute.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
import yaml

from dagster_project.definitions import defs
from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.services.completion_hook import HOOK_TRIGGER, IMPORT_JOB, TRIGGER_TAG, hook_run_tags
from radarr_sandbox.completion import CompletionWorld, summary
from radarr_sandbox.ports import free_port
from radarr_sandbox.scenario import connect_peers, wait_for_complete

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def tick(instance: dg.DagsterInstance, resource: RadarrResource) -> dg.SensorResult:
    """The sensor's first tick (no cursor): a torrent already complete is new work."""
    return download_client_sensor(dg.build_sensor_context(instance=instance, resources={"radarr": resource}))


def test_the_sensor_sets_the_hook_up_and_asks_no_second_run_for_what_a_run_covers(pipeline_home, qbittorrent_pair,
                                                                                seed_release) -> None:
    seeder, leecher = qbittorrent_pair
    seeded = seed_release("Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP", size="1920x1080")
    client = leecher.client()
    client.torrents_add(torrent_files=str(seeded.torrent_path), category="radarr", use_auto_torrent_management=True)
    connect_peers(client, seeded.infohash, seeder)
    wait_for_complete(client, seeded.infohash, timeout=30)
    config = yaml.safe_load(pipeline_home.config_path.read_text())
    config["download_client"]["completion_hook"] = None  # the default: on, qBittorrent is on this machine
    config["api"] = {"dagster_url": f"http://127.0.0.1:{free_port()}"}  # no Dagster: the hook's request fails
    pipeline_home.config_path.write_text(yaml.safe_dump(config))
    resource = RadarrResource(config_path=str(pipeline_home.config_path))
    job = defs().resolve_job_def(IMPORT_JOB)

    with dg.instance_for_test() as instance:
        polled = tick(instance, resource)
    assert [r.run_key for r in polled.run_requests] == [f"{seeded.infohash}:completed"]
    assert "hook download-finished" in client.app_preferences()["autorun_program"], "set up on the tick"

    with dg.instance_for_test() as instance:
        instance.create_run_for_job(job, status=dg.DagsterRunStatus.STARTED, tags=hook_run_tags(seeded.infohash))
        hooked = tick(instance, resource)
    assert not hooked.run_requests and "asked for by qBittorrent's hook" in str(hooked.skip_reason)

    with dg.instance_for_test() as instance:
        instance.create_run_for_job(job, status=dg.DagsterRunStatus.FAILURE, tags=hook_run_tags(seeded.infohash))
        failed = tick(instance, resource)
    assert len(failed.run_requests) == 1, "a failed hook run leaves the poll's request standing"

    with dg.instance_for_test() as instance:
        instance.create_run_for_job(job, status=dg.DagsterRunStatus.STARTING, tags={"radarr/download": "f" * 40})
        queued = tick(instance, resource)
    assert not queued.run_requests and "has not started yet and takes them along" in str(queued.skip_reason)
    assert not pipeline_home.database.exists(), "the sensor never opens the library database"


def imported_by(instance: dg.DagsterInstance, run: dg.DagsterRun) -> int:
    for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = entry.asset_materialization
        if materialization is not None and materialization.asset_key == dg.AssetKey("imported_files"):
            value = materialization.metadata["imported"]
            assert isinstance(value, dg.IntMetadataValue) and value.value is not None
            return value.value
    return 0


def test_finished_torrents_are_imported_by_the_hook_without_the_poll(tmp_path: Path, media_cache) -> None:
    with CompletionWorld(tmp_path / "world", probes=2, hook=None, media=media_cache,
                         dagster_env={"RADARR_PIPELINE_SENSOR_SECONDS": "3600"}) as world:
        samples = world.measure(gap=3)
        preferences = world.client.client().app_preferences()
    print(f"\nhook only, under dagster dev: {summary(samples)}")

    assert preferences["autorun_enabled"] is True and "hook download-finished" in preferences["autorun_program"]
    assert len(samples) == 2 and all(s.seconds > 0 for s in samples)
    with dg.DagsterInstance.from_config(str(tmp_path / "world" / "dagster_home")) as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name=IMPORT_JOB))
        by_hook = [r for r in runs if r.tags.get(TRIGGER_TAG) == HOOK_TRIGGER]
        assert by_hook and all(r.tags.get("dagster/sensor_name") is None for r in runs), \
            [r.tags for r in runs]
        by_hook_imported = sum(imported_by(instance, r) for r in by_hook)
        # The queue refresh schedule (every 5 minutes) may track a completion first, and automation imports it.
        refreshed = instance.get_runs(filters=dg.RunsFilter(job_name="queue_refresh_job"))
    assert by_hook_imported == 3 or (refreshed and by_hook_imported >= 1), (by_hook_imported, len(refreshed))
