"""What can go wrong with an indexer. Every message names the indexer, the address (host and path, never a
query string or a secret) and what was wrong, so it can be shown in the UI as is."""

from __future__ import annotations


class IndexerError(Exception):
    """An indexer could not be used this time. ``str()`` is safe to show and to store: no secrets."""

    #: Short machine-readable kind, stored with the failure ("network", "http", "rate_limited", ...).
    kind = "error"

    def __init__(self, indexer: str, address: str, problem: str) -> None:
        self.indexer = indexer
        self.address = address
        self.problem = problem
        super().__init__(f"indexer {indexer!r} at {address}: {problem}")


class IndexerConfigError(IndexerError):
    """The indexer's settings are incomplete (missing username, missing secret variable, ...)."""

    kind = "config"


class IndexerNetworkError(IndexerError):
    """No answer: connection refused, DNS failure, timeout, connection dropped mid-body."""

    kind = "network"


class IndexerHTTPError(IndexerError):
    """The server answered with an HTTP error status."""

    kind = "http"

    def __init__(self, indexer: str, address: str, problem: str, *, status: int) -> None:
        super().__init__(indexer, address, problem)
        self.status = status


class IndexerRateLimitedError(IndexerError):
    """HTTP 429 or the API's own 'request limit reached'; ``retry_after`` in seconds when the server said."""

    kind = "rate_limited"

    def __init__(self, indexer: str, address: str, problem: str, *, retry_after: float | None = None) -> None:
        super().__init__(indexer, address, problem)
        self.retry_after = retry_after


class IndexerAuthError(IndexerError):
    """The API key / passkey / username was refused."""

    kind = "auth"


class IndexerLoginPageError(IndexerAuthError):
    """An HTML page (usually a login form) came back where a feed was expected."""

    kind = "login_page"


class IndexerResponseTooLargeError(IndexerError):
    """The body was bigger than we accept; reading stopped at the limit."""

    kind = "too_large"


class IndexerContentTypeError(IndexerError):
    """The body is not the kind of document the API should return."""

    kind = "content_type"


class IndexerParseError(IndexerError):
    """The body could not be parsed: malformed XML or JSON, an entity declaration, a missing element."""

    kind = "parse"


class IndexerApiError(IndexerError):
    """The API answered with its own error document (Torznab ``<error>``, HDBits non-zero status)."""

    kind = "api"

    def __init__(self, indexer: str, address: str, problem: str, *, code: int | None = None) -> None:
        super().__init__(indexer, address, problem)
        self.code = code
