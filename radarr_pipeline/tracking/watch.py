"""What the download sensor decides, without the database: which changes in the client need a pipeline run.

The sensor keeps, per download, the status it last saw and since when the download has been stalled without
progress (its cursor, as JSON). A run is needed when a download newly completes, newly fails, or has been
stalled longer than the configured timeout. Each need has a run key, so asking twice starts one run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from radarr_pipeline.models import ClientDownload, DownloadStatus
from radarr_pipeline.tracking.transitions import stall_start

NEEDS_WORK = (DownloadStatus.COMPLETED, DownloadStatus.FAILED)


@dataclass(frozen=True)
class Seen:
    status: str
    progress: float = 0.0
    stalled_since: float | None = None  # epoch seconds


@dataclass(frozen=True)
class Work:
    download_id: str
    reason: str  # "completed", "failed", "stalled"
    run_key: str


def read_cursor(text: str | None) -> dict[str, Seen]:
    """The cursor's downloads. Tolerates the first format ({hash: status}) and garbage (treated as empty)."""
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    entries = data.get("downloads", data) if data.get("v") == 2 else data
    seen: dict[str, Seen] = {}
    for key, value in entries.items():
        if isinstance(value, str):
            seen[str(key)] = Seen(value)
        elif isinstance(value, list) and len(value) == 3 and isinstance(value[0], str):
            seen[str(key)] = Seen(value[0], float(value[1] or 0.0), float(value[2]) if value[2] is not None else None)
    return seen


def write_cursor(seen: dict[str, Seen]) -> str:
    return json.dumps({"v": 2, "downloads": {k: [s.status, s.progress, s.stalled_since]
                                              for k, s in sorted(seen.items())}}, sort_keys=True)


def observe(previous: dict[str, Seen], current: list[ClientDownload], now: float) -> dict[str, Seen]:
    """What the cursor keeps after this tick; downloads gone from the client are forgotten."""
    seen: dict[str, Seen] = {}
    for download in current:
        before = previous.get(download.download_id)
        since = stall_start(download.status is DownloadStatus.STALLED, download.progress,
                            before.progress if before else None, before.stalled_since if before else None, now)
        seen[download.download_id] = Seen(download.status.value, download.progress, since)
    return seen


def work_needed(
    previous: dict[str, Seen], seen: dict[str, Seen], now: float, stalled_timeout_minutes: int
) -> list[Work]:
    """The downloads that need a run since the previous tick."""
    work: list[Work] = []
    for download_id, now_seen in seen.items():
        before = previous.get(download_id)
        if now_seen.status in NEEDS_WORK and (before is None or before.status != now_seen.status):
            work.append(Work(download_id, now_seen.status, f"{download_id}:{now_seen.status}"))
            continue
        since = now_seen.stalled_since
        if stalled_timeout_minutes > 0 and since is not None and now - since >= stalled_timeout_minutes * 60:
            # Asked again on every tick past the timeout: the run key is the same, so Dagster starts one run.
            work.append(Work(download_id, "stalled", f"{download_id}:stalled:{int(since)}"))
    return work
