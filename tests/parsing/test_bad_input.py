"""Hostile titles: any length, control characters, punctuation only, other scripts. Never an exception."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import ParsedRelease, parse_quality, parse_release_title

SCENE_TOKENS = st.sampled_from(
    ["Movie", "The", "2019", "1080p", "BluRay", "x264", "-GRP", "[", "]", "(", ")", ".", " ", "AKA", "/", "REPACK2",
     "German", "DL", "tt1234567", "{tmdb-1}", "REMUX", "Director's.Cut", "【", "】", "\x00", "\n", "ß", "İ", "٣"]
)
titles = st.one_of(
    st.text(max_size=300),
    st.lists(SCENE_TOKENS, max_size=40).map("".join),
    st.text(alphabet=st.characters(categories=["P", "S", "Zs"]), max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120),
)


def _check(result: ParsedRelease | None) -> None:
    if result is not None:
        assert isinstance(result.movie_title, str)
        assert result.languages
        ParsedRelease.from_json(result.to_json())


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles, st.booleans())
def test_any_title_gives_a_result_or_not_a_release(title: str, is_dir: bool) -> None:
    _check(parse_release_title(title, is_dir=is_dir))
    parse_quality(title)


def test_huge_title_is_bounded_in_time() -> None:
    title = "Movie." * 200_000 + "2019.1080p.BluRay.x264-GRP"
    start = time.perf_counter()
    _check(parse_release_title(title))
    assert time.perf_counter() - start < 2.0


def test_control_characters_and_scripts() -> None:
    for title in ["Movie\x00Title\x1b.2019.720p.HDTV-GRP", "Фильм.2019.1080p.WEB-DL-GRP", "映画 (2019) [1080p]",
                  "فيلم 2019 1080p", "\u202eMovie 2019", "...", "----", "\ud800 Movie 2019"]:
        _check(parse_release_title(title))


def test_non_string_input_is_not_a_release() -> None:
    assert parse_release_title(None) is None  # type: ignore[arg-type]
    assert parse_release_title(b"Movie.2019.1080p") is None  # type: ignore[arg-type]
