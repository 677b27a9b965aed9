"""The plex fast path (a library's "Title (YEAR) rest" names through a parsed template) must give exactly the
full parser's result, and ``parse_name_quality`` exactly ``parse_quality``'s, whenever the template is used; the
scan's shortcuts too (the release group and edition alone, one quality per template).

Compared on Radarr-named files and folders, on the benchmark's plex-shaped titles, on every conformance input,
and on random names (hypothesis) built from title words the quality patterns read and rests that say much.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import (
    _sanitise,
    library_file_templates_and_fields,
    library_group_and_edition,
    parse_library_name,
    parse_release_title,
)
from radarr_pipeline.parsing.plex_fast_path import (
    PLACEHOLDER,
    _title_words,
    library_file_fields,
    parse_name_quality,
    parse_plex_title,
    plex_group_and_edition,
    quality_template,
)
from radarr_pipeline.parsing.quality_parser import parse_quality
from radarr_pipeline.parsing.title_parser import parse_movie_title

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT / "tests" / "data" / "radarr"


def _assert_same(title: str) -> bool:
    """Fast path and full parser agree (all fields, simple_release_title too) for files and folders, and the
    template quality is the name's; True when the fast path answered."""
    title = _sanitise(title)
    if _title_words(title.strip()) is not None:
        assert parse_name_quality(title).to_dict() == parse_quality(title).to_dict(), title
    # A scan computes a quality once per template: names with one template have one quality.
    assert parse_quality(quality_template(title)).to_dict() == parse_name_quality(title).to_dict(), title
    library = parse_library_name(title)
    expected = (library.release_group, library.edition) if library else (None, None)
    assert library_group_and_edition(title) == expected, title
    _assert_file_fields(title)
    fast = parse_plex_title(title)
    # a year-like number among the title words: the group and edition may be known without the whole parse
    assert fast is None or plex_group_and_edition(title) is not None, title
    if fast is None:
        return False
    for is_dir in (False, True):
        full = parse_movie_title(title, is_dir=is_dir)
        assert full is not None, title
        assert fast.to_dict() == full.to_dict(), (title, is_dir)
        assert plex_group_and_edition(title) == (full.release_group, full.edition), (title, is_dir)
    return True


def _stem(name: str) -> str:
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _assert_file_fields(name: str) -> None:
    """The scan's shortcut (the title words read once for the name's quality template, its folder's and its stem's
    group and edition) gives what the functions give alone, for the stem and for stems that are not the name's,
    and for folders named as the name begins and others."""
    start = name[: name.find(")") + 1]
    others = {start, start + " ", " " + start, start[:-1], name, name[: len(name) // 2], "Other (2001)", ""}
    for stem in {_stem(name), name, name[: len(name) // 2], name.rstrip(".mkv"), "Other (2001) Bluray-720p-GRP"}:
        for folder in others:
            expected = (quality_template(name), quality_template(folder), library_group_and_edition(stem))
            assert library_file_templates_and_fields(name, stem, folder) == expected, (name, stem, folder)
            _template, folder_template, fields = library_file_fields(name, stem, folder)
            assert fields is None or fields == plex_group_and_edition(_sanitise(stem)), (name, stem)
            assert folder_template is None or folder_template == quality_template(folder), (name, folder)


def test_file_fields_read_the_stems_own_title_words() -> None:
    """The shortcut's group and edition are the stem's own: a stem whose title words differ from the name's (one
    that is not the start of the name, or cut within the year) is not given the name's template fields."""
    for name, stem in (
        ("Heat (1995) Bluray-1080p-GRP.mkv", "Heat (1995) Bluray-1080p-GRP"),
        ("Heat (1995) Bluray-1080p-GRP.mkv", "German Heat (1995) Directors Cut-OTHER"),
        # the same length of title words, an edition word among the stem's only
        ("Movie Wordxxx (1995) Bluray-1080p-GRP.mkv", "Heat Extended (1995) Bluray-1080p-GRP"),
        ("Heat (1995) Bluray-1080p-GRP.mkv", "Heat (19"),
        ("Movie 1850 (1970) Bluray-1080p-GRP.mkv", "Movie 1850 (1970) Bluray-1080p-GRP"),
        ("Movie Extended (1970) Bluray-1080p-GRP.mkv", "Movie Extended (1970) Bluray-1080p-GRP"),
        ("Truefrench Movie (1970) Bluray-1080p-GRP.mkv", "Truefrench Movie (1970) Bluray-1080p-GRP"),
        (" Heat (1995) Bluray-1080p-GRP.mkv", " Heat (1995) Bluray-1080p-GRP"),
        ("Heat (1995) Bluray-1080p-GR\tP.mkv", "Heat (1995) Bluray-1080p-GR\tP"),
    ):
        _assert_file_fields(name)
        expected = (quality_template(name), quality_template("Heat (1995)"), library_group_and_edition(stem))
        assert library_file_templates_and_fields(name, stem, "Heat (1995)") == expected, (name, stem)
    # Radarr's layout: the folder's template is read from the file name's title words, not parsed again
    assert library_file_fields("Heat (1995) Bluray-1080p.mkv", "Heat (1995) Bluray-1080p", "Heat (1995)") == (
        f"{PLACEHOLDER} (1995) Bluray-1080p.mkv", f"{PLACEHOLDER} (1995)", (None, None))


def test_radarr_names_take_the_fast_path() -> None:
    for title in (
        "The Matrix (1999)",
        "The Matrix (1999) Bluray-1080p",
        "The Matrix (1999) Bluray-1080p.mkv",
        "Movie 12 (1912) Bluray-1080p",
        "Movie 15432 (1932) Bluray-1080p.mkv",
        "Ocean 11 (1960) {tmdb-1234} [Bluray-1080p][DTS 5.1][x264]-GRP.mkv",
        "Heat (1995) WEBDL-2160p Proper.mkv",
        "Amelie (2001) {imdb-tt0211915} [Remux-1080p][FLAC 2.0][AVC]-FraMeSToR",
    ):
        assert _assert_same(title), title
        assert parse_library_name(title) == parse_movie_title(title)


def test_unsure_names_are_left_to_the_full_parser() -> None:
    for title in (
        "Cam Girl (2019) Bluray-1080p",  # a title word the quality patterns read
        "The Bluray Movie (2019) 720p",
        "Max 264 (2019) Bluray-1080p",  # title noise across a space
        "Movie 2049 (2019) Bluray-1080p",  # a number that could be a year
        "German Movie (2019) Bluray-1080p",  # GERMAN_TRACKER
        "Movie Truefrench (2019) Bluray-1080p",  # GERMAN_TRACKER (a word the quality patterns do not read)
        "Movie Extended (2019) Bluray-1080p",  # EDITION_BEFORE_YEAR
        "Amélie (2001) Bluray-1080p",  # not ASCII
    ):
        assert parse_plex_title(title) is None, title
        assert parse_library_name(title) == parse_movie_title(title)


def test_bench_and_conformance_titles_agree() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_parser
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rng = random.Random(17)
    answered = sum(_assert_same(bench_parser._plex(rng, serial)) + _assert_same(bench_parser._spaced(rng, serial))
                   for serial in range(1, 2_001))
    assert answered > 500  # guards against the gate silently closing
    for path in sorted(CONFORMANCE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for key in ("title", "input"):
                if isinstance(record.get(key), str):
                    _assert_same(record[key])


# Title words: plain ones, ones the quality/title/edition/language patterns read, numbers, cross-word noise.
_WORDS = (
    "Movie", "The", "A", "Of", "Heat", "Night", "Ocean", "2", "11", "101", "007", "264", "265", "5", "1", "480",
    "1234", "11999", "12345", "2049", "5000", "19999",
    "720", "1080", "2160", "Max", "Add", "H", "X", "DD", "Cam", "Ts", "Tc", "Bd", "Hd", "Sd", "Tv", "Web", "Dl",
    "Blu", "Ray", "Dvd", "R", "Real", "REAL", "Proper", "Repack", "Complete", "Disc", "Full", "Iso", "Avc",
    "German", "Extended", "Cut", "Imax", "Subs", "Hc", "Raw", "Hr", "Ws", "Uhd", "Remux", "Abc", "Password",
    "Sample", "Aka", "Dr", "Xvid", "Ger", "Dub", "Multi", "French", "Es",
)
_REST_PIECES = (
    "", " ", "Bluray-1080p", "WEBDL-2160p", "Remux-1080p", "HDTV-720p", "DVD", "SDTV", "Proper", "REAL", "v2",
    "{tmdb-12}", "{imdb-tt0211915}", "[Bluray-1080p]", "[DTS 5.1]", "[x264]", "[AVC]", "-GRP", "1080p", "BluRay",
    "x264", "2012", "Extended", "Directors Cut", "GERMAN", "DL", "MULTi", "HC", "KORSUBS", "[", "]", "(", ")",
    "REMUX", "DD5.1", "Complete", "Disc", "AVC", ".", "-", "_", "!", "?", "p0801", "yEnc", "[ettv]",
)


@st.composite
def _library_names(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5))
    year = str(draw(st.integers(1790, 2110)))
    rest = draw(st.lists(st.sampled_from(_REST_PIECES), max_size=6))
    separator = draw(st.sampled_from(("", " ", " ", " - ", ".")))
    extension = draw(st.sampled_from(("", ".mkv", ".mp4", ".avi", ".iso")))
    return " ".join(words) + f" ({year})" + separator + " ".join(rest) + extension


@settings(max_examples=3_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_library_names())
def test_random_library_names_agree(title: str) -> None:
    _assert_same(title)


def test_a_failing_fast_path_leaves_the_name_to_the_full_parser(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A parser bug in a plex fast path must not stop a scan: each library entry point logs it and answers as the
    full parser does."""
    import radarr_pipeline.parsing as parsing

    def broken(*_args: str) -> None:
        raise RuntimeError("fast path bug")

    name = "The Matrix (1999) Bluray-1080p-GRP.mkv"
    stem = name.removesuffix(".mkv")
    full = parse_release_title(name)
    full_stem = parse_release_title(stem)
    assert full is not None and full_stem is not None
    for attribute in ("parse_plex_title", "plex_group_and_edition", "library_file_fields"):
        monkeypatch.setattr(parsing, attribute, broken)
    assert parsing.parse_library_name(name) == full
    assert parsing.library_group_and_edition(stem) == (full_stem.release_group, full_stem.edition)
    assert parsing.library_file_templates_and_fields(name, stem, "The Matrix (1999)") == (
        quality_template(name), quality_template("The Matrix (1999)"), (full_stem.release_group, full_stem.edition))
    # one each, and the last one's fallback (library_group_and_edition of the stem) fails once more
    assert caplog.text.count("plex fast path failed on") == 4
