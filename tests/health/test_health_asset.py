"""The `health` asset through Dagster: each check is an asset check, a failing one fails in the UI with its
message; the daemon's check reads the instance's heartbeats (none: failing; fresh ones: passing)."""

import time
from pathlib import Path

import dagster as dg
import yaml
from dagster._daemon.types import DaemonHeartbeat

from dagster_project.defs.system import health
from dagster_project.resources import RadarrResource
from radarr_pipeline.decisions.health import CHECK_NAMES


def write_home(tmp_path: Path) -> Path:
    for folder in ("movies", "watch", "completed"):
        (tmp_path / folder).mkdir()
    config = {"root_folders": ["movies"], "indexers": [],
              "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
              "download_client": {"kind": "blackhole", "watch_folder": str(tmp_path / "watch"),
                                  "completed_folder": str(tmp_path / "completed")}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def evaluations(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def test_each_check_is_an_asset_check_and_the_daemon_check_reads_heartbeats(tmp_path: Path) -> None:
    config = write_home(tmp_path)
    resources = {"radarr": RadarrResource(config_path=str(config))}
    with dg.instance_for_test() as instance:
        first = dg.materialize([health], resources=resources, instance=instance)
        assert first.success
        checks = evaluations(first)
        assert set(checks) == set(CHECK_NAMES)
        failed = {name for name, e in checks.items() if not e.passed}
        assert failed == {"no_indexers", "dagster_daemon"}
        assert checks["no_indexers"].severity == dg.AssetCheckSeverity.ERROR
        assert "No indexers are enabled" in (checks["no_indexers"].description or "")
        assert "The Dagster daemon is not running" in (checks["dagster_daemon"].description or "")

        for daemon in instance.get_required_daemon_types():
            instance.add_daemon_heartbeat(DaemonHeartbeat(time.time(), daemon, "test-daemon"))
        second = evaluations(dg.materialize([health], resources=resources, instance=instance))
        assert second["dagster_daemon"].passed and not second["no_indexers"].passed
        materialization = instance.get_latest_materialization_event(dg.AssetKey("health"))
        assert materialization is not None and materialization.asset_materialization is not None
        assert materialization.asset_materialization.metadata["errors"] == dg.MetadataValue.int(1)


def test_domain_log_lines_reach_the_run_log_without_secrets(tmp_path: Path, monkeypatch) -> None:
    """With the project's dagster.yaml, the radarr_pipeline loggers are Dagster managed loggers: their lines are
    in the run's event log (what the UI shows), scrubbed of the secrets the config names."""
    import logging
    import shutil

    secret = "hunter2-qbt-password-5531"
    monkeypatch.setenv("TEST_DAGSTER_QBT_PASSWORD", secret)
    config = write_home(tmp_path)
    data = yaml.safe_load(config.read_text())
    data["download_client"] = {"kind": "qbittorrent", "url": "http://127.0.0.1:9", "username": "admin",
                               "password_env": "TEST_DAGSTER_QBT_PASSWORD"}
    config.write_text(yaml.safe_dump(data))

    @dg.asset
    def leaky(radarr: RadarrResource) -> None:
        radarr.config()
        logging.getLogger("radarr_pipeline.example").warning("logging in with %s", secret)

    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copyfile(Path(__file__).parents[2] / "data" / "dagster_home" / "dagster.yaml",
                    dagster_home / "dagster.yaml")
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        result = dg.materialize([health, leaky], resources={"radarr": RadarrResource(config_path=str(config))},
                                instance=instance)
        messages = [entry.user_message for entry in instance.all_logs(result.run_id)]
    assert any("health: " in m and " checks, " in m for m in messages)  # services.health's own logger
    assert any("logging in with (redacted)" in m for m in messages)
    assert not any(secret in m for m in messages)
