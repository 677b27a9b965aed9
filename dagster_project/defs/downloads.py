"""From the download client back to the library: completed_downloads -> imported_files."""

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from dagster_project.defs.acquisition import NETWORK_RETRY, grabs
from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource
from radarr_pipeline.importing.engine import import_completed
from radarr_pipeline.tracking import refresh_downloads


@dg.asset(group_name="downloads", kinds={"duckdb", "qbittorrent"}, pool="duckdb", deps=[grabs],
          retry_policy=NETWORK_RETRY)
def completed_downloads(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Tracked downloads brought up to date with the download client: completed, failed, stalled."""
    reported = radarr.download_client().downloads()
    with radarr.store().open() as library:
        report = refresh_downloads(library, reported, datetime.now(UTC))
    context.log.info(f"{len(report.changes)} state changes, {len(report.completed)} completed")
    return dg.MaterializeResult(metadata=report_metadata(
        report, {"state_changes": len(report.changes), "completed": len(report.completed),
                 "in_queue": len(report.queue)},
        row_count=len(report.changes),
    ))


@dg.asset(group_name="downloads", kinds={"duckdb", "filesystem"}, pool="duckdb", deps=[completed_downloads],
          automation_condition=dg.AutomationCondition.eager())
def imported_files(radarr: RadarrResource) -> dg.MaterializeResult:
    """Completed downloads filed into the library under a clean name, hardlinked so seeding goes on."""
    config = radarr.config()
    with radarr.store().open() as library:
        report = import_completed(library, config, datetime.now(UTC))
    return dg.MaterializeResult(metadata=report_metadata(
        report, {"imported": len(report.imported), "blocked": len(report.blocked)},
        row_count=len(report.imported),
    ))


@dg.asset_check(asset=imported_files, description="Every movie file the library records is on disk.", pool="duckdb")
def library_files_exist(radarr: RadarrResource) -> dg.AssetCheckResult:
    with radarr.store().open() as library:
        files = library.files.all()
    missing = [f.path for f in files if not Path(f.path).exists()]
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"files": len(files), "missing": dg.MetadataValue.json(missing[:50])},
    )
