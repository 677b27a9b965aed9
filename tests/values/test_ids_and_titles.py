from __future__ import annotations

import pytest

from radarr_pipeline.values.ids import TMDB_ID_MAX, InvalidIdError, imdb_digits, imdb_id, normalize_imdb_id, tmdb_id
from radarr_pipeline.values.titles import InvalidTitleError, movie_title, same_title


@pytest.mark.parametrize(("given", "expected"), [
    ("tt0133093", "tt0133093"), ("TT133093", "tt0133093"), ("0133093", "tt0133093"), (" tt10872600 ", "tt10872600"),
])
def test_imdb_ids_are_normalised(given: str, expected: str) -> None:
    assert imdb_id(given) == expected


@pytest.mark.parametrize("given", [
    "tt١٢٣٤٥٦٧", "tt²³", "tt１２３", "tt", "", "tt12345678901", "tt-1", "nm0000206", "tt0133093x", "tt 0133093",
])
def test_imdb_ids_take_ascii_digits_only(given: str) -> None:
    with pytest.raises(InvalidIdError):
        imdb_id(given)


def test_tmdb_ids_fit_the_column() -> None:
    assert tmdb_id(TMDB_ID_MAX) == TMDB_ID_MAX
    for bad in (0, -5, TMDB_ID_MAX + 1):
        with pytest.raises(InvalidIdError):
            tmdb_id(bad)


@pytest.mark.parametrize("given", ["", "   ", "\t\n", "A\x1bB", "Line\nBreak", "Del\x7f", "C1\x85X", "Rtl\u202eX",
                                   "Sep\u2028X"])
def test_titles_that_cannot_be_a_movie_s_are_refused(given: str) -> None:
    with pytest.raises(InvalidTitleError):
        movie_title(given)


def test_titles_are_trimmed_and_keep_every_printable_character() -> None:
    assert movie_title("  Amélie [2001] :smile: ½ 東京  ") == "Amélie [2001] :smile: ½ 東京"
    assert movie_title("Mi\u200cnu") == "Mi\u200cnu"  # a zero-width non-joiner belongs to Persian words


def test_same_title_ignores_case_and_compatibility_forms() -> None:
    assert same_title("The Matrix", "the MATRIX")
    assert same_title("Ｈｅａｔ", "Heat")
    assert not same_title("Heat", "Heat 2")


@pytest.mark.parametrize(("value", "expected"), [
    ("tt0133093", "tt0133093"), ("TT0133093", "tt0133093"), ("0133093", "tt0133093"), (133093, "tt0133093"),
    ("tt00133093", "tt0133093"), ("tt12345678", "tt12345678"), (" 133093 ", "tt0133093"),
    ("0", None), ("tt", None), ("", None), (None, None), ("tt١٢٣٤٥٦٧", None), ("tt²³", None), ("nm0000206", None),
])
def test_machine_imdb_ids_have_one_form(value: str | int | None, expected: str | None) -> None:
    assert normalize_imdb_id(value) == expected
    assert imdb_digits(value if isinstance(value, str) else None) == (expected[2:] if expected and
                                                                         isinstance(value, str) else None)
