"""The parts of Radarr's webhook payloads (Notifications/Webhook at 1b9662d5), as plain dicts with Radarr's
camelCase field names: WebhookMovie, WebhookRemoteMovie, WebhookRelease, WebhookMovieFile, WebhookGrabbedRelease,
WebhookCustomFormatInfo, WebhookDownloadClientItem, WebhookDownloadStatusMessage. An event's facts are made of
them, so the webhook sends the facts as they are and the other channels read the same names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from radarr_pipeline.models import Movie


def webhook_movie(movie: Movie, *, folder_path: str | None, file_path: str | None = None,
                  tags: Sequence[str] = ()) -> dict[str, Any]:
    """WebhookMovie. ``releaseDate``, ``overview``, ``genres`` and ``images`` come from TMDB metadata, which the
    library does not hold: they are left out (Radarr leaves out what is null)."""
    return {"id": movie.id, "title": movie.title, "year": movie.year, "filePath": file_path,
            "folderPath": folder_path, "tmdbId": movie.tmdb_id or 0, "imdbId": movie.imdb_id,
            "tags": sorted(t for t in tags if t.strip())}


def webhook_remote_movie(movie: Movie) -> dict[str, Any]:
    """WebhookRemoteMovie: the movie the release was matched to."""
    return {"tmdbId": movie.tmdb_id or 0, "imdbId": movie.imdb_id, "title": movie.title, "year": movie.year}


def quality_name(quality: str) -> str:
    """Radarr's ``Quality.Name`` from our quality text ("Bluray-1080p Proper" is Bluray-1080p, version 2)."""
    return quality.split(" ")[0] if quality else quality


def webhook_release(*, quality: str, quality_version: int, release_group: str | None, release_title: str,
                    indexer: str, size: int | None, custom_formats: Sequence[str], custom_format_score: int,
                    languages: Sequence[str] = (), indexer_flags: Sequence[str] = ()) -> dict[str, Any]:
    """WebhookRelease (the grab's release). Languages are Radarr's Language objects ({id, name}); ours have
    names only, so ``id`` is 0."""
    return {"quality": quality_name(quality), "qualityVersion": quality_version, "releaseGroup": release_group,
            "releaseTitle": release_title, "indexer": indexer, "size": size or 0,
            "customFormatScore": custom_format_score, "customFormats": list(custom_formats),
            "languages": [{"id": 0, "name": name} for name in languages], "indexerFlags": list(indexer_flags)}


def webhook_custom_format_info(custom_formats: Sequence[str], score: int) -> dict[str, Any]:
    """WebhookCustomFormatInfo; formats here are named in the configuration, not numbered: ``id`` is 0."""
    return {"customFormats": [{"id": 0, "name": name} for name in custom_formats], "customFormatScore": score}


def webhook_movie_file(*, file_id: int | None, relative_path: str, path: str, quality: str, quality_version: int,
                       release_group: str | None, scene_name: str | None, size: int, date_added: datetime,
                       source_path: str | None = None, recycle_bin_path: str | None = None,
                       media_info: dict[str, Any] | None = None) -> dict[str, Any]:
    """WebhookMovieFile."""
    return {"id": file_id or 0, "relativePath": relative_path, "path": path, "quality": quality_name(quality),
            "qualityVersion": quality_version, "releaseGroup": release_group, "sceneName": scene_name,
            "indexerFlags": "0", "size": size, "dateAdded": date_added.isoformat().replace("+00:00", "Z"),
            "languages": [], "mediaInfo": media_info, "sourcePath": source_path, "recycleBinPath": recycle_bin_path}


def webhook_grabbed_release(*, release_title: str | None, indexer: str | None, size: int | None,
                            indexer_flags: Sequence[str] = ()) -> dict[str, Any]:
    """WebhookGrabbedRelease (the release an imported or blocked download came from)."""
    return {"releaseTitle": release_title, "indexer": indexer, "size": size or 0, "indexerFlags": list(indexer_flags)}


def webhook_download_client_item(*, quality: str, quality_version: int, title: str, size: int | None,
                                 indexer: str | None = None) -> dict[str, Any]:
    """WebhookDownloadClientItem."""
    return {"quality": quality_name(quality), "qualityVersion": quality_version, "title": title,
            "indexer": indexer, "size": size or 0}


def webhook_status_message(title: str, messages: Sequence[str]) -> dict[str, Any]:
    """WebhookDownloadStatusMessage."""
    return {"title": title, "messages": list(messages)}


def without_nulls(value: Any) -> Any:
    """What Radarr's serializer writes: null values left out (NullValueHandling.Ignore), at every depth."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value
