"""Hostile titles: any length, control characters, punctuation only, other scripts.

``parse_release_title`` turns a parser crash into None (and a logged error), so "no exception" from it proves
nothing. These tests call the parsers underneath it, which do raise, and check what comes back.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import MAX_TITLE_LENGTH, ParsedRelease, _sanitise, parse_quality, parse_release_title
from radarr_pipeline.parsing.scene_fast_path import parse_scene_title
from radarr_pipeline.parsing.title_parser import parse_movie_title
from radarr_pipeline.quality import QUALITIES
from radarr_pipeline.values.languages import LANGUAGE_IDS

SCENE_TOKENS = st.sampled_from(
    ["Movie", "The", "2019", "1080p", "BluRay", "x264", "-GRP", "[", "]", "(", ")", ".", " ", "AKA", "/", "REPACK2",
     "German", "DL", "tt1234567", "{tmdb-1}", "REMUX", "Director's.Cut", "【", "】", "\x00", "\n", "ß", "İ", "٣",
     "\\", "-../x"]
)
titles = st.one_of(
    st.text(max_size=300),
    st.lists(SCENE_TOKENS, max_size=40).map("".join),
    st.text(alphabet=st.characters(categories=["P", "S", "Zs"]), max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120),
)
NO_LETTERS_OR_DIGITS = st.text(alphabet=st.characters(categories=["P", "S", "Zs", "Cc"]), max_size=200)


def _unguarded(title: str, is_dir: bool = False) -> ParsedRelease | None:
    """What parse_release_title computes, without its catch-all: a parser bug raises here."""
    title = _sanitise(title)
    return parse_scene_title(title) or parse_movie_title(title, is_dir=is_dir)


def _check(title: str, is_dir: bool = False) -> ParsedRelease | None:
    result = _unguarded(title, is_dir)
    assert parse_release_title(title, is_dir=is_dir) == result, "the public parser hid an error as 'not a release'"
    assert parse_quality(title).quality in QUALITIES
    if result is None:
        return None
    assert ParsedRelease.from_json(result.to_json()) == result
    assert result.release_title.isprintable(), "control characters reach the stored title"
    assert result.movie_title.isprintable() and result.movie_title == result.movie_title.strip()
    assert result.year is None or 1800 <= result.year <= 2099
    assert result.quality.quality in QUALITIES
    assert result.languages and set(result.languages) <= set(LANGUAGE_IDS)
    return result


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles, st.booleans())
def test_any_title_gives_a_well_formed_result_or_not_a_release(title: str, is_dir: bool) -> None:
    _check(title, is_dir)


@settings(max_examples=500, deadline=None)
@given(NO_LETTERS_OR_DIGITS, st.booleans())
def test_a_title_without_letters_or_digits_is_not_a_release(title: str, is_dir: bool) -> None:
    assert _check(title, is_dir) is None
    assert parse_quality(title).quality.name == "Unknown"


def test_an_overlong_title_is_cut_before_parsing() -> None:
    # The year comes after the cut: what is left is a title without a year.
    assert _check("Movie." * 200_000 + "2019.1080p.BluRay.x264-GRP") is None
    # The release comes before the cut: the junk after it is never read.
    parsed = _check("Movie.2019.1080p.BluRay.x264-GRP." + "x" * 1_000_000)
    assert parsed is not None
    assert (parsed.movie_title, parsed.year, parsed.quality.quality.name) == ("Movie", 2019, "Bluray-1080p")
    assert len(parsed.release_title) == MAX_TITLE_LENGTH


def test_control_characters_and_scripts() -> None:
    expected = {
        "Movie\x00Title\x1b.2019.720p.HDTV-GRP": ("Movie Title", 2019, "HDTV-720p", "GRP"),
        "Фильм.2019.1080p.WEB-DL-GRP": ("Фильм", 2019, "WEBDL-1080p", "GRP"),
        "فيلم 2019 1080p": ("فيلم", 2019, "HDTV-1080p", None),
        "\u202eMovie 2019": ("Movie", 2019, "Unknown", None),
        "\ud800 Movie 2019": ("Movie", 2019, "Unknown", None),
    }
    for title, fields in expected.items():
        parsed = _check(title)
        assert parsed is not None, title
        assert (parsed.movie_title, parsed.year, parsed.quality.quality.name, parsed.release_group) == fields, title
    for title in ("...", "----", "\x00\x00", "映画", "Movie Title without a year"):
        assert _check(title) is None, title


def test_non_string_input_is_not_a_release() -> None:
    assert parse_release_title(None) is None  # type: ignore[arg-type]
    assert parse_release_title(b"Movie.2019.1080p") is None  # type: ignore[arg-type]
