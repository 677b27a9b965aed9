import subprocess
import sys
from pathlib import Path

import dagster as dg

from dagster_project.definitions import defs

REPO = Path(__file__).parents[1]
ASSETS = {
    "wanted_movies", "rss_releases", "searched_releases", "scored_candidates", "grabs", "completed_downloads",
    "imported_files", "library_scan", "library_media_info", "notifications", "health", "library_backup",
    "movie_metadata", "import_list_movies", "calendar",
}


def test_definitions_load_with_the_graph_we_expect() -> None:
    definitions = defs()
    dg.Definitions.validate_loadable(definitions)
    graph = definitions.resolve_asset_graph()
    assert {k.to_user_string() for k in graph.get_all_asset_keys()} == ASSETS
    assert graph.get(dg.AssetKey("grabs")).parent_keys == {dg.AssetKey("scored_candidates")}
    assert graph.get(dg.AssetKey("imported_files")).parent_keys == {dg.AssetKey("completed_downloads")}
    # delivery follows an import when both run together (the download sensor's run)
    assert graph.get(dg.AssetKey("notifications")).parent_keys == {dg.AssetKey("imported_files")}
    job = definitions.resolve_job_def(definitions.resolve_sensor_def("download_client_sensor").job.name)
    assert {n.name for n in job.nodes} >= {"completed_downloads", "imported_files", "notifications"}


def test_every_writer_is_in_the_duckdb_pool() -> None:
    definitions = defs()
    for name in ASSETS:
        assert definitions.resolve_assets_def(name).op.pool == "duckdb", name


def test_sensors_and_schedules_start_running() -> None:
    definitions = defs()
    for name in ("download_client_sensor", "radarr_automation_sensor", "notifications_sensor",
                 "run_failure_notification_sensor", "health_after_sync_sensor", "health_after_failure_sensor"):
        assert definitions.resolve_sensor_def(name).default_status == dg.DefaultSensorStatus.RUNNING
    for name in ("rss_sync_schedule", "search_schedule", "queue_refresh_schedule", "library_scan_schedule",
                 "health_schedule", "backup_schedule", "movie_metadata_schedule", "import_lists_schedule",
                 "calendar_schedule"):
        assert definitions.resolve_schedule_def(name).default_status == dg.DefaultScheduleStatus.RUNNING


def test_domain_never_imports_dagster() -> None:
    offenders = [
        str(p.relative_to(REPO)) for p in (REPO / "radarr_pipeline").rglob("*.py")
        if any(line.startswith(("import dagster", "from dagster")) for line in p.read_text().splitlines())
    ]
    assert offenders == []


def test_dg_check_defs_loads_the_project() -> None:
    dg_cli = Path(sys.executable).with_name("dg")
    result = subprocess.run([str(dg_cli), "check", "defs"], cwd=REPO, capture_output=True, text=True, timeout=180,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_configuration_error_fails_at_once_without_retries(tmp_path: Path, monkeypatch) -> None:
    """An unset password is the user's to fix: the run says so and is not retried as a network fault would be."""
    from dagster_project.defs.downloads import completed_downloads
    from dagster_project.resources import RadarrResource

    monkeypatch.delenv("UNSET_QBITTORRENT_PASSWORD", raising=False)
    (tmp_path / "library").mkdir()
    config = tmp_path / "config.yaml"
    config.write_text(
        "root_folders: [library]\n"
        "quality_profiles: [{name: HD, allowed: [Bluray-1080p], cutoff: Bluray-1080p}]\n"
        "download_client: {kind: qbittorrent, url: 'http://127.0.0.1:9', password_env: UNSET_QBITTORRENT_PASSWORD}\n"
    )
    result = dg.materialize([completed_downloads], resources={"radarr": RadarrResource(config_path=str(config))},
                            raise_on_error=False)
    assert not result.success
    events = [e.event_type for e in result.all_events]
    assert dg.DagsterEventType.STEP_UP_FOR_RETRY not in events
    (failure,) = [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_FAILURE]
    assert "UNSET_QBITTORRENT_PASSWORD is not set" in str(failure.step_failure_data.error.message)
