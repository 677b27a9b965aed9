import pytest

from radarr_pipeline.download_clients.base import ClientDownload, DownloadStatus
from radarr_pipeline.download_clients.qbittorrent import status_of_state
from radarr_pipeline.models import DownloadState, TrackedDownload
from radarr_pipeline.tracking import next_state


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


def tracked(state: DownloadState = DownloadState.DOWNLOADING) -> TrackedDownload:
    return TrackedDownload(1, 1, 1, "qbittorrent", "a" * 40, "Movie", "Bluray-1080p", state)


def reported(status: DownloadStatus) -> ClientDownload:
    return ClientDownload("a" * 40, "Movie", status, "x", 0.5, 10, "/d/Movie", "/d", "radarr")


def test_tracking_follows_the_client() -> None:
    assert next_state(tracked(), reported(DownloadStatus.COMPLETED))[0] is DownloadState.COMPLETED
    assert next_state(tracked(), reported(DownloadStatus.FAILED))[0] is DownloadState.FAILED
    state, message = next_state(tracked(), reported(DownloadStatus.STALLED))
    assert state is DownloadState.STALLED and "stalled" in (message or "")


def test_a_download_missing_from_the_client_keeps_its_state_with_a_message() -> None:
    assert next_state(tracked(), None) == (DownloadState.DOWNLOADING, "not found in the download client")
