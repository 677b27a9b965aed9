"""The Dagster side: the sensor starts a delivery run only when something is due; the asset delivers, and a
failed run's report arrives as a RunFailed webhook once."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import yaml

from dagster_project.defs.notifications import FailedRun, notifications, notifications_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.services.movies import NewMovie, add_movie
from tests.notifications.conftest import Receiver, make_config


def test_sensor_asks_for_a_run_only_when_due_and_the_asset_delivers(tmp_path: Path, receiver: Receiver) -> None:
    connections = [{"name": "hook", "kind": "webhook", "url": f"{receiver.url}/hook"}]
    config = make_config(tmp_path, connections)
    config_file = tmp_path / "config.yaml"
    config_file.write_text(yaml.safe_dump({
        "database": "library.duckdb", "root_folders": ["movies"],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:9"},
        "notifications": {"connections": connections}}))
    radarr = RadarrResource(config_path=str(config_file))
    with dg.instance_for_test() as instance:
        skipped = notifications_sensor(dg.build_sensor_context(instance=instance), radarr=radarr)
        assert not skipped.run_requests
        add_movie(config, NewMovie("Heat", 1995))
        asked = notifications_sensor(dg.build_sensor_context(instance=instance), radarr=radarr)
        assert len(asked.run_requests) == 1

        run_config = dg.RunConfig(ops={"notifications": FailedRun(run_id="abc123", job_name="grabs_job",
                                                                 message="boom")})
        for _ in range(2):  # the same failed run reported twice is one event
            result = dg.materialize([notifications], resources={"radarr": radarr}, instance=instance,
                                    run_config=run_config)
            assert result.success
        after = notifications_sensor(dg.build_sensor_context(instance=instance), radarr=radarr)
        assert not after.run_requests
    kinds = [p.body["eventType"] for p in receiver.posts]
    assert sorted(kinds) == ["MovieAdded", "RunFailed"]
    failed = next(p.body for p in receiver.posts if p.body["eventType"] == "RunFailed")
    assert failed["runId"] == "abc123" and failed["jobName"] == "grabs_job" and failed["message"] == "boom"
