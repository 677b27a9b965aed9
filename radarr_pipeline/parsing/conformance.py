"""Adapters from Radarr conformance records to this package's functions.

Each adapter takes the whole record and returns the actual values keyed like the record's ``expected``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from radarr_pipeline.parsing import (
    clean_movie_title,
    normalize_imdb_id,
    parse_languages,
    parse_movie_path,
    parse_quality,
    parse_release_group,
    parse_release_title,
)
from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.scene import get_scene_title, is_scene_title
from radarr_pipeline.parsing.subtitles import parse_subtitle_language, parse_subtitle_language_information
from radarr_pipeline.values.languages import iso_language_find

Record = dict[str, Any]


def _title(record: Record) -> str:
    return record["title"] if "title" in record else record["input"]


def _parsed_values(parsed: ParsedRelease | None, expected: Record) -> Record:
    """Actual values of a parse for the keys a record asserts (missing parse -> None everywhere)."""
    out: Record = {}
    for key in expected:
        if key == "parsed":
            out[key] = parsed is not None
        elif parsed is None:
            out[key] = None
        elif key in ("movie_title", "movie_title_clean_match"):
            out[key] = parsed.movie_title
        elif key == "movie_titles":
            out[key] = list(parsed.movie_titles)
        elif key == "year":
            out[key] = parsed.year or 0
        elif key == "edition":
            out[key] = parsed.edition or ""
        elif key in ("languages_contains", "languages_first", "languages_count"):
            out[key] = list(parsed.languages)
        elif key == "quality":
            out[key] = parsed.quality.quality.name
        elif key == "tmdb_id":
            out[key] = parsed.tmdb_id or 0
        else:
            out[key] = getattr(parsed, key)
    return out


def parse_movie_title_case(record: Record) -> Record:
    is_dir = bool(record.get("args", {}).get("is_dir", False))
    return _parsed_values(parse_release_title(_title(record), is_dir=is_dir), record["expected"])


def parse_movie_path_case(record: Record) -> Record:
    return _parsed_values(parse_movie_path(_title(record)), record["expected"])


def parse_quality_case(record: Record) -> Record:
    model = parse_quality(_title(record))
    values: Record = {
        "source": model.quality.source,
        "resolution": model.quality.resolution,
        "modifier": model.quality.modifier,
        "version": model.revision.version,
        "proper": model.revision.version > 1,
        "repack": model.revision.is_repack,
        "real": model.revision.real,
        "source_detection": str(model.source_detection),
        "resolution_detection": str(model.resolution_detection),
        "quality": model.quality.name,
    }
    return {key: values.get(key) for key in record["expected"]}


def parse_release_group_case(record: Record) -> Record:
    return {"release_group": parse_release_group(_title(record))}


def parse_languages_case(record: Record) -> Record:
    languages = list(parse_languages(_title(record)))
    return {key: languages for key in record["expected"]}


def clean_movie_title_case(record: Record) -> Record:
    return {"result": clean_movie_title(_title(record))}


def normalize_imdb_id_case(record: Record) -> Record:
    return {"result": normalize_imdb_id(_title(record))}


def iso_language_find_case(record: Record) -> Record:
    found = iso_language_find(_title(record))
    return {"found": found is not None, "language": found.language if found else None}


def is_scene_title_case(record: Record) -> Record:
    return {"result": is_scene_title(_title(record))}


def get_scene_title_case(record: Record) -> Record:
    return {"result": get_scene_title(_title(record))}


def parse_subtitle_language_case(record: Record) -> Record:
    return {"language": parse_subtitle_language(_title(record))}


def parse_subtitle_language_information_case(record: Record) -> Record:
    info = parse_subtitle_language_information(_title(record))
    values = {
        "language": info.language,
        "language_tags": list(info.language_tags),
        "title": info.title,
        "raw_title": info.raw_title,
    }
    return {key: values.get(key) for key in record["expected"]}


CASE_FUNCTIONS: dict[str, Callable[[Record], Record]] = {
    "parse_movie_title": parse_movie_title_case,
    "parse_movie_path": parse_movie_path_case,
    "parse_quality": parse_quality_case,
    "parse_release_group": parse_release_group_case,
    "parse_languages": parse_languages_case,
    "clean_movie_title": clean_movie_title_case,
    "normalize_imdb_id": normalize_imdb_id_case,
    "iso_language_find": iso_language_find_case,
    "is_scene_title": is_scene_title_case,
    "get_scene_title": get_scene_title_case,
    "parse_subtitle_language": parse_subtitle_language_case,
    "parse_subtitle_language_information": parse_subtitle_language_information_case,
}
