"""library_scan: the root folders as they are on disk, matched to movies and recorded (Radarr's Library Import)."""

from datetime import UTC, datetime

import dagster as dg

from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource
from radarr_pipeline.importing.scan import scan_library


@dg.asset(group_name="library", kinds={"duckdb", "filesystem"}, pool="duckdb")
def library_scan(radarr: RadarrResource) -> dg.MaterializeResult:
    """Walks every root folder: "Title (Year)" folders become (or match) movies, their files are recorded with
    the quality of their name and MediaInfo. Unchanged folders are skipped; MediaInfo is cached."""
    config = radarr.config()
    with radarr.store().open() as library:
        report = scan_library(library, config, datetime.now(UTC))
    return dg.MaterializeResult(metadata=report_metadata(
        report,
        {"folders": report.folders, "unchanged": report.unchanged, "matched": report.matched,
         "added": report.added, "recorded": report.recorded, "unmatched": len(report.unmatched)},
        row_count=report.recorded,
    ))


library_scan_job = dg.define_asset_job(
    "library_scan_job", selection=dg.AssetSelection.assets(library_scan),
    description="Rescan the root folders for movies and files added by hand.",
)

library_scan_schedule = dg.ScheduleDefinition(
    name="library_scan_schedule",
    job=library_scan_job,
    cron_schedule="30 3 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily library scan (Radarr refreshes movies and rescans their folders daily).",
)
