"""library_scan: the root folders as they are on disk, matched to movies and recorded (Radarr's Library Import);
library_media_info: the MediaInfo of recorded files that lack it, read in the background (a batch per run)."""

from datetime import UTC, datetime

import dagster as dg

from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource

# The services are imported by the asset that runs them: a run (a process) loads the whole code location, and a
# run of one asset should not pay for every workflow's libraries.


@dg.asset(group_name="library", kinds={"duckdb", "filesystem"}, pool="duckdb")
def library_scan(radarr: RadarrResource) -> dg.MaterializeResult:
    """Walks every root folder: "Title (Year)" folders become (or match) movies, their files are recorded with
    the quality of their name (and of MediaInfo when its cache knows the file). Unchanged folders are skipped;
    the MediaInfo of new files is read by library_media_info."""
    from radarr_pipeline.services.importing.scan import scan_root_folders

    report = scan_root_folders(radarr.config(), datetime.now(UTC))
    return dg.MaterializeResult(metadata=report_metadata(
        report,
        {"folders": report.folders, "unchanged": report.unchanged, "matched": report.matched,
         "added": report.added, "recorded": report.recorded, "unmatched": len(report.unmatched)},
        row_count=report.recorded,
    ))


@dg.asset(group_name="library", kinds={"duckdb", "mediainfo"}, pool="duckdb", deps=[library_scan],
          automation_condition=dg.AutomationCondition.eager())
def library_media_info(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """MediaInfo of recorded files that lack it (Radarr reads it in the background after a scan), a bounded batch
    per run: codecs, runtime, and for a scanned file the measured resolution in its quality. The database is
    not held while the files are read. Runs after each scan and hourly until a big library is done."""
    from radarr_pipeline.services.importing.media import MediaRefreshReport, refresh_media_info

    config = radarr.config()
    report = MediaRefreshReport()
    if config.importing.read_media_info:
        report = refresh_media_info(radarr.store(), datetime.now(UTC))
    context.log.info(f"MediaInfo: {report.read} read, {report.unreadable} unreadable, {report.remaining} to go")
    return dg.MaterializeResult(metadata=report_metadata(
        report,
        {"read": report.read, "unreadable": report.unreadable, "remaining": report.remaining,
         "requalified": len(report.requalified)},
        row_count=report.read,
    ))


library_media_info_job = dg.define_asset_job(
    "library_media_info_job", selection=dg.AssetSelection.assets(library_media_info),
    description="Read the MediaInfo of the next batch of recorded files that lack it.",
)


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



library_media_info_schedule = dg.ScheduleDefinition(
    name="library_media_info_schedule",
    job=library_media_info_job,
    cron_schedule="15 * * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Hourly: a big library's MediaInfo is read a batch at a time (a run with nothing to read is quick).",
)
