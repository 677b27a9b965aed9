"""Adapters from Radarr's naming conformance records (``naming.jsonl``, ``slug.jsonl``) to this package.

``CASE_FUNCTIONS[record["function"]](record)`` returns the actual values keyed like ``record["expected"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from radarr_pipeline.naming.builder import build_file_name, build_folder_name
from radarr_pipeline.naming.cleaning import clean_file_name
from radarr_pipeline.naming.models import MovieFileInfo, MovieInfo, NamingConfig
from radarr_pipeline.naming.slug import to_url_slug

_NAMING_FIELDS = (
    "rename_movies",
    "replace_illegal_characters",
    "colon_replacement_format",
    "standard_movie_format",
    "movie_folder_format",
)


def naming_from_record(data: Mapping[str, Any]) -> NamingConfig:
    return NamingConfig(**{name: data[name] for name in _NAMING_FIELDS if name in data})


def movie_from_record(data: Mapping[str, Any]) -> MovieInfo:
    return MovieInfo(
        title=data.get("title") or "",
        year=data.get("year"),
        original_title=data.get("original_title"),
        imdb_id=data.get("imdb_id"),
        tmdb_id=data.get("tmdb_id"),
        collection=data.get("collection"),
        certification=data.get("certification"),
    )


def movie_file_from_record(data: Mapping[str, Any] | None) -> MovieFileInfo | None:
    if data is None:
        return None
    return MovieFileInfo(
        quality_name=data.get("quality", "Unknown"),
        release_group=data.get("release_group"),
        edition=data.get("edition"),
        scene_name=data.get("scene_name"),
        original_file_name=data.get("original_file_name") or data.get("relative_path"),
    )


def run_build_file_name(record: Mapping[str, Any]) -> dict[str, Any]:
    data = record["input"]
    movie_file = movie_file_from_record(data.get("movie_file")) or MovieFileInfo()
    name = build_file_name(movie_from_record(data["movie"]), movie_file, naming_from_record(data["naming"]))
    return {"result": name}


def run_get_movie_folder(record: Mapping[str, Any]) -> dict[str, Any]:
    data = record["input"]
    movie = movie_from_record(data["movie"])
    return {"result": build_folder_name(movie, naming_from_record(data["naming"]))}


def run_clean_file_name(record: Mapping[str, Any]) -> dict[str, Any]:
    name = record["title"] if "title" in record else record["input"]
    return {"result": clean_file_name(name, **record.get("args", {}))}


def run_to_url_slug(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"result": to_url_slug(record["input"], **record.get("args", {}))}


CASE_FUNCTIONS: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "build_file_name": run_build_file_name,
    "get_movie_folder": run_get_movie_folder,
    "clean_file_name": run_clean_file_name,
    "to_url_slug": run_to_url_slug,
}
