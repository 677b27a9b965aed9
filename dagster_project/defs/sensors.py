"""The download sensors.

``download_client_sensor`` polls the download client (never the library database) and asks for a
``download_import_job`` run (completed_downloads, imported_files, notifications) when one of our downloads
completes, fails, or has been stalled past the configured timeout. Its cursor remembers what it last saw of
each download; run keys make a repeated request start one run. When the client cannot be reached or answers
nonsense, the tick is skipped with the reason and the cursor is kept.

qBittorrent's run-on-finish hook (radarr_pipeline.services.completion_hook) asks for the same job through
Dagster's GraphQL API the moment a torrent finishes; the sensor sets the hook up on its first tick when the
configuration wants it, and does not ask again for a completion the hook already asked for. The poll stays the
safety net for everything else (Dagster down when the torrent finished, another client, the hook not set up).

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
from radarr_pipeline.config import ConfigError, config_path
from radarr_pipeline.dagster_runs.client import WAITING_STATUSES
from radarr_pipeline.services.completion_hook import (
    DOWNLOAD_TAG,
    HOOK_TRIGGER,
    IMPORT_JOB,
    TRIGGER_TAG,
    completion_hook_wanted,
)
from radarr_pipeline.tracking.watch import Work, observe, read_cursor, work_needed, write_cursor

# How often the download client is polled. Radarr checks every minute; a tick here is one login and one torrent
# list from the client (no database, no run unless something finished), so polling every 5 s keeps completion ->
# import run within seconds (issue 11: completion to library, p95 at most 15 s). The daemon ticks a sensor at most
# this often and later when it is busy.
POLL_SECONDS = int(os.environ.get("RADARR_PIPELINE_SENSOR_SECONDS", "5"))
FAILED_TAG = "radarr/failed-handled"
# A finished run of the hook's that leaves the sensor's request standing (the poll asks again).
_HOOK_RUN_FAILED = (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED, dg.DagsterRunStatus.CANCELING)

# The import after a download completes, fails or stalls; its notification is sent in the same run. The sensor and
# qBittorrent's run-on-finish hook (`radarr-pipeline hook download-finished`, through the GraphQL API) ask for it.
download_import_job = dg.define_asset_job(
    IMPORT_JOB,
    selection=dg.AssetSelection.assets(completed_downloads, imported_files, notifications),
    description="A download changed in the client: track it, import what completed, send the notifications.",
)

# Config files (with their hook command line) whose qBittorrent this code server has set up the hook in.
_hook_checked: set[str] = set()


def hook_requested(instance: dg.DagsterInstance, work: list[Work]) -> set[str]:
    """The completed downloads qBittorrent's hook already asked a run for (one that has not failed)."""
    completed = [w.download_id for w in work if w.reason == "completed"]
    if not completed:
        return set()
    runs = instance.get_runs(filters=dg.RunsFilter(tags={DOWNLOAD_TAG: completed, TRIGGER_TAG: HOOK_TRIGGER}))
    return {r.tags[DOWNLOAD_TAG] for r in runs if r.status not in _HOOK_RUN_FAILED}


def waiting_import_run(instance: dg.DagsterInstance) -> str | None:
    """An import run that is queued or starting: it reads the client after this tick, so it takes along what
    this tick found (a burst of completions makes one run, not a queue of them)."""
    runs = instance.get_run_records(
        filters=dg.RunsFilter(job_name=IMPORT_JOB, statuses=[dg.DagsterRunStatus(s) for s in WAITING_STATUSES]),
        limit=1)
    return runs[0].dagster_run.run_id if runs else None


def set_up_hook_once(context: dg.SensorEvaluationContext, radarr: RadarrResource, client: object) -> None:
    """Install qBittorrent's run-on-finish hook once per code server when the configuration wants it, or take
    ours out when the setting is switched off."""
    from radarr_pipeline.config import QBittorrentConfig
    from radarr_pipeline.download_clients import DownloadClientError, QBittorrentClient
    from radarr_pipeline.services.completion_hook import HookSetupError, install_completion_hook

    settings = radarr.config().download_client
    if not isinstance(settings, QBittorrentConfig) or not isinstance(client, QBittorrentClient):
        return
    config_file = config_path(radarr.config_path or None).absolute()
    key = f"{config_file} {settings.url}"
    if key in _hook_checked:
        return
    try:
        step = install_completion_hook(client, config_file, wanted=completion_hook_wanted(settings))
    except (DownloadClientError, HookSetupError) as exc:
        context.log.warning(f"qBittorrent's run-on-finish hook not set up ({exc}); polling only")
        return  # tried again on the next tick
    _hook_checked.add(key)
    if step.action != "off":  # off and nothing of ours there: nothing to say on every code server start
        (context.log.warning if step.action == "left" else context.log.info)(step.message)


@dg.sensor(
    job=download_import_job,
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
        set_up_hook_once(context, radarr, client)
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
    already = hook_requested(context.instance, work)
    work = [w for w in work if not (w.reason == "completed" and w.download_id in already)]
    if not work:
        hooked = f" ({len(already)} completed, their runs asked for by qBittorrent's hook)" if already else ""
        return dg.SensorResult(skip_reason=dg.SkipReason(f"{len(downloads)} downloads, none needs work{hooked}"),
                               cursor=cursor)
    waiting = waiting_import_run(context.instance)
    if waiting is not None:
        return dg.SensorResult(skip_reason=dg.SkipReason(
            f"{len(work)} downloads need work; import run {waiting} has not started yet and takes them along"),
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
