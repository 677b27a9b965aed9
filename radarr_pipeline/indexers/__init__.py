"""Indexers: Torznab, Newznab, HDBits and plain tracker RSS, behind one small interface.

``build_indexer(config)`` gives an object with ``name``, ``priority``, ``fetch_rss()``, ``search(movie)``
(and ``capabilities()`` for Torznab/Newznab). Failures raise :class:`IndexerError` subclasses whose message
names the indexer, the address (host/path, no secret) and what was wrong. ``radarr_pipeline.services.indexer_sync``
runs them against the library with back-off; ``radarr_pipeline.services.reputation`` scores release groups.
"""

from radarr_pipeline.indexers.base import Capabilities, FetchResult, Indexer, ReleaseDetails
from radarr_pipeline.indexers.errors import IndexerError
from radarr_pipeline.indexers.factory import build_indexer, default_client

__all__ = [
    "Capabilities",
    "FetchResult",
    "Indexer",
    "IndexerError",
    "ReleaseDetails",
    "build_indexer",
    "default_client",
]
