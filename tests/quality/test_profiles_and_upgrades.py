"""Quality profiles and Radarr's upgrade order: quality, then revision, then custom-format score."""

from __future__ import annotations

import pytest

from radarr_pipeline.quality import QualityModel, Revision, quality_by_name
from radarr_pipeline.quality.profiles import ProfileError, build_quality_profile
from radarr_pipeline.quality.upgrades import (
    ProperHandling,
    UpgradeRejection,
    cutoff_not_met,
    is_upgrade_allowed,
    rejection_message,
    upgrade_rejection,
)

WEB_1080 = {"name": "WEB 1080p", "qualities": ["WEBDL-1080p", "WEBRip-1080p"]}


def qm(name: str, version: int = 1, real: int = 0) -> QualityModel:
    return QualityModel(quality=quality_by_name(name), revision=Revision(version=version, real=real))


@pytest.fixture
def profile():  # type: ignore[no-untyped-def]
    return build_quality_profile(
        "HD", ["HDTV-720p", WEB_1080, "Bluray-1080p", "Remux-1080p"], cutoff="Bluray-1080p",
        cutoff_format_score=100, min_upgrade_format_score=10, format_scores={"Good": 50, "Bad": -100},
    )


def test_profile_positions_and_groups(profile) -> None:  # type: ignore[no-untyped-def]
    assert profile.allows(quality_by_name("WEBRip-1080p")) and not profile.allows(quality_by_name("SDTV"))
    assert profile.index_of(quality_by_name("WEBDL-1080p")) == profile.index_of(quality_by_name("WEBRip-1080p")) == 1
    assert profile.index_of(quality_by_name("Remux-1080p")) == 3
    assert profile.cutoff_met(qm("Bluray-1080p"), 100) and not profile.cutoff_met(qm("Bluray-1080p"), 99)
    assert not profile.cutoff_met(qm("WEBDL-1080p"), 500)


@pytest.mark.parametrize(
    ("allowed", "cutoff", "message"),
    [
        ([], "SDTV", "allows no quality"),
        (["SDTV", "Bluray-9000p"], "SDTV", "unknown quality 'Bluray-9000p'"),
        (["SDTV"], "Bluray-1080p", "cutoff 'Bluray-1080p' is not among the allowed items"),
        (["WEBDL-1080p", WEB_1080], "WEB 1080p", "duplicate quality 'WEBDL-1080p'"),
        ([{"name": "Empty", "qualities": []}], "Empty", "lists no qualities"),
    ],
)
def test_profile_errors_name_the_problem(allowed, cutoff, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError, match=message):
        build_quality_profile("P", allowed, cutoff)


def test_cutoff_may_name_a_quality_inside_a_group() -> None:
    assert build_quality_profile("P", ["SDTV", WEB_1080], cutoff="WEBRip-1080p").cutoff == "WEB 1080p"


def test_better_quality_below_cutoff_is_an_upgrade(profile) -> None:  # type: ignore[no-untyped-def]
    assert upgrade_rejection(profile, qm("HDTV-720p"), 0, qm("WEBDL-1080p"), 0) is None
    assert upgrade_rejection(profile, qm("Bluray-1080p"), 0, qm("HDTV-720p"), 0) is UpgradeRejection.BETTER_QUALITY


def test_same_group_is_equal_quality(profile) -> None:  # type: ignore[no-untyped-def]
    reason = upgrade_rejection(profile, qm("WEBDL-1080p"), 0, qm("WEBRip-1080p"), 0)
    assert reason is UpgradeRejection.CUSTOM_FORMAT_SCORE


def test_quality_above_met_cutoff_is_refused(profile) -> None:  # type: ignore[no-untyped-def]
    assert upgrade_rejection(profile, qm("Bluray-1080p"), 0, qm("Remux-1080p"), 0) is UpgradeRejection.QUALITY_CUTOFF


def test_revision_beats_format_score(profile) -> None:  # type: ignore[no-untyped-def]
    assert upgrade_rejection(profile, qm("Bluray-1080p"), 200, qm("Bluray-1080p", version=2), 0) is None
    assert upgrade_rejection(profile, qm("Bluray-1080p", 2), 0, qm("Bluray-1080p"), 500) is (
        UpgradeRejection.BETTER_REVISION
    )
    assert upgrade_rejection(
        profile, qm("Bluray-1080p"), 0, qm("Bluray-1080p", version=2), 0, ProperHandling.DO_NOT_PREFER
    ) is not None


def test_format_score_rules(profile) -> None:  # type: ignore[no-untyped-def]
    current = qm("Bluray-1080p")
    assert upgrade_rejection(profile, current, 0, current, 50) is None
    assert upgrade_rejection(profile, current, 0, current, 5) is UpgradeRejection.MIN_CUSTOM_FORMAT_SCORE
    assert upgrade_rejection(profile, current, 100, current, 150) is UpgradeRejection.CUSTOM_FORMAT_CUTOFF
    assert upgrade_rejection(profile, current, 50, current, 50) is UpgradeRejection.CUSTOM_FORMAT_SCORE


def test_upgrades_not_allowed() -> None:
    profile = build_quality_profile("Once", ["HDTV-720p", "Bluray-1080p"], "Bluray-1080p", upgrade_allowed=False)
    assert not is_upgrade_allowed(profile, qm("HDTV-720p"), 0, qm("Bluray-1080p"), 0)
    assert is_upgrade_allowed(profile, qm("HDTV-720p"), 0, qm("HDTV-720p"), 0)
    reason = upgrade_rejection(profile, qm("HDTV-720p"), 0, qm("Bluray-1080p"), 0)
    assert reason is UpgradeRejection.UPGRADES_NOT_ALLOWED
    assert rejection_message(reason, profile, qm("HDTV-720p"), 0, 0) == "Quality profile 'Once' does not allow upgrades"
    assert not cutoff_not_met(profile, qm("HDTV-720p"), 0)


def test_cutoff_not_met(profile) -> None:  # type: ignore[no-untyped-def]
    assert cutoff_not_met(profile, qm("WEBDL-1080p"), 500)
    assert cutoff_not_met(profile, qm("Bluray-1080p"), 10)
    assert not cutoff_not_met(profile, qm("Bluray-1080p"), 100)
    assert cutoff_not_met(profile, qm("Bluray-1080p"), 100, new=qm("Bluray-1080p", version=2))
