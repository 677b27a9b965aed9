"""The one resource: where the configuration is. Everything else (store, clients) is built from it per call."""

from __future__ import annotations

import dagster as dg

from radarr_pipeline.clients import download_client, quality_profiles
from radarr_pipeline.config import AppConfig, load_config
from radarr_pipeline.download_clients import DownloadClient
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.store import LibraryStore


class RadarrResource(dg.ConfigurableResource):
    """The library's configuration file. Empty: $RADARR_PIPELINE_CONFIG, else data/config.yaml.

    No connection is held: the store is opened per unit of work and the download client per call.
    """

    config_path: str = ""

    def config(self) -> AppConfig:
        return load_config(self.config_path or None)

    def store(self) -> LibraryStore:
        return LibraryStore(self.config().database)

    def download_client(self) -> DownloadClient:
        return download_client(self.config())

    def profiles(self) -> dict[str, QualityProfile]:
        return quality_profiles(self.config())
