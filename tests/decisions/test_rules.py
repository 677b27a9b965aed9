"""Each rule on a few hand-made candidates: who is turned down, and the sentence the user reads."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime

import numpy as np
import pytest

from radarr_pipeline.decisions import rules
from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.decisions.engine import judge
from radarr_pipeline.decisions.frame import Candidates, available_from
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.quality.upgrades import ProperHandling

from .candidate_rows import candidates_from_rows

GB = 1 << 30
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
PROFILES = {
    "HD": build_quality_profile("HD", ["Bluray-720p", "WEBDL-1080p", "Bluray-1080p"], "Bluray-1080p",
                                min_format_score=10),
    "Locked": build_quality_profile("Locked", ["Bluray-720p", "Bluray-1080p"], "Bluray-1080p", upgrade_allowed=False),
    "Disc": build_quality_profile("Disc", ["Bluray-1080p", "BR-DISK"], "BR-DISK"),
}


def ctx(**settings: object) -> DecisionContext:
    return DecisionContext(profiles=PROFILES, now=NOW, **settings)  # type: ignore[arg-type]


def frame(*rows: dict[str, object]) -> Candidates:
    base = {"profile": "HD", "quality": "Bluray-1080p", "quality_id": 7, "quality_rank": 2, "format_score": 20,
            "size": 8 * GB, "seeders": 10}
    return candidates_from_rows([{**base, "release_id": i + 1, **row} for i, row in enumerate(rows)])


def verdicts(rule, candidates: Candidates, context: DecisionContext | None = None) -> dict[int, str]:
    result = rule(candidates, context or ctx())
    return dict(zip(result.rows.tolist(), result.messages, strict=True))


def test_acceptable_size_uses_runtime_and_says_so_when_it_is_unknown() -> None:
    definitions = ctx().definitions
    limited = {**definitions, "Bluray-1080p": definitions["Bluray-1080p"].__class__(
        definitions["Bluray-1080p"].quality, 19, min_size=20, max_size=50)}
    context = ctx(definitions=limited)
    c = frame({"size": 3 * GB, "runtime": 100}, {"size": 1 * GB, "runtime": 100}, {"size": 6 * GB, "runtime": 100},
              {"size": 5 * GB, "runtime": 0})
    found = verdicts(rules.acceptable_size, c, context)
    assert set(found) == {1, 2}
    assert found[1] == "1.0 GiB is smaller than the minimum 2.0 GiB for Bluray-1080p (for 100 minutes)"
    assert found[2] == "6.0 GiB is larger than the maximum 4.9 GiB for Bluray-1080p (for 100 minutes)"
    # runtime 0: the 110-minute assumption (5.4 GiB max) still lets a 6 GiB file fail, and says why.
    bigger = frame({"size": 7 * GB, "runtime": 0})
    assert verdicts(rules.acceptable_size, bigger, context)[0].endswith("(runtime unknown, assumed 110 minutes)")


def test_quality_and_format_score_against_the_profile() -> None:
    c = frame({"quality": "HDTV-720p", "quality_rank": -1}, {"format_score": 5, "formats": ("x265",)}, {})
    assert verdicts(rules.quality_allowed_by_profile, c) == {0: "Quality HDTV-720p is not wanted in profile HD"}
    assert verdicts(rules.custom_format_score_minimum, c) == {
        1: "Custom format score 5 (x265) is below profile HD's minimum 10"}


def test_upgrades_against_the_file_on_disk() -> None:
    c = frame(
        {"file_quality": "Bluray-1080p"},                                  # same quality: not an upgrade
        {"file_quality": "Bluray-720p"},                                   # better quality: upgrade
        {"file_quality": "Bluray-720p", "profile": "Locked", "quality_rank": 1},  # profile forbids upgrades
        {"file_quality": "Bluray-1080p", "revision": 2},                   # a PROPER of the file's quality
    )
    disk = verdicts(rules.better_than_file_on_disk, c)
    assert set(disk) == {0}
    assert disk[0].startswith("Existing file")
    assert verdicts(rules.upgrade_allowed, c) == {
        2: "Quality profile Locked does not allow upgrades (file on disk: Bluray-720p)"}
    assert verdicts(rules.proper_or_repack_allowed, c) == {}
    assert set(verdicts(rules.proper_or_repack_allowed, c, ctx(propers=ProperHandling.DO_NOT_UPGRADE))) == {3}


def test_queue_history_blocklist_and_seeders() -> None:
    c = frame({"in_queue": True, "queue_quality": "Bluray-1080p", "queue_state": "downloading"},
              {"queue_quality": "Bluray-1080p", "queue_title": "Other.1080p", "queue_revision": 1},
              {"grabbed_at": datetime(2026, 5, 1, 8, 30, tzinfo=UTC)},
              {"blocklisted": True}, {"seeders": 0, "indexer": "Slow"}, {"seeders": -1})
    assert verdicts(rules.already_in_queue, c) == {0: "Release is already in the download queue (downloading)"}
    assert verdicts(rules.better_than_queued, c)[1].startswith("Release in queue already meets the cutoff")
    assert verdicts(rules.not_already_grabbed, c) == {2: "Release was already grabbed on 2026-05-01 08:30"}
    assert verdicts(rules.blocklisted, c) == {3: "Release is blocklisted"}
    assert verdicts(rules.minimum_seeders, c, ctx(minimum_seeders={"Slow": 3})) == {
        4: "Not enough seeders: 0 (minimum 3 on Slow)"}


def test_sample_raw_disc_flags_link_monitored_and_free_space() -> None:
    c = frame({"title": "Movie.2020.1080p.BluRay.x264.sample-GRP", "size": 30 << 20},
              {"title": "Movie.2020.COMPLETE.BLURAY-GRP"},
              {"title": "Movie.2020.COMPLETE.BLURAY-GRP", "profile": "Disc"},
              {"indexer": "Private", "flags": ("G_Halfleech",)}, {"has_link": False}, {"monitored": False},
              {"free_bytes": 5 * GB, "root_folder": "/movies"})
    assert set(verdicts(rules.not_a_sample, c)) == {0}
    assert verdicts(rules.raw_disc_allowed, c) == {1: "Raw disc release (BR-DISK): profile HD does not allow BR-DISK"}
    assert verdicts(rules.required_indexer_flags, c, ctx(required_flags={"Private": ["G_Freeleech"]})) == {
        3: "Private requires the indexer flag(s) G_Freeleech; the release has G_Halfleech"}
    assert set(verdicts(rules.has_download_link, c)) == {4}
    assert verdicts(rules.monitored, c) == {5: "Movie is not monitored"}
    assert verdicts(rules.free_space, c) == {
        6: "Not enough free space in /movies: 5.0 GiB free, the release needs 8.0 GiB and 100 MB must stay free"}
    assert verdicts(rules.free_space, c, ctx(skip_free_space_check=True)) == {}, "Radarr's Skip Free Space Check"


RAW_DISC_TITLES = [
    "Movie.2020.COMPLETE.BLURAY-GRP", "Movie 2020 COMPLETE UHD BLURAY-GRP", "Movie.2020.BD25.AVC-GRP",
    "Movie.2020.xBD25.x264-GRP", "Movie.2020.Disc.1.1080p", "Movie.2020.disc2", "Movie.2020.Discovery.1080p",
    "Movie.2020.1080p.iso", "Movie.2020.iso.1080p", "Movie.2020.VIDEO_TS", "Movie.2020.1080p.BluRay.x264-GRP",
    "Película.2020.BDMV", "Película.2020.1080p", "Café.Disc.１", "Ｍovie.2020.BD50", "Movie.2020.m2ts\nnext",
    "Movie.2020\nBD100", "Movie.2020.VOB", "", "Movie.2020.BD100",
]


def test_raw_disc_titles_read_at_once_are_read_as_one_by_one() -> None:
    c = frame(*({"title": title} for title in RAW_DISC_TITLES))
    one_by_one = {i for i, title in enumerate(RAW_DISC_TITLES) if rules._RAW_DISC.search(title)}
    assert set(verdicts(rules.raw_disc_allowed, c)) == one_by_one
    assert one_by_one == {0, 1, 2, 4, 5, 7, 9, 11, 13, 14, 16, 17, 19}


def test_minimum_availability_dates() -> None:
    assert available_from("announced", 2030, None, None, None) is None
    assert available_from("in_cinemas", 2026, date(2026, 3, 1), None, None) == date(2026, 3, 1)
    assert available_from("released", 2026, date(2026, 3, 1), date(2026, 7, 1), date(2026, 8, 1)) == date(2026, 7, 1)
    assert available_from("released", 2026, date(2026, 3, 1), None, None) == date(2026, 5, 30)
    assert available_from("released", 2008, None, None, None) == date(2009, 1, 1)
    c = frame({"available_from": date(2026, 7, 1)}, {"available_from": date(2026, 5, 1)}, {})
    assert verdicts(rules.minimum_availability, c) == {
        0: "Movie is not available yet: minimum availability is Released, expected on 2026-07-01"}


def test_temporary_rules_leave_releases_pending() -> None:
    c = frame({"age_minutes": 10, "variant_id": 1}, {"age_minutes": 10, "variant_id": 2, "quality_rank": 2},
              {"age_minutes": 10, "variant_id": 3, "quality": "WEBDL-1080p", "quality_rank": 1},
              {"age_minutes": 500, "variant_id": 3, "quality": "WEBDL-1080p", "quality_rank": 1, "seeders": 0})
    evaluation = judge(c, ctx(delay_minutes=60, delay_bypass_if_highest_quality=False, minimum_seeders={"indexer": 1}))
    assert evaluation.status.tolist() == ["pending", "pending", "pending", "rejected"]
    assert "Delay profile: waiting 50 more minutes" in evaluation.reasons()[0][0]
    # The top quality bypasses the delay; a release of the same movie that waited out the delay frees the others.
    bypass = judge(c, ctx(delay_minutes=60))
    assert bypass.status.tolist()[:2] == ["approved", "approved"]
    waited = frame({"age_minutes": 10, "quality": "WEBDL-1080p", "quality_rank": 1},
                   {"age_minutes": 500, "quality": "WEBDL-1080p", "quality_rank": 1})
    assert judge(waited, ctx(delay_minutes=60)).status.tolist() == ["approved", "approved"]
    young = judge(frame({"age_minutes": 3, "protocol": "usenet"}, {"age_minutes": 3}), ctx(minimum_age_minutes=30))
    assert young.reasons() == [["Only 3.0 minutes old, minimum age is 30 minutes"], []]  # Usenet only


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.name)
def test_every_rule_accepts_a_plain_good_release(rule: rules.Rule) -> None:
    assert rule.check(frame({}), ctx()).rows.tolist() == []


def test_every_rule_function_is_registered_once_under_its_own_name() -> None:
    """A rule written in rules.py but left out of RULES would never run; one listed twice would run twice."""
    defined = {
        name for name, value in vars(rules).items()
        if inspect.isfunction(value) and value.__module__ == rules.__name__ and not name.startswith("_")
        and value.__annotations__.get("return") == "Rejections"
    }
    names = [r.name for r in rules.RULES]
    assert sorted(names) == sorted(defined)
    assert all(r.name == r.check.__name__ for r in rules.RULES)
    assert {r.name for r in rules.TEMPORARY_RULES} == {"minimum_age", "delay_profile"}
    assert all(r.kind is rules.RejectionType.PERMANENT for r in rules.PERMANENT_RULES)
    assert all(isinstance(r.check(frame({}), ctx()).rows, np.ndarray) for r in rules.RULES)
