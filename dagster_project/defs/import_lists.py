"""import_list_movies: the import lists synced (new movies added and wanted, clean library when it is safe);
calendar: the iCalendar file of release dates."""

from dataclasses import asdict
from datetime import UTC, datetime

import dagster as dg

from dagster_project.metadata import configuration_errors_fail_at_once, report_metadata
from dagster_project.resources import RadarrResource
from radarr_pipeline.services.calendar import write_calendar
from radarr_pipeline.services.import_lists import sync_import_lists


@dg.asset(group_name="lists", kinds={"duckdb"}, pool="duckdb")
def import_list_movies(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Every enabled import list that is due (import_lists.refresh_hours, at least 6 h as in Radarr): new movies
    added through the add service (so they are wanted and searched), excluded ones skipped, and the library
    cleaned only when no list failed or came back empty and the removal stays within the allowed share."""
    with configuration_errors_fail_at_once():
        report = sync_import_lists(radarr.config(), datetime.now(UTC))
    for warning in report.warnings:
        context.log.warning(warning)
    metadata = report_metadata(
        report,
        {"lists_synced": report.synced, "added": len(report.added), "not_on_lists": len(report.not_on_lists),
         "warning_count": len(report.warnings)},
        row_count=len(report.added),
    )
    metadata["lists"] = dg.MetadataValue.json([asdict(row) for row in report.lists])
    metadata["warnings"] = dg.MetadataValue.json(report.warnings)
    metadata["clean_library"] = dg.MetadataValue.text(f"{report.clean_level}: {report.clean_action or 'nothing'}")
    return dg.MaterializeResult(metadata=metadata)


import_lists_job = dg.define_asset_job(
    "import_lists_job", selection=dg.AssetSelection.assets(import_list_movies),
    description="Sync the import lists that are due.",
)

import_lists_schedule = dg.ScheduleDefinition(
    name="import_lists_schedule",
    job=import_lists_job,
    cron_schedule="40 */6 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every 6 h (Radarr's minimum): each list is synced when its interval (default 24 h) has passed.",
)


@dg.asset(group_name="lists", kinds={"duckdb", "filesystem"}, pool="duckdb")
def calendar(radarr: RadarrResource) -> dg.MaterializeResult:
    """The cinema, digital and physical releases of monitored movies in the feed window (calendar.past_days and
    future_days) written as an iCalendar file; each event's UID is stable, so calendar apps update it."""
    report = write_calendar(radarr.config(), datetime.now(UTC))
    metadata = report_metadata(report, {"events": len(report.events)}, row_count=len(report.events))
    metadata["path"] = dg.MetadataValue.path(str(report.path))
    return dg.MaterializeResult(metadata=metadata)


calendar_job = dg.define_asset_job(
    "calendar_job", selection=dg.AssetSelection.assets(calendar),
    description="Rewrite the iCalendar file of release dates.",
)

calendar_schedule = dg.ScheduleDefinition(
    name="calendar_schedule",
    job=calendar_job,
    cron_schedule="50 4 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily: the calendar window moves with the date.",
)
