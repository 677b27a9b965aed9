"""The plex/Radarr shape shortcut ("Title (YYYY) ...") must find exactly what the title patterns find."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing.title_parser import (
    _match_title,
    clean_release_title,
    match_plex_shape,
    parse_movie_title,
    simplify_title,
)

ROOT = Path(__file__).resolve().parents[2]


def _assert_same(title: str) -> bool:
    """Shortcut and patterns agree, for files and folders; True when the shortcut answered."""
    release_title = clean_release_title(title)
    shortcut = match_plex_shape(release_title)
    if shortcut is None:
        return False
    for is_dir in (False, True):
        assert _match_title(simplify_title(release_title), is_dir) == shortcut, (title, is_dir)
    return True


def test_plex_and_radarr_names_take_the_shortcut() -> None:
    for title in (
        "Movie Title (2010)",
        "Movie Title (2010) {tmdb-123} [Bluray-1080p].mkv",
        "Movie Title (2010) [WEBDL-1080p][EAC3 5.1][x264]-GRP.mkv",
        "Movie Title (2010) - Bluray-1080p.mkv",
        "The Movie (1999) [1080p BluRay x264] GERMAN 7",
        "Movie (1850) Remastered",
        "Movie 2 (2010)",  # numbers holding no year-like run
        "Movie 12345 (2010) Bluray-1080p",
        "Ocean 11 (1960) Bluray-1080p.mkv",
        "101 Dalmatians (1996)",
    ):
        assert _assert_same(title), title
        parsed = parse_movie_title(title)
        assert parsed is not None and parsed.year is not None


def test_unsure_names_are_left_to_the_patterns() -> None:
    for title in (
        "Movie Extended (2010) 1080p",  # EDITION_BEFORE_YEAR takes 'Movie' and the edition
        "Movie (2010) Extended 2012 1080p",  # ... or a later year after an edition word
        "German Movie (2010) 1080p",  # GERMAN_TRACKER
        "Movie (1890) GERMAN 1080p",  # GERMAN_TRACKER's title may run over an 18xx year
        "Movie (2010)2012",  # digits right after ')': NORMAL's guard
        "Movie 2049 (2010)",  # a year-like number in the title (it could be the year)
        "Movie 11999 (2010)",  # ... inside a longer number (NORMAL's year needs no word start)
        "Max 264 (2010)",  # title noise read across the space ('x 264')
        "Add 5 1 (2010)",  # ... ('DD 5 1')
        "[Grp] Movie (2010)",  # anime
        "Movie.Name (2010)",  # a dot (website prefix, dotted title)
    ):
        assert match_plex_shape(clean_release_title(title)) is None, title


def test_bench_titles_agree() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_parser
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rng = random.Random(13)
    answered = 0
    for serial in range(1, 3_001):
        answered += _assert_same(bench_parser._plex(rng, serial))
        answered += _assert_same(bench_parser._spaced(rng, serial))
    assert answered > 3_000  # guards against the shortcut silently closing


_WORDS = ("Movie", "The", "Cut", "Extended", "German", "Good", "Fan", "Abc", "A", "X", "IMAX", "Ray", "Web", "Cam",
          "2", "12", "264", "265", "5", "1", "007", "480", "720", "1234", "11999", "12345", "2049", "5000",
          "Max", "Add", "H", "DD", "Bd", "Dvd", "R")
_REST_PIECES = (
    "", " ", "1080p", "BluRay", "x264", "-GRP", "[", "]", "(", ")", "{tmdb-12}", "2012", "1999", "1850",
    "Extended", "Directors Cut", "GERMAN", "TrueFrench", "DL", "\\", ".", "-", "_", "[Bluray-1080p]", "[ettv]",
    "[www.site.com]", "REMUX", "DD5.1", "720p", "!", "?", "*", " AKA ", " / ",
)


@st.composite
def _plex_names(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4))
    year = str(draw(st.integers(1790, 2110)))
    rest = draw(st.lists(st.sampled_from(_REST_PIECES), max_size=8))
    separator = draw(st.sampled_from(("", " ", " ", ".", "-")))
    extension = draw(st.sampled_from(("", ".mkv", ".mp4")))
    return " ".join(words) + f" ({year})" + separator + " ".join(rest) + extension


@settings(max_examples=3_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plex_names())
def test_random_plex_names_agree(title: str) -> None:
    _assert_same(title)
