"""Handlers of interactive search, parse, exclusions, import lists, blocklist, queue removal, the movie editor,
wanted/cutoff and system/task: thin calls to services (services.api_actions and the services they name)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from radarr_pipeline.api import shapes
from radarr_pipeline.api.call import Call
from radarr_pipeline.api.errors import ApiError, failure, not_found
from radarr_pipeline.api.json_body import RawJson
from radarr_pipeline.api.routes import (
    _choices,
    _derive,
    _field,
    _id,
    _instance_profiles,
    _movie,
    _paged,
    _paging,
    movie_page,
)
from radarr_pipeline.config import ConfigError
from radarr_pipeline.download_clients import DownloadClientError
from radarr_pipeline.services import api_actions, api_library
from radarr_pipeline.services.commands import COMMAND_JOBS
from radarr_pipeline.services.failed_downloads import QueueError
from radarr_pipeline.services.grabbing import GrabChoiceError
from radarr_pipeline.services.import_lists import add_exclusion, list_exclusions, remove_exclusion
from radarr_pipeline.services.movie_edits import MovieEditError
from radarr_pipeline.services.movies import MovieRequestError
from radarr_pipeline.services.queue import remove_from_queue
from radarr_pipeline.services.relocation import delete_movie
from radarr_pipeline.store.movie_json import MovieFilter


def _indexer_ids(call: Call) -> dict[str, int]:
    return {indexer.name: n for n, indexer in enumerate(call.config.indexers, 1)}


def _imdb_number(imdb_id: str | None) -> int:
    found = re.fullmatch(r"tt(\d+)", imdb_id or "")
    return int(found.group(1)) if found else 0


def _formats(names: list[str]) -> list[dict[str, Any]]:
    return [{"id": 0, "name": name} for name in names]


def _languages(parsed: Any) -> list[dict[str, Any]]:
    return [{"id": 0, "name": name} for name in (parsed.languages if parsed else ())]


def _age(published: datetime | None, now: datetime) -> tuple[int, float, float]:
    if published is None:
        return 0, 0.0, 0.0
    seconds = (now - (published if published.tzinfo else published.replace(tzinfo=UTC))).total_seconds()
    return int(seconds // 86400), round(seconds / 3600, 2), round(seconds / 60, 2)


def _release(call: Call, choice: api_actions.ReleaseChoice, movie_id: int, now: datetime) -> dict[str, Any]:
    """Radarr's ReleaseResource (Radarr.Api.V3/Indexers/ReleaseResource.cs) of one recorded decision."""
    d, parsed = choice.decision, choice.parsed
    age, hours, minutes = _age(d["published_at"], now)
    seeders, peers = d["seeders"], d["peers"]
    status = d["status"]
    return {
        "guid": d["guid"], "quality": shapes.quality_model(d["quality"], d["revision"] or 1),
        "customFormats": _formats(list(d["formats"] or [])), "customFormatScore": d["format_score"],
        "qualityWeight": d["quality_rank"], "age": age, "ageHours": hours, "ageMinutes": minutes,
        "size": d["size"] or 0, "indexerId": _indexer_ids(call).get(d["indexer"], 0), "indexer": d["indexer"],
        "releaseGroup": parsed.release_group if parsed else None, "subGroup": None,
        "releaseHash": parsed.release_hash if parsed else None, "title": d["title"], "sceneSource": False,
        "movieTitles": list(parsed.movie_titles) if parsed else [], "languages": _languages(parsed),
        "mappedMovieId": d["movie_id"], "approved": bool(d["approved"]), "temporarilyRejected": status == "pending",
        "rejected": status == "rejected", "tmdbId": d["tmdb_id"] or 0, "imdbId": _imdb_number(d["imdb_id"]),
        "rejections": list(d["rejections"] or []), "rejectedBy": list(d["rejected_by"] or []),
        "matchedBy": d["matched_by"], "rank": d["rank"],
        "publishDate": shapes.stamp(d["published_at"]), "commentUrl": None, "downloadUrl": None,
        "infoUrl": d["info_url"], "movieRequested": True, "downloadAllowed": True,
        "releaseWeight": d["rank"] or 0, "edition": parsed.edition if parsed else None,
        "magnetUrl": None, "infoHash": d["infohash"], "seeders": seeders,
        "leechers": peers - seeders if peers is not None and seeders is not None else None,
        "protocol": d["protocol"] or "torrent", "indexerFlags": list(d["indexer_flags"] or []), "movieId": movie_id,
    }


def releases(call: Call) -> list[dict[str, Any]]:
    """Interactive search: the indexers asked for the movie now, every release found judged, each with its
    quality, custom formats, score and every rejection reason."""
    movie_id = call.int_query("movieId")
    if movie_id is None:
        raise failure("MovieId", "'movieId' must be given", None)
    now = datetime.now(UTC)
    _, found = api_actions.search_releases(call.config, call.instance.root_texts, movie_id, now)
    return [_release(call, choice, movie_id, now) for choice in found]


def grab(call: Call) -> tuple[int, dict[str, Any]]:
    body = call.body_object()
    guid = _field(body, "guid", str)
    indexer_id = _field(body, "indexerId", int)
    movie_id = _field(body, "movieId", int, None, nullable=True)
    names = {n: name for name, n in _indexer_ids(call).items()}
    if indexer_id not in names:
        raise failure("IndexerId", f"indexer {indexer_id} does not exist", indexer_id)
    try:
        grabbed = api_actions.grab_chosen(call.config, call.instance.root_texts, guid=guid, indexer=names[indexer_id],
                                          movie_id=movie_id, now=datetime.now(UTC))
    except GrabChoiceError as exc:
        raise ApiError(409, "The release cannot be grabbed", str(exc)) from None
    except (DownloadClientError, ConfigError) as exc:
        raise ApiError(503, "The download client could not be asked", str(exc)) from None
    return 200, {"guid": guid, "indexerId": indexer_id, "title": grabbed["release"], "approved": True,
                 "downloadAllowed": True, "infoHash": grabbed["hash"], "customFormatScore": grabbed["score"],
                 "quality": shapes.quality_model(str(grabbed["quality"]))}


# --- parse ---

def parse(call: Call) -> dict[str, Any]:
    title = call.query.get("title", "").strip()
    if not title:
        raise failure("Title", "'title' must be given", title)
    profiles = _instance_profiles(call)
    profile = call.config.quality_profiles[profiles[0] - 1].name if profiles else None
    found = api_actions.parse_title(call.config, call.instance.root_texts, title, profile)
    p = found.parsed
    info = None if p is None else {
        "movieTitles": list(p.movie_titles), "originalTitle": title, "releaseTitle": p.release_title,
        "simpleReleaseTitle": p.simple_release_title, "quality": shapes.quality_model(
            p.quality.quality.name, p.quality.revision.version), "languages": _languages(p),
        "releaseGroup": p.release_group, "releaseHash": p.release_hash, "edition": p.edition or "",
        "year": p.year or 0, "imdbId": p.imdb_id or "", "tmdbId": p.tmdb_id or 0,
        "hardcodedSubs": p.hardcoded_subs, "movieTitle": p.movie_title, "primaryMovieTitle": p.movie_title,
    }
    return {"title": title, "parsedMovieInfo": info, "movie": _movie(call, found.movie.id) if found.movie else None,
            "languages": _languages(p), "customFormats": _formats(found.formats),
            "customFormatScore": found.score}


# --- exclusions, import lists ---

def _exclusion(e: Any) -> dict[str, Any]:
    return {"id": e.tmdb_id or 0, "tmdbId": e.tmdb_id or 0, "imdbId": e.imdb_id, "movieTitle": e.title,
            "movieYear": e.year or 0}


def exclusions(call: Call) -> list[dict[str, Any]]:
    return [_exclusion(e) for e in list_exclusions(call.config)]


def exclusions_paged(call: Call) -> dict[str, Any]:
    page, size, key, direction = _paging(call, "movieTitle")
    rows = exclusions(call)
    return _paged(page, size, key, direction, len(rows), rows[(page - 1) * size: page * size])


def _add_exclusions(call: Call, items: list[Any]) -> list[dict[str, Any]]:
    added = []
    for item in items:
        if not isinstance(item, dict):
            raise failure("", "each exclusion is a JSON object", item)
        body = {str(k).lower(): v for k, v in item.items()}
        tmdb_id = _field(body, "tmdbId", int)
        if tmdb_id < 1:
            raise failure("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
        title = _field(body, "movieTitle", str, "", nullable=True) or str(tmdb_id)
        year = _field(body, "movieYear", int, None, nullable=True) or None
        try:
            add_exclusion(call.config, title=title, year=year, tmdb_id=tmdb_id, imdb_id=None, now=datetime.now(UTC))
        except MovieRequestError as exc:
            raise failure("MovieTitle", str(exc), title) from None
        added.append({"id": tmdb_id, "tmdbId": tmdb_id, "imdbId": None, "movieTitle": title, "movieYear": year or 0})
    return added


def create_exclusion(call: Call) -> tuple[int, dict[str, Any]]:
    return 201, _add_exclusions(call, [call.body()])[0]


def create_exclusions(call: Call) -> tuple[int, list[dict[str, Any]]]:
    items = call.body()
    if not isinstance(items, list):
        raise failure("", "the body must be a JSON list of exclusions", None)
    return 201, _add_exclusions(call, items)


def delete_exclusion(call: Call) -> dict[str, Any]:
    tmdb_id = _id(call, what="exclusion")
    if remove_exclusion(call.config, tmdb_id=tmdb_id, imdb_id=None) == 0:
        raise not_found(f"exclusion {tmdb_id} does not exist")
    return {}


def _import_list(call: Call, number: int, entry: Any, tag_ids: dict[str, int]) -> dict[str, Any]:
    profile = entry.quality_profile or call.config.default_quality_profile or ""
    root = entry.root_folder or call.config.root_folders[0]
    fields = [{"name": "url", "value": entry.url}, {"name": "path", "value": str(entry.path or "") or None},
              {"name": "listId", "value": entry.list_id}, {"name": "username", "value": entry.username},
              {"name": "apiKey", "value": "********" if entry.api_key_env else "", "privacy": "apiKey"}]
    return {"id": number, "name": entry.name, "enabled": entry.enabled, "enableAuto": entry.auto_add,
            "monitor": {"movie_only": "movieOnly", "movie_and_collection": "movieAndCollection"}.get(
                entry.monitor, "none"), "rootFolderPath": str(root),
            "qualityProfileId": shapes.profile_id(call.config, profile), "searchOnAdd": entry.search_on_add,
            "minimumAvailability": shapes.AVAILABILITY_TO_API.get(str(entry.minimum_availability), "released"),
            "listType": "other", "listOrder": number, "minRefreshInterval": "06:00:00",
            "tags": [tag_ids[t] for t in entry.tags if t in tag_ids], "implementation": entry.kind,
            "implementationName": entry.kind, "configContract": f"{entry.kind}Settings", "fields": fields}


def import_lists(call: Call) -> list[dict[str, Any]]:
    tag_ids = {label: tag_id for tag_id, label, _ in api_library.list_tags(call.config)}
    return [_import_list(call, n, entry, tag_ids) for n, entry in enumerate(call.config.import_lists.lists, 1)]


def import_list(call: Call) -> dict[str, Any]:
    number = _id(call, what="import list")
    found = [x for x in import_lists(call) if x["id"] == number]
    if not found:
        raise not_found(f"import list {number} does not exist")
    return found[0]


# --- blocklist ---

def blocklist(call: Call) -> dict[str, Any]:
    page, size, key, direction = _paging(call, "date")
    total, rows = api_actions.blocklist_page(call.config, call.instance.root_texts, page, size)
    records = [{"id": pk, "movieId": movie_id, "sourceTitle": title, "languages": [],
                "quality": shapes.quality_model(quality or "Unknown"), "customFormats": [], "date": shapes.stamp(at),
                "protocol": "torrent", "indexer": indexer, "message": reason, "infoHash": infohash, "size": size_}
               for pk, movie_id, title, indexer, infohash, quality, size_, reason, at in rows]
    return _paged(page, size, key, direction, total, records)


def _ids(body: Any, name: str) -> list[int]:
    ids = body.get(name.lower()) if isinstance(body, dict) else None
    if not isinstance(ids, list) or not ids or any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise failure(name[0].upper() + name[1:], f"'{name}' is a non-empty list of ids", ids)
    return ids


def delete_blocklisted(call: Call) -> dict[str, Any]:
    if not api_actions.unblock(call.config, [_id(call, what="blocklist item")]):
        raise not_found(f"blocklist item {call.args[0]} does not exist")
    return {}


def delete_blocklisted_bulk(call: Call) -> dict[str, Any]:
    api_actions.unblock(call.config, _ids(call.body_object(), "ids"))
    return {}


# --- queue ---

def _remove(call: Call, download_pk: int) -> None:
    queued = {row[0] for row in api_library.queue_of(call.config, call.instance.root_texts)}
    if download_pk not in queued:
        raise not_found(f"queue item {download_pk} does not exist")
    try:
        remove_from_queue(call.config, download_pk, datetime.now(UTC),
                          remove_from_client=call.bool_query("removeFromClient", True),
                          blocklist=call.bool_query("blocklist"))
    except QueueError as exc:
        raise not_found(str(exc)) from None
    except (DownloadClientError, ConfigError) as exc:  # the queue is changed; the client keeps the torrent
        raise ApiError(502, "Removed from the queue, but the download client could not remove it", str(exc)) \
            from None


def delete_queued(call: Call) -> dict[str, Any]:
    _remove(call, _id(call, what="queue item"))
    return {}


def delete_queued_bulk(call: Call) -> dict[str, Any]:
    ids = _ids(call.body_object(), "ids")
    queued = {row[0] for row in api_library.queue_of(call.config, call.instance.root_texts)}
    missing = [i for i in ids if i not in queued]
    if missing:
        raise failure("Ids", f"queue item(s) {missing} do not exist", ids)
    for download_pk in ids:
        _remove(call, download_pk)
    return {}


# --- movie editor ---

def edit_movies(call: Call) -> tuple[int, list[RawJson]]:
    """Radarr's MovieEditorResource: the same change (monitored, profile, availability, root folder, tags with
    applyTags add/remove/replace) applied to every movie given, each through the same checks as PUT movie."""
    body = call.body_object()
    movie_ids = _ids(body, "movieIds")
    apply = str(body.get("applytags") or "add").lower()
    if apply not in ("add", "remove", "replace"):
        raise failure("ApplyTags", "'applyTags' is add, remove or replace", body.get("applytags"))
    currents = api_library.movies_named(call.config, call.instance.root_texts, movie_ids)  # all or none
    given = {k: v for k, v in body.items() if k in (
        "monitored", "qualityprofileid", "minimumavailability", "rootfolderpath") and v is not None}
    tags = body.get("tags")
    choices = {}
    for current in currents:
        asked = dict(given)
        if isinstance(tags, list):
            before = set(current.tag_ids)
            asked["tags"] = sorted(before | set(tags) if apply == "add" else before - set(tags)
                                   if apply == "remove" else set(tags))
        choices[current.id] = _choices(call, asked, current)
    try:
        updated = api_library.update_many_from_client(call.config, call.instance.root_texts, choices, _derive(call))
    except MovieEditError as exc:
        raise failure("", str(exc), None) from None
    return 202, [RawJson(movie.resource) for movie in updated]


def delete_movies(call: Call) -> dict[str, Any]:
    body = call.body_object()
    movie_ids = _ids(body, "movieIds")
    api_library.movies_named(call.config, call.instance.root_texts, movie_ids)  # 404 unless all are here
    delete_files = body.get("deletefiles") is True
    exclude = body.get("addimportexclusion") is True
    kept = []
    for movie_id in movie_ids:
        try:
            delete_movie(call.config, movie_id, datetime.now(UTC), delete_files=delete_files, add_exclusion=exclude)
        except MovieEditError as exc:
            kept.append(f"movie {movie_id}: {exc}")
    if kept:
        raise ApiError(409, "Some movies cannot be deleted now", "; ".join(kept))
    return {}


# --- wanted/cutoff, system/task ---

def wanted_cutoff(call: Call) -> dict[str, Any]:
    """Monitored movies whose version here has a file below its profile's cutoff (as the wanted step found)."""
    return movie_page(call, "title", MovieFilter(wanted_reason="cutoff unmet",
                                                 monitored=call.bool_query("monitored", True)))


TASK_NAMES = {"rsssync": "RSS Sync", "moviessearch": "Movie Search", "missingmoviessearch": "Missing Movie Search",
              "cutoffunmetmoviessearch": "Cutoff Unmet Movie Search", "refreshmovie": "Refresh Movie",
              "refreshmonitoreddownloads": "Refresh Monitored Downloads",
              "downloadedmoviesscan": "Downloaded Movies Scan", "importlistsync": "Import List Sync"}


def system_tasks(call: Call) -> list[dict[str, Any]]:
    """Each command the API can start (a Dagster job; its schedule is Dagster's), with when it was last sent."""
    last = {name.lower(): at for name, at in api_actions.last_commands(call.config).items()}
    return [{"id": n, "name": TASK_NAMES.get(command, command), "taskName": command, "interval": 0,
             "jobName": job, "lastExecution": shapes.stamp(last.get(command)),
             "lastStartTime": shapes.stamp(last.get(command)), "nextExecution": None, "lastDuration": "00:00:00"}
            for n, (command, job) in enumerate(sorted(COMMAND_JOBS.items()), 1)]


ACTION_ROUTES = [
    ("GET", "release", releases),
    ("POST", "release", grab),
    ("GET", "parse", parse),
    ("GET", "exclusions", exclusions),
    ("GET", "exclusions/paged", exclusions_paged),
    ("POST", "exclusions", create_exclusion),
    ("POST", "exclusions/bulk", create_exclusions),
    ("DELETE", "exclusions/{}", delete_exclusion),
    ("GET", "importlist", import_lists),
    ("GET", "importlist/{}", import_list),
    ("GET", "blocklist", blocklist),
    ("DELETE", "blocklist/bulk", delete_blocklisted_bulk),
    ("DELETE", "blocklist/{}", delete_blocklisted),
    ("DELETE", "queue/bulk", delete_queued_bulk),
    ("DELETE", "queue/{}", delete_queued),
    ("PUT", "movie/editor", edit_movies),
    ("DELETE", "movie/editor", delete_movies),
    ("GET", "wanted/cutoff", wanted_cutoff),
    ("GET", "system/task", system_tasks),
]
