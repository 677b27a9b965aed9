"""Download clients: where grabbed releases go, and where their progress is read back."""

from radarr_pipeline.download_clients.base import ClientDownload, DownloadClientError, DownloadStatus
from radarr_pipeline.download_clients.qbittorrent import QBittorrentClient

__all__ = ["ClientDownload", "DownloadClientError", "DownloadStatus", "QBittorrentClient"]
