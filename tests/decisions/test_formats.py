"""Bulk custom-format evaluation agrees with the one-release form, on TRaSH Guides' own formats."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from radarr_pipeline.decisions import formats as bulk
from radarr_pipeline.decisions.assemble import title_facts
from radarr_pipeline.decisions.prefilter import Requirement, necessary_literals
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality.custom_formats import ReleaseFacts, custom_format_from_dict, load_custom_format
from radarr_pipeline.quality.dotnet_regex import compile_dotnet_regex

TRASH = Path(__file__).resolve().parents[1] / "data" / "trash" / "cf"
TITLES = [
    "Heat.1995.1080p.BluRay.x264-CtrlHD", "Heat.1995.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.Atmos.7.1-FraMeSToR",
    "The.Matrix.1999.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb", "Movie.2020.720p.HDTV.x264.PROPER-DIMENSION",
    "Film.2019.MULTi.1080p.BluRay.x265.10bit.DTS-HD.MA.5.1-GRP", "Amélie.2001.1080p.BluRay.DD5.1.x264-ÉQUIPE",
    "Dune.2021.2160p.WEB-DL.DV.HDR10Plus.DDP5.1.Atmos.H.265-FLUX", "Alien.1979.Directors.Cut.IMAX.1080p.BluRay-EVO",
    "Movie.2018.COMPLETE.BLURAY-GRP", "Some.Movie.2017.German.DL.1080p.WEBRip.x264-iTunes",
    "Stereo.Movie.2010.1080p.BluRay.AAC2.0.x264-YIFY", "Noir.2011.BW.1080p.BluRay.x264-TEPES",
    "小说.2020.1080p.WEB-DL-ABC",
]


def may_match(requirements: tuple[Requirement, ...], lowered: str) -> bool:
    """What the prefilter means: a lower-cased, ASCII title passes when it holds a string of every requirement."""
    return all(any(s in lowered for s in requirement) for requirement in requirements)


@pytest.fixture(scope="module")
def trash_formats():
    files = sorted(TRASH.glob("*.json"))
    assert files, f"TRaSH Guides data missing at {TRASH}"
    random.Random(5).shuffle(files)
    loaded = []
    for path in files:
        try:
            loaded.append(load_custom_format(path))
        except ValueError:
            continue
        if len(loaded) == 80:
            break
    return loaded


def test_bulk_matches_the_one_release_form_on_trash_formats(trash_formats) -> None:
    titles = TITLES * 2
    parsed = [parse_release_title(t) for t in titles]
    qualities = [p.quality.quality.name if p else "Unknown" for p in parsed]
    facts = title_facts(titles, qualities, [8 << 30] * len(titles))
    result = bulk.evaluate_formats(trash_formats, facts)
    assert result.duckdb_patterns and result.python_patterns, "both engines are exercised"
    for row, (title, p) in enumerate(zip(titles, parsed, strict=True)):
        one = ReleaseFacts(title=title, quality=p.quality if p else None, edition=p.edition if p else None,
                           languages=p.languages if p else (), size=8 << 30,
                           release_group=p.release_group if p else None, year=p.year if p else None)
        expected = [f.name for f in trash_formats if f.matches(one)]
        assert result.names(row) == expected, title


def test_prefilter_never_hides_a_match(trash_formats) -> None:
    checked = 0
    for custom_format in trash_formats:
        for spec in custom_format.specifications:
            compiled = getattr(spec, "compiled", None)
            if compiled is None:
                continue
            requirements = necessary_literals(compiled.pattern)
            for title in TITLES:
                if title.isascii() and compiled.search(title):
                    assert may_match(requirements, title.lower()), (compiled.pattern, title)
                    checked += 1
    assert checked > 20


def test_prefilter_literals() -> None:
    assert necessary_literals(r"\b(x265|HEVC)\b") == (frozenset({"x265", "hevc"}),)
    assert necessary_literals(r"^.{3}$") == ()
    assert set(necessary_literals(r"(?=.*(German|Ger))(?=.*(Sub|Multi(ple)?Sub))")) == {
        frozenset({"german", "ger"}), frozenset({"sub", "multi"})}


def test_a_timed_out_regex_marks_the_row_unknown(monkeypatch) -> None:
    custom = custom_format_from_dict({"name": "Look", "specifications": [
        {"name": "l", "implementation": "ReleaseTitleSpecification", "fields": {"value": r"(?<=\d{4}).*x264"}}]})
    monkeypatch.setattr(bulk, "MATCH_TIMEOUT_SECONDS", 1e-12)
    facts = title_facts(["Movie.2020." + "a" * 900 + ".x264-GRP"], ["Unknown"], [0])
    result = bulk.evaluate_formats([custom], facts)
    assert result.timed_out.tolist() == [True]
    assert not result.matrix.any()


def test_a_catastrophic_regex_is_refused_when_loaded() -> None:
    with pytest.raises(ValueError, match="nested quantifiers"):
        custom_format_from_dict({"name": "Bad", "specifications": [
            {"name": "b", "implementation": "ReleaseTitleSpecification", "fields": {"value": r"(a+)+$"}}]})
    assert compile_dotnet_regex(r"\b(x265)\b").search("Movie.x265")


def test_scores_per_profile() -> None:
    formats = [custom_format_from_dict({"name": n, "specifications": [
        {"name": n, "implementation": "ReleaseTitleSpecification", "fields": {"value": rf"\b{n}\b"}}]})
        for n in ("x265", "REMUX")]
    facts = title_facts(["A.2020.REMUX.x265-G", "B.2020.x264-G"], ["Remux-1080p", "Bluray-1080p"], [0, 0])
    result = bulk.evaluate_formats(formats, facts)
    assert np.array_equal(result.scores({"x265": -10, "REMUX": 100}), [90, 0])
