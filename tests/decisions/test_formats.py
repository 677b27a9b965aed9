"""Bulk custom-format evaluation: the facts it is given, its prefilters, timeouts and scores (its agreement with
the per-release oracle is tests/quality/test_format_agreement.py)."""

from __future__ import annotations

import numpy as np
import pytest

from radarr_pipeline.decisions import formats as bulk
from radarr_pipeline.decisions.format_facts import download_facts, file_facts
from radarr_pipeline.decisions.prefilter import Requirement, necessary_literals
from radarr_pipeline.quality.custom_formats import CustomFormat, custom_format_from_dict
from radarr_pipeline.quality.dotnet_regex import compile_dotnet_regex
from tests.quality.trash import trash_sample

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
def trash_formats() -> list[CustomFormat]:
    return trash_sample(80, seed=5)


def test_facts_of_a_download_use_the_simple_release_title() -> None:
    """Radarr matches Release Title conditions on the simple release title: the movie title is a placeholder,
    so a movie called 'Remux' is not a remux."""
    remux = custom_format_from_dict({"name": "Remux", "specifications": [
        {"name": "r", "implementation": "ReleaseTitleSpecification", "fields": {"value": r"\bremux\b"}}]})
    facts = download_facts(["Remux.2020.1080p.BluRay.x264-GRP", "Heat.1995.1080p.BluRay.REMUX.AVC-GRP"],
                           ["Bluray-1080p", "Remux-1080p"], [0, 0])
    assert facts.title[0] == "A Movie.2020.1080p.BluRay.x264-GRP"
    assert bulk.evaluate_formats([remux], facts).matrix[:, 0].tolist() == [False, True]


def test_facts_of_a_file_match_the_file_name_too() -> None:
    """A movie file: the scene name (else the file name) is the release title, and Release Title conditions
    also match the file name; Year conditions see no year."""
    remux = custom_format_from_dict({"name": "Remux", "specifications": [
        {"name": "r", "implementation": "ReleaseTitleSpecification", "fields": {"value": r"\bremux\b"}}]})
    facts = file_facts(["Heat.1995.1080p.BluRay.x264-GRP", None, None],
                       ["/m/Heat (1995)/Heat.1995.Remux-1080p.mkv", "/m/Heat (1995)/Heat.1995.Remux.mkv",
                        "/m/Heat (1995)/Heat.1995.Bluray-1080p.mkv"],
                       ["Remux-1080p", "Remux-1080p", "Bluray-1080p"], [1, 1, 1], ["english", None, None])
    assert list(facts.title) == ["Heat.1995.1080p.BluRay.x264-GRP", "Heat.1995.Remux.mkv",
                                 "Heat.1995.Bluray-1080p.mkv"]
    assert list(facts.file_name) == ["Heat.1995.Remux-1080p.mkv", "Heat.1995.Remux.mkv",
                                     "Heat.1995.Bluray-1080p.mkv"]
    assert facts.year.tolist() == [0, 0, 0]
    assert bulk.evaluate_formats([remux], facts).matrix[:, 0].tolist() == [True, True, False]


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
    facts = download_facts(["Movie.2020." + "a" * 900 + ".x264-GRP"], ["Unknown"], [0])
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
    facts = download_facts(["A.2020.REMUX.x265-G", "B.2020.x264-G"], ["Remux-1080p", "Bluray-1080p"], [0, 0])
    result = bulk.evaluate_formats(formats, facts)
    assert np.array_equal(result.scores({"x265": -10, "REMUX": 100}), [90, 0])
