"""The small naming rules one by one: config validation, format validation, title forms, cleaning, slugs."""

from __future__ import annotations

import pytest

from radarr_pipeline.naming import NamingConfig, clean_file_name, to_url_slug, validate_format
from radarr_pipeline.naming.cleaning import replace_reserved_device_names
from radarr_pipeline.naming.languages import two_letter_code
from radarr_pipeline.naming.textcase import dotnet_title_case, remove_diacritics
from radarr_pipeline.naming.titles import clean_title, clean_title_the, title_first_character, title_the
from radarr_pipeline.naming.tokens import edition_tags, simplify_token


def test_colon_replacement_format_is_checked() -> None:
    with pytest.raises(ValueError, match="delete, dash, space_dash, space_dash_space, smart"):
        NamingConfig(colon_replacement_format="hyphen")
    assert NamingConfig(colon_replacement_format="spaceDashSpace").colon_replacement_format == "space_dash_space"
    assert NamingConfig(colon_replacement_format="SMART").colon_replacement_format == "smart"


def test_byte_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="max_file_name_bytes"):
        NamingConfig(max_file_name_bytes=300)
    with pytest.raises(ValueError, match="max_folder_name_bytes"):
        NamingConfig(max_folder_name_bytes=0)


@pytest.mark.parametrize(
    "fmt",
    [
        "{Movie Title} ({Release Year}) {Quality Full}",
        "{Movie.CleanTitle}.{Release.Year}.{Edition.Tags}.{Quality.Full}-{Release.Group}",
        "{Movie TitleFirstCharacter}/{Movie Title} {imdb-{ImdbId}} {tmdb-{TmdbId}}",
        "{movie title} {IMDb Id} {TMDb Id} {[MediaInfo VideoDynamicRangeType]} {[Custom Formats]}",
        "{Movie Title:30} {Movie Title:-30} {MediaInfo AudioLanguages:EN+DE} {Custom Format:HDR10+}",
        "{Original Title} {Original Filename} {Movie Collection} {Movie Certification} {MediaInfo 3D}",
    ],
)
def test_valid_formats(fmt: str) -> None:
    validate_format(fmt)


@pytest.mark.parametrize(
    ("fmt", "token"),
    [("{Movie Titel} ({Release Year})", "Movie Titel"), ("{Series Title}", "Series Title"), ("{Quality}", "Quality")],
)
def test_unknown_tokens_are_rejected(fmt: str, token: str) -> None:
    with pytest.raises(ValueError, match=rf"unknown token \{{{token}\}} in"):
        validate_format(fmt)


@pytest.mark.parametrize("fmt", ["", "   ", "{Movie Title}\x00"])
def test_empty_or_control_formats_are_rejected(fmt: str) -> None:
    with pytest.raises(ValueError):
        validate_format(fmt)


def test_tokens_compare_without_separators_or_case() -> None:
    assert simplify_token("IMDb Id") == simplify_token("ImdbId") == simplify_token("imdb_id") == "imdbid"
    assert simplify_token("Movie.Title") == simplify_token("MOVIE-TITLE") == "movietitle"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("The Mist", "Mist, The"),
        ("A League Of Their Own (AU)", "League Of Their Own, A (AU)"),
        ("An Adventure in Space and Time", "Adventure in Space and Time, An"),
        ("Anne", "Anne"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_title_the(title: str, expected: str) -> None:
    assert title_the(title) == expected


def test_clean_title_forms() -> None:
    assert clean_title("Law & Order (UK)") == "Law and Order UK"
    assert clean_title("That'll Be The Day") == "Thatll Be The Day"
    assert clean_title("Joker: Folie à deux") == "Joker Folie a deux"
    assert clean_title_the("A League Of Their Own (AU)") == "League Of Their Own, A AU"
    assert clean_title_the("The Flash (2010)") == "Flash, The 2010"


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Mist, The", "M"), ("'80s Greatest, The", "8"), ("좀비버스", "좀"), ("¡Mucha", "M"), ("Æon", "A"), ("!", "_")],
)
def test_title_first_character(title: str, expected: str) -> None:
    assert title_first_character(title) == expected


def test_remove_diacritics_keeps_other_scripts() -> None:
    assert remove_diacritics("Beyoncé Ütopya Æon straße") == "Beyonce Utopya AEon strasse"
    assert remove_diacritics("좀비버스 हिंदी") == "좀비버스 हिंदी"


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        ("director's CUt", "Director's Cut"),
        ("IMAX.eDiTioN", "IMAX.Edition"),
        ("6th anNiverSary EDITION", "6th Anniversary Edition"),
        ("1st anniversary edition", "1st Anniversary Edition"),
        ("8Th anniversary edition", "8th Anniversary Edition"),
        ("IMAX-edition", "IMAX-Edition"),
        ("THEATRICAL", "Theatrical"),
        ("extended cut 3d hdr dv", "Extended Cut 3D HDR DV"),
    ],
)
def test_edition_tags(edition: str, expected: str) -> None:
    assert edition_tags(edition) == expected


def test_dotnet_title_case() -> None:
    assert dotnet_title_case("imax_edition") == "Imax_Edition"
    assert dotnet_title_case("a1b c'd") == "A1b C'd"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mission: Impossible - no [HDTV-720p]", "Mission - Impossible - no [HDTV-720p]"),
        (".45 (2006)", "45 (2006)"),
        (" The Movie Title ", "The Movie Title"),
        ('a/b\\c<d>e?f*g|h"i', "a+b+cde!f-ghi"),
        ("bell\x07 and nul\x00", "bell and nul"),
    ],
)
def test_clean_file_name(name: str, expected: str) -> None:
    assert clean_file_name(name) == expected


def test_clean_file_name_options() -> None:
    assert clean_file_name("CSI: Vegas", colon_replacement_format="delete") == "CSI Vegas"
    assert clean_file_name("CSI:Vegas", colon_replacement_format="space_dash") == "CSI -Vegas"
    assert clean_file_name("a:b?c/d", replace_illegal=False) == "abcd"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Con.Game", "Con_Game"), ("LPT1.x", "LPT1_x"), ("nul", "nul_"), ("Console", "Console"), ("COM0.x", "COM0.x")],
)
def test_reserved_device_names(name: str, expected: str) -> None:
    assert replace_reserved_device_names(name) == expected


def test_language_codes() -> None:
    assert [two_letter_code(code) for code in ("eng", "ger", "deu", "fre", "pt-BR", "gsw", "xx1")] == [
        "EN",
        "DE",
        "DE",
        "FR",
        "PT",
        "DE",
        "xx1",
    ]


def test_url_slug() -> None:
    assert to_url_slug("The Lord of the Rings: The Two Towers (2002)") == "the-lord-of-the-rings-the-two-towers-2002"
    assert to_url_slug("Amélie!", invalid_dash_replacement=True) == "amelie"
    assert to_url_slug("a--b__c", deduplicate_chars="") == "a--b__c"
