"""What every download client gives the pipeline: its downloads in our terms, and a few actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from radarr_pipeline.models import ClientDownload, ShareLimits


class DownloadClientError(RuntimeError):
    """The download client could not be reached or refused a request; the message names it and its address
    (never a password)."""


class ForeignDownloadError(DownloadClientError):
    """The client has this torrent outside our category: someone else's, not ours to track."""


@dataclass(frozen=True)
class ClientFolder:
    """A folder the client puts downloads in: as the client reports it, and as it is here (mapped)."""

    remote: str
    local: str


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

    def output_folders(self) -> list[ClientFolder]:
        """Where the client puts our downloads (Radarr's OutputRootFolders)."""
        ...

    def close(self) -> None:
        """End the client's session, if it keeps one."""
