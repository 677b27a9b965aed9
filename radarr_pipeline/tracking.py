"""completed_downloads: bring tracked downloads up to date with what the download client reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.download_clients import ClientDownload, DownloadStatus
from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library

# Tracked states the client's report may still change.
_FOLLOWED = (DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.STALLED)

_STATE_OF_STATUS = {
    DownloadStatus.QUEUED: DownloadState.QUEUED,
    DownloadStatus.PAUSED: DownloadState.QUEUED,
    DownloadStatus.DOWNLOADING: DownloadState.DOWNLOADING,
    DownloadStatus.STALLED: DownloadState.STALLED,
    DownloadStatus.COMPLETED: DownloadState.COMPLETED,
    DownloadStatus.FAILED: DownloadState.FAILED,
}


def next_state(tracked: TrackedDownload, reported: ClientDownload | None) -> tuple[DownloadState, str | None]:
    """The tracked state after the client's report, with a message for the queue."""
    if reported is None:
        return tracked.state, "not found in the download client"
    state = _STATE_OF_STATUS.get(reported.status, tracked.state)
    message = reported.message
    if reported.status is DownloadStatus.STALLED:
        message = "stalled: no connection to a peer"
    return state, message


@dataclass
class TrackingReport:
    changes: list[dict[str, object]] = field(default_factory=list)
    queue: list[dict[str, object]] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        return "\n\n".join([
            "**State changes**", markdown_table(self.changes, empty="_no change_"),
            "**Queue**", markdown_table(self.queue, empty="_queue is empty_"),
        ])


def refresh_downloads(library: Library, reported: list[ClientDownload], now: datetime) -> TrackingReport:
    by_id = {d.download_id: d for d in reported}
    report = TrackingReport()
    for tracked in library.downloads.in_states(*_FOLLOWED):
        client_view = by_id.get(tracked.download_id)
        state, message = next_state(tracked, client_view)
        progress = client_view.progress if client_view else None
        library.downloads.update(
            tracked.id,
            state=state,
            at=now,
            progress=progress,
            content_path=client_view.content_path if client_view else None,
            status_message=message,
        )
        if state is not tracked.state:
            report.changes.append({"download": tracked.title, "from": tracked.state.value, "to": state.value,
                                   "message": message})
            if state in (DownloadState.COMPLETED, DownloadState.FAILED):
                variant = library.movies.variant(tracked.variant_id)
                library.history.add(
                    HistoryEvent(
                        event="download_completed" if state is DownloadState.COMPLETED else "download_failed",
                        movie_id=variant.movie_id,
                        variant_id=variant.id,
                        source_title=tracked.title,
                        download_id=tracked.download_id,
                        quality=tracked.quality,
                        data={"client_state": client_view.client_state if client_view else None,
                              "message": message},
                    ),
                    now,
                )
            if state is DownloadState.COMPLETED:
                report.completed.append(tracked.download_id)
        if client_view is not None and state is not DownloadState.COMPLETED:
            report.queue.append({
                "download": tracked.title, "state": state.value, "progress": f"{client_view.progress:.0%}",
                "eta": f"{client_view.eta_seconds}s" if client_view.eta_seconds is not None else "",
            })
    return report
