"""Secrets out of the HTTP library's own log lines. httpx logs every request's full URL at INFO: an indexer's
``apikey=``, TMDB's ``api_key=``, a Discord or webhook URL with its token. Every adapter that talks HTTP remembers
its secrets here (:func:`remember_secrets`), and one filter on the ``httpx`` and ``httpcore`` loggers rewrites a
record with :func:`~radarr_pipeline.values.secrets.redact` of them (and of secret URL parameters)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from radarr_pipeline.values.secrets import MIN_SECRET_LENGTH, redact

#: Secrets the adapters of this process use (bounded: a long-running process does not grow it without end).
_KNOWN_SECRETS: set[str] = set()
_MAX_KNOWN_SECRETS = 256


def remember_secrets(secrets: Iterable[str]) -> None:
    """Secrets to take out of the HTTP library's log records from now on."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH and len(_KNOWN_SECRETS) < _MAX_KNOWN_SECRETS:
            _KNOWN_SECRETS.add(secret)


class RedactingFilter(logging.Filter):
    """Rewrites a log record's message with :func:`redact` and the remembered secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        cleaned = redact(message, tuple(_KNOWN_SECRETS))
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def install_log_redaction() -> None:
    """Scrub secrets from httpx/httpcore log records (idempotent)."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
