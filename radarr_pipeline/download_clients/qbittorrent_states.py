"""qBittorrent's torrent states and what they mean to us. 4.x says paused*, 5.x says stopped*: both are here.

The chosen mapping (qBittorrent state -> our status -> tracked state, by the rules in tracking/transitions.py):

| qBittorrent state                                   | status      | tracked state  (rule)                       |
|-----------------------------------------------------|-------------|---------------------------------------------|
| queuedDL                                            | queued      | queued (queued_in_client)                   |
| pausedDL (4.x), stoppedDL (5.x)                     | paused      | queued (paused_in_client)                   |
| downloading, forcedDL, metaDL, forcedMetaDL,        | downloading | downloading (downloading)                   |
| checkingDL, checkingResumeData, allocating, moving, |             |                                             |
| checkingUP, and any *UP state with progress < 1     |             |                                             |
| stalledDL                                           | stalled     | stalled (stalled); failed_pending after     |
|                                                     |             | stalled_timeout_minutes without progress    |
| uploading, stalledUP, queuedUP, forcedUP,           | completed   | completed = import pending                  |
| pausedUP (4.x), stoppedUP (5.x)  (progress 1)       |             | (download_completed)                        |
| error, missingFiles                                 | failed      | failed_pending (failed_in_client) -> failed |
| anything else                                       | unknown     | warning (unknown_client_state)              |
| (not listed by the client)                          | -           | warning (missing_from_client)               |

pausedUP/stoppedUP with progress 1 also mean "no longer seeding" (``seeding_stopped``): the only states in which
an imported download may be removed once its seeding goal is met. On loopback a transfer in progress usually
shows as stalledDL (see notes/real-components.md): a stalled download is not failed unless the timeout is set.
"""

from __future__ import annotations

from radarr_pipeline.models import DownloadStatus

STATUS_BY_STATE: dict[str, DownloadStatus] = {
    "error": DownloadStatus.FAILED,
    "missingFiles": DownloadStatus.FAILED,
    "uploading": DownloadStatus.COMPLETED,
    "stalledUP": DownloadStatus.COMPLETED,
    "pausedUP": DownloadStatus.COMPLETED,
    "stoppedUP": DownloadStatus.COMPLETED,
    "queuedUP": DownloadStatus.COMPLETED,
    "forcedUP": DownloadStatus.COMPLETED,
    "checkingUP": DownloadStatus.DOWNLOADING,
    "downloading": DownloadStatus.DOWNLOADING,
    "forcedDL": DownloadStatus.DOWNLOADING,
    "metaDL": DownloadStatus.DOWNLOADING,
    "forcedMetaDL": DownloadStatus.DOWNLOADING,
    "checkingDL": DownloadStatus.DOWNLOADING,
    "checkingResumeData": DownloadStatus.DOWNLOADING,
    "allocating": DownloadStatus.DOWNLOADING,
    "moving": DownloadStatus.DOWNLOADING,
    "stalledDL": DownloadStatus.STALLED,
    "pausedDL": DownloadStatus.PAUSED,
    "stoppedDL": DownloadStatus.PAUSED,
    "queuedDL": DownloadStatus.QUEUED,
}

# Complete and no longer seeding: the seeding goal was reached (or the user stopped it).
SEEDING_STOPPED_STATES = frozenset({"pausedUP", "stoppedUP"})

_MESSAGES = {
    "error": "qBittorrent reports an error (often the save path cannot be written)",
    "missingFiles": "qBittorrent reports that the downloaded files are missing",
    "metaDL": "qBittorrent is downloading the torrent's metadata",
    "pausedDL": "paused in qBittorrent",
    "stoppedDL": "stopped in qBittorrent",
    "queuedDL": "queued in qBittorrent",
    "stalledDL": "stalled: no connection to a peer that has the data",
}


def status_of_state(state: str, progress: float) -> DownloadStatus:
    """Map a qBittorrent state to our status. A finished torrent still being checked is not complete yet."""
    status = STATUS_BY_STATE.get(state, DownloadStatus.UNKNOWN)
    if status is DownloadStatus.COMPLETED and progress < 1.0:
        return DownloadStatus.DOWNLOADING
    return status


def message_of_state(state: str) -> str | None:
    """What a user reads about a state that needs explaining."""
    if state not in STATUS_BY_STATE:
        return f"qBittorrent reports a state this version does not know: {state!r}"
    return _MESSAGES.get(state)


def limit_or_none(value: object) -> float | None:
    """qBittorrent's share limits: -2 means "the global setting", -1 "no limit"; both are None here."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None
