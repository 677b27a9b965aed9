"""Upgrade decisions in Radarr's order (UpgradableSpecification): quality, then revision, then format score.

Every rejection is a named reason with a message a user can read.
"""

from __future__ import annotations

from enum import StrEnum

from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import QualityModel


class ProperHandling(StrEnum):
    """Radarr's 'Download Propers and Repacks' setting."""

    PREFER_AND_UPGRADE = "prefer_and_upgrade"
    DO_NOT_UPGRADE = "do_not_upgrade"
    DO_NOT_PREFER = "do_not_prefer"


class UpgradeRejection(StrEnum):
    """Why a release is not an upgrade over what is on disk (Radarr's UpgradeableRejectReason)."""

    BETTER_QUALITY = "better_quality"
    BETTER_REVISION = "better_revision"
    QUALITY_CUTOFF = "quality_cutoff"
    CUSTOM_FORMAT_SCORE = "custom_format_score"
    CUSTOM_FORMAT_CUTOFF = "custom_format_cutoff"
    MIN_CUSTOM_FORMAT_SCORE = "min_custom_format_score"
    UPGRADES_NOT_ALLOWED = "upgrades_not_allowed"


_MESSAGES = {
    UpgradeRejection.BETTER_QUALITY: "Existing file is of equal or higher preference: {current}",
    UpgradeRejection.BETTER_REVISION: "Existing file is of equal or higher revision: {current}",
    UpgradeRejection.QUALITY_CUTOFF: "Existing file meets the quality cutoff: {current}",
    UpgradeRejection.CUSTOM_FORMAT_SCORE: "Existing file has an equal or higher custom format score: {score}",
    UpgradeRejection.CUSTOM_FORMAT_CUTOFF: "Existing file meets the custom format cutoff: {score}",
    UpgradeRejection.MIN_CUSTOM_FORMAT_SCORE: (
        "New custom format score {new_score} is less than {step} above the existing file's {score}"
    ),
    UpgradeRejection.UPGRADES_NOT_ALLOWED: "Quality profile '{profile}' does not allow upgrades",
}


def rejection_message(
    reason: UpgradeRejection,
    profile: QualityProfile,
    current: QualityModel,
    current_score: int,
    new_score: int,
) -> str:
    """The sentence shown to a user for ``reason``."""
    return _MESSAGES[reason].format(
        current=current, score=current_score, new_score=new_score,
        step=profile.min_upgrade_format_score, profile=profile.name,
    )


def compare_quality(profile: QualityProfile, new: QualityModel, current: QualityModel) -> int:
    """Profile preference of the two qualities (>0: ``new`` is preferred); revisions are not considered."""
    return profile.compare_qualities(new.quality, current.quality)


def compare_quality_models(profile: QualityProfile, new: QualityModel, current: QualityModel) -> int:
    """Radarr's QualityModelComparer: profile preference first, then revision (real, then version)."""
    by_quality = compare_quality(profile, new, current)
    if by_quality:
        return by_quality
    if new.revision > current.revision:
        return 1
    if new.revision < current.revision:
        return -1
    return 0


def is_revision_upgrade(
    current: QualityModel, new: QualityModel, propers: ProperHandling = ProperHandling.PREFER_AND_UPGRADE
) -> bool:
    """A PROPER/REPACK of the same quality (never across qualities, e.g. WEBDL to WEBRip)."""
    if current.quality != new.quality or propers == ProperHandling.DO_NOT_PREFER:
        return False
    return new.revision > current.revision


def _cutoff_index(profile: QualityProfile) -> int:
    # With upgrades off, the first allowed item is the cutoff: whatever is on disk is good enough.
    return profile.cutoff_index() if profile.upgrade_allowed else 0


def quality_cutoff_not_met(
    profile: QualityProfile,
    current: QualityModel,
    new: QualityModel | None = None,
    propers: ProperHandling = ProperHandling.PREFER_AND_UPGRADE,
) -> bool:
    """The file on disk is below the quality cutoff, or ``new`` is a revision upgrade of the same quality."""
    if profile.index_of(current.quality) < _cutoff_index(profile):
        return True
    return new is not None and is_revision_upgrade(current, new, propers)


def custom_format_cutoff_not_met(profile: QualityProfile, current_score: int) -> bool:
    """The format score on disk is below the cutoff format score (the minimum when upgrades are off)."""
    threshold = profile.cutoff_format_score if profile.upgrade_allowed else profile.min_format_score
    return current_score < threshold


def cutoff_not_met(
    profile: QualityProfile,
    current: QualityModel,
    current_score: int,
    new: QualityModel | None = None,
    propers: ProperHandling = ProperHandling.PREFER_AND_UPGRADE,
) -> bool:
    """Whether the movie is still wanted: quality cutoff or custom-format cutoff not reached."""
    return quality_cutoff_not_met(profile, current, new, propers) or custom_format_cutoff_not_met(
        profile, current_score
    )


def is_upgrade_allowed(
    profile: QualityProfile,
    current: QualityModel,
    current_score: int,
    new: QualityModel,
    new_score: int,
) -> bool:
    """False only when ``new`` would be an upgrade (quality/revision or format score) and the profile forbids it."""
    is_quality_upgrade = compare_quality_models(profile, new, current) > 0
    is_format_upgrade = new_score > current_score
    if not (is_quality_upgrade or is_format_upgrade):
        return True
    return profile.upgrade_allowed


def upgrade_rejection(
    profile: QualityProfile,
    current: QualityModel,
    current_score: int,
    new: QualityModel,
    new_score: int,
    propers: ProperHandling = ProperHandling.PREFER_AND_UPGRADE,
) -> UpgradeRejection | None:
    """None when ``new`` upgrades ``current``; otherwise the first reason, in Radarr's order."""
    quality_compare = compare_quality(profile, new, current)
    if quality_compare > 0 and quality_cutoff_not_met(profile, current, new, propers):
        return None
    if quality_compare < 0:
        return UpgradeRejection.BETTER_QUALITY
    revision_compare = (new.revision > current.revision) - (new.revision < current.revision)
    if propers != ProperHandling.DO_NOT_PREFER and revision_compare > 0:
        return None
    if not profile.upgrade_allowed:
        return UpgradeRejection.UPGRADES_NOT_ALLOWED
    if propers != ProperHandling.DO_NOT_PREFER and revision_compare < 0:
        return UpgradeRejection.BETTER_REVISION
    if quality_compare > 0:
        return UpgradeRejection.QUALITY_CUTOFF
    if new_score <= current_score:
        return UpgradeRejection.CUSTOM_FORMAT_SCORE
    if not custom_format_cutoff_not_met(profile, current_score):
        return UpgradeRejection.CUSTOM_FORMAT_CUTOFF
    if new_score < current_score + profile.min_upgrade_format_score:
        return UpgradeRejection.MIN_CUSTOM_FORMAT_SCORE
    return None

