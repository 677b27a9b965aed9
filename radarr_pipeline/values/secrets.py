"""Keeping secrets out of what is shown: URLs, errors, logs and metadata pass through :func:`redact`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

REDACTED = "(redacted)"
#: Query parameters that carry a secret on the indexers we know (Newznab, Torznab, Jackett, Prowlarr,
#: Gazelle/UNIT3D/XBT-style tracker RSS).
SECRET_PARAMETERS = (
    "apikey", "api_key", "api-key", "passkey", "pass_key", "key", "token", "api_token", "authkey",
    "auth", "torrent_pass", "jackett_apikey", "rsskey", "rss_key", "secret", "password", "pass", "sid",
)
_SECRET_QUERY = re.compile(
    r"(?i)([?&;](?:" + "|".join(re.escape(p) for p in SECRET_PARAMETERS) + r")=)[^&#;\s\"'<>]*"
)
MIN_SECRET_LENGTH = 3


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with secret query values and every literal occurrence of a known secret replaced."""
    cleaned = _SECRET_QUERY.sub(lambda m: m.group(1) + REDACTED, text)
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            cleaned = cleaned.replace(secret, REDACTED)
    return cleaned


def without_secrets(url: str, secrets: Iterable[str | None]) -> str:
    """A URL as it may be stored at rest: every known secret in it (as is, or URL-encoded) replaced by
    ``REDACTED``; :func:`with_secret` puts it back when the URL is used."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            url = url.replace(secret, REDACTED).replace(quote(secret, safe=""), REDACTED)
    return url


def with_secret(url: str, secret: str | None) -> str:
    """The stored URL made usable again: its ``REDACTED`` places hold the indexer's secret (URL-encoded)."""
    if not secret or REDACTED not in url:
        return url
    return url.replace(REDACTED, quote(secret, safe=""))
