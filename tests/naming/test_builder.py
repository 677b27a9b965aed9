"""build_file_name / build_folder_name against Radarr's fixture behaviours beyond the conformance data."""

from __future__ import annotations

import pytest

from radarr_pipeline.naming import (
    MediaInfoFacts,
    MovieFileInfo,
    MovieInfo,
    NamingConfig,
    NamingError,
    build_file_name,
    build_folder_name,
)

SOUTH_PARK = MovieInfo(title="South Park", year=1997, imdb_id="tt0121955", tmdb_id=9473)
HDTV = MovieFileInfo(quality_name="HDTV-720p", release_group="SonarrTest")


def file_name(fmt: str, movie: MovieInfo = SOUTH_PARK, movie_file: MovieFileInfo = HDTV, **naming: object) -> str:
    return build_file_name(movie, movie_file, NamingConfig(standard_movie_format=fmt, **naming))


def folder_name(fmt: str, movie: MovieInfo = SOUTH_PARK, **naming: object) -> str:
    return build_folder_name(movie, NamingConfig(movie_folder_format=fmt, **naming))


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("{Movie Title}", "South Park"),
        ("{Movie_Title}", "South_Park"),
        ("{Movie.Title}", "South.Park"),
        ("{Movie-Title}", "South-Park"),
        ("{MOVIE TITLE}", "SOUTH PARK"),
        ("{mOvIe-tItLE}", "South-Park"),
        ("{movie title}", "south park"),
        ("{Quality Title}", "HDTV-720p"),
        ("{Movie Title} [{Quality Title}]", "South Park [HDTV-720p]"),
        ("{Movie.Title}.{_Quality.Title_}", "South.Park._HDTV-720p"),
        ("{Release Group}", "SonarrTest"),
        ("{Quality Title} {Quality Proper}", "HDTV-720p"),
        ("{Movie Title} [{Quality Title}] {[Quality Proper]}", "South Park [HDTV-720p]"),
        ("{Movie Title} [{Quality Full}]", "South Park [HDTV-720p]"),
        ("{Movie Title} ({Release Year}) {Quality Full}", "South Park (1997) HDTV-720p"),
        ("{IMDb Id} {TMDb Id}", "tt0121955 9473"),
        ("{Movie Title} {imdb-{ImdbId}}", "South Park {imdb-tt0121955}"),
    ],
)
def test_token_formats(fmt: str, expected: str) -> None:
    assert file_name(fmt) == expected


@pytest.mark.parametrize("separator", [" ", "-", ".", "_"])
def test_trims_separators_left_by_empty_tokens(separator: str) -> None:
    end = f"{{Quality{separator}Title}}{separator}{{Quality{separator}Proper}}"
    middle = f"{end}{separator}{{Movie{separator}Title}}"
    assert file_name(end) == "HDTV-720p"
    assert file_name(middle) == f"HDTV-720p{separator}South{separator}Park"


def test_proper_and_real() -> None:
    proper = MovieFileInfo(quality_name="HDTV-720p", revision_version=2)
    real = MovieFileInfo(quality_name="HDTV-720p", revision_real=1)
    repack = MovieFileInfo(quality_name="HDTV-720p", revision_version=2, is_repack=True)
    assert file_name("{Movie Title} [{Quality Full}]", movie_file=proper) == "South Park [HDTV-720p Proper]"
    assert file_name("{Movie Title} [{Quality Full}]", movie_file=real) == "South Park [HDTV-720p REAL]"
    assert file_name("{Movie Title} [{Quality Title}] {[Quality Proper]}", movie_file=proper) == (
        "South Park [HDTV-720p] [Proper]"
    )
    assert file_name("{Quality Proper}", movie_file=repack) == "Repack"
    assert file_name("{Quality Real}", movie_file=real) == "REAL"


def test_release_group_default_only_without_affixes() -> None:
    no_group = MovieFileInfo(quality_name="HDTV-720p")
    assert file_name("{Release Group}", movie_file=no_group) == "Radarr"
    for fmt in ("{Movie Title}{-Release Group}", "{Movie Title}{ Release Group}", "{Movie Title}{ [Release Group]}"):
        assert file_name(fmt, movie_file=no_group) == "South Park"
    for group in ("0SEC", "2HD", "IMMERSE"):
        assert file_name("{Release Group}", movie_file=MovieFileInfo(release_group=group)) == group


def test_original_title_and_filename() -> None:
    movie = MovieInfo("30 Rock")
    released = MovieFileInfo(scene_name="30.Rock.S01E01.xvid-LOL", original_file_name="30 Rock - S01E01 - Test.mkv")
    assert file_name("{Movie Title} - {Original Title}", movie, released) == "30 Rock - 30.Rock.S01E01.xvid-LOL"
    assert file_name("{Original Title}", movie, released) == "30.Rock.S01E01.xvid-LOL"
    assert file_name("{Original Filename}", movie, released) == "30 Rock - S01E01 - Test"
    # With other tokens around it the original file name is left out, so renaming twice does not repeat it.
    assert file_name("{Movie Title} - {Original Filename}", movie, released) == "30 Rock"
    unreleased = MovieFileInfo(original_file_name="downloads/existing.file.mkv")
    assert file_name("{Original Title}", movie, unreleased) == "existing.file"


def test_rename_off_keeps_scene_or_file_name() -> None:
    released = MovieFileInfo(scene_name="30.Rock.S01E01.xvid-LOL", original_file_name="30 Rock - S01E01 - Test.mkv")
    assert file_name("{Movie Title}", movie_file=released, rename_movies=False) == "30.Rock.S01E01.xvid-LOL"
    unreleased = MovieFileInfo(original_file_name="/downloads/30 Rock - S01E01 - Test.mkv")
    assert file_name("{Movie Title}", movie_file=unreleased, rename_movies=False) == "30 Rock - S01E01 - Test"
    hostile = MovieFileInfo(scene_name="../../etc/passwd")
    assert file_name("{Movie Title}", movie_file=hostile, rename_movies=False) == "+.+etc+passwd"
    with pytest.raises(NamingError):
        file_name("{Movie Title}", movie_file=MovieFileInfo(), rename_movies=False)


def test_duplicate_separators_collapse() -> None:
    assert file_name("{Movie.Title}", MovieInfo("Venture Bros.")) == "Venture.Bros"
    assert file_name("{Movie.CleanTitle}", MovieInfo("South Park (1997)")) == "South.Park.1997"


def test_media_info_tokens() -> None:
    media = MediaInfoFacts(
        video_codec="x264",
        video_bit_depth=10,
        video_dynamic_range="HDR",
        video_dynamic_range_type="DV HDR10",
        audio_codec="DTS",
        audio_channels=5.1,
        audio_languages=("eng", "spa"),
        subtitle_languages=("eng", "spa", "ita"),
    )
    movie_file = MovieFileInfo(quality_name="Bluray-1080p", media_info=media)
    assert file_name("{Movie.Title}.{MEDIAINFO.FULL}", movie_file=movie_file) == "South.Park.X264.DTS[EN+ES].[EN+ES+IT]"
    assert file_name("{MediaInfo Simple}", movie_file=movie_file) == "x264 DTS"
    assert file_name("{MediaInfo VideoBitDepth}bit {MediaInfo AudioChannels}", movie_file=movie_file) == "10bit 5.1"
    assert file_name("{[MediaInfo VideoDynamicRangeType]}", movie_file=movie_file) == "[DV HDR10]"
    assert file_name("{MediaInfo VideoDynamicRange}", movie_file=movie_file) == "HDR"
    assert file_name("{Movie Title} {MediaInfo AudioLanguages:EN}", movie_file=movie_file) == "South Park"
    assert file_name("{MediaInfo AudioLanguagesAll:EN}", movie_file=movie_file) == "[EN]"
    assert file_name("{MediaInfo SubtitleLanguages:-EN}", movie_file=movie_file) == "[ES+IT]"
    assert (
        file_name("{MediaInfo SubtitleLanguages:IT+EN+}", movie_file=movie_file) == "[IT+EN+-]"
    )  # "--" marks the rest, collapsed like any repeated separator
    english_only = MovieFileInfo(media_info=MediaInfoFacts(video_codec="AVC", audio_languages=("eng",)))
    assert file_name("{Movie Title} {MediaInfo AudioLanguages}", movie_file=english_only) == "South Park"
    assert file_name("{MediaInfo 3D}", movie_file=MovieFileInfo(media_info=MediaInfoFacts(is_3d=True))) == "3D"
    # No media info: the tokens are empty and the separators around them collapse.
    assert file_name("{Movie Title} {MediaInfo VideoCodec} {Quality Title}") == "South Park HDTV-720p"


def test_custom_formats_tokens() -> None:
    movie_file = MovieFileInfo(quality_name="WEBDL-1080p", custom_formats=("AMZN", "HDR10+", "Repack"))
    assert file_name("{Custom Formats}", movie_file=movie_file) == "AMZN HDR10+ Repack"
    assert file_name("{Custom Formats:-Repack}", movie_file=movie_file) == "AMZN HDR10+"
    assert file_name("{Custom Formats:AMZN,Repack}", movie_file=movie_file) == "AMZN Repack"
    assert file_name("{Movie Title} {[Custom Format:HDR10+]}", movie_file=movie_file) == "South Park [HDR10+]"
    assert file_name("{Movie Title} {[Custom Format:DV]}", movie_file=movie_file) == "South Park"


def test_movie_metadata_tokens() -> None:
    movie = MovieInfo(
        title="The Matrix Reloaded",
        year=2003,
        original_title="The Matrix: Reloaded",
        collection="The Matrix Collection",
        certification="R",
        translations=(("fr", "Matrix Reloaded"),),
    )
    assert file_name("{Movie CleanOriginalTitle} - {Movie OriginalTitle}", movie) == (
        "The Matrix Reloaded - The Matrix - Reloaded"
    )
    assert file_name("{Movie Collection} [{Movie Certification}]", movie) == "The Matrix Collection [R]"
    assert file_name("{Movie CollectionThe}", movie) == "Matrix Collection, The"
    assert file_name("{Movie Title:FR}", movie) == "Matrix Reloaded"
    assert file_name("{Movie Title:DE}", movie) == "The Matrix Reloaded"
    assert file_name("{Movie Title:fre}", movie) == "Matrix Reloaded"
    assert file_name("{Movie Title:xyz|FR}", movie) == "Matrix Reloaded"
    assert file_name("{Movie Title:DE|FR}", movie) == "The Matrix Reloaded"
    assert file_name("{Movie Title} ({Release Year})", MovieInfo("No Year")) == "No Year ()"
    assert folder_name("{Movie Title} ({Release Year})", MovieInfo("No Year")) == "No Year ()"


def test_colon_replacement_and_illegal_characters() -> None:
    movie = MovieInfo('Movie: The <Sequel>? *Yes* | "No"')
    assert file_name("{Movie Title}", movie) == "Movie - The Sequel! -Yes- No"
    assert file_name("{Movie Title}", movie, colon_replacement_format="delete") == "Movie The Sequel! -Yes- No"
    assert file_name("{Movie Title}", movie, replace_illegal_characters=False) == "Movie The Sequel Yes No"


def test_reserved_device_names() -> None:
    assert file_name("{Movie.Title} ({Release Year})", MovieInfo("Con Game", 2021)) == "Con_Game (2021)"
    assert folder_name("{Movie.Title} ({Release Year})", MovieInfo("Com1 Sat", 2021)) == "Com1_Sat (2021)"
    assert folder_name("{Movie Title}", MovieInfo("Con")) == "Con_"
    assert file_name("{Movie Title} ({Release Year})", MovieInfo("Con Game", 2021)) == "Con Game (2021)"


def test_folder_with_sub_folders_and_file_tokens() -> None:
    naming = NamingConfig(movie_folder_format="{Movie TitleFirstCharacter}/{Movie Title} ({Release Year})")
    assert build_folder_name(SOUTH_PARK, naming) == "S/South Park (1997)"
    with_quality = NamingConfig(movie_folder_format="{Movie Title} {[Quality Title]}")
    assert build_folder_name(SOUTH_PARK, with_quality) == "South Park"
    assert build_folder_name(SOUTH_PARK, with_quality, HDTV) == "South Park [HDTV-720p]"
    assert folder_name("{movie titlefirstcharacter}\\{movie title}", MovieInfo("Westworld")) == "w/westworld"


def test_file_format_with_sub_folder() -> None:
    assert file_name("{Movie Title}/{Movie Title} - {Quality Title}") == "South Park/South Park - HDTV-720p"


def test_empty_names_are_refused() -> None:
    with pytest.raises(NamingError):
        file_name("   ")
    with pytest.raises(NamingError):
        folder_name("{Movie Title}", MovieInfo("..."))
