from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DownloadClientError(RuntimeError):
    """The download client could not be reached or refused a request; the message names it and its address."""


class DownloadStatus(StrEnum):
    """What a client's own state means to us, whatever the client calls it."""

    QUEUED = "queued"
    DOWNLOADING = "downloading"
    STALLED = "stalled"
    PAUSED = "paused"
    COMPLETED = "completed"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ClientDownload:
    """One item in the download client, as it reports it."""

    download_id: str  # lower-case infohash
    name: str
    status: DownloadStatus
    client_state: str
    progress: float
    size: int
    content_path: str | None
    save_path: str | None
    category: str | None
    eta_seconds: int | None = None
    ratio: float | None = None
    message: str | None = None

    @property
    def is_complete(self) -> bool:
        return self.status is DownloadStatus.COMPLETED
