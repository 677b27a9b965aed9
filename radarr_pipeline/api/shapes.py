"""Radarr's v3 resources (camelCase, enums as camelCase strings) built from what the services return.
Field names follow Radarr 1b9662d5's src/Radarr.Api.V3 resources. Movies are laid out by DuckDB
(store.movie_json) with the values of the API's rules computed here (:func:`movie_columns`)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.frame import available_from
from radarr_pipeline.quality.qualities import Quality, quality_by_name
from radarr_pipeline.store.movie_json import MovieFacts

AVAILABILITY_TO_API = {"announced": "announced", "in_cinemas": "inCinemas", "released": "released"}
AVAILABILITY_FROM_API = {v.lower(): k for k, v in AVAILABILITY_TO_API.items()} | {"tba": "announced",
                                                                                   "predb": "released"}


def stamp(value: datetime | date | None) -> str | None:
    """Radarr's dates: ISO 8601 in UTC with a Z."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def profile_id(config: AppConfig, name: str) -> int:
    return next((n for n, p in enumerate(config.quality_profiles, 1) if p.name == name), 0)


def root_id(config: AppConfig, root: str) -> int:
    return next((n for n, r in enumerate(config.root_folders, 1) if str(r) == root), 0)


def quality(q: Quality) -> dict[str, Any]:
    return {"id": q.id, "name": q.name, "source": q.source, "resolution": q.resolution, "modifier": q.modifier}


def quality_model(name: str, revision: int = 1) -> dict[str, Any]:
    try:
        q = quality(quality_by_name(name))
    except KeyError:
        q = {"id": 0, "name": name, "source": "unknown", "resolution": 0, "modifier": "none"}
    return {"quality": q, "revision": {"version": revision, "real": 0, "isRepack": False}}


def quality_profile(config: AppConfig, number: int) -> dict[str, Any]:
    settings = config.quality_profiles[number - 1]
    profile = settings.build()
    items: list[dict[str, Any]] = []
    cutoff_id = 0
    for index, item in enumerate(profile.items):
        if len(item.qualities) == 1 and item.qualities[0].name == item.name:
            entry = {"quality": quality(item.qualities[0]), "items": [], "allowed": True}
            item_id = item.qualities[0].id
        else:
            item_id = 1000 + index
            entry = {"id": item_id, "name": item.name, "allowed": True,
                     "items": [{"quality": quality(q), "items": [], "allowed": True} for q in item.qualities]}
        if item.name.lower() == profile.cutoff.lower():
            cutoff_id = item_id
        items.append(entry)
    return {
        "id": number, "name": profile.name, "upgradeAllowed": profile.upgrade_allowed, "cutoff": cutoff_id,
        "items": items, "minFormatScore": profile.min_format_score, "cutoffFormatScore": profile.cutoff_format_score,
        "minUpgradeFormatScore": profile.min_upgrade_format_score,
        "formatItems": [{"format": 0, "name": name, "score": score} for name, score in profile.format_scores.items()],
        "language": {"id": -1, "name": "Any"},
    }


def root_folder(config: AppConfig, root: Path) -> dict[str, Any]:
    try:
        usage = shutil.disk_usage(root)
        free, total, accessible = usage.free, usage.total, True
    except OSError:
        free, total, accessible = 0, 0, False
    return {"id": root_id(config, str(root)), "path": str(root), "accessible": accessible, "freeSpace": free,
            "totalSpace": total, "unmappedFolders": []}


def disk_space(root: Path) -> dict[str, Any]:
    try:
        usage = shutil.disk_usage(root)
    except OSError:
        return {"path": str(root), "label": "", "freeSpace": 0, "totalSpace": 0}
    return {"path": str(root), "label": os.path.basename(str(root)), "freeSpace": usage.free,
            "totalSpace": usage.total}


def movie_status(facts: MovieFacts, today: date) -> str:
    """Radarr's MovieStatusType: released, inCinemas, announced (tba with no date at all)."""
    releases = [d for d in (facts.digital_release, facts.physical_release) if d is not None]
    if (releases and min(releases) <= today) or facts.tmdb_status == "Released":
        return "released"
    if facts.in_cinemas is not None and facts.in_cinemas <= today:
        return "inCinemas"
    if facts.in_cinemas is None and not releases and facts.tmdb_status is None:
        return "tba"
    return "announced"


def is_available(facts: MovieFacts, today: date) -> bool:
    available = available_from(facts.minimum_availability, facts.year, facts.in_cinemas, facts.digital_release,
                               facts.physical_release)
    return available is None or available <= today


@cache
def _quality_json(name: str) -> str:
    return json.dumps(quality_model(name)["quality"], ensure_ascii=False)


def movie_columns(config: AppConfig, today: date) -> Callable[[list[MovieFacts]], dict[str, list[Any]]]:
    """The MovieResource's values that are the API's rules rather than stored facts, for movies read in bulk, as
    the columns store.movie_json lays out beside the stored ones (DuckDB builds the rest of the resource)."""
    def derive(movies: list[MovieFacts]) -> dict[str, list[Any]]:
        sort_titles = [m.title.lower() for m in movies]
        profile_ids = {name: profile_id(config, name) for name in {m.quality_profile for m in movies}}
        return {
            "id": [m.id for m in movies],
            "status": [movie_status(m, today) for m in movies],
            "is_available": [is_available(m, today) for m in movies],
            "sort_title": sort_titles,
            "clean_title": ["".join(filter(str.isalnum, t)) for t in sort_titles],
            "minimum_availability": [AVAILABILITY_TO_API.get(m.minimum_availability, "released") for m in movies],
            "quality_profile_id": [profile_ids[m.quality_profile] for m in movies],
            "file_quality": [None if m.file_quality is None else _quality_json(m.file_quality) for m in movies],
        }

    return derive


def lookup_result(tmdb_id: int, title: str, year: int | None, original_title: str | None) -> dict[str, Any]:
    """A movie the library does not have (in this instance): no id, not monitored, no file."""
    return {
        "title": title, "originalTitle": original_title or title, "alternateTitles": [], "sortTitle": title.lower(),
        "sizeOnDisk": 0, "status": "announced", "overview": "", "images": [], "year": year or 0,
        "hasFile": False, "monitored": False, "minimumAvailability": "released", "isAvailable": False,
        "runtime": 0, "cleanTitle": "".join(c for c in title.lower() if c.isalnum()), "tmdbId": tmdb_id,
        "titleSlug": str(tmdb_id), "folder": f"{title} ({year})" if year else title, "genres": [], "tags": [],
        "added": "0001-01-01T00:00:00Z", "ratings": {}, "qualityProfileId": 0, "movieFileId": 0,
    }
