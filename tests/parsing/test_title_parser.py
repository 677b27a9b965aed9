"""Behaviour of the release-title parser beyond the conformance data."""

from __future__ import annotations

import json

import pytest

from radarr_pipeline.parsing import (
    PARSER_VERSION,
    ParsedRelease,
    clean_movie_title,
    parse_movie_path,
    parse_quality,
    parse_release_group,
    parse_release_title,
)
from radarr_pipeline.parsing.title_parser import rebuild_title_from_dotted_parts, undo_reversed_title


def test_scene_name_is_fully_parsed() -> None:
    parsed = parse_release_title("The.Movie.Name.2016.EXTENDED.PROPER.1080p.BluRay.x264.GERMAN.DL-GRP.mkv")
    assert parsed is not None
    assert parsed.movie_title == "The Movie Name"
    assert parsed.year == 2016
    assert parsed.edition == "EXTENDED"
    assert parsed.quality.quality.name == "Bluray-1080p"
    assert parsed.quality.revision.version == 2
    assert parsed.release_group == "GRP"
    assert parsed.languages == ("german", "original")


@pytest.mark.parametrize(
    "title",
    ["0e895c37245186812cb08aab1529cf8ee389dd05", "password yEnc 12345", "!!!...---", "", "abc.xyz.123", "123"],
)
def test_not_a_release(title: str) -> None:
    assert parse_release_title(title) is None


def test_alternative_titles_and_ids() -> None:
    parsed = parse_release_title("Le Film AKA The Film (2001) [tt0123456] {tmdb-77}.mkv")
    assert parsed is not None
    assert parsed.movie_titles == ("Le Film AKA The Film", "Le Film", "The Film")
    assert parsed.imdb_id == "tt0123456"
    assert parsed.tmdb_id == 77


def test_reversed_title_is_turned_back() -> None:
    reversed_title = "PRG-462x.yaRulB.p0801.9102.eltiT.eivoM"
    assert undo_reversed_title(reversed_title) == "Movie.Title.2019.1080p.BluRay.x264-GRP"
    parsed = parse_release_title(reversed_title)
    assert parsed is not None and parsed.movie_title == "Movie Title" and parsed.release_group == "GRP"


def test_acronym_join() -> None:
    assert rebuild_title_from_dotted_parts("S.W.A.T") == "S.W.A.T."
    assert rebuild_title_from_dotted_parts("Dr.Strangelove") == "Dr. Strangelove"
    assert rebuild_title_from_dotted_parts("Movie.2") == "Movie 2"


def test_folder_mode_accepts_year_first() -> None:
    assert parse_release_title("(1995) Movie Name") is None
    parsed = parse_release_title("(1995) Movie Name", is_dir=True)
    assert parsed is not None and parsed.movie_title == "Movie Name" and parsed.year == 1995


def test_hashed_file_in_named_folder() -> None:
    parsed = parse_movie_path("/data/Movie.Title.2018.720p.WEB-DL.x264-GRP/abc.mkv")
    assert parsed is not None
    assert parsed.movie_title == "Movie Title"
    assert (parsed.quality.quality.name, parsed.release_group) == ("WEBDL-720p", "GRP")


def test_parsed_release_json_round_trip() -> None:
    parsed = parse_release_title("Movie.2019.TSRip.720p.REPACK2.REAL.x264-GRP")
    assert parsed is not None
    again = ParsedRelease.from_json(parsed.to_json())
    assert again == parsed
    assert again.quality.quality.resolution == 720  # TELESYNC keeps the resolution read from the title
    assert again.quality.revision == parsed.quality.revision
    assert json.loads(parsed.to_json())["quality"]["quality"] == "TELESYNC"


def test_parse_quality_from_extension_only() -> None:
    model = parse_quality("Some.Movie.avi")
    assert model.quality.name == "SDTV"
    assert str(model.source_detection) == "extension"


def test_release_group_rules() -> None:
    assert parse_release_group("Movie.2019.1080p.WEB-DL.DDP5.1.H.264-NTb") == "NTb"
    assert parse_release_group("Movie.2019.1080p.WEB-DL") is None
    assert parse_release_group("[SubsPlease] Movie - 01 (1080p).mkv") == "SubsPlease"
    assert parse_release_group("Movie.2019.1080p.BluRay.x264-GRP-Obfuscated") == "GRP"


def test_clean_title_is_the_matching_key() -> None:
    assert clean_movie_title("The Lord of the Rings: The Return of the King") == "thelordringsreturnking"
    assert clean_movie_title("Amélie") == "amelie"
    assert clean_movie_title("Über") == "ueber"


def test_parser_version_is_a_nonempty_string() -> None:
    assert isinstance(PARSER_VERSION, str) and PARSER_VERSION
