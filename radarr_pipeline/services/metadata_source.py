"""The configured metadata source: a TMDB client built from the configuration, and its answers made usable."""

from __future__ import annotations

import json
from typing import Any

from radarr_pipeline.config import AppConfig, read_secret
from radarr_pipeline.metadata import TmdbAuth, TmdbClient
from radarr_pipeline.metadata.tmdb import DETAILS_APPENDS


def metadata_client(config: AppConfig) -> TmdbClient | None:
    """A TMDB client for the configured account; None when no metadata source is configured. An unset secret
    variable is a ConfigError."""
    settings = config.metadata
    if settings is None:
        return None
    auth: TmdbAuth | None = None
    if settings.api_key_env:
        key = read_secret(settings.api_key_env, "metadata.api_key_env")
        auth = TmdbAuth("api_key", key) if key else None
    elif settings.access_token_env:
        token = read_secret(settings.access_token_env, "metadata.access_token_env")
        auth = TmdbAuth("bearer", token) if token else None
    return TmdbClient(settings, auth)


def details_request(config: AppConfig, tmdb_id: int) -> str:
    """The cache key of a movie's details: what was asked, never with the key."""
    language = config.metadata.language if config.metadata else ""
    return f"movie/{tmdb_id}?append_to_response={DETAILS_APPENDS}&language={language}"


def as_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
