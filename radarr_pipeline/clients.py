"""Building the configured services: the download client, the quality profiles."""

from __future__ import annotations

from radarr_pipeline.config import AppConfig
from radarr_pipeline.download_clients import BlackholeClient, QBittorrentClient
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.settings.downloads import BlackholeConfig


def download_client(config: AppConfig) -> QBittorrentClient | BlackholeClient:
    settings = config.download_client
    if isinstance(settings, BlackholeConfig):
        return BlackholeClient(
            settings.watch_folder, settings.completed_folder, name=settings.name,
            save_magnet_files=settings.save_magnet_files, magnet_extension=settings.magnet_extension,
            settle_seconds=settings.settle_seconds,
        )
    return QBittorrentClient(
        settings.url,
        username=settings.username,
        password=settings.password(),
        category=settings.category,
        save_path=settings.save_path,
        timeout_seconds=settings.timeout_seconds,
        name=settings.name,
    )


def quality_profiles(config: AppConfig) -> dict[str, QualityProfile]:
    return {p.name: p.build() for p in config.quality_profiles}
