"""The engine over a real DuckDB file: decisions written with every reason, ranks, pending, and bad settings."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radarr_pipeline.config import ConfigError, parse_config
from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.decisions.report import ScoringReport
from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality.custom_formats import custom_format_from_dict
from radarr_pipeline.quality.profiles import ProfileError, build_quality_profile
from radarr_pipeline.services.configured import DecisionSetupError, decision_context, load_formats
from radarr_pipeline.services.scoring import releases_with_parses, score_candidates
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.candidates import DecisionInputs

NOW = datetime(2026, 6, 1, tzinfo=UTC)
PROFILE = build_quality_profile("HD", ["Bluray-720p", "Bluray-1080p"], "Bluray-1080p")


def release(title: str, serial: int, **fields: object) -> IndexerRelease:
    values: dict[str, object] = {"magnet_url": f"magnet:?xt=urn:btih:{serial:040x}", "infohash": f"{serial:040x}",
                                 "size": 6 << 30, "seeders": 10, "published_at": NOW - timedelta(days=1)}
    return IndexerRelease(guid=f"g{serial}", title=title, indexer="Idx", **{**values, **fields})  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    store = LibraryStore(tmp_path / "library.duckdb")
    with store.open() as library:
        heat = library.movies.add(title="Heat", year=1995)
        variant = library.movies.add_variant(heat.id, quality_profile="HD", root_folder=str(tmp_path))
        jaws = library.movies.add(title="Jaws", year=1975)
        other = library.movies.add_variant(jaws.id, quality_profile="HD", root_folder=str(tmp_path))
        library.movies.replace_wanted([(variant.id, "missing"), (other.id, "missing")], NOW)
        library.releases.add_new([
            release("Heat.1995.1080p.BluRay.x264-AAA", 1),
            release("Heat.1995.720p.BluRay.x264-BBB", 2),
            release("Heat.1995.1080p.HDTV.x264-CCC", 3),
            release("Heat.1995.1080p.BluRay.x264-NEW", 4, published_at=NOW - timedelta(minutes=5)),
            release("Other.Film.2001.1080p.BluRay.x264-DDD", 5),
            release("Jaws.1975.1080p.BluRay.x264-NEW", 6, published_at=NOW - timedelta(minutes=5)),
        ], NOW)
    return store


def test_decisions_are_written_with_reasons_ranks_and_pending(store: LibraryStore) -> None:
    context = DecisionContext(profiles={"HD": PROFILE}, now=NOW, delay_minutes=60,
                              delay_bypass_if_highest_quality=False)
    with store.open() as library:
        evaluation = score_candidates(library, [], context)
        rows = {r["title"]: r for r in library.candidates.for_variant(1)}
        ranked = [c.release.release.title for c in library.candidates.ranked_approved()]
        pending = library.candidates.pending()
    assert set(rows) == {"Heat.1995.1080p.BluRay.x264-AAA", "Heat.1995.720p.BluRay.x264-BBB",
                         "Heat.1995.1080p.HDTV.x264-CCC", "Heat.1995.1080p.BluRay.x264-NEW"}
    # NEW is younger than the delay, but AAA (same movie) has waited it out: both are judged now, AAA is older.
    assert ranked == ["Heat.1995.1080p.BluRay.x264-AAA", "Heat.1995.1080p.BluRay.x264-NEW",
                      "Heat.1995.720p.BluRay.x264-BBB"]
    hdtv = rows["Heat.1995.1080p.HDTV.x264-CCC"]
    assert (hdtv["status"], hdtv["rejections"], hdtv["rejected_by"]) == (
        "rejected", ["Quality HDTV-1080p is not wanted in profile HD"], ["quality_allowed_by_profile"])
    assert [p.release_title for p in pending] == ["Jaws.1975.1080p.BluRay.x264-NEW"]
    markdown = ScoringReport(evaluation, {1: "Heat (1995) [HD]", 2: "Jaws (1975) [HD]"}).markdown()
    assert "**grab**" in markdown and "#3: lower quality" in markdown and "pending: Delay profile" in markdown


def test_parse_cache_json_is_read_as_the_parser_wrote_it(store: LibraryStore) -> None:
    with store.open() as library:
        score_candidates(library, [], DecisionContext(profiles={"HD": PROFILE}, now=NOW))
        frame = releases_with_parses(library.parse_cache, DecisionInputs(library.conn).releases())[0]
    row = frame[frame["title"] == "Heat.1995.720p.BluRay.x264-BBB"].iloc[0]
    parsed = parse_release_title(row["title"])
    assert parsed is not None
    assert (row["quality"], row["year"], row["release_group"], row["movie_titles"]) == (
        parsed.quality.quality.name, parsed.year, parsed.release_group, "\x1f".join(parsed.movie_titles))


def _config(tmp_path: Path, **decisions: object) -> dict[str, object]:
    return {"root_folders": ["lib"], "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:1"},
            "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p",
                                  "format_scores": {"x265": -100}}],
            "decisions": decisions}


def test_bad_settings_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="allows no quality"):
        build_quality_profile("Empty", [], "Bluray-1080p")
    with pytest.raises(ProfileError, match="cutoff 'Remux-2160p' is not among the allowed items"):
        build_quality_profile("HD", ["Bluray-1080p"], "Remux-2160p")
    with pytest.raises(ConfigError, match="unknown indexer flag"):
        parse_config(_config(tmp_path, required_indexer_flags={"X": ["Freeleech"]}), source="c", base_dir=tmp_path)
    config = parse_config(_config(tmp_path), source="c", base_dir=tmp_path)
    profiles = {"HD": build_quality_profile("HD", ["Bluray-1080p"], "Bluray-1080p", format_scores={"x265": -100})}
    with pytest.raises(DecisionSetupError, match=r"scores \['x265'\], which are not any custom format"):
        load_formats(config, profiles)
    folder = tmp_path / "cf"
    folder.mkdir()
    (folder / "bad.json").write_text(json.dumps({"name": "Bad", "specifications": [
        {"name": "b", "implementation": "ReleaseTitleSpecification", "fields": {"value": "(a+)+$"}}]}))
    config = parse_config(_config(tmp_path, custom_formats_dir="cf"), source="c", base_dir=tmp_path)
    with pytest.raises(DecisionSetupError, match=r"bad\.json: .*nested quantifiers"):
        load_formats(config, profiles)
    odd = parse_config(_config(tmp_path, quality_definitions={"Bluray-1080p": {"min": 50, "max": 10}}), source="c",
                       base_dir=tmp_path)
    with pytest.raises(DecisionSetupError, match="Bluray-1080p: min 50 is above max 10"):
        decision_context(odd, profiles, NOW)


def test_an_original_language_condition_reads_the_movies_original_language(tmp_path: Path) -> None:
    original = custom_format_from_dict({"name": "Original", "specifications": [
        {"name": "o", "implementation": "LanguageSpecification", "fields": {"value": -2}}]})
    store = LibraryStore(tmp_path / "library.duckdb")
    with store.open() as library:
        wanted = []
        for title, year, language in (("Amelie", 2001, "french"), ("Heat", 1995, "english"), ("Jaws", 1975, None)):
            movie = library.movies.add(title=title, year=year, original_language=language)
            assert library.movies.get(movie.id).original_language == language
            wanted.append((library.movies.add_variant(movie.id, quality_profile="HD", root_folder=str(tmp_path)).id,
                           "missing"))
        library.movies.replace_wanted(wanted, NOW)
        library.releases.add_new([release(f"{t}.FRENCH.1080p.BluRay.x264-AAA", i) for i, t in enumerate(
            ("Amelie.2001", "Heat.1995", "Jaws.1975"), start=1)], NOW)
        score_candidates(library, [original], DecisionContext(profiles={"HD": PROFILE}, now=NOW))
        formats = [[r["formats"] for r in library.candidates.for_variant(variant_id)] for variant_id, _ in wanted]
    assert formats == [[["Original"]], [[]], [[]]]
