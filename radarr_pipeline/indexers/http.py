"""Bounded HTTP for indexers: one request, a byte limit, a wall-clock limit, status and content-type checks.

Nothing here trusts the server: the body is streamed and reading stops at ``max_bytes``; a body that looks
like an HTML page where a feed was expected is reported as such (usually a login page: a wrong key or an
expired session). Every message and log line goes through :func:`redact`, so API keys and passkeys appear
as ``(redacted)``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from radarr_pipeline.indexers.errors import (
    IndexerAuthError,
    IndexerContentTypeError,
    IndexerHTTPError,
    IndexerLoginPageError,
    IndexerNetworkError,
    IndexerRateLimitedError,
    IndexerResponseTooLargeError,
)
from radarr_pipeline.values.log_redaction import install_log_redaction, remember_secrets
from radarr_pipeline.values.retry_after import retry_after_seconds
from radarr_pipeline.values.secrets import redact

log = logging.getLogger("radarr_pipeline.indexers")

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
MAX_RETRY_AFTER_SECONDS = 24 * 3600.0

XML_TYPES = frozenset({
    "application/rss+xml", "application/xml", "text/xml", "application/atom+xml", "application/x-rss+xml",
    "application/x-nzb+xml",
})
JSON_TYPES = frozenset({"application/json", "text/json"})
#: Types a server sends when it does not bother to say; the body is sniffed instead.
VAGUE_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})


def address_of(url: str | httpx.URL) -> str:
    """Host (and port) and path of a URL, without scheme, query or credentials: safe to show."""
    parts = urlsplit(str(url))
    host = parts.hostname or "?"
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{host}{parts.path or '/'}"


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), capped at a day."""
    seconds = retry_after_seconds(value, now)
    return None if seconds is None else min(seconds, MAX_RETRY_AFTER_SECONDS)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def looks_like_html(body: bytes) -> bool:
    """An HTML page, not a feed that merely carries HTML in a description."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if looks_like_xml(body):  # XHTML starts with an XML declaration too
        return b"<html" in head[:512] and not any(tag in head[:512] for tag in (b"<rss", b"<caps", b"<error"))
    return b"<html" in head or b"<body" in head


def looks_like_login_page(body: bytes) -> bool:
    head = body[:65536].lower()
    return b'type="password"' in head or b"type='password'" in head or b"login" in head or b"sign in" in head


def looks_like_xml(body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<rss", b"<caps", b"<feed", b"<error", b"<!doctype rss"))


def looks_like_json(body: bytes) -> bool:
    return body[:64].lstrip().startswith((b"{", b"["))


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    address: str
    #: The final URL (after redirects), secrets included: the base for a feed's relative links. Never shown.
    url: str = ""


install_log_redaction()


@dataclass(frozen=True)
class Target:
    """Who we are talking to, for messages: the indexer's name and the secrets to scrub."""

    indexer: str
    secrets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        remember_secrets(self.secrets)

    def scrub(self, text: str) -> str:
        return redact(text, self.secrets)


def fetch(
    client: httpx.Client,
    target: Target,
    method: str,
    url: str,
    *,
    expect: str,
    params: Mapping[str, str | int] | None = None,
    json: object | None = None,
    timeout: float = 30.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Response:
    """One bounded request. ``expect`` is "xml" or "json": the body must be that kind of document.

    Raises an :class:`IndexerError` subclass for every failure; messages are redacted.
    """
    full_url = httpx.URL(url).copy_merge_params(dict(params)) if params else httpx.URL(url)
    request = client.build_request(
        method, full_url, json=json, timeout=httpx.Timeout(timeout),
        headers={"Accept": "application/json" if expect == "json" else "application/rss+xml, application/xml"},
    )
    where = target.scrub(address_of(request.url))
    log.debug("indexer %s: %s %s", target.indexer, method, target.scrub(str(request.url)))
    deadline = time.monotonic() + timeout * 2
    try:
        response = client.send(request, stream=True, follow_redirects=True)
        try:
            _check_status(response, target, where)
            body = _read_bounded(response, target, where, max_bytes, deadline)
        finally:
            response.close()
    except httpx.TimeoutException:
        raise IndexerNetworkError(target.indexer, where, f"no answer within {timeout:g} s") from None
    except (httpx.RequestError, httpx.StreamError) as exc:  # refused, reset, too many redirects, bad encoding
        raise IndexerNetworkError(
            target.indexer, where, f"connection failed: {target.scrub(type(exc).__name__ + ': ' + str(exc))}"
        ) from None
    final_address = target.scrub(address_of(response.url))
    content_type = media_type(response.headers.get("content-type"))
    _check_document(body, content_type, expect, target, final_address)
    return Response(response.status_code, content_type, body, final_address, str(response.url))


def _check_status(response: httpx.Response, target: Target, where: str) -> None:
    status = response.status_code
    if status < 400:
        return
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        raise IndexerRateLimitedError(
            target.indexer, where, f"HTTP 429 Too Many Requests{wait}", retry_after=retry_after
        )
    if status in (401, 403):
        raise IndexerAuthError(
            target.indexer, where, f"HTTP {status} {response.reason_phrase}: the API key or passkey was refused"
        )
    if status == 503 and response.headers.get("retry-after"):
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        raise IndexerRateLimitedError(
            target.indexer, where, f"HTTP 503 Service Unavailable; retry after {retry_after:g} s",
            retry_after=retry_after,
        )
    raise IndexerHTTPError(
        target.indexer, where, f"HTTP {status} {target.scrub(response.reason_phrase)}", status=status
    )


def _read_bounded(
    response: httpx.Response, target: Target, where: str, max_bytes: int, deadline: float
) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise IndexerResponseTooLargeError(
            target.indexer, where,
            f"response of {int(declared):,} bytes is larger than the {max_bytes:,}-byte limit; not read",
        )
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise IndexerResponseTooLargeError(
                target.indexer, where, f"response is larger than the {max_bytes:,}-byte limit; reading stopped"
            )
        if time.monotonic() > deadline:
            raise IndexerNetworkError(target.indexer, where, "the response body took too long to arrive")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_document(body: bytes, content_type: str, expect: str, target: Target, where: str) -> None:
    if looks_like_html(body):
        if looks_like_login_page(body):
            raise IndexerLoginPageError(
                target.indexer, where,
                "returned an HTML login page instead of a feed: the API key or passkey is wrong, "
                "or the account needs to log in on the site",
            )
        raise IndexerContentTypeError(
            target.indexer, where, f"returned an HTML page ({content_type or 'no content type'}) instead of "
            f"{'JSON' if expect == 'json' else 'an XML feed'}",
        )
    accepted = JSON_TYPES if expect == "json" else XML_TYPES
    sniff = looks_like_json if expect == "json" else looks_like_xml
    if content_type in accepted:
        return
    if (content_type in VAGUE_TYPES or content_type == "text/html") and sniff(body):
        log.info("indexer %s: %s served as %r, parsed anyway", target.indexer, expect, content_type)
        return
    wanted = "JSON" if expect == "json" else "an XML feed"
    raise IndexerContentTypeError(
        target.indexer, where, f"returned content type {content_type or '(none)'!s} instead of {wanted}"
    )
