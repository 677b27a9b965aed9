"""The state mapping (qBittorrent state -> our status -> tracked state) and the named transition rules."""

from datetime import UTC, datetime, timedelta

import pytest

from radarr_pipeline.download_clients.qbittorrent import status_of_state
from radarr_pipeline.models import ClientDownload, DownloadState, DownloadStatus, TrackedDownload
from radarr_pipeline.tracking.transitions import mark_failed, next_state, stalled_since

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "progress", "expected"),
    [
        ("stalledUP", 1.0, DownloadStatus.COMPLETED),
        ("uploading", 1.0, DownloadStatus.COMPLETED),
        ("pausedUP", 1.0, DownloadStatus.COMPLETED),   # qBittorrent 4.x
        ("stoppedUP", 1.0, DownloadStatus.COMPLETED),  # qBittorrent 5.x
        ("stalledUP", 0.99, DownloadStatus.DOWNLOADING),
        ("stalledDL", 0.4, DownloadStatus.STALLED),
        ("metaDL", 0.0, DownloadStatus.DOWNLOADING),
        ("pausedDL", 0.2, DownloadStatus.PAUSED),
        ("stoppedDL", 0.2, DownloadStatus.PAUSED),
        ("queuedDL", 0.0, DownloadStatus.QUEUED),
        ("error", 0.5, DownloadStatus.FAILED),
        ("missingFiles", 1.0, DownloadStatus.FAILED),
        ("somethingNew", 0.5, DownloadStatus.UNKNOWN),
    ],
)
def test_qbittorrent_states_of_4x_and_5x(state: str, progress: float, expected: DownloadStatus) -> None:
    assert status_of_state(state, progress) is expected


def tracked(state: DownloadState = DownloadState.DOWNLOADING, **kw: object) -> TrackedDownload:
    return TrackedDownload(1, 1, 1, "qbittorrent", "a" * 40, "Movie", "Bluray-1080p", state, **kw)  # type: ignore[arg-type]


def reported(status: DownloadStatus, progress: float = 0.5, message: str | None = None) -> ClientDownload:
    return ClientDownload("a" * 40, "Movie", status, "x", progress, 10, "/d/Movie", "/d", "radarr", message=message)


@pytest.mark.parametrize(
    ("status", "state", "rule"),
    [
        (DownloadStatus.QUEUED, DownloadState.QUEUED, "queued_in_client"),
        (DownloadStatus.PAUSED, DownloadState.QUEUED, "paused_in_client"),
        (DownloadStatus.DOWNLOADING, DownloadState.DOWNLOADING, "downloading"),
        (DownloadStatus.STALLED, DownloadState.STALLED, "stalled"),
        (DownloadStatus.COMPLETED, DownloadState.COMPLETED, "download_completed"),
        (DownloadStatus.FAILED, DownloadState.FAILED_PENDING, "failed_in_client"),
        (DownloadStatus.UNKNOWN, DownloadState.WARNING, "unknown_client_state"),
    ],
)
@pytest.mark.parametrize("start", [DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.STALLED,
                                   DownloadState.WARNING])
def test_every_followed_state_follows_the_client(start: DownloadState, status: DownloadStatus,
                                                 state: DownloadState, rule: str) -> None:
    transition = next_state(tracked(start), reported(status), now=NOW)
    assert (transition.state, transition.rule) == (state, rule)


def test_the_clients_words_are_kept_for_failures() -> None:
    transition = next_state(tracked(), reported(DownloadStatus.FAILED, message="files are missing"))
    assert transition.message == "files are missing"
    assert "stalled" in (next_state(tracked(), reported(DownloadStatus.STALLED)).message or "")


def test_a_download_missing_from_the_client_becomes_a_warning() -> None:
    assert next_state(tracked(), None) == (DownloadState.WARNING, "not found in the download client",
                                           "missing_from_client")


@pytest.mark.parametrize("state", [DownloadState.COMPLETED, DownloadState.IMPORTED, DownloadState.IMPORT_BLOCKED,
                                   DownloadState.FAILED, DownloadState.FAILED_PENDING])
def test_states_after_completion_belong_to_import_and_failed_handling(state: DownloadState) -> None:
    assert next_state(tracked(state), reported(DownloadStatus.FAILED)).state is state


def test_stalled_past_the_timeout_fails_and_progress_restarts_the_clock() -> None:
    long_ago = NOW - timedelta(minutes=31)
    stuck = tracked(DownloadState.STALLED, progress=0.5, stalled_since=long_ago)
    transition = next_state(stuck, reported(DownloadStatus.STALLED, 0.5), now=NOW, stalled_timeout_minutes=30)
    assert transition.state is DownloadState.FAILED_PENDING
    assert transition.message == "stalled for more than 30 minutes" and transition.rule == "stalled_too_long"
    moving = next_state(stuck, reported(DownloadStatus.STALLED, 0.6), now=NOW, stalled_timeout_minutes=30)
    assert moving.state is DownloadState.STALLED
    assert stalled_since(stuck, reported(DownloadStatus.STALLED, 0.6), NOW) == NOW
    assert stalled_since(stuck, reported(DownloadStatus.STALLED, 0.5), NOW) == long_ago
    assert stalled_since(stuck, reported(DownloadStatus.DOWNLOADING, 0.5), NOW) is None
    never = next_state(stuck, reported(DownloadStatus.STALLED, 0.5), now=NOW, stalled_timeout_minutes=0)
    assert never.state is DownloadState.STALLED, "a timeout of 0 never fails a stalled download"


def test_the_user_may_fail_a_queued_download_but_not_an_imported_one() -> None:
    assert mark_failed(tracked()).state is DownloadState.FAILED_PENDING
    assert mark_failed(tracked()).rule == "marked_failed_by_user"
    with pytest.raises(ValueError, match="only a download in the queue"):
        mark_failed(tracked(DownloadState.IMPORTED))


def test_active_states_hold_the_movie() -> None:
    assert DownloadState.FAILED_PENDING.is_active and DownloadState.WARNING.is_active
    assert not DownloadState.FAILED.is_active and not DownloadState.IMPORTED.is_active
