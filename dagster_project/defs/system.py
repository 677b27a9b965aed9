"""The pipeline looking after itself: `health` (Radarr's health checks, each an asset check in the UI) and
`library_backup` (the weekly backup)."""

from datetime import UTC, datetime

import dagster as dg

from dagster_project.daemon_health import daemon_facts
from dagster_project.defs.automation import queue_refresh_job, rss_sync_job, search_job
from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource
from radarr_pipeline.config import config_path
from radarr_pipeline.decisions.health import CHECK_NAMES, CHECKS
from radarr_pipeline.services.backup import create_backup
from radarr_pipeline.services.health import check_health

HEALTH_CHECKS = [
    dg.AssetCheckSpec(check.__name__, asset="health", description=(check.__doc__ or check.__name__).split("\n")[0])
    for check in CHECKS
]


@dg.asset(group_name="system", kinds={"duckdb"}, pool="duckdb", check_specs=HEALTH_CHECKS)
def health(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Every health check (Radarr's and ours), each an asset check: a failing one shows in the UI with its
    message. Issues that appear or clear are recorded in the library (health_issues)."""
    report = check_health(radarr.config(), datetime.now(UTC), daemon=daemon_facts(context.instance))
    for issue in report.issues:
        (context.log.error if issue.level.value == "error" else context.log.warning)(f"{issue.check}: {issue.message}")
    found = {name: [i for i in report.issues if i.check == name] for name in CHECK_NAMES}
    results = [
        dg.AssetCheckResult(
            check_name=name,
            passed=not found[name],
            severity=dg.AssetCheckSeverity.ERROR
            if any(i.level.value == "error" for i in found[name]) else dg.AssetCheckSeverity.WARN,
            description=" | ".join(i.message for i in found[name]) or None,
            metadata={"evaluated": name in report.evaluated},
        )
        for name in CHECK_NAMES
    ]
    return dg.MaterializeResult(
        metadata=report_metadata(report, {"issues": len(report.issues), "errors": len(report.errors),
                                          "checks": len(report.evaluated)}),
        check_results=results,
    )


health_job = dg.define_asset_job("health_job", selection=dg.AssetSelection.assets(health),
                                 description="Run every health check.")

health_schedule = dg.ScheduleDefinition(
    name="health_schedule", job=health_job, cron_schedule="*/15 * * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING, description="Health checks every 15 minutes.",
)


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS, monitored_jobs=[rss_sync_job, search_job, queue_refresh_job],
    request_job=health_job, default_status=dg.DefaultSensorStatus.RUNNING, minimum_interval_seconds=60,
    description="Health checks again after a sync or a queue refresh (indexers and the client may have changed).",
)
def health_after_sync_sensor(context: dg.RunStatusSensorContext) -> dg.RunRequest:
    return dg.RunRequest(run_key=f"health-after:{context.dagster_run.run_id}")


@dg.run_failure_sensor(
    request_job=health_job, default_status=dg.DefaultSensorStatus.RUNNING, minimum_interval_seconds=60,
    description="Health checks again after a failed run (it may have been a broken client, disk or store).",
)
def health_after_failure_sensor(context: dg.RunFailureSensorContext) -> dg.RunRequest | dg.SkipReason:
    if context.dagster_run.job_name == health_job.name:
        return dg.SkipReason("the health run itself")
    return dg.RunRequest(run_key=f"health-after-failure:{context.dagster_run.run_id}")


@dg.asset(group_name="system", kinds={"duckdb"}, pool="duckdb")
def library_backup(radarr: RadarrResource) -> dg.MaterializeResult:
    """A scheduled backup of the library database and the configuration (one zip in `backup.folder`), when the
    last one is `backup.interval_days` old; scheduled backups past `backup.retention_days` are removed."""
    report = create_backup(radarr.config(), config_path(radarr.config_path or None).absolute(), datetime.now(UTC),
                           kind="scheduled")
    return dg.MaterializeResult(metadata=report_metadata(
        report, {"tables": len(report.tables), "rows": sum(t.rows for t in report.tables.values()),
                 "removed": len(report.removed)},
    ))


backup_job = dg.define_asset_job("backup_job", selection=dg.AssetSelection.assets(library_backup),
                                 description="Back up the library database and the configuration.")

backup_schedule = dg.ScheduleDefinition(
    name="backup_schedule", job=backup_job, cron_schedule="0 4 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily at 04:00; a backup is made when the last scheduled one is `backup.interval_days` old "
    "(weekly by default, as in Radarr).",
)
