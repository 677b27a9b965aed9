"""Download clients: where grabbed releases go, and where their progress is read back."""

from radarr_pipeline.download_clients.base import DownloadClient, DownloadClientError
from radarr_pipeline.download_clients.blackhole import BlackholeClient
from radarr_pipeline.download_clients.qbittorrent import QBittorrentClient
from radarr_pipeline.models import ClientDownload, DownloadStatus, ShareLimits

__all__ = [
    "BlackholeClient",
    "ClientDownload",
    "DownloadClient",
    "DownloadClientError",
    "DownloadStatus",
    "QBittorrentClient",
    "ShareLimits",
]
