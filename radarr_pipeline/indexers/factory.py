"""From an :class:`IndexerConfig` to a working indexer object."""

from __future__ import annotations

import httpx

from radarr_pipeline.config import ConfigError, IndexerConfig
from radarr_pipeline.indexers.base import Indexer
from radarr_pipeline.indexers.errors import IndexerConfigError
from radarr_pipeline.indexers.http import address_of
from radarr_pipeline.indexers.pacing import DEFAULT_MINIMUM_INTERVAL, Pacer
from radarr_pipeline.indexers.torznab import TorznabIndexer

USER_AGENT = "radarr-pipeline/0.1 (+https://github.com/Radarr/Radarr-compatible)"


def default_client(timeout: float = 30.0) -> httpx.Client:
    """An HTTP client for indexers: no environment proxies or netrc credentials, a plain user agent."""
    return httpx.Client(timeout=timeout, trust_env=False, headers={"User-Agent": USER_AGENT})


def minimum_interval(config: IndexerConfig) -> float:
    """Seconds between two requests to this indexer: the config's value when it has one, else the kind's."""
    configured = getattr(config, "minimum_interval_seconds", None)
    if isinstance(configured, int | float) and configured >= 0:
        return float(configured)
    return DEFAULT_MINIMUM_INTERVAL.get(config.kind, 2.0)


def read_api_key(config: IndexerConfig) -> str | None:
    try:
        return config.api_key()
    except ConfigError as exc:
        raise IndexerConfigError(config.name, address_of(config.url), str(exc)) from None


def build_indexer(
    config: IndexerConfig, *, client: httpx.Client | None = None, pacer: Pacer | None = None
) -> Indexer:
    """The indexer object for a configuration. Without ``client`` a new one is made (close it with the
    indexer's ``close()``). Raises :class:`IndexerConfigError` when a required secret or setting is missing."""
    api_key = read_api_key(config)
    http = client or default_client(config.timeout_seconds)
    pacer = pacer or Pacer(minimum_interval(config))
    indexer: Indexer
    if config.kind in ("torznab", "newznab"):
        indexer = TorznabIndexer(
            name=config.name, url=config.url, api_key=api_key, categories=config.categories,
            priority=config.priority, client=http, kind=config.kind, timeout=config.timeout_seconds,
            pacer=pacer, owns_client=client is None,
        )
    elif config.kind == "hdbits":
        from radarr_pipeline.indexers.hdbits import HDBitsIndexer

        if not config.username or not api_key:
            raise IndexerConfigError(
                config.name, address_of(config.url),
                "HDBits needs `username` and `api_key_env` (the variable holding the passkey)",
            )
        indexer = HDBitsIndexer(
            name=config.name, url=config.url, username=config.username, passkey=api_key,
            categories=config.categories, priority=config.priority, client=http,
            timeout=config.timeout_seconds, pacer=pacer, owns_client=client is None,
        )
    elif config.kind == "rss":
        from radarr_pipeline.indexers.rss import RssIndexer

        indexer = RssIndexer(
            name=config.name, url=config.url, passkey=api_key, priority=config.priority, client=http,
            timeout=config.timeout_seconds, pacer=pacer, owns_client=client is None,
        )
    else:  # pragma: no cover - the config's Literal prevents it
        raise IndexerConfigError(config.name, address_of(config.url), f"unknown indexer kind {config.kind!r}")
    return indexer
