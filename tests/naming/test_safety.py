"""Hostile inputs never escape the folder: every built name is a set of single, safe path components."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.naming import (
    MediaInfoFacts,
    MovieFileInfo,
    MovieInfo,
    NamingConfig,
    NamingError,
    build_file_name,
    build_folder_name,
    is_safe_path_component,
)

FILE_FORMATS = (
    "{Movie Title} ({Release Year}) {Quality Full}",
    "{Movie.CleanTitle}.{Release.Year}.{Edition.Tags}.{Quality.Full}-{Release.Group}",
    "{Movie TitleThe} {edition-{Edition Tags}} {[Custom Formats]}{[MediaInfo VideoCodec]}{-Release Group}",
    "{Original Title}",
    "{Movie CleanTitleThe:30} - {Movie OriginalTitle} {imdb-{ImdbId}}",
    "{MOVIE TITLE}_{movie collection}_{Original Filename}",
)
FOLDER_FORMATS = (
    "{Movie Title} ({Release Year})",
    "{Movie CleanTitle} {imdb-{ImdbId}}",
    "{Movie TitleThe:-40}",
    "{Movie Collection} - {Movie OriginalTitle}",
)

HOSTILE_FRAGMENTS = st.sampled_from(
    [
        "/",
        "\\",
        "..",
        ".",
        "\x00",
        "\n",
        "\r",
        "\x1b",
        "\x7f",
        "\x85",
        ":",
        "*",
        "?",
        "<",
        ">",
        "|",
        '"',
        " ",
        "CON",
        "nul.",
        "{",
        "}",
        "{Movie Title}",
        "~",
        "$HOME",
        "%2e%2e%2f",
        "\u202e",
        "\ufeff",
        "\udcff",
        "日本",
        "é",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE_FRAGMENTS, st.text(max_size=12)), max_size=30).map("".join)
LONG_TEXT = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(["a", "ab.", "日", "😀", "../", " - "]),
    st.integers(min_value=100, max_value=1500),
)
ANY_TEXT = st.one_of(HOSTILE_TEXT, LONG_TEXT)

MOVIES = st.builds(
    MovieInfo,
    title=ANY_TEXT,
    year=st.one_of(st.none(), st.integers(min_value=0, max_value=9999)),
    original_title=st.one_of(st.none(), ANY_TEXT),
    imdb_id=st.one_of(st.none(), HOSTILE_TEXT),
    collection=st.one_of(st.none(), ANY_TEXT),
)
MOVIE_FILES = st.builds(
    MovieFileInfo,
    quality_name=st.one_of(st.none(), st.sampled_from(["Bluray-1080p", "WEBDL-2160p"]), HOSTILE_TEXT),
    release_group=st.one_of(st.none(), ANY_TEXT),
    edition=st.one_of(st.none(), ANY_TEXT),
    scene_name=st.one_of(st.none(), ANY_TEXT),
    original_file_name=st.one_of(st.none(), ANY_TEXT),
    custom_formats=st.lists(HOSTILE_TEXT, max_size=3).map(tuple),
    media_info=st.one_of(st.none(), st.builds(MediaInfoFacts, video_codec=HOSTILE_TEXT, audio_codec=HOSTILE_TEXT)),
)
NAMINGS = st.builds(
    NamingConfig,
    rename_movies=st.booleans(),
    replace_illegal_characters=st.booleans(),
    colon_replacement_format=st.sampled_from(["delete", "dash", "space_dash", "space_dash_space", "smart"]),
    standard_movie_format=st.sampled_from(FILE_FORMATS),
    movie_folder_format=st.sampled_from(FOLDER_FORMATS),
)


def assert_single_safe_component(name: str, max_bytes: int) -> None:
    assert "/" not in name and "\\" not in name, name
    assert is_safe_path_component(name, max_bytes), repr(name)
    assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in name), repr(name)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(movie=MOVIES, movie_file=MOVIE_FILES, naming=NAMINGS)
def test_hostile_values_build_single_safe_components(
    movie: MovieInfo, movie_file: MovieFileInfo, naming: NamingConfig
) -> None:
    try:
        name = build_file_name(movie, movie_file, naming)
    except NamingError:
        pass  # nothing usable left: refused with a clear error, never an unsafe name
    else:
        assert_single_safe_component(name, naming.max_file_name_bytes)
    for candidate_file in (None, movie_file):
        try:
            folder = build_folder_name(movie, naming, candidate_file)
        except NamingError:
            continue
        assert_single_safe_component(folder, naming.max_folder_name_bytes)


@settings(max_examples=200, deadline=None)
@given(title=ANY_TEXT)
def test_hostile_titles_with_a_letter_still_get_a_name(title: str) -> None:
    movie = MovieInfo(title="x" + title, year=2020)
    folder = build_folder_name(movie, NamingConfig())
    assert_single_safe_component(folder, 255)
    name = build_file_name(movie, MovieFileInfo(quality_name="Bluray-1080p"), NamingConfig())
    assert_single_safe_component(name, 240)
    assert name.endswith("(2020) Bluray-1080p"), name


@pytest.mark.parametrize("title", ["..", ".", "../..", "/", "\\", "\x00", "..\\..", "....", " . ", "\udcff"])
def test_path_like_titles_never_become_path_parts(title: str) -> None:
    naming = NamingConfig(movie_folder_format="{Movie Title}", standard_movie_format="{Movie Title}")
    for build in (
        lambda: build_folder_name(MovieInfo(title=title), naming),
        lambda: build_file_name(MovieInfo(title=title), MovieFileInfo(), naming),
    ):
        try:
            name = build()
        except NamingError:
            continue
        assert_single_safe_component(name, 255)


@pytest.mark.parametrize("unit", ["a", "日", "😀", "é"])
def test_long_titles_are_shortened_keeping_the_fixed_parts(unit: str) -> None:
    movie = MovieInfo(title=unit * 2000, year=1999)
    movie_file = MovieFileInfo(quality_name="Bluray-2160p", release_group="GROUP")
    naming = NamingConfig(standard_movie_format="{Movie Title} ({Release Year}) {Quality Full}-{Release Group}")
    name = build_file_name(movie, movie_file, naming)
    assert len(name.encode("utf-8")) <= 240
    assert name.startswith(unit * 10)
    assert "...-" not in name and "... (1999) Bluray-2160p" in name
    folder = build_folder_name(movie, naming)
    assert len(folder.encode("utf-8")) <= 255
    assert folder.endswith("... (1999)")


def test_custom_limits_are_honoured() -> None:
    naming = NamingConfig(max_file_name_bytes=64, max_folder_name_bytes=32)
    movie = MovieInfo(title="An Extremely Long Title That Goes On And On And On Forever", year=2001)
    name = build_file_name(movie, MovieFileInfo(quality_name="Bluray-1080p"), naming)
    assert len(name.encode()) <= 64 and name.endswith("(2001) Bluray-1080p")
    assert len(build_folder_name(movie, naming).encode()) <= 32


def test_fixed_parts_longer_than_the_limit_are_cut() -> None:
    naming = NamingConfig(standard_movie_format="{Movie Title} " + "x" * 300, max_file_name_bytes=100)
    name = build_file_name(MovieInfo("Title"), MovieFileInfo(), naming)
    assert is_safe_path_component(name, 100)
