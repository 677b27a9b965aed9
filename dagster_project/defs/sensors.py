"""The download sensor: polls the download client (never the library database) and asks for an import run
when one of our downloads finishes or fails. Its cursor remembers the status it last saw of each download."""

import json
import os

import dagster as dg

from dagster_project.defs.downloads import completed_downloads
from dagster_project.defs.imports import imported_files
from dagster_project.resources import RadarrResource
from radarr_pipeline.download_clients import DownloadClientError
from radarr_pipeline.download_clients.base import ClientDownload, DownloadStatus

# A download in one of these statuses needs the pipeline to act on it.
ACTIONABLE = {DownloadStatus.COMPLETED, DownloadStatus.FAILED}

# How often the download client is polled (Radarr checks every minute); the demo and tests poll faster.
POLL_SECONDS = int(os.environ.get("RADARR_PIPELINE_SENSOR_SECONDS", "30"))


def transitions(previous: dict[str, str], current: list[ClientDownload]) -> list[ClientDownload]:
    """Downloads that reached a status needing work since the last tick."""
    return [d for d in current if d.status in ACTIONABLE and previous.get(d.download_id) != d.status.value]


@dg.sensor(
    target=[completed_downloads, imported_files],
    minimum_interval_seconds=POLL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Polls the download client; requests an import run for each download that completes or fails.",
)
def download_client_sensor(context: dg.SensorEvaluationContext, radarr: RadarrResource) -> dg.SensorResult:
    try:
        downloads = radarr.download_client().downloads()
    except DownloadClientError as exc:
        return dg.SensorResult(skip_reason=dg.SkipReason(str(exc)), cursor=context.cursor)
    previous: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    ready = transitions(previous, downloads)
    cursor = json.dumps({d.download_id: d.status.value for d in downloads}, sort_keys=True)
    if not ready:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"{len(downloads)} downloads, none newly finished"),
                               cursor=cursor)
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=f"{d.download_id}:{d.status.value}",
                tags={"radarr/download": d.download_id, "radarr/status": d.status.value},
            )
            for d in ready
        ],
        cursor=cursor,
    )
