"""Scoring read and written in pages and units: the same decisions and parses as one unit, every hold a page's."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.parsing import PARSER_VERSION
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.services import scoring
from radarr_pipeline.services.scoring import decision_digests, parse_cache_of, score_store, variant_units
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.candidates import DecisionInputs
from radarr_pipeline.store.library import recorded_holds
from radarr_pipeline.store.paging import concat_pages
from radarr_pipeline.store.parse_cache import join_parses, parse_columns

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
        # stale decisions of variants no longer wanted, below and above every variant scored now
        stale = pd.DataFrame({"row": [0, 1], "release_id": [1, 1], "variant_id": [0, 10**9], "movie_id": [1, 1],
                              "matched_by": "title", "quality": "Unknown", "quality_rank": -1, "revision": 1,
                              "real": 0, "format_score": 0, "formats": "", "status": "rejected", "approved": False,
                              "rank": 0})
        library.candidates.replace_variants([0, 10**9], stale, pd.DataFrame(
            {"row": [0], "ordinal": [0], "rule": ["old"], "message": ["old"]}), {0: 5, 10**9: 7}, NOW)
    return store


def _outcome(store: LibraryStore) -> tuple[list[tuple], list[tuple]]:
    with store.connection(read_only=True) as conn:
        candidates = conn.execute("SELECT * FROM candidates ORDER BY release_id, variant_id").fetchall()
    with parse_cache_of(store).connection(read_only=True) as conn:
        return candidates, conn.execute("SELECT * EXCLUDE (parsed_at) FROM parsed_releases ORDER BY title").fetchall()


def test_scoring_in_pages_and_units_decides_and_writes_what_one_unit_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _library(tmp_path / "one" / "library.duckdb")
    paged = LibraryStore(tmp_path / "paged.duckdb")
    shutil.copy(whole.path, paged.path)
    with recorded_holds() as one_unit:
        expected = score_store(whole, [], CONTEXT, lambda _: 10**15)[0]
    monkeypatch.setattr(scoring, "READ_PAGE_ROWS", 4)
    monkeypatch.setattr(scoring, "DECISION_UNIT", 3)
    monkeypatch.setattr(scoring, "WRITE_UNIT", 5)
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
    cache = str(parse_cache_of(paged).path)
    # the library's file: releases, wanted, the rest, the decisions; the cache's: the parses read, then written
    assert [h.path == str(whole.path) for h in one_unit] == [True, False, True, True, False, True]
    changed = [0, *sorted(wanted), 10**9]  # the stale variants' decisions go: they are gone now
    assert len([h for h in units if h.path != cache]) == 8 + 2 + len(variant_units(changed, {v: 5 for v in wanted}, 3))
    assert [h.read_only for h in units if h.path == cache] == [True] + [False] * 7  # 31 parses, 5 a unit
    assert max(h.seconds for h in units) > 0


def test_the_releases_read_in_pages_are_the_releases_read_at_once(tmp_path: Path) -> None:
    store = _library(tmp_path / "library.duckdb")
    score_store(store, [], CONTEXT, lambda _: 10**15)  # the parses cached: their columns filled
    with store.open() as library:
        reads = DecisionInputs(library.conn)
        whole = reads.releases()
        low, high = reads.release_ids()
        assert (low, high) == (1, 31)
        pages = [reads.releases((after, min(after + 2, high))) for after in range(0, high, 2)]
    assert len(pages) == 16
    pd.testing.assert_frame_equal(concat_pages(iter(pages)), whole)
    with parse_cache_of(store).connection(read_only=True) as conn:
        joined = [join_parses(conn, page)[0] for page in pages]
        assert any(page["edition"].isna().all() for page in joined)
        pd.testing.assert_frame_equal(concat_pages(iter(joined)), join_parses(conn, whole)[0])


def test_the_variant_units_keep_order_and_never_split_a_variant() -> None:
    assert variant_units([1, 2, 5, 9], {1: 2, 2: 3, 5: 1}, 3) == [[1, 2], [5, 9]]
    assert variant_units([1, 2, 3], {1: 3, 2: 3, 3: 3}, 3) == [[1], [2], [3]]
    assert variant_units([3, 4], {3: 1, 4: 1}, 10) == [[3, 4]]
    assert variant_units([], {}, 10) == []


def _frames(rows: list[tuple[int, int, str]], reasons: list[tuple[int, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    decisions = pd.DataFrame({"row": range(len(rows)), "release_id": [r[0] for r in rows],
                              "variant_id": [r[1] for r in rows], "movie_id": 1, "matched_by": "title",
                              "quality": "Bluray-1080p", "quality_rank": 3, "revision": 1, "real": 0,
                              "format_score": 0, "formats": "", "status": [r[2] for r in rows],
                              "approved": [r[2] == "approved" for r in rows], "rank": 0})
    rejections = pd.DataFrame({"row": [r[0] for r in reasons], "ordinal": range(len(reasons)),
                               "rule": "rule", "message": [r[1] for r in reasons]})
    return decisions, rejections


def test_a_digest_changes_with_what_is_stored_and_not_with_row_order() -> None:
    base = decision_digests(*_frames([(1, 7, "approved"), (2, 7, "rejected"), (3, 8, "approved")], [(1, "small")]))
    assert set(base) == {7, 8} and 0 not in base.values()
    swapped = decision_digests(*_frames([(3, 8, "approved"), (2, 7, "rejected"), (1, 7, "approved")],
                                        [(1, "small")]))
    assert swapped == base
    reason = decision_digests(*_frames([(1, 7, "approved"), (2, 7, "rejected"), (3, 8, "approved")],
                                       [(1, "large")]))
    assert reason[7] != base[7] and reason[8] == base[8]
    order = decision_digests(*_frames([(1, 7, "approved"), (2, 7, "rejected"), (3, 8, "approved")],
                                      [(1, "small"), (1, "old")]))
    assert order != decision_digests(*_frames([(1, 7, "approved"), (2, 7, "rejected"), (3, 8, "approved")],
                                              [(1, "old"), (1, "small")]))
    moved = decision_digests(*_frames([(1, 7, "approved"), (2, 7, "rejected"), (3, 8, "approved")], [(0, "small")]))
    assert moved[7] != base[7], "the same reason on another release"


def test_a_run_rewrites_only_the_variants_whose_decisions_changed(tmp_path: Path) -> None:
    store = _library(tmp_path / "library.duckdb")
    score_store(store, [], CONTEXT, lambda _: 10**15)
    first = _outcome(store)[0]
    with recorded_holds() as again:
        score_store(store, [], CONTEXT, lambda _: 10**15)
    assert _outcome(store)[0] == first and len(again) == 4, "read only: releases, their parses, wanted, the rest"
    assert [h.read_only for h in again if h.path == str(parse_cache_of(store).path)] == [True], "no parse written"
    with store.open() as library:
        variant = min(w.variant.id for w in library.movies.wanted())
        movie = library.movies.get(next(w.variant.movie_id for w in library.movies.wanted() if w.variant.id == variant))
        library.releases.add_new([IndexerRelease(
            guid="new", title=f"{movie.title.replace(' ', '.')}.{movie.year}.1080p.BluRay.x264-NEW", indexer="Idx",
            magnet_url=f"magnet:?xt=urn:btih:{'f' * 40}", infohash="f" * 40, size=8 << 30, seeders=50,
            published_at=NOW - timedelta(days=1))], NOW)
    later = NOW + timedelta(hours=1)
    score_store(store, [], DecisionContext(profiles=CONTEXT.profiles, now=later), lambda _: 10**15)
    with store.connection(read_only=True) as conn:
        times = dict(conn.execute(
            "SELECT variant_id, max(evaluated_at) FROM candidates GROUP BY variant_id").fetchall())
        rows = conn.execute("SELECT count(*) FROM candidates WHERE variant_id = ?", [variant]).fetchone()
    assert {v for v, at in times.items() if at == later} == {variant}, "only the variant with a new release"
    assert rows is not None and rows[0] == 6


def test_the_releases_get_the_cached_parses_and_the_rest_are_listed_unparsed(tmp_path: Path) -> None:
    store = _library(tmp_path / "library.duckdb")
    with store.open(read_only=True) as library:
        releases = DecisionInputs(library.conn).releases()
    titles = releases["title"].tolist()
    cached = ["0e895c37245186812cb08aab1529cf8ee389dd05", *titles[:7]]  # one not a release
    with parse_cache_of(store).connection() as conn:
        scoring.store_parses(conn, PARSER_VERSION, dict(zip(cached, scoring.parse_many(cached), strict=True)))
        scoring.store_parses(conn, "another-version", {titles[8]: scoring.parse_many([titles[8]])[0]})
    with parse_cache_of(store).connection(read_only=True) as conn:
        frame, unparsed = join_parses(conn, releases, PARSER_VERSION)
    assert frame["release_id"].tolist() == releases["release_id"].tolist()
    pd.testing.assert_frame_equal(frame[releases.columns], releases)
    assert unparsed == titles[7:]  # stale under another parser version: not parsed yet
    first = frame.iloc[0]
    parsed = scoring.parse_many([titles[0]])[0]
    assert parsed is not None and bool(first["parsed"])
    assert (first["movie_titles"], first["year"], first["quality"]) == (*parse_columns(parsed)[0:2],
                                                                       parsed.quality.quality.name)
    assert frame.iloc[8]["quality"] == "Unknown" and not frame.iloc[8]["parsed"]
