"""What the services build from the configuration: the download client, quality profiles, custom formats and
the decision rules' context."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from radarr_pipeline.config import AppConfig
from radarr_pipeline.quality.custom_formats import CustomFormat, CustomFormatError, load_custom_formats
from radarr_pipeline.quality.definitions import apply_definition_overrides, default_quality_definitions
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.settings.downloads import BlackholeConfig

if TYPE_CHECKING:
    from radarr_pipeline.decisions.context import DecisionContext
    from radarr_pipeline.download_clients import BlackholeClient, QBittorrentClient


class DecisionSetupError(ValueError):
    """The decision settings cannot be used as they are; the message says what to fix."""


def load_formats(config: AppConfig, profiles: dict[str, QualityProfile]) -> list[CustomFormat]:
    """The configured custom formats. Every profile score must name a loaded format: a misspelt name would
    otherwise score 0 silently and change what is grabbed."""
    folder = config.decisions.custom_formats_dir
    formats: list[CustomFormat] = []
    if folder is not None:
        try:
            formats = load_custom_formats(folder)
        except CustomFormatError as exc:
            raise DecisionSetupError(f"custom formats in {folder}:\n{exc}") from None
    known = {f.name for f in formats}
    for profile in profiles.values():
        unknown = sorted(set(profile.format_scores) - known)
        if unknown:
            where = f"the custom formats in {folder}" if folder else "any custom format (decisions.custom_formats_dir"\
                " is not set)"
            raise DecisionSetupError(f"quality profile {profile.name!r} scores {unknown}, which are not {where}")
    return formats


def decision_context(config: AppConfig, profiles: dict[str, QualityProfile], now: datetime) -> DecisionContext:
    # Imported here (numpy): the workflows that only load formats or profiles from this module do not need it.
    from radarr_pipeline.decisions.context import DecisionContext, ReleaseRestriction

    settings = config.decisions
    try:
        definitions = apply_definition_overrides(default_quality_definitions(), settings.quality_definitions)
    except ValueError as exc:
        raise DecisionSetupError(f"decisions.quality_definitions: {exc}") from None
    return DecisionContext(
        profiles=profiles,
        now=now,
        definitions=definitions,
        minimum_seeders={i.name: i.minimum_seeders for i in config.indexers},
        indexer_priorities={i.name: i.priority for i in config.indexers},
        required_flags=dict(settings.required_indexer_flags),
        minimum_free_space_mb=settings.minimum_free_space_mb,
        skip_free_space_check=settings.skip_free_space_check,
        minimum_age_minutes=settings.minimum_age_minutes,
        delay_minutes=settings.delay.minutes,
        delay_bypass_if_highest_quality=settings.delay.bypass_if_highest_quality,
        delay_bypass_above_format_score=settings.delay.bypass_if_above_format_score,
        propers=settings.propers_and_repacks,
        maximum_size_mb=settings.maximum_size_mb,
        restrictions=tuple(ReleaseRestriction(tuple(r.required), tuple(r.ignored), tuple(r.indexers))
                           for r in settings.release_restrictions),
        blocked_indexers={i.name: None for i in config.indexers if not i.enabled},
        prefer_indexer_flags=settings.prefer_indexer_flags,
        preferred_protocol=settings.preferred_protocol,
    )


def download_client(config: AppConfig) -> QBittorrentClient | BlackholeClient:
    # Imported here: the workflows that load formats or profiles from this module (the wanted list, every Dagster
    # run) should not pay for qbittorrent-api and its HTTP stack when they ask no client.
    from radarr_pipeline.download_clients import BlackholeClient, QBittorrentClient

    settings = config.download_client
    if isinstance(settings, BlackholeConfig):
        return BlackholeClient(
            settings.watch_folder, settings.completed_folder, name=settings.name,
            save_magnet_files=settings.save_magnet_files, magnet_extension=settings.magnet_extension,
            settle_seconds=settings.settle_seconds,
        )
    return QBittorrentClient(
        settings.url,
        username=settings.username,
        password=settings.password(),
        category=settings.category,
        save_path=settings.save_path,
        timeout_seconds=settings.timeout_seconds,
        name=settings.name,
        path_mappings=[m.mapping() for m in config.remote_path_mappings],
    )


def quality_profiles(config: AppConfig) -> dict[str, QualityProfile]:
    return {p.name: p.build() for p in config.quality_profiles}


def indexer_secret(config: AppConfig) -> Callable[[str], str | None]:
    """An indexer's key by its name (read from its environment variable when asked); None for an indexer the
    configuration no longer has, or one without a key."""
    by_name = {indexer.name: indexer for indexer in config.indexers}

    def secret_for(name: str) -> str | None:
        indexer = by_name.get(name)
        return indexer.api_key() if indexer is not None else None

    return secret_for
