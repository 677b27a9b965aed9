"""The metadata source: TMDB's API v3 (client, pacing, faults) and its JSON mapped to what the library keeps."""

from radarr_pipeline.metadata.errors import (
    MetadataAuthError,
    MetadataError,
    MetadataNetworkError,
    MetadataNotFoundError,
    MetadataRateLimitedError,
    MetadataResponseError,
)
from radarr_pipeline.metadata.tmdb import TmdbAuth, TmdbClient

__all__ = [
    "MetadataAuthError", "MetadataError", "MetadataNetworkError", "MetadataNotFoundError",
    "MetadataRateLimitedError", "MetadataResponseError", "TmdbAuth", "TmdbClient",
]
