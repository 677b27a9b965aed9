"""The parser's speed shortcuts must answer exactly what the plain pattern (or function) they stand for answers.

Each shortcut (a pre-check before a pattern, a pattern run from a later position, a split without the regex,
a result reused instead of recomputed) is compared with the plain form on the benchmark's generated titles,
on every conformance input, on hand-picked edge cases (non-ASCII letters, newlines, case variants) and on
random strings built from the characters and words the patterns read.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import extensions
from radarr_pipeline.parsing import language_parser as lang
from radarr_pipeline.parsing import quality_parser as qp
from radarr_pipeline.parsing import release_group as rg
from radarr_pipeline.parsing import scene_fast_path as scene
from radarr_pipeline.parsing import title_parser as tp
from radarr_pipeline.parsing.regex_tools import PrunedAlternation, literal_alternation
from tests.parsing.test_first_char_guard import unguarded

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT / "tests" / "data" / "radarr"

EDGE_CASES = (
    "",
    ".",
    "Movie.2019.1080p.mkv\n",
    "Movie.2019.1080p.MKV",
    "Movie.2019.1080p.m\u212av",  # KELVIN SIGN: IGNORECASE reads it as 'k'
    "Movie.2019.1080p.\u0130so",
    "Movie 2019 REPACK2 1080p",
    "Movie.2019.1080p.WEB-DL-xpost",
    "Movie.2019.1080p.WEB-DL-xpost\n",
    "Movie.2019.1080p.WEB-DL-RP-NZBGeek",
    "Movie.2019.GERMAN.DL.1080p.BluRay.AVC-GRP",
    "Movie.2019.German.ML.Blu-ray.MPEG-2-GRP",
    "Movie.2019.GERMAN.1080p.BLURAY.HEVC.REMUX-GRP",
    "Movie 2019 1080p-Hybrid-UHD.Remux",
    "Movie 2019 Hybrid-Remux 2160p",
    "Movie (2019) [Tigole]",
    "Movie (2019) (Anime Time)",
    "Movie (2019) [tigole\n]",
    "Movie.2019.Directors.Cut.v2.1080p-GRP",
    "Movie.2019.(Uncut).1080p", "Movie.2019._Uncut", "Movie(Extended)", "Movie.2019.(", "Movie.2019.Fanatic.Uncut",
    "Movie.2019.Recut.Extended.Directors.Cut", "Movie.2019.10th.Anniversary", "Movie.2019.3in1", "Movie.ExtendedCut",
    "Movie.2019.Ultimate.Signature.Cut", "M.Uncut", "Movie 2019 Special Edition 1080p", "Movie.2019.٣٤th.Anniversary",
    "Movie.2019.Collectors.Edition", "Movie.2019.Theatrical", "Movie.2019.Despecialized", "Movie.2019.Rouge.Cut",
    "Movie.2019.Final.Cut", "Movie.2019.Assembly.Cut", "Movie.2019.Imperial.Edition", "Movie.2019.Diamond.Edition",
    "Movie.2019.Hunter.Cut", "Movie.2019.Rekall.Version", "Movie.2019.Uncensored", "Movie.2019.Remastered",
    "Movie.2019.Unrated", "Movie.2019.Fan.Edit", "Movie.2019.Restored", "Movie.2019.2in1", "Movie.2019.(IMAX)",
    "Movie.2019.Extended.Cut", "Movie.2019.Recut", "Movie.2019.Open-Matte", "Movie.2019.Ultimate.Edition",
    "Movie.2019.Signature.Edition", "Movie.2019.Special.Cut", "Movie.2019.Directors.Cut", "Movie.2019.25th.Anniversary",
    "[Group] Movie - 01v2 [ABCDEF12]",
    "[Group] Movie - 01 V3 [ABCDEF12]", "[Group] Movie [1080p] [ABCDEF12]", "[Group] Movie [ABCDEF12]",
    "[Gr[oup] Movie [ABCDEF12]", "[Group] Movie ٣v٣ [ABCDEF12]", "[Group] [Movie] [ABCDEF12].mkv",
    "Фильм 2019 日本語 1080p 简 繁 字幕",
    "Movie.2019.Multi.pt-BR.1080p",
    "ſpecial.2019.1080p-GRP",
    "Movie [2019] [x] 1080p",
    "Movie S01E02 [ 1 ] 1080p",
)
# Words the shortcuts' patterns read, to build random titles around them.
WORDS = (
    "Movie", "2019", "1080p", "BluRay", "Blu-Ray", "REMUX", "Remux", "German", "GERMAN", "DL", "ML", "AVC", "HEVC",
    "VC-1", "MPEG-2", "Hybrid", "UHD", "v2", "REPACK", "repack3", "RERIP2", "PROPER", "xpost", "NZBGeek", "Tigole",
    "Anime Time", "-ZR-", "Directors", "Cut", "Edition", "25th", "Anniversary", "Open", "Matte", "IMAX", "in1",
    "english", "hindi", "latino", "ger", "pl", "[CHS]", "ukr", "pt-BR", "mkv", "nzb", "par2", "tmdb-12", "tt1234567",
    "KORSUB", "korSUBS", "SOFTSUBS", "MultiSub", "HORRIBLESUBS", "HC", "hc", "SUBBED", "Subs", "sub", "hcsub", "x_SUB",
    "SUBSUB", "HCSUBS", "subbedsub", "{tmdb-1234}", "TMDBID-5", "TMd", "tmdB", "TMD-", "480P", "1080p-GRP",
    "tt12345678",
)
SEPARATORS = (".", " ", "-", "_", "[", "]", "(", ")", "\n", "")


def _bench_titles() -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_parser
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return bench_parser.generate_titles(20_000, seed=5)


@cache
def _titles() -> tuple[str, ...]:
    titles = list(EDGE_CASES) + _bench_titles()
    for path in sorted(CONFORMANCE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            titles += [record[key] for key in ("title", "input") if isinstance(record.get(key), str)]
    rng = random.Random(9)
    for _ in range(5_000):
        pieces = [rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 8))]
        titles.append("".join(pieces))
    return tuple(titles)


def _texts() -> Iterator[tuple[str, str]]:
    """Each title with its lower-cased text."""
    for title in _titles():
        yield title, title.lower()


random_titles = st.lists(st.sampled_from(WORDS) | st.sampled_from(SEPARATORS) | st.text(max_size=3), max_size=12).map(
    "".join
)


def _plain_remove_file_extension(title: str) -> str:
    match = extensions._FILE_EXTENSION.search(title)
    if match and match.group(0).lower() in extensions._STRIPPABLE_EXTENSIONS:
        return title[: match.start()]
    return title


def _check_title(title: str) -> None:
    lowered = title.lower()
    assert extensions.remove_file_extension(title) == _plain_remove_file_extension(title), title
    assert lang._words_of(title) == set(lang._NON_WORD.split(title)) - {""}, title
    if not qp._may_hold_version(lowered):
        assert qp.VERSION.search(title) is None, title
    if not rg._may_end_with_suffix_noise(title):
        assert rg.CLEAN_GROUP_SUFFIX.search(title) is None, title
    if not qp._may_be_german_remux(lowered):
        assert qp.GERMAN_REMUX.search(title) is None, title
    if not tp._PASS_THE_POPCORN_YEAR.search(title):
        assert tp.PASS_THE_POPCORN.search(title) is None, title
    anime = tp._anime_patterns(title, lowered)
    for pattern in (tp.ANIME_VERSIONED, tp.ANIME_DOUBLE_BRACKETS, tp.ANIME_BRACKETED_INFO):
        if pattern not in anime:
            assert pattern.search(title) is None, (pattern.pattern, title)
    _check_edition(title, lowered)
    assert qp.parse_hardcoded_subs(title) == _plain_hardcoded_subs(title), title
    _check_group_rules(title, lowered)
    remux_at = lowered.find("remux")
    if remux_at >= 0 and len(lowered) == len(title):
        windowed = qp._REMUX_LOWER.search(lowered, max(0, remux_at - qp._REMUX_REACH)) is not None
        assert windowed == (qp._REMUX_LOWER.search(lowered) is not None), title


def _plain_hardcoded_subs(title: str) -> str | None:
    """Radarr's HardcodedSubsRegex scanned over the whole title, the last match kept."""
    last = None
    for last in qp.HARDCODED_SUBS.finditer(title):  # noqa: B007 - the last match wins
        pass
    if last is None:
        return None
    return last.group("hcsub") or "Generic Hardcoded Subs"


def _check_group_rules(title: str, lowered: str) -> None:
    """The release-group rules' shortcuts: the excluded endings at every end a group can have (after a letter or a
    digit), the exact-group pre-check (necessary for a match), the resolution ahead through its lower-case twin."""
    if rg.EXCEPTION_GROUP_EXACT.search(title):
        assert rg._may_name_exact_group(lowered), title
    for end in range(1, len(title) + 1):
        if title[end - 1].isalnum():
            plain = rg._EXCLUDED_GROUP_ENDING.search(title, max(0, end - 64), end) is not None
            assert rg._excluded_ending(title, end) == plain, (title, end)
    if len(lowered) == len(title):
        for start in range(len(title) + 1):
            twin = rg._RESOLUTION_AHEAD_LOWER.search(lowered, start)
            plain_ahead = rg._RESOLUTION_AHEAD.search(title, start)
            assert (twin and twin.span()) == (plain_ahead and plain_ahead.span()), (title, start)


def _check_edition(title: str, lowered: str) -> None:
    """parse_edition reads what REPORT_EDITION reads, and its positioned matching finds the whole search's match."""
    report = tp.REPORT_EDITION.search(title)
    plain = report.group("edition").replace(".", " ") if report and report.group("edition").strip() else None
    assert tp.parse_edition(title) == plain, title
    key = tp._EDITION_KEYS_PATTERN.search(lowered)
    if key is not None and len(lowered) == len(title) and "\n" not in title:
        found = tp._first_edition_match(lowered, key.start())
        searched = tp._EDITION_LOWER.search(lowered, 1)
        assert (found and found.span("edition")) == (searched and searched.span("edition")), title


def test_shortcuts_agree_with_their_patterns() -> None:
    for title in _titles():
        _check_title(title)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_titles)
def test_shortcuts_agree_on_random_titles(title: str) -> None:
    _check_title(title)


def _plain_last_listed_group(title: str) -> str | None:
    """Radarr's ExceptionReleaseGroupRegex scanned over the whole title, the last match kept."""
    pattern = re.compile(r"(?<=[._ \[])(?P<group>" + rg._LISTED_GROUPS + r")(?=\]|\))", re.IGNORECASE)
    last = None
    for last in pattern.finditer(title):  # noqa: B007 - the last match wins
        pass
    return last.group("group") if last else None


def _windows_without_precheck(title: str) -> str | None:
    """``_last_listed_group`` as it was before its ends-with pre-check (ASCII titles)."""
    position = len(title)
    while True:
        position = max(title.rfind("]", 0, position), title.rfind(")", 0, position))
        if position <= 0:
            return None
        window = title[max(0, position - rg._LONGEST_LISTED_GROUP - 1) : position]
        match = rg._LISTED_GROUP_AT_END_LOWER.search(window.lower())
        if match is not None:
            return window[match.start("group") : match.end("group")]


def test_listed_group_windows_agree_with_a_full_scan() -> None:
    for title in _titles():
        if title.isascii():  # the twin pattern's domain (lower-casing keeps every length)
            assert rg._last_listed_group(title) == _windows_without_precheck(title), title
            if "\n" not in title:  # '$' in the window pattern also matches before a newline ending it
                assert rg._last_listed_group(title) == _plain_last_listed_group(title), title


def test_literal_alternations_find_the_plain_alternations_start() -> None:
    for words in (tp._EDITION_KEYS, lang._TOKEN_SUBSTRINGS, rg._EXACT_GROUP_KEYS, [w for w, _ in lang._NAME_WORDS]):
        grouped = literal_alternation(words)
        plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
        for _, lowered in _texts():
            found, expected = grouped.search(lowered), plain.search(lowered)
            assert (found and found.start()) == (expected and expected.start()), (words, lowered)


def _loop_present(alternation: PrunedAlternation, text: str) -> int:
    present = 0
    for stem, bits in alternation._stem_bits:
        if stem in text:
            present |= bits
    for pattern, bit in alternation._stem_patterns:
        if not present & bit and pattern.search(text) is not None:
            present |= bit
    return present


def test_pruned_alternations_find_every_stem_and_match_as_the_full_pattern() -> None:
    alternations = (qp._SOURCE_PRUNED, qp._RESOLUTION_PRUNED, lang._TOKENS_PRUNED, lang._CASE_SENSITIVE_PRUNED)
    assert any(alternation._stem_scan is not None for alternation in alternations)  # both strategies are checked
    for title, lowered in _texts():
        for alternation in alternations:
            text = title if alternation is lang._CASE_SENSITIVE_PRUNED else lowered
            assert alternation._present(text) == _loop_present(alternation, text), text
            pruned = alternation.pattern_for(text)
            spans = [match.span() for match in pruned.finditer(text)] if pruned else []
            full = alternation.full
            assert full is not None
            assert spans == [match.span() for match in full.finditer(text)], text


# Patterns behind first_char_guarded's look-ahead, each with the text it runs on (True: the lower-cased title).
GUARDED = (
    (qp.RESOLUTION, False), (qp._RESOLUTION_LOWER, True), (qp.ALTERNATIVE_RESOLUTION, False), (qp.REMUX, False),
    (qp._REMUX_LOWER, True), (qp.CODEC, False), (qp._CODEC_LOWER, True), (qp.OTHER_SOURCE, False),
    (qp._BR_DISK_REFUSED_WORD, True), (tp.SIMPLE_TITLE_NOISE, False), (lang.GERMAN_DUAL_LANGUAGE, False),
    (rg._EXCLUDED_GROUP_ENDING, False), (rg._EXCLUDED_GROUP_ENDING_LOWER, True), (rg.EXCEPTION_GROUP_EXACT, False),
    (rg._EXCEPTION_GROUP_EXACT_LOWER, True), (tp._EDITION_LOWER, True), (qp.RAW_HD, False), (qp.MPEG2, False),
    (qp.PROPER, False), (qp.REPACK, False), (qp.VERSION, False), (qp.REAL, False), (qp.ANIME_BLURAY, False),
    (lang.GERMAN_MULTI_LANGUAGE, False),
)


def test_guarded_patterns_match_as_the_patterns_they_guard() -> None:
    plain = [(guarded, unguarded(guarded), lowered) for guarded, lowered in GUARDED]
    for guarded, pattern, _ in plain:
        assert guarded is not pattern and guarded.pattern.endswith(pattern.pattern + ")"), pattern.pattern
    for title, lowered_title in _texts():
        for guarded, pattern, lowered in plain:
            text = lowered_title if lowered else title
            found = [(match.span(), match.lastgroup) for match in guarded.finditer(text)]
            assert found == [(match.span(), match.lastgroup) for match in pattern.finditer(text)], (pattern, text)
        noise = tp.SIMPLE_TITLE_NOISE
        assert noise.sub("", title) == unguarded(noise).sub("", title), title


def test_scene_movie_titles_agree_with_the_acronym_aware_join() -> None:
    rng = random.Random(4)
    vocabulary = ("The", "Dark", "A", "Dr", "dr", "Aka", "AKA", "Ab", "X", "Of", "Bak", "Alpha", "Los", "U", "N")
    for _ in range(3_000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 5))]
        joined = ".".join(words)
        assert scene._movie_titles(words, joined) == tp.movie_titles_from(joined), joined


def test_scene_title_word_gate_refuses_what_the_whole_title_gate_refused() -> None:
    """The per-word gate refuses at least every title-word run the former whole-run pattern refused."""
    whole_run = re.compile(
        r"(?:^|[.-])(?:" + scene._QUALITY_STARTS + ")|" + tp._EDITION_KEYS_PATTERN.pattern + r"|german|truefrench|^abc"
    )
    rng = random.Random(6)
    vocabulary = ("Br", "Disk", "Ts", "Rip", "Hd", "Abc", "Abcd", "Heat", "Cut", "Web", "Germany", "Fan", "Real",
                  "Realm", "Scr", "Scream", "Nf", "King", "Dvd", "Xmdvd", "H", "Proper", "Tc", "Wp", "Raw")
    for _ in range(5_000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 4))]
        if whole_run.search(".".join(words).lower()):
            assert scene._title_words_refused(words), words
