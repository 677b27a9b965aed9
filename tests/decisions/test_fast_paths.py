"""The scoring fast paths against the plain computation they stand for: the RE2 set (every pattern of a text column
in one pass, screens and literal prefilters for the look-around patterns) against Python's regex on every text,
and numeral variants' shortcut against the word-by-word loop."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import radarr_pipeline.decisions.formats as formats_module
from radarr_pipeline.decisions.formats import _FieldMatcher, _regex_patterns
from radarr_pipeline.decisions.matching import numeral_variants, word_by_word_variants
from tests.quality.trash import trash_sample

TRASH = trash_sample(10_000, 0)  # every vendored format that loads
PATTERNS = _regex_patterns(TRASH)["title"]
TOKENS = ["2160p", "1080p", "720p", "UHD", "BluRay", "Blu-ray", "REMUX", "WEB-DL", "WEBRip", "HDTV", "x264", "x265",
          "HEVC", "AVC", "DDP5.1", "DD+", "EAC3", "TrueHD", "Atmos", "DTS-HD.MA", "DTS-X", "HDR", "HDR10+", "DV",
          "IMAX", "NON-IMAX", "MULTi", "FRENCH", "VFQ", "German", "DL", "COMPLETE", "ISO", "AMZN", "NF", "DSNP",
          "iT", "[iT]", "HBO", "MA", "PROPER", "REPACK", "OPUS", "-EVO", "-FLUX", "-FraMeSToR", "Amélie", "ÉQUIPE",
          "2019", "I", "II", "Part"]
SEPARATORS = [".", " ", "-", "_"]


def _python_search(texts: list[str]) -> dict[str, list[bool]]:
    return {p.pattern: [p.search(t) is not None for t in texts] for p in PATTERNS}


def _set_search(texts: list[str]) -> dict[str, list[bool]]:
    matcher = _FieldMatcher(texts)
    found = matcher.evaluate(PATTERNS)
    assert not matcher.timed_out.any()
    return {pattern: column.tolist() for pattern, column in found.items()}


titles = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).flatmap(
    lambda words: st.sampled_from(SEPARATORS).map(lambda sep: sep.join(words)))


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(titles, min_size=1, max_size=40))
def test_the_re2_set_finds_what_pythons_regex_finds(texts: list[str]) -> None:
    assert _set_search(texts) == _python_search(texts)


def test_the_set_reaches_re2_and_python_patterns_and_matches_some() -> None:
    texts = ["Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.Atmos-FraMeSToR",
             "Movie.2019.COMPLETE.UHD.BLURAY-GRP", "Movie 2019 IMAX 1080p DSNP WEB-DL DDP5.1 H.264-GRP",
             "Amélie.2001.1080p.BluRay.x264-ÉQUIPE", "Film.2019.NON-IMAX.1080p.WEB-DL-EVO"]
    matcher = _FieldMatcher(texts)
    found = matcher.evaluate(PATTERNS)
    assert matcher.re2_patterns and matcher.python_patterns
    assert sum(column.sum() for column in found.values()) > 5
    assert {p: c.tolist() for p, c in found.items()} == _python_search(texts)


def test_texts_the_sets_dfa_gives_up_on_are_searched_pattern_by_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text the set answers nothing for (not even its empty pattern: the DFA ran out of memory) is searched
    pattern by pattern, with the same result."""
    texts = ["Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.Atmos-FraMeSToR", "Movie.2019.720p.HDTV.x264-EVO"]
    real = formats_module._set_match

    def failing(search_set):  # type: ignore[no-untyped-def]
        match = real(search_set)
        return lambda text: None if b"HDTV" in text else match(text)

    monkeypatch.setattr(formats_module, "_set_match", failing)
    assert _set_search(texts) == _python_search(texts)


words = st.lists(st.sampled_from(["Rocky", "I", "II", "iv", "V", "x", "Part", "1", "2", "12", "20", "21", "Robot",
                                  "ix", "XX", "xxi", "Vi", "3D", "Ⅱ", "ı"]), min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(parts=words, separator=st.sampled_from([" ", ", ", "-", ": ", "."]))
def test_numeral_variants_shortcut_agrees_with_the_word_by_word_loop(parts: list[str], separator: str) -> None:
    title = separator.join(parts)
    assert numeral_variants(title) == word_by_word_variants(title)
