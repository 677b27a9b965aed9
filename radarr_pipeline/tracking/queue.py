"""The queue as a person reads it: active downloads with progress, state and ETA."""

from __future__ import annotations

from radarr_pipeline.models import TrackedDownload
from radarr_pipeline.tracking.transitions import state_label


def format_eta(seconds: int | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds}s"
    minutes, _ = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h{minutes:02d}m"
    return f"{hours // 24}d"


def queue_rows(downloads: list[TrackedDownload]) -> list[dict[str, object]]:
    """One row per active download, in the order they were grabbed."""
    return [
        {
            "id": d.id,
            "download": d.title,
            "state": state_label(d.state),
            "progress": f"{d.progress:.0%}",
            "eta": format_eta(d.eta_seconds),
            "hash": d.download_id[:12],
            "message": d.status_message or "",
        }
        for d in downloads
        if d.state.is_active
    ]
