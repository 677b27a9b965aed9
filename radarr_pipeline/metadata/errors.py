"""What can go wrong asking TMDB; every message is already redacted (no API key or token in it)."""

from __future__ import annotations


class MetadataError(RuntimeError):
    """TMDB could not answer what was asked; the message says why and where (never the key)."""


class MetadataAuthError(MetadataError):
    """TMDB refused the API key or token (HTTP 401): retrying will not help until it is fixed."""


class MetadataNotFoundError(MetadataError):
    """TMDB has no such movie or collection (HTTP 404)."""


class MetadataRateLimitedError(MetadataError):
    """TMDB asked to slow down (HTTP 429) for longer than we are willing to wait in this run."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class MetadataNetworkError(MetadataError):
    """No answer: refused, reset, timed out."""


class MetadataResponseError(MetadataError):
    """An answer we cannot use: too large, not JSON, not the shape TMDB documents, or another HTTP error."""
