"""What every indexer spoken to over HTTP shares: identity, the HTTP client it may own, pacing, body limits."""

from __future__ import annotations

import httpx

from radarr_pipeline.indexers.base import FetchResult
from radarr_pipeline.indexers.http import DEFAULT_MAX_BYTES, Target
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import IndexerRelease, Movie


class HttpIndexer:
    """Subclasses set ``kind`` and implement ``fetch_rss_result`` and ``search_result``."""

    kind: str

    def __init__(
        self,
        *,
        name: str,
        priority: int,
        client: httpx.Client,
        secrets: tuple[str, ...],
        timeout: float = 30.0,
        pacer: Pacer | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        owns_client: bool = False,
    ) -> None:
        self.name = name
        self.priority = priority
        self._client = client
        self._timeout = timeout
        self._pacer = pacer or Pacer(0.0)
        self._max_bytes = max_bytes
        self._owns_client = owns_client
        self._target = Target(name, secrets)

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def search(self, movie: Movie) -> list[IndexerRelease]:
        return self.search_result(movie).releases

    def fetch_rss_result(self) -> FetchResult:
        raise NotImplementedError

    def search_result(self, movie: Movie) -> FetchResult:
        raise NotImplementedError
