"""Decision rules. Each is a named pure function: it returns None to accept, or the reason a person reads."""

from __future__ import annotations

from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import Quality


def quality_allowed_by_profile(quality: Quality, profile: QualityProfile) -> str | None:
    if profile.allows(quality):
        return None
    return f"Quality {quality.name} is not wanted in profile {profile.name}"


def not_already_grabbed(release_id: int, grabbed_release_ids: set[int]) -> str | None:
    if release_id in grabbed_release_ids:
        return "Release was grabbed before"
    return None


def minimum_seeders(release: IndexerRelease, minimum: int) -> str | None:
    if release.seeders is None or release.seeders >= minimum:
        return None
    return f"Not enough seeders: {release.seeders} (minimum {minimum})"


def has_download_link(release: IndexerRelease) -> str | None:
    if release.download_url or release.magnet_url:
        return None
    return "Release has neither a .torrent link nor a magnet link"


def better_than_file_on_disk(
    quality: Quality, existing: Quality | None, profile: QualityProfile
) -> str | None:
    if existing is None:
        return None
    if not profile.upgrade_allowed:
        return f"Upgrades are not allowed by profile {profile.name} and the movie has a file"
    if profile.index_of(quality) <= profile.index_of(existing):
        return f"Existing file on disk is of equal or better quality: {existing.name}"
    return None
