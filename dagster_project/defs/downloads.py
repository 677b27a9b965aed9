"""Following downloads in the download client: completed_downloads (completed and failed download handling)."""

from datetime import UTC, datetime

import dagster as dg

from dagster_project.defs.acquisition import NETWORK_RETRY, grabs
from dagster_project.metadata import configuration_errors_fail_at_once, report_metadata
from dagster_project.resources import RadarrResource

# The service is imported by the asset that runs it: a run (a process) loads the whole code location, and a
# run of one asset should not pay for every workflow's libraries (pandas, qbittorrent-api, the parser).


@dg.asset(group_name="downloads", kinds={"duckdb", "qbittorrent"}, pool="duckdb", deps=[grabs],
          retry_policy=NETWORK_RETRY)
def completed_downloads(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Tracked downloads brought up to date with the download client: completed, stalled, failed (blocklisted,
    removed from the client, searched again), torrents added by hand picked up; the queue with progress and ETA.

    The database is closed while the client is asked."""
    from radarr_pipeline.services.downloads import track_downloads, tracking_policy

    with configuration_errors_fail_at_once():
        config = radarr.config()
        report = track_downloads(radarr.store(), radarr.download_client(), datetime.now(UTC),
                                 tracking_policy(config))
    for error in report.client_errors:
        context.log.warning(error)
    context.log.info(f"{len(report.changes)} state changes, {len(report.completed)} completed, "
                     f"{len(report.failed)} failed, {len(report.picked_up)} picked up")
    metadata = report_metadata(
        report, {"state_changes": len(report.changes), "completed": len(report.completed),
                 "failed": len(report.failed), "picked_up": len(report.picked_up), "in_queue": len(report.queue)},
        row_count=len(report.changes),
    )
    metadata["queue"] = dg.MetadataValue.json(report.queue)
    return dg.MaterializeResult(metadata=metadata)
