"""Scoring read and written in pages and units: the same decisions and parses as one unit, every hold a page's."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.parsing import PARSER_VERSION
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.services import scoring
from radarr_pipeline.services.scoring import decision_units, score_store
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.candidates import DecisionInputs
from radarr_pipeline.store.library import recorded_holds
from radarr_pipeline.store.paging import concat_pages

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CONTEXT = DecisionContext(profiles={"HD": build_quality_profile("HD", ["Bluray-720p", "Bluray-1080p"],
                                                                "Bluray-1080p")}, now=NOW)
TOKENS = ("1080p.BluRay.x264", "720p.BluRay.x264", "1080p.HDTV.x264", "2160p.WEB-DL", "DVDRip.XviD")


def _library(path: Path) -> LibraryStore:
    store = LibraryStore(path)
    with store.open() as library:
        movies = library.movies.add_many([{"title": f"Film {w}", "year": 2000 + n} for n, w in
                                          enumerate(("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"))])
        variants = library.movies.add_variants_many([(m.id, "HD", str(path.parent)) for m in movies])
        library.movies.replace_wanted([(v.id, "missing") for v in variants[:5]], NOW)
        releases = [IndexerRelease(guid=f"g{n}", title=f"Film.{m.title.split()[1]}.{m.year}.{token}-GRP{n % 3}",
                                   indexer="Idx", magnet_url=f"magnet:?xt=urn:btih:{n:040x}", infohash=f"{n:040x}",
                                   size=(2 + n % 9) << 30, seeders=n % 4, published_at=NOW - timedelta(days=1))
                    for n, (m, token) in enumerate((m, t) for m in movies for t in TOKENS)]
        releases.append(IndexerRelease(guid="junk", title="not a release at all", indexer="Idx"))
        library.releases.add_new(releases, NOW)
        # stale decisions, below and above every variant scored now: every range replaces its own
        stale = pd.DataFrame({"row": [0, 1], "release_id": [1, 1], "variant_id": [0, 10**9], "movie_id": [1, 1],
                              "matched_by": "title", "quality": "Unknown", "quality_rank": -1, "revision": 1,
                              "real": 0, "format_score": 0, "formats": "", "status": "rejected", "approved": False,
                              "rank": 0})
        library.candidates.replace_all(stale, pd.DataFrame({"row": [0], "ordinal": [0], "rule": ["old"],
                                                            "message": ["old"]}), NOW)
    return store


def _outcome(store: LibraryStore) -> tuple[list[tuple], list[tuple]]:
    with store.connection(read_only=True) as conn:
        return (conn.execute("SELECT * FROM candidates ORDER BY release_id, variant_id").fetchall(),
                conn.execute("SELECT * EXCLUDE (parsed_at) FROM parsed_releases ORDER BY title").fetchall())


def test_scoring_in_pages_and_units_decides_and_writes_what_one_unit_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _library(tmp_path / "one" / "library.duckdb")
    paged = LibraryStore(tmp_path / "paged.duckdb")
    shutil.copy(whole.path, paged.path)
    with recorded_holds() as one_unit:
        expected = score_store(whole, [], CONTEXT, lambda _: 10**15)[0]
    monkeypatch.setattr(scoring, "READ_PAGE_ROWS", 4)
    monkeypatch.setattr(scoring, "DECISION_UNIT", 3)
    monkeypatch.setattr(scoring, "PARSE_UNIT", 5)
    with recorded_holds() as units:
        got = score_store(paged, [], CONTEXT, lambda _: 10**15)[0]
    candidates, parses = _outcome(paged)
    assert (candidates, parses) == _outcome(whole)
    assert len(candidates) == 25 and len(parses) == 31
    with paged.open(read_only=True) as library:
        wanted = {w.variant.id for w in library.movies.wanted()}
    assert {row[1] for row in candidates} == wanted  # the stale decisions of variants 0 and 10**9 gone
    assert len(wanted) == 5 and not wanted & {0, 10**9}
    assert any(row[11] for row in candidates) and any(row[13] for row in candidates)  # approved, with rejections
    assert got.status.tolist() == expected.status.tolist()
    assert len(one_unit) == 5  # releases, wanted, the rest, the parses, the decisions
    assert len(units) == 8 + 2 + 7 + len(decision_units(np.repeat(np.arange(1, 6), 5), 3))
    assert max(h.seconds for h in units) > 0


def test_the_releases_read_in_pages_are_the_releases_read_at_once(tmp_path: Path) -> None:
    store = _library(tmp_path / "library.duckdb")
    score_store(store, [], CONTEXT, lambda _: 10**15)  # the parses cached: their columns filled
    with store.open() as library:
        reads = DecisionInputs(library.conn)
        whole = reads.releases(PARSER_VERSION)
        low, high = reads.release_ids()
        assert (low, high) == (1, 31)
        pages = [reads.releases(PARSER_VERSION, (after, min(after + 2, high))) for after in range(0, high, 2)]
    assert len(pages) == 16 and any(page["edition"].isna().all() for page in pages)
    pd.testing.assert_frame_equal(concat_pages(iter(pages)), whole)


def test_the_decision_units_cover_every_variant_once_and_never_split_one() -> None:
    assert decision_units(np.array([5, 1, 1, 2, 2, 2, 9]), 3) == [(None, 2), (2, None)]
    assert decision_units(np.array([1, 1, 1, 2, 2, 2]), 3) == [(None, 1), (1, 2), (2, None)]
    assert decision_units(np.array([3, 4]), 10) == [(None, None)]
    assert decision_units(np.array([], dtype=np.int64), 10) == [(None, None)]


def test_a_page_read_with_its_unparsed_titles_is_the_two_reads(tmp_path: Path) -> None:
    store = _library(tmp_path / "library.duckdb")
    with store.open() as library:
        reads = DecisionInputs(library.conn)
        scoring.store_parses(library.conn, PARSER_VERSION, dict(zip(  # some cached, one not a release
            ["0e895c37245186812cb08aab1529cf8ee389dd05", *reads.unparsed_titles(PARSER_VERSION)[:7]],
            scoring.parse_many(["0e895c37245186812cb08aab1529cf8ee389dd05",
                                *reads.unparsed_titles(PARSER_VERSION)[:7]]), strict=True)))
        for ids in ((0, 12), (12, 31), None):
            frame, unparsed = reads.releases_and_unparsed(PARSER_VERSION, ids)
            pd.testing.assert_frame_equal(frame, reads.releases(PARSER_VERSION, ids))
            assert sorted(unparsed) == sorted(reads.unparsed_titles(PARSER_VERSION, ids))
        assert 0 < len(reads.releases_and_unparsed(PARSER_VERSION)[1]) < 31
