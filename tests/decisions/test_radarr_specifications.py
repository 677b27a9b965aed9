"""Scenarios of Radarr's own specification tests (NzbDrone.Core.Test/DecisionEngineTests) for the rules ported
from its remaining specifications, and the comparer's indexer-flag, protocol and size-bucket preferences."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from radarr_pipeline.decisions import rules
from radarr_pipeline.decisions.context import MEGABYTE, ReleaseRestriction
from radarr_pipeline.decisions.frame import Candidates
from radarr_pipeline.decisions.ranking import rank
from radarr_pipeline.quality.upgrades import ProperHandling

from .test_rules import GB, NOW, ctx, frame, verdicts

# -- UpgradeAllowedSpecification / UpgradableSpecification.IsUpgradeAllowed ------------------------------------

def test_revision_upgrade_allowed_when_upgrades_are_off() -> None:
    """UpgradeAllowedSpecificationFixture: should_return_true_for_proper_when_cutoff_not_met-style: with upgrades
    off, a PROPER of the quality on disk is allowed; a better quality is not."""
    locked = {"profile": "Locked", "quality_rank": 1, "file_quality": "Bluray-1080p"}
    c = frame({**locked, "revision": 2}, {**locked, "quality": "Bluray-1080p", "revision": 1, "real": 1},
              {**locked, "quality_rank": 1, "file_quality": "Bluray-720p"})
    assert set(verdicts(rules.upgrade_allowed, c)) == {2}
    # ... and the propers setting then gets its say
    assert set(verdicts(rules.proper_or_repack_allowed, c, ctx(propers=ProperHandling.DO_NOT_UPGRADE))) == {0, 1}


# -- AcceptableSizeSpecification / MaximumSizeSpecification ----------------------------------------------------

@pytest.mark.parametrize("size", [0, -1])
def test_unknown_size_is_not_rejected_by_the_minimum(size: int) -> None:
    """AcceptableSizeSpecificationFixture.should_return_true_if_size_is_zero (and missing)."""
    assert verdicts(rules.acceptable_size, frame({"size": size, "runtime": 120})) == {}


@pytest.mark.parametrize(("maximum_mb", "size", "rejected"), [
    (0, 5000 * MEGABYTE, False),      # should_return_true_when_maximum_size_is_set_to_zero
    (2000, 1999 * MEGABYTE, False),   # should_return_true_when_size_is_smaller_than_maximum_size
    (2000, 2000 * MEGABYTE, False),   # should_return_true_when_size_is_equals_to_maximum_size
    (2000, 2001 * MEGABYTE, True),    # should_return_false_when_size_is_bigger_than_maximum_size
    (2000, 0, False),                 # should_return_true_when_size_is_zero
])
def test_maximum_size(maximum_mb: int, size: int, rejected: bool) -> None:
    found = verdicts(rules.maximum_size, frame({"size": size}), ctx(maximum_size_mb=maximum_mb))
    assert bool(found) is rejected
    if rejected:
        assert found[0] == "2.0 GiB is too big, maximum size is 2.0 GiB (decisions.maximum_size_mb)"


# -- MinimumAgeSpecification ------------------------------------------------------------------------------------

def test_minimum_age_is_for_usenet_only() -> None:
    """MinimumAgeSpecificationFixture: 10 minutes old against a minimum of 30: rejected for Usenet only;
    older than the minimum, or a minimum of 0, accepted."""
    c = frame({"protocol": "usenet", "age_minutes": 10}, {"protocol": "torrent", "age_minutes": 10},
              {"protocol": "usenet", "age_minutes": 100})
    assert verdicts(rules.minimum_age, c, ctx(minimum_age_minutes=30)) == {
        0: "Only 10.0 minutes old, minimum age is 30 minutes"}
    assert verdicts(rules.minimum_age, c, ctx(minimum_age_minutes=0)) == {}


# -- RepackSpecification ----------------------------------------------------------------------------------------

REPACK = {"title": "Movie.2020.1080p.BluRay.REPACK.x264-Group", "revision": 2, "file_quality": "Bluray-1080p",
          "release_group": "Group"}


@pytest.mark.parametrize(("row", "message"), [
    ({}, None),                                                           # repack from the same group: accepted
    ({"release_group": "Other"}, "Release is a repack for a different release group. Release Group: Other. "
                                 "File release group: Group"),            # another group: rejected
    ({"file_release_group": None}, "Unable to determine release group for the existing file"),
    ({"release_group": None}, "Unable to determine release group for this release"),
    ({"release_group": "group"}, None),                                   # case-insensitive comparison
    ({"title": "Movie.2020.1080p.BluRay.x264-Other", "release_group": "Other"}, None),  # not a repack
    ({"file_quality": "WEBDL-1080p"}, None),                              # not a revision upgrade of the file
    ({"file_quality": None}, None),                                       # no file on disk
])
def test_repack_only_from_the_release_group_on_disk(row: dict[str, object], message: str | None) -> None:
    c = frame({**REPACK, "file_release_group": "Group", **row})
    assert verdicts(rules.repack_from_same_group, c) == ({0: message} if message else {})


def test_repack_rule_stands_aside_when_propers_are_not_preferred() -> None:
    """should_return_true_when_repacks_are_not_preferred (and 'do not upgrade' is proper_or_repack_allowed's)."""
    c = frame({**REPACK, "release_group": "Other", "file_release_group": "Group"})
    for setting in (ProperHandling.DO_NOT_PREFER, ProperHandling.DO_NOT_UPGRADE):
        assert verdicts(rules.repack_from_same_group, c, ctx(propers=setting)) == {}


# -- ProperSpecification ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("added_days_ago", "rejected"), [(1, False), (7, False), (8, True), (30, True)])
def test_proper_for_old_file(added_days_ago: int, rejected: bool) -> None:
    """ProperSpecificationFixture: a proper of a file added within the week is accepted, older is rejected."""
    c = frame({"revision": 2, "file_quality": "Bluray-1080p", "file_added_at": NOW - timedelta(days=added_days_ago)},
              {"revision": 1, "file_quality": "Bluray-1080p", "file_added_at": NOW - timedelta(days=30)})  # not proper
    assert verdicts(rules.proper_for_old_file, c) == ({0: "Proper for old file"} if rejected else {})
    assert verdicts(rules.proper_for_old_file, c, ctx(propers=ProperHandling.DO_NOT_PREFER)) == {}


# -- BlockedIndexerSpecification --------------------------------------------------------------------------------

def test_releases_from_a_blocked_or_disabled_indexer() -> None:
    """BlockedIndexerSpecificationFixture: blocked till a future time -> rejected; past -> accepted."""
    until = NOW + timedelta(hours=1)
    c = frame({"indexer": "Failing"}, {"indexer": "Recovered"}, {"indexer": "Off"}, {"indexer": "Fine"})
    context = ctx(blocked_indexers={"Failing": until, "Recovered": NOW - timedelta(minutes=1), "Off": None})
    assert verdicts(rules.indexer_not_blocked, c, context) == {
        0: "Indexer Failing is blocked till 2026-06-01 13:00:00 due to failures, cannot grab release.",
        2: "Indexer Off is disabled, cannot grab release.",
    }


# -- ReleaseRestrictionsSpecification ---------------------------------------------------------------------------

TITLE = "Movie.2020.1080p.WEB-DL.DD5.1.H264-Group"


@pytest.mark.parametrize(("restriction", "message"), [
    (ReleaseRestriction(required=("WEB-DL",)), None),                     # contains a required term
    (ReleaseRestriction(required=("web-dl",)), None),                     # case-insensitive
    (ReleaseRestriction(required=("x265", "HEVC")),
     "Does not contain one of the required terms: x265, HEVC"),           # should_be_false_when_..._no_required_terms
    (ReleaseRestriction(ignored=("DD5.1", "x265")), "Contains these ignored terms: DD5.1"),
    (ReleaseRestriction(ignored=("720p",)), None),                        # should_be_true_when_..._no_ignored_terms
    (ReleaseRestriction(required=("/\\bh26[45]\\b/i",)), None),           # should_match_perl_regex
    (ReleaseRestriction(ignored=("/1080P/",)), None),                     # regex without /i is case-sensitive
    (ReleaseRestriction(required=("x265",), indexers=("Other",)), None),  # for another indexer only
])
def test_release_restrictions(restriction: ReleaseRestriction, message: str | None) -> None:
    c = frame({"title": TITLE, "indexer": "Mine"})
    assert verdicts(rules.release_restrictions, c, ctx(restrictions=(restriction,))) == ({0: message} if message
                                                                                          else {})


# -- DownloadDecisionComparer -----------------------------------------------------------------------------------

def _order(rows: list[dict[str, object]], **settings: object) -> list[int]:
    base = {"profile": "HD", "quality": "Bluray-1080p", "quality_rank": 2, "format_score": 20, "size": 8 * GB}
    c = Candidates.from_rows([{**base, "release_id": i + 1, **row} for i, row in enumerate(rows)])
    ranks, _ = rank(c, np.ones(len(c), dtype=bool), ctx(**settings))
    return [int(r) for r in ranks]


def test_indexer_flags_preferred_only_when_asked() -> None:
    """PrioritizeDownloadDecisionFixture.should_prefer_releases_with_more_indexer_flags (PreferIndexerFlags)."""
    rows = [{"flags": ()}, {"flags": ("G_Halfleech",)}, {"flags": ("G_Freeleech", "G_Internal")}]
    assert _order(rows, prefer_indexer_flags=True) == [3, 2, 1]
    assert _order(rows) == [1, 2, 3]  # off: the oldest release first


def test_preferred_protocol_before_indexer_priority() -> None:
    """should_put_usenet_above_torrent_when_usenet_is_preferred (and the reverse); priority only breaks ties."""
    rows = [{"protocol": "torrent", "indexer": "A"}, {"protocol": "usenet", "indexer": "B"}]
    assert _order(rows, preferred_protocol="usenet", indexer_priorities={"A": 1, "B": 50}) == [2, 1]
    assert _order(rows, preferred_protocol="torrent", indexer_priorities={"A": 50, "B": 1}) == [1, 2]


def test_size_buckets_round_down() -> None:
    """Radarr's long.Round(200 MB) floors: 399 MB and 201 MB share a bucket (the older wins), 400 MB is above."""
    rows = [{"size": 201 * MEGABYTE}, {"size": 399 * MEGABYTE}, {"size": 400 * MEGABYTE}]
    assert _order(rows) == [2, 3, 1]

