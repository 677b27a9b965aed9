import subprocess
import sys
from pathlib import Path

import dagster as dg

from dagster_project.definitions import defs

REPO = Path(__file__).parents[1]
ASSETS = {
    "wanted_movies", "rss_releases", "searched_releases", "scored_candidates", "grabs", "completed_downloads",
    "imported_files", "library_scan", "library_media_info",
}


def test_definitions_load_with_the_graph_we_expect() -> None:
    definitions = defs()
    dg.Definitions.validate_loadable(definitions)
    graph = definitions.resolve_asset_graph()
    assert {k.to_user_string() for k in graph.get_all_asset_keys()} == ASSETS
    assert graph.get(dg.AssetKey("grabs")).parent_keys == {dg.AssetKey("scored_candidates")}
    assert graph.get(dg.AssetKey("imported_files")).parent_keys == {dg.AssetKey("completed_downloads")}


def test_every_writer_is_in_the_duckdb_pool() -> None:
    definitions = defs()
    for name in ASSETS:
        assert definitions.resolve_assets_def(name).op.pool == "duckdb", name


def test_sensors_and_schedules_start_running() -> None:
    definitions = defs()
    for name in ("download_client_sensor", "radarr_automation_sensor"):
        assert definitions.resolve_sensor_def(name).default_status == dg.DefaultSensorStatus.RUNNING
    for name in ("rss_sync_schedule", "search_schedule", "queue_refresh_schedule", "library_scan_schedule"):
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
