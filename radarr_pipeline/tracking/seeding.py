"""Seeding goals per indexer, and Radarr's rule for removing a download after import: never while seeding is
still required."""

from __future__ import annotations

from radarr_pipeline.models import ClientDownload, DownloadState, ShareLimits, TrackedDownload


def limits_to_apply(reported: ClientDownload, wanted: ShareLimits | None) -> ShareLimits | None:
    """The limits to set on the torrent, or None when it already has them (or the indexer sets none)."""
    if wanted is None or not wanted.is_set:
        return None
    ratio_ok = wanted.ratio is None or (reported.ratio_limit is not None
                                        and abs(reported.ratio_limit - wanted.ratio) < 1e-6)
    time_ok = wanted.minutes is None or reported.seeding_time_limit_minutes == wanted.minutes
    return None if ratio_ok and time_ok else wanted


def seeding_goal_met(reported: ClientDownload) -> bool:
    """The torrent reached its own ratio or seeding-time limit. Unknown limits mean "not met"."""
    if reported.ratio_limit is not None and reported.ratio is not None and reported.ratio >= reported.ratio_limit:
        return True
    minutes = reported.seeding_time_limit_minutes
    seconds = reported.seeding_time_seconds
    return minutes is not None and seconds is not None and seconds >= minutes * 60


def removal_after_import(
    tracked: TrackedDownload, reported: ClientDownload, *, enabled: bool
) -> tuple[bool, str]:
    """(remove?, why) for an imported download still in the client."""
    if not enabled:
        return False, "removing completed downloads is off"
    if tracked.state is not DownloadState.IMPORTED:
        return False, "not imported yet"
    if not reported.seeding_stopped:
        return False, "still seeding"
    if not seeding_goal_met(reported):
        return False, "seeding goal not met (or not set on the torrent)"
    return True, "imported and seeding goal met"
