"""Following downloads in the download client: completed_downloads."""

from datetime import UTC, datetime

import dagster as dg

from dagster_project.defs.acquisition import NETWORK_RETRY, grabs
from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource
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
