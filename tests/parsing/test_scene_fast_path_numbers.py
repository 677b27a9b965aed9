"""The scene fast path on titles whose words hold numbers ('Apollo.13', 'Blade.Runner.2049.2017'): whenever
it answers, its result is the full parser's, field for field.

The hard cases are numbers NORMAL could take as the year (18xx-20xx, alone or ending a longer number),
numbers the quality patterns know (resolutions, codecs, audio channels) and numbers the title noise
reads together with the word before them ('Max.264', 'Add.5.1').
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import scene_tokens as tokens

from .test_scene_fast_path import _assert_same

# (title, whether the fast path must answer it)
_HAND_CASES = (
    ("Blade.Runner.2049.2017.1080p.BluRay.x264-SPARKS", True),
    ("Apollo.13.1995.1080p.BluRay.x264-GRP", True),
    ("2001.A.Space.Odyssey.1968.1080p.BluRay.x264-GRP", True),
    ("1917.2019.2160p.UHD.BluRay.x265-GRP", True),
    ("300.2006.720p.BluRay.x264-GRP", True),
    ("21.Jump.Street.2012.1080p.BluRay.x264-GRP", True),
    ("10.Cloverfield.Lane.2016.1080p.WEB-DL.DD5.1.H264-GRP", True),
    ("Oceans.11.2001.1080p.BluRay.x264-GRP", True),
    ("Oceans.Eleven.2001.2001.1080p.BluRay.x264-GRP", True),
    ("Movie.2001.2002.2003.1080p.BluRay.x264-GRP", True),
    ("Night.City.Runner.68046.1989.1080p.BluRay.x264-FLUX", True),
    ("Movie.720.2019.1080p.BluRay.x264-GRP", True),
    ("Movie.1080.2019.1080p.BluRay.x264-GRP", True),
    ("Movie.2160.2019.1080p.BluRay.x264-GRP", True),
    ("Movie.264.2019.1080p.BluRay.x264-GRP", True),
    ("Movie.5.1.2019.1080p.BluRay.x264-GRP", True),
    ("Movie.7.1.2019.1080p.BluRay.x264-GRP", True),
    ("Movie.480.2019.DVDRip.XviD-GRP", True),
    ("Se7en.1995.1080p.BluRay.x264-GRP", False),
    ("Night.2001.Odyssey.1989.1080p.BluRay.x264-GRP", False),
    ("Movie.12001.1989.1080p.BluRay.x264-GRP", True),
    ("Movie.12001.Night.1989.1080p.BluRay.x264-GRP", False),
    ("Max.264.2019.1080p.BluRay.x264-GRP", False),
    ("Rich.265.2019.1080p.BluRay.x264-GRP", False),
    ("Add.5.1.2019.1080p.BluRay.x264-GRP", False),
    ("Movie.2019.1080p.BluRay.x264-GRP", True),
)


def test_hand_cases_agree_and_answer_as_expected() -> None:
    for title, answers in _HAND_CASES:
        assert _assert_same(title) is answers, title
        _assert_same(title + ".mkv")
        _assert_same(title.replace(".1080p", ".GERMAN.1080p"))
        _assert_same(title.replace(".1080p", ".Directors.Cut.1080p"))


_WORDS = (
    "The", "Movie", "Blade", "Runner", "Apollo", "Jump", "Street", "A", "I", "X", "H", "Dr", "Max", "Fox", "Rich",
    "Add", "Mudd", "DD", "Aka", "Lane", "Oceans", "Space", "German", "Cut", "Web", "Cam", "V", "P", "Bit", "B",
)
_NUMBERS = st.one_of(
    st.sampled_from((
        "1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "13", "21", "25", "51", "71", "264", "265", "2645",
        "300", "360", "480", "540", "576", "720", "848", "960", "1080", "1280", "1440", "1920", "2160", "3840",
        "4096", "1799", "1800", "1899", "1917", "1999", "2001", "2049", "2099", "2100", "12001", "20019",
        "19999", "68046", "000", "0", "007", "1000000",
    )),
    st.integers(0, 10**6).map(str),
    st.integers(1790, 2110).map(str),
)
_TABLE = sorted(tokens.tables().tokens)
_GROUPS = ("GRP", "SPARKS", "FLUX", "D-Z0N3", "R5", "1080p", "12", "v2", "x264", "EVO-xpost", "2019", "A1")
_EXTENSIONS = ("", "", ".mkv", ".avi", ".iso")


@st.composite
def _number_titles(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(st.sampled_from(_WORDS), _NUMBERS), min_size=1, max_size=5))
    years = draw(st.lists(st.integers(1790, 2110).map(str), min_size=1, max_size=2))
    tail = draw(st.lists(st.sampled_from(_TABLE), max_size=6))
    group = draw(st.sampled_from(_GROUPS))
    extension = draw(st.sampled_from(_EXTENSIONS))
    return ".".join([*words, *years, *tail]) + "-" + group + extension


@settings(max_examples=4_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_number_titles())
def test_titles_mixing_words_and_numbers_agree(title: str) -> None:
    _assert_same(title)


def test_generated_number_titles_mostly_take_the_fast_path() -> None:
    """Guards against the gate silently closing: plain 'Words.Number.YEAR' names are answered."""
    answered = 0
    for serial in range(2_000):
        number = str(serial * 37 % 100_000)
        answered += _assert_same(f"Night.City.{number}.{1950 + serial % 70}.1080p.BluRay.x264-FLUX")
        answered += _assert_same(f"{number}.Days.{1950 + serial % 70}.720p.WEB-DL.DD5.1.H.264-GRP")
    assert answered > 3_000
