"""What every download client gives the pipeline: its downloads in our terms, and a few actions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class DownloadClientError(RuntimeError):
    """The download client could not be reached or refused a request; the message names it and its address
    (never a password)."""


class ForeignDownloadError(DownloadClientError):
    """The client has this torrent outside our category: someone else's, not ours to track."""


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
    ratio_limit: float | None = None  # None: the client's global setting (or none) applies
    seeding_time_limit_minutes: int | None = None
    seeding_time_seconds: int | None = None
    seeding_stopped: bool = False  # complete and no longer seeding (qBittorrent: pausedUP / stoppedUP)


@dataclass(frozen=True)
class ShareLimits:
    """A seeding goal: stop seeding at this ratio or after this many minutes, whichever comes first."""

    ratio: float | None = None
    minutes: int | None = None

    @property
    def is_set(self) -> bool:
        return self.ratio is not None or self.minutes is not None


class DownloadClient(Protocol):
    """The interface the pipeline needs from a download client (qBittorrent, blackhole)."""

    kind: str
    name: str

    def add_torrent(
        self, *, torrent: bytes | None = None, magnet: str | None = None, limits: ShareLimits | None = None
    ) -> str: ...

    def downloads(self) -> list[ClientDownload]: ...

    def has(self, download_id: str) -> bool: ...

    def remove(self, download_id: str, *, delete_files: bool) -> bool: ...

    def set_share_limits(self, download_id: str, limits: ShareLimits) -> None: ...
