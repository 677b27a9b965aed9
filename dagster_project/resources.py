"""The one resource: where the configuration is. Everything else (store, clients) is built from it per call."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dagster as dg
from pydantic import PrivateAttr

from radarr_pipeline.config import AppConfig, load_config
from radarr_pipeline.services.logs import protect_logs

if TYPE_CHECKING:
    from radarr_pipeline.download_clients.base import DownloadClient
    from radarr_pipeline.store import LibraryStore


class RadarrResource(dg.ConfigurableResource):
    """The library's configuration file. Empty: $RADARR_PIPELINE_CONFIG, else data/config.yaml.

    No connection is held: the store is opened per unit of work and the download client per call.
    """

    config_path: str = ""
    _config: AppConfig | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._config = load_config(self.config_path or None)  # read once per run
        protect_logs(self._config.summary())  # the domain's log lines reach the UI (dagster.yaml), without secrets

    def config(self) -> AppConfig:
        if self._config is None:  # outside a run (a sensor's tick): read it now, once for this instance
            self._config = load_config(self.config_path or None)
            protect_logs(self._config.summary())
        return self._config

    # The store and the client are imported when first asked for: every run loads this module, and a run that
    # needs no download client (or no store) should not import qbittorrent-api (or DuckDB).
    def store(self) -> LibraryStore:
        from radarr_pipeline.store import LibraryStore

        return LibraryStore(self.config().database)

    def download_client(self) -> DownloadClient:
        from radarr_pipeline.services.configured import download_client

        return download_client(self.config())
