"""Grabbing, importing and the wanted list score a file by name the same way."""

from radarr_pipeline.decisions.name_scores import name_format_scores
from radarr_pipeline.importing.decisions import upgrade_over_existing
from radarr_pipeline.parsing import parse_quality
from radarr_pipeline.quality.custom_formats import custom_format_from_dict
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.services.wanted import CUTOFF_UNMET, file_scores, wanted_reason
from radarr_pipeline.store.movies import OnDisk

GOOD_GROUP = custom_format_from_dict({
    "name": "Good Group",
    "specifications": [{"name": "group", "implementation": "ReleaseGroupSpecification", "negate": False,
                        "required": True, "fields": {"value": "^GOOD$"}}],
})
PROFILE = build_quality_profile("HD", ["Bluray-720p", "Bluray-1080p"], "Bluray-1080p", cutoff_format_score=100,
                                format_scores={"Good Group": 100})
OTHER = "Movie.2010.1080p.BluRay.x264-OTHER.mkv"
GOOD = "Movie.2010.1080p.BluRay.x264-GOOD.mkv"


def test_names_score_under_the_profile() -> None:
    assert name_format_scores([GOOD_GROUP], PROFILE, [OTHER, GOOD], ["Bluray-1080p"] * 2, [1, 1]) == [0, 100]
    assert name_format_scores([], PROFILE, [GOOD], ["Bluray-1080p"], [1]) == [0]


def test_a_file_at_the_quality_cutoff_but_below_the_score_cutoff_is_still_wanted() -> None:
    scores = file_scores([(1, OnDisk("Bluray-1080p", f"/m/{OTHER}", 1), PROFILE),
                          (2, OnDisk("Bluray-1080p", f"/m/{GOOD}", 1), PROFILE)], [GOOD_GROUP])
    assert scores == {1: 0, 2: 100}
    assert wanted_reason("Bluray-1080p", PROFILE, scores[1]) == CUTOFF_UNMET
    assert wanted_reason("Bluray-1080p", PROFILE, scores[2]) is None


def test_an_import_that_only_improves_the_format_score_is_an_upgrade() -> None:
    quality = parse_quality(GOOD)
    assert upgrade_over_existing(PROFILE, quality, quality, "/m/old.mkv", 0, 100) is None
    rejected = upgrade_over_existing(PROFILE, quality, quality, "/m/old.mkv", 100, 0)
    assert rejected is not None and "custom format score" in str(rejected)
