"""Notifications: the ``notifications`` asset delivers the outbox; ``notifications_sensor`` starts it within
seconds of an event; ``run_failure_notification_sensor`` turns a failed run into a notification.

Events come from many places (the CLI's movies add, grabs, imports, health, a failed run), so the sensor is the
general path: it reads one count from the library, read-only and briefly (a busy library skips the tick), and
starts a run only when something is due and no delivery run is already queued or running; retries come due by
themselves and are picked up the same way. The import run, the one whose event people wait for, also delivers
as its last step (``download_client_sensor`` targets this asset after ``imported_files``): that saves a sensor
tick and a run launch, seconds each, at the cost of the import run lasting as long as the sends (each bounded by
its connection's timeout). Two passes at once never send twice: a pass claims what it sends.
"""

import os
from datetime import UTC, datetime

import dagster as dg

from dagster_project.defs.imports import imported_files
from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource
from radarr_pipeline.config import ConfigError
from radarr_pipeline.services.notifications.delivery import deliver_due, due_count
from radarr_pipeline.services.notifications.events import run_failed_event
from radarr_pipeline.store import StoreError

NOTIFY_SECONDS = int(os.environ.get("RADARR_PIPELINE_NOTIFY_SECONDS", "5"))
IN_FLIGHT = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
             dg.DagsterRunStatus.STARTED]


class FailedRun(dg.Config):
    """Set by the run-failure sensor: the run to report (empty for a plain delivery run)."""

    run_id: str = ""
    job_name: str = ""
    message: str = ""


@dg.asset(group_name="notifications", kinds={"duckdb"}, pool="duckdb",
          deps=[imported_files])  # in an import run, delivery comes after the import
def notifications(radarr: RadarrResource, config: FailedRun) -> dg.MaterializeResult:
    """Every due notification sent to the connections that want it; failures retried with backoff, then listed
    by `radarr-pipeline notify failed`."""
    extra = [run_failed_event(run_id=config.run_id, job_name=config.job_name, message=config.message)] \
        if config.run_id else None
    report = deliver_due(radarr.config(), datetime.now(UTC), extra_events=extra)
    return dg.MaterializeResult(metadata=report_metadata(
        report,
        {"routed": report.routed, "delivered": len(report.delivered), "retrying": len(report.retrying),
         "dead": len(report.dead)},
        row_count=len(report.delivered),
    ))


notifications_job = dg.define_asset_job("notifications_job", selection=[notifications])


@dg.sensor(job=notifications_job, minimum_interval_seconds=NOTIFY_SECONDS,
           default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts a delivery run when notifications are due and none is in flight.")
def notifications_sensor(context: dg.SensorEvaluationContext, radarr: RadarrResource) -> dg.SensorResult:
    try:
        if not radarr.config().notifications.connections:
            return dg.SensorResult(skip_reason=dg.SkipReason("no notification connections configured"))
        due = due_count(radarr.config(), datetime.now(UTC))
    except (StoreError, ConfigError) as exc:  # the library is busy (a run writes) or not readable: next tick
        return dg.SensorResult(skip_reason=dg.SkipReason(f"library not readable now: {exc}"))
    if not due:
        return dg.SensorResult(skip_reason=dg.SkipReason("nothing due"))
    running = context.instance.get_runs(dg.RunsFilter(job_name=notifications_job.name, statuses=IN_FLIGHT), limit=1)
    if running:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"{due} due; a delivery run is in flight"))
    return dg.SensorResult(run_requests=[dg.RunRequest(tags={"radarr/notifications": str(due)})])


@dg.run_failure_sensor(request_job=notifications_job, default_status=dg.DefaultSensorStatus.RUNNING,
                       minimum_interval_seconds=10, description="A failed run becomes a run_failed notification.")
def run_failure_notification_sensor(context: dg.RunFailureSensorContext) -> dg.RunRequest | dg.SkipReason:
    run = context.dagster_run
    if run.job_name == notifications_job.name:
        return dg.SkipReason("a failed delivery run is not reported by another delivery run")
    message = context.failure_event.message or "the run failed"
    return dg.RunRequest(
        run_key=f"run-failed:{run.run_id}",
        run_config=dg.RunConfig(ops={"notifications": FailedRun(run_id=run.run_id, job_name=run.job_name,
                                                                 message=message[:2000])}),
    )
