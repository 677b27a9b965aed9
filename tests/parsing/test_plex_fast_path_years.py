"""Plex names whose title words hold a year-like number ("Movie 1850 (1970) Bluray-1080p", "Blade Runner 2049
(2017)"): the fast path gives their release group and edition from the template only when they are the full
parser's. Compared on fixed names and on random ones (hypothesis) mixing year-like numbers, words the group,
edition, language and quality rules read, and rests that say much."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import library_group_and_edition, parse_release_title
from radarr_pipeline.parsing.plex_fast_path import plex_group_and_edition
from radarr_pipeline.parsing.title_parser import parse_movie_title


def _full(title: str) -> tuple[str | None, str | None]:
    parsed = parse_movie_title(title)
    return (parsed.release_group, parsed.edition) if parsed else (None, None)


def _assert_same(title: str) -> bool:
    """The fast path's answer, when it gives one, is the full parser's (directly and through the parse cache);
    True when it answered."""
    fast = plex_group_and_edition(title)
    cached = parse_release_title(title)
    assert library_group_and_edition(title) == ((cached.release_group, cached.edition) if cached else (None, None))
    if fast is None:
        return False
    assert fast == _full(title), title
    return True


def test_the_benchmarks_year_titled_names_take_the_fast_path() -> None:
    names = [f"Movie {n} ({1900 + n % 120}) Bluray-1080p" for n in range(20_000) if "18" in str(n) or "19" in str(n)
             or "20" in str(n)]
    assert all(_assert_same(name) for name in names if any(str(y) in name[:name.index("(")] for y in range(1800, 2100)))


def test_year_titled_names_agree_with_the_full_parser() -> None:
    answered = [
        "Movie 1850 (1970) Bluray-1080p",
        "Movie 11999 (1970) Bluray-1080p-GRP",
        "Blade Runner 2049 (2017) Bluray-2160p-FraMeSToR",
        "Movie 1850 1990 (1970) Bluray-720p-X",
        "Movie 2019 (1970) [GRP]",
        "Movie 2019 (1970) x264-126811",
        "The 1999 Movie (2001) HDTV-720p",
        "Movie 1850 (1970)",
    ]
    assert all(_assert_same(title) for title in answered)
    refused = [
        "1917 1918 (2019) Bluray-2160p",  # a number first: the found title could be empty
        "Movie 1850 (1970) Director's Cut Bluray-1080p",  # an edition word
        "Movie 1850 German (1970) Bluray-1080p",  # German/TrueFrench
        "Yts 1850 (1970) Bluray-1080p",  # an exact group name among the title words
        "Movie 1850 (1970)1080p",  # digits right after the year
        "Movie 1850 (1970) Bluray-1080p-GRP Extended",
    ]
    assert not any(_assert_same(title) for title in refused)


_LETTER_WORDS = ["Movie", "The", "A", "Of", "Man", "Yts", "Tmd", "German", "Cut", "Final", "Tt", "Tmdb", "Rp",
                 "Sample", "Ben", "Men", "Eml", "Silence", "Panda", "Edge", "Root", "S", "E", "P", "In"]
_NUMBERS = st.one_of(st.integers(1800, 2099).map(str), st.integers(0, 99_999).map(str),
                     st.sampled_from(["11999", "2049", "1917", "126811", "2020", "1", "5", "264", "1080"]))
_TITLE_WORD = st.one_of(st.sampled_from(_LETTER_WORDS), _NUMBERS,
                        st.text("abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=8))
_REST_PART = st.sampled_from([
    "Bluray-1080p", "WEBDL-720p", "HDTV-2160p", "Remux-1080p", "DVD", "SDTV", "-GRP", "-126811", "[GRP]", "[YTS]",
    "{tmdb-949}", "[imdb-tt0133093]", "x264", "h265", "Proper", "REPACK", "Director's Cut", "Extended", "IMAX",
    "German", "FRENCH", "Multi", "1080p", "(2000)", "2001", "- RP", "-RP", "-Sample", "[Bluray-1080p][EAC3 5.1]",
    "-EDGE2020", "Silence", "(Silence)", "[Panda]", "tt0133093", "-10", "-ES", "DTS-HD", "BluRay", ".mkv", ".avi",
])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TITLE_WORD, min_size=1, max_size=5), st.integers(1800, 2099),
       st.lists(_REST_PART, max_size=5), st.sampled_from([" ", ".", "-", " - "]))
def test_random_year_titled_names_agree_with_the_full_parser(words: list[str], year: int, rest: list[str],
                                                             glue: str) -> None:
    title = f"{' '.join(words)} ({year})" + (" " + glue.join(rest) if rest else "")
    _assert_same(title)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TITLE_WORD, min_size=1, max_size=5), st.sampled_from(["1850", "1999", "2049", "11999", "2020"]),
       st.integers(1800, 2099), st.lists(_REST_PART, max_size=4))
def test_random_names_with_a_year_among_their_words_agree(words: list[str], inner: str, year: int,
                                                          rest: list[str]) -> None:
    """A year-like number forced among the title words (the case the fast path takes up)."""
    title = f"Movie {' '.join(words)} {inner} ({year})" + (" " + " ".join(rest) if rest else "")
    _assert_same(title)
