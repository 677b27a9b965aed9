"""The download sensors.

``download_client_sensor`` polls the download client (never the library database) and asks for a
``completed_downloads`` + ``imported_files`` run when one of our downloads completes, fails, or has been stalled
past the configured timeout. Its cursor remembers what it last saw of each download; run keys make a repeated
request start one run. When the client cannot be reached or answers nonsense, the tick is skipped with the
reason and the cursor is kept.

``search_again_sensor`` watches finished runs: when a run's ``completed_downloads`` handled a failed download
(blocklisted it), it starts ``search_again_job`` so the next best release is grabbed without waiting for the
schedule. It reads Dagster's own event log, not the library database.

Why two steps and not one run: ``completed_downloads`` comes after ``grabs`` in the asset graph (grabs feed the
client it reads), so a single run would grab before the failure is handled. The run-status sensor orders them.
"""

import os
import time

import dagster as dg

from dagster_project.defs.automation import search_again_job
from dagster_project.defs.downloads import completed_downloads
from dagster_project.defs.imports import imported_files
from dagster_project.defs.notifications import notifications
from dagster_project.resources import RadarrResource
from radarr_pipeline.config import ConfigError
from radarr_pipeline.tracking.watch import observe, read_cursor, work_needed, write_cursor

# How often the download client is polled. Radarr checks every minute; a tick here is one login and one torrent
# list from the client (no database, no run unless something finished), so polling every 5 s keeps completion ->
# import run within seconds (issue 11: completion to library, p95 at most 15 s). The daemon ticks a sensor at most
# this often and later when it is busy.
POLL_SECONDS = int(os.environ.get("RADARR_PIPELINE_SENSOR_SECONDS", "5"))
FAILED_TAG = "radarr/failed-handled"


@dg.sensor(
    target=[completed_downloads, imported_files, notifications],  # the import's notification sent in its run
    minimum_interval_seconds=POLL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Polls the download client; requests a run for each download that completes, fails or stalls "
    "past the timeout.",
)
def download_client_sensor(context: dg.SensorEvaluationContext, radarr: RadarrResource) -> dg.SensorResult:
    # Imported on the first tick, in the code server: a run's process loads this module too and needs no client.
    from radarr_pipeline.download_clients import DownloadClientError
    from radarr_pipeline.services.configured import download_client

    client = None
    try:
        config = radarr.config()
        client = download_client(config)
        downloads = client.downloads()
    except (DownloadClientError, ConfigError) as exc:
        return dg.SensorResult(skip_reason=dg.SkipReason(str(exc)), cursor=context.cursor)
    finally:
        if client is not None:
            client.close()  # end the client's session: one login per tick, not one left open
    previous = read_cursor(context.cursor)
    now = time.time()
    seen = observe(previous, downloads, now)
    work = work_needed(previous, seen, now, config.download_handling.stalled_timeout_minutes)
    cursor = write_cursor(seen)
    if not work:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"{len(downloads)} downloads, none needs work"),
                               cursor=cursor)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(run_key=w.run_key, tags={"radarr/download": w.download_id, "radarr/status": w.reason})
            for w in work
        ],
        cursor=cursor,
    )


def failures_handled(instance: dg.DagsterInstance, run_id: str) -> int:
    """How many failed downloads the run's completed_downloads handled (from its materialization metadata)."""
    handled = 0
    for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
        materialization = entry.asset_materialization
        if materialization is None or materialization.asset_key != completed_downloads.key:
            continue
        value = materialization.metadata.get("failed")
        if isinstance(value, dg.IntMetadataValue) and value.value is not None:
            handled += value.value
    return handled


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    request_job=search_again_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=10,
    description="After a run that handled a failed download, search again and grab the next best release.",
)
def search_again_sensor(context: dg.RunStatusSensorContext) -> dg.RunRequest | dg.SkipReason:
    run = context.dagster_run
    if run.job_name == search_again_job.name:
        return dg.SkipReason("a search-again run itself")
    handled = failures_handled(context.instance, run.run_id)
    if not handled:
        return dg.SkipReason(f"run {run.run_id} handled no failed download")
    return dg.RunRequest(run_key=f"search-again:{run.run_id}", tags={FAILED_TAG: str(handled)})
