from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.decisions.ranking import rank, why_lost
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.quality.upgrades import ProperHandling

from .candidate_rows import candidates_from_rows

GB = 1 << 30
PROFILE = build_quality_profile("HD", ["WEBDL-1080p", "Bluray-1080p"], "Bluray-1080p")


def ranked(rows: list[dict[str, object]], **settings: object) -> tuple[list[int], dict[str, np.ndarray]]:
    base = {"profile": "HD", "quality": "WEBDL-1080p", "quality_rank": 0, "size": 5 * GB, "seeders": 10,
            "runtime": 100}
    c = candidates_from_rows([{**base, "release_id": i + 1, **row} for i, row in enumerate(rows)])
    context = DecisionContext(profiles={"HD": PROFILE}, now=datetime.now(UTC), **settings)  # type: ignore[arg-type]
    ranks, keys = rank(c, np.ones(len(c), dtype=bool), context)
    return ranks.tolist(), keys


def test_radarr_order_quality_revision_score_priority_seeders_size() -> None:
    ranks, keys = ranked([
        {"quality": "Bluray-1080p", "quality_rank": 1},          # best quality wins over everything below
        {"revision": 2},                                          # then revision
        {"format_score": 100, "indexer": "Low"},                  # then format score
        {"format_score": 100, "indexer": "High"},                 # then indexer priority (1 beats 50)
        {"seeders": 3000},                                        # then seeders by order of magnitude
        {"seeders": 12},                                          # 12 rounds like 10: tie, size decides
        {"size": int(9.3 * GB)},                                  # nearest the preferred 95 MB/min (9.3 GiB)
    ], indexer_priorities={"Low": 50, "High": 1})
    assert ranks == [1, 2, 4, 3, 5, 7, 6]
    assert why_lost(keys, 0, 1) == "lower quality"
    assert why_lost(keys, 2, 3) == "lower indexer priority"
    assert why_lost(keys, 5, 6) == "size further from the preferred size"


def test_do_not_prefer_ignores_revisions_and_variants_rank_separately() -> None:
    rows = [{"revision": 2, "seeders": 5}, {"seeders": 500}, {"variant_id": 2, "seeders": 1}]
    assert ranked(rows)[0] == [1, 2, 1]
    assert ranked(rows, propers=ProperHandling.DO_NOT_PREFER)[0] == [2, 1, 1]
