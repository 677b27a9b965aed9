"""The tracked-download state machine, as a table of named rules.

A rule says, for a tracked download still followed in the client and what the client now reports about it,
which state comes next and the message the queue shows. :func:`next_state` picks the rule; the rule's name is
what the UI and tests can point at ("why is this download stalled?").

    queued -> downloading -> (stalled / warning) -> completed -> [import pending: imported_files] -> imported
                                                                                      \\-> import_blocked
    any followed state -> failed_pending -> failed   (blocklisted, removed from the client, searched again)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple, TypeVar

from radarr_pipeline.models import ClientDownload, DownloadState, DownloadStatus, TrackedDownload

T = TypeVar("T")

# Tracked states the client's report may still change.
FOLLOWED = (DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.STALLED, DownloadState.WARNING)

# States a user may mark failed from the queue (Radarr: remove from queue + blocklist).
FAILABLE = (*FOLLOWED, DownloadState.COMPLETED, DownloadState.IMPORT_BLOCKED, DownloadState.FAILED_PENDING)


class Transition(NamedTuple):
    state: DownloadState
    message: str | None
    rule: str = ""


@dataclass(frozen=True)
class Rule:
    name: str
    state: DownloadState
    message: str | None


# (client status) -> rule, for a download in a followed state. ``None`` is "the client does not list it".
RULES: dict[DownloadStatus | None, Rule] = {
    DownloadStatus.QUEUED: Rule("queued_in_client", DownloadState.QUEUED, "queued in the download client"),
    DownloadStatus.PAUSED: Rule("paused_in_client", DownloadState.QUEUED, "paused in the download client"),
    DownloadStatus.DOWNLOADING: Rule("downloading", DownloadState.DOWNLOADING, None),
    DownloadStatus.STALLED: Rule("stalled", DownloadState.STALLED, "stalled: no connection to a peer"),
    DownloadStatus.COMPLETED: Rule("download_completed", DownloadState.COMPLETED,
                                   "downloaded; waiting for import"),
    DownloadStatus.FAILED: Rule("failed_in_client", DownloadState.FAILED_PENDING, "the download client reports "
                                "a failure"),
    DownloadStatus.UNKNOWN: Rule("unknown_client_state", DownloadState.WARNING,
                                 "the download client reports a state we do not know"),
    None: Rule("missing_from_client", DownloadState.WARNING, "not found in the download client"),
}

STALLED_TOO_LONG = Rule("stalled_too_long", DownloadState.FAILED_PENDING, "stalled for more than {minutes} minutes")
MARKED_FAILED = Rule("marked_failed_by_user", DownloadState.FAILED_PENDING, "marked as failed by the user")


def stall_start(stalled: bool, progress: float, before_progress: float | None, before_since: T | None,
                now: T) -> T | None:
    """Since when a download has been stalled without progress: None when it is not stalled; any progress
    restarts the clock. (The download sensor keeps its clock in epoch seconds, the store in datetimes.)"""
    if not stalled:
        return None
    if before_since is None or before_progress is None or progress > before_progress + 1e-9:
        return now
    return before_since


def stalled_since(tracked: TrackedDownload, reported: ClientDownload | None, now: datetime) -> datetime | None:
    """The stall clock of a tracked download, from what the client reports now."""
    if reported is None:
        return None
    return stall_start(reported.status is DownloadStatus.STALLED, reported.progress, tracked.progress,
                       tracked.stalled_since, now)


def stalled_too_long(since: datetime | None, now: datetime, timeout_minutes: int) -> bool:
    """A timeout of 0 means never."""
    return timeout_minutes > 0 and since is not None and now - since >= timedelta(minutes=timeout_minutes)


def next_state(
    tracked: TrackedDownload,
    reported: ClientDownload | None,
    *,
    now: datetime | None = None,
    stalled_timeout_minutes: int = 0,
) -> Transition:
    """The tracked state after the client's report, with a message for the queue and the rule's name.
    Only followed states move on a report; the others belong to import and failed handling."""
    if tracked.state not in FOLLOWED:
        return Transition(tracked.state, tracked.status_message, "not_followed")
    status = reported.status if reported is not None else None
    rule = RULES[status]
    if rule is RULES[DownloadStatus.STALLED] and now is not None:
        since = stalled_since(tracked, reported, now)
        if stalled_too_long(since, now, stalled_timeout_minutes):
            message = STALLED_TOO_LONG.message or ""
            return Transition(STALLED_TOO_LONG.state, message.format(minutes=stalled_timeout_minutes),
                              STALLED_TOO_LONG.name)
    message = rule.message
    if reported is not None and reported.message and status in (DownloadStatus.FAILED, DownloadStatus.UNKNOWN,
                                                                 DownloadStatus.QUEUED, DownloadStatus.STALLED):
        message = reported.message  # the client's own words are more precise
    return Transition(rule.state, message, rule.name)


def mark_failed(tracked: TrackedDownload) -> Transition:
    """The user's verdict: this download is bad. Refused for downloads already imported or failed."""
    if tracked.state not in FAILABLE:
        raise ValueError(f"{tracked.title} is {tracked.state.value}: only a download in the queue can be failed")
    return Transition(MARKED_FAILED.state, MARKED_FAILED.message, MARKED_FAILED.name)


def state_label(state: DownloadState) -> str:
    """How the queue names a state (Radarr's words)."""
    return {
        DownloadState.COMPLETED: "completed, import pending",
        DownloadState.IMPORT_BLOCKED: "import blocked",
        DownloadState.FAILED_PENDING: "failed, handling pending",
    }.get(state, state.value)
