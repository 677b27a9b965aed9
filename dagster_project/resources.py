"""The one resource: where the configuration is. Everything else (store, clients) is built from it per call."""

from __future__ import annotations

import dagster as dg
from pydantic import PrivateAttr

from radarr_pipeline.config import AppConfig, load_config
from radarr_pipeline.download_clients.base import DownloadClient
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.services.logs import protect_logs
from radarr_pipeline.store import LibraryStore


class RadarrResource(dg.ConfigurableResource):
    """The library's configuration file. Empty: $RADARR_PIPELINE_CONFIG, else data/config.yaml.

    No connection is held: the store is opened per unit of work and the download client per call.
    """

    config_path: str = ""
    _config: AppConfig | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._config = load_config(self.config_path or None)  # read once per run
        protect_logs(self._config)  # the domain's log lines reach the UI (dagster.yaml), without secrets

    def config(self) -> AppConfig:
        if self._config is None:  # outside a run (a sensor's tick): read it now, once for this instance
            self._config = load_config(self.config_path or None)
            protect_logs(self._config)
        return self._config

    def store(self) -> LibraryStore:
        return LibraryStore(self.config().database)

    def download_client(self) -> DownloadClient:
        return download_client(self.config())
