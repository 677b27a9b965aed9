"""Radarr's v3 resources (camelCase, enums as camelCase strings) built from what the services return.
Field names follow Radarr 1b9662d5's src/Radarr.Api.V3 resources."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.frame import available_from
from radarr_pipeline.quality.qualities import Quality, quality_by_name
from radarr_pipeline.store.api_views import FileView, MovieView

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


def movie_status(view: MovieView, today: date) -> str:
    """Radarr's MovieStatusType: released, inCinemas, announced (tba with no date at all)."""
    releases = [d for d in (view.digital_release, view.physical_release) if d is not None]
    if (releases and min(releases) <= today) or view.tmdb_status == "Released":
        return "released"
    if view.in_cinemas is not None and view.in_cinemas <= today:
        return "inCinemas"
    if view.in_cinemas is None and not releases and view.tmdb_status is None:
        return "tba"
    return "announced"


def movie_file(config: AppConfig, view: MovieView, file: FileView) -> dict[str, Any]:
    path = Path(file.path)
    return {
        "id": file.id, "movieId": view.id, "relativePath": _relative(path, Path(view.root_folder)),
        "path": file.path, "size": file.size, "dateAdded": stamp(file.added_at), "sceneName": file.scene_name,
        "releaseGroup": file.release_group, "edition": file.edition or "", "languages": [],
        "quality": quality_model(file.quality, file.revision), "customFormats": [], "customFormatScore": 0,
        "mediaInfo": None, "originalFilePath": None, "qualityCutoffNotMet": False,
    }


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name


def movie(config: AppConfig, view: MovieView, today: date) -> dict[str, Any]:
    """Radarr's MovieResource of one instance's version of a movie."""
    folder = view.file and Path(view.file.path).parent
    path = str(folder) if folder else str(Path(view.root_folder) / f"{view.title} ({view.year})")
    available = available_from(view.minimum_availability, view.year, view.in_cinemas, view.digital_release,
                               view.physical_release)
    images = ([{"coverType": "poster", "url": f"https://image.tmdb.org/t/p/original{view.poster_path}",
                "remoteUrl": f"https://image.tmdb.org/t/p/original{view.poster_path}"}] if view.poster_path else [])
    size = view.file.size if view.file else 0
    return {
        "id": view.id, "title": view.title, "originalTitle": view.original_title or view.title,
        "alternateTitles": [], "secondaryYear": view.secondary_year, "secondaryYearSourceId": 0,
        "sortTitle": view.title.lower(), "sizeOnDisk": size, "status": movie_status(view, today), "overview": "",
        "inCinemas": stamp(view.in_cinemas), "physicalRelease": stamp(view.physical_release),
        "digitalRelease": stamp(view.digital_release), "images": images, "website": "", "year": view.year,
        "youTubeTrailerId": "", "studio": "", "path": path,
        "qualityProfileId": profile_id(config, view.quality_profile),
        "hasFile": view.file is not None, "movieFileId": view.file.id if view.file else 0,
        "monitored": view.monitored, "minimumAvailability": AVAILABILITY_TO_API.get(view.minimum_availability,
                                                                                    "released"),
        "isAvailable": available is None or available <= today, "folderName": path,
        "runtime": view.runtime_minutes or 0, "cleanTitle": "".join(c for c in view.title.lower() if c.isalnum()),
        "imdbId": view.imdb_id, "tmdbId": view.tmdb_id or 0, "titleSlug": str(view.tmdb_id or view.id),
        "rootFolderPath": view.root_folder, "certification": view.certification, "genres": list(view.genres),
        "keywords": [], "tags": list(view.tag_ids), "added": stamp(view.added_at),
        "ratings": {}, "popularity": 0,
        "movieFile": movie_file(config, view, view.file) if view.file else None,
        "collection": ({"title": view.collection, "tmdbId": view.collection_tmdb_id}
                       if view.collection_tmdb_id else None),
        "statistics": {"movieFileCount": 1 if view.file else 0, "sizeOnDisk": size, "releaseGroups": (
            [view.file.release_group] if view.file and view.file.release_group else [])},
    }


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
