"""movie_metadata: movies' metadata refreshed from TMDB (due movies first, a bounded batch per run), daily and on
demand."""

from datetime import UTC, datetime

import dagster as dg

from dagster_project.metadata import configuration_errors_fail_at_once, report_metadata
from dagster_project.resources import RadarrResource
from radarr_pipeline.services.metadata_refresh import refresh_metadata


@dg.asset(group_name="library", kinds={"duckdb", "tmdb"}, pool="duckdb")
def movie_metadata(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Refreshes movies' metadata from TMDB as Radarr does (never refreshed, announced, in cinemas and recently
    released movies first, then those not refreshed for metadata.refresh_after_days), at most
    metadata.refresh_per_run per run. Changed titles, years and collections are what naming uses next; new
    dates feed the availability rule."""
    with configuration_errors_fail_at_once():
        report = refresh_metadata(radarr.config(), datetime.now(UTC))
    if report.stopped:
        context.log.warning(f"metadata refresh stopped early: {report.stopped}")
    return dg.MaterializeResult(metadata=report_metadata(
        report,
        {"refreshed": report.refreshed, "changed": len(report.changed), "errors": len(report.errors),
         "remaining": report.remaining, "requests": report.requests},
        row_count=report.refreshed,
    ))


movie_metadata_job = dg.define_asset_job(
    "movie_metadata_job", selection=dg.AssetSelection.assets(movie_metadata),
    description="Refresh the metadata of the movies due one (run it by hand for an on-demand refresh).",
)

movie_metadata_schedule = dg.ScheduleDefinition(
    name="movie_metadata_schedule",
    job=movie_metadata_job,
    cron_schedule="0 4 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily metadata refresh (Radarr refreshes movie info daily).",
)
