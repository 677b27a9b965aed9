"""The handlers of /api/v3, each a thin call to services and a resource shape (api.shapes)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

from radarr_pipeline.api import commands, shapes
from radarr_pipeline.api.call import Call
from radarr_pipeline.api.errors import ApiError, ValidationFailure, failure, not_found
from radarr_pipeline.api.json_body import RawJson, raw_array
from radarr_pipeline.models import Availability
from radarr_pipeline.quality.definitions import default_quality_definitions
from radarr_pipeline.services import api_library
from radarr_pipeline.services.adding import MovieLookupError
from radarr_pipeline.services.commands import DagsterUnreachableError, search_movies
from radarr_pipeline.services.movie_edits import MovieEditError
from radarr_pipeline.services.movies import MovieExistsError, MovieRequestError
from radarr_pipeline.services.relocation import delete_movie
from radarr_pipeline.store.movie_json import MovieFilter
from radarr_pipeline.values.ids import InvalidIdError

log = logging.getLogger("radarr_pipeline.api")
Handler = Callable[[Call], Any]
Route = tuple[str, str, Handler]  # method, lower-case pattern below /api/v3 ({} an argument), handler

API_VERSION = "5.14.0.0"  # what clients read to tell v3 servers apart (Overseerr checks the major)
STARTED = datetime.now(UTC)


def _today() -> date:
    return datetime.now(UTC).date()


def _id(call: Call, index: int = 0, what: str = "id") -> int:
    try:
        value = int(call.args[index])
    except ValueError:
        raise not_found(f"{what} {call.args[index]!r} is not a number") from None
    if value < 1 or value > 2**62:
        raise not_found(f"{what} {value} does not exist")
    return value


# --- system ---

def system_status(call: Call) -> dict[str, Any]:
    return {
        "appName": "Radarr", "instanceName": "Radarr Pipeline", "version": API_VERSION,
        "packageVersion": version("radarr-pipeline"), "buildTime": shapes.stamp(STARTED), "isDebug": False,
        "isProduction": True, "isAdmin": False, "isUserInteractive": False, "startupPath": "", "appData": "",
        "osName": "linux", "osVersion": "", "isNetCore": True, "isLinux": True, "isOsx": False, "isWindows": False,
        "isDocker": False, "mode": "console", "branch": "main", "authentication": "external",
        "databaseType": "duckDb", "databaseVersion": "", "migrationVersion": 0, "urlBase": call.instance.url_base,
        "runtimeVersion": "", "runtimeName": "python", "startTime": shapes.stamp(STARTED),
        "packageUpdateMechanism": "external",
    }


def health(call: Call) -> list[dict[str, Any]]:
    issues = []
    for root in call.instance.roots:
        if not root.is_dir():
            issues.append({"source": "RootFolderCheck", "type": "error",
                           "message": f"Missing root folder: {root}", "wikiUrl": ""})
    return issues


def disk_space(call: Call) -> list[dict[str, Any]]:
    return [shapes.disk_space(root) for root in call.instance.roots]


# --- profiles, root folders, qualities ---

def _instance_profiles(call: Call) -> list[int]:
    return [n for n, p in enumerate(call.config.quality_profiles, 1) if p.name in call.instance.profiles]


def quality_profiles(call: Call) -> list[dict[str, Any]]:
    return [shapes.quality_profile(call.config, n) for n in _instance_profiles(call)]


def quality_profile(call: Call) -> dict[str, Any]:
    number = _id(call, what="quality profile")
    if number not in _instance_profiles(call):
        raise not_found(f"quality profile {number} does not exist")
    return shapes.quality_profile(call.config, number)


def root_folders(call: Call) -> list[dict[str, Any]]:
    return [shapes.root_folder(call.config, root) for root in call.instance.roots]


def root_folder(call: Call) -> dict[str, Any]:
    number = _id(call, what="root folder")
    for root in call.instance.roots:
        if shapes.root_id(call.config, str(root)) == number:
            return shapes.root_folder(call.config, root)
    raise not_found(f"root folder {number} does not exist")


def quality_definitions(call: Call) -> list[dict[str, Any]]:
    return [{"id": n, "quality": shapes.quality(d.quality), "title": d.quality.name, "weight": d.weight,
             "minSize": d.min_size, "maxSize": d.max_size, "preferredSize": d.preferred_size}
            for n, d in enumerate(default_quality_definitions().values(), 1)]


def languages(call: Call) -> list[dict[str, Any]]:
    return [{"id": -1, "name": "Any"}, {"id": 0, "name": "Unknown"}, {"id": 1, "name": "English"}]


def custom_formats(call: Call) -> list[dict[str, Any]]:
    names = sorted({name for p in call.config.quality_profiles for name in p.format_scores})
    return [{"id": n, "name": name, "includeCustomFormatWhenRenaming": False, "specifications": []}
            for n, name in enumerate(names, 1)]


# --- tags ---

def _tag(tag_id: int, label: str) -> dict[str, Any]:
    return {"id": tag_id, "label": label}


def tags(call: Call) -> list[dict[str, Any]]:
    return [_tag(tag_id, label) for tag_id, label, _ in api_library.list_tags(call.config)]


def tag_details(call: Call) -> list[dict[str, Any]]:
    return [{"id": tag_id, "label": label, "movieIds": list(movies), "delayProfileIds": [], "importListIds": [],
             "notificationIds": [], "restrictionIds": [], "indexerIds": [], "downloadClientIds": [],
             "autoTagIds": []} for tag_id, label, movies in api_library.list_tags(call.config)]


def tag(call: Call) -> dict[str, Any]:
    number = _id(call, what="tag")
    for tag_id, label, _ in api_library.list_tags(call.config):
        if tag_id == number:
            return _tag(tag_id, label)
    raise not_found(f"tag {number} does not exist")


def _label(call: Call) -> str:
    body = call.body_object()
    label = body.get("label")
    if not isinstance(label, str):
        raise failure("Label", "'Label' must be text", label)
    return label


def create_tag(call: Call) -> tuple[int, dict[str, Any]]:
    return 201, _tag(*api_library.create_tag(call.config, _label(call)))


def update_tag(call: Call) -> tuple[int, dict[str, Any]]:
    return 202, _tag(*api_library.rename_tag(call.config, _id(call, what="tag"), _label(call)))


def delete_tag(call: Call) -> dict[str, Any]:
    api_library.delete_tag(call.config, _id(call, what="tag"))
    return {}


# --- movies ---

def _derive(call: Call) -> api_library.Derive:
    return shapes.movie_columns(call.config, _today())


def _movies(call: Call, where: MovieFilter) -> RawJson:
    return raw_array(m.resource for m in api_library.movie_resources(call.config, call.instance.root_texts,
                                                                     _derive(call), where))


def _movie(call: Call, movie_id: int) -> RawJson:
    return RawJson(api_library.movie_resource(call.config, call.instance.root_texts, _derive(call), movie_id).resource)


def movies(call: Call) -> RawJson:
    tmdb_id = call.int_query("tmdbId")
    return _movies(call, MovieFilter(tmdb_ids=None if tmdb_id is None else [tmdb_id]))


def movie(call: Call) -> RawJson:
    return _movie(call, _id(call, what="movie"))


def _field(body: dict[str, Any], name: str, kind: type | tuple[type, ...], default: Any = ...,
           nullable: bool = False) -> Any:
    """The body's field (names compared without case), checked for its JSON type."""
    if name.lower() not in body or (nullable and body[name.lower()] is None):
        if default is ...:
            raise failure(name[0].upper() + name[1:], f"'{name}' must be given", None)
        return default
    value = body[name.lower()]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise failure(name[0].upper() + name[1:], f"'{name}' has the wrong type", value)
    if not isinstance(value, kinds):
        raise failure(name[0].upper() + name[1:], f"'{name}' has the wrong type", value)
    return value


def _choices(call: Call, body: dict[str, Any], current: Any = None) -> api_library.MovieChoices:
    """The version and settings a movie body asks for, checked against this instance's profiles and roots."""
    profiles = _instance_profiles(call)
    profile_number = _field(body, "qualityProfileId", int, current and shapes.profile_id(call.config,
                                                                                          current.quality_profile))
    if profile_number is None and profiles:
        profile_number = profiles[0]
    if profile_number not in profiles:
        raise failure("QualityProfileId", f"quality profile {profile_number} does not exist", profile_number)
    root_text = _field(body, "rootFolderPath", str, None, nullable=True)
    if root_text is None:
        path_text = _field(body, "path", str, None, nullable=True)
        root_text = str(PurePosixPath(path_text).parent) if path_text else (
            current.root_folder if current else call.instance.root_texts[0])
    root = _root(call, root_text)
    availability_text = _field(body, "minimumAvailability", str, None, nullable=True)
    if availability_text is None:
        availability = Availability(current.minimum_availability) if current else Availability.RELEASED
    else:
        known = shapes.AVAILABILITY_FROM_API.get(availability_text.lower())
        if known is None:
            raise failure("MinimumAvailability", "must be announced, inCinemas or released", availability_text)
        availability = Availability(known)
    monitored = _field(body, "monitored", bool, current.monitored if current else True, nullable=True)
    tag_ids = _field(body, "tags", list, list(current.tag_ids) if current else [], nullable=True)
    if any(isinstance(t, bool) or not isinstance(t, int) for t in tag_ids):
        raise failure("Tags", "tags are tag ids (whole numbers)", tag_ids)
    return api_library.MovieChoices(call.config.quality_profiles[profile_number - 1].name, root, availability,
                                    monitored, tag_ids)


def _root(call: Call, text: str) -> Path:
    """One of this instance's root folders, as the client wrote it (a trailing slash allowed; never '..')."""
    if "\x00" in text or ".." in PurePosixPath(text).parts:
        raise failure("RootFolderPath", "the root folder may not contain '..'", text)
    candidate = Path(text.rstrip("/") or "/")
    for root in call.instance.roots:
        if candidate == root:
            return root
    raise failure("RootFolderPath", f"{text} is not a root folder of this server "
                  f"({', '.join(call.instance.root_texts)})", text)


def add_movie(call: Call) -> tuple[int, RawJson]:
    body = call.body_object()
    tmdb_id = _field(body, "tmdbId", int)
    if tmdb_id < 1:
        raise failure("TmdbId", "'Tmdb Id' must be greater than '0'.", tmdb_id)
    title = _field(body, "title", str, None, nullable=True)
    year = _field(body, "year", int, None, nullable=True)
    choices = _choices(call, body)
    add_options = _field(body, "addOptions", dict, {}, nullable=True)
    search = add_options.get("searchForMovie") is True
    try:
        added = api_library.add_from_client(call.config, call.instance.root_texts, choices, _derive(call),
                                            tmdb_id=tmdb_id, title=title, year=year)
    except MovieExistsError:
        raise failure("TmdbId", "This movie has already been added", tmdb_id) from None
    except MovieLookupError as exc:
        raise failure("TmdbId", str(exc), tmdb_id) from None
    except (MovieRequestError, InvalidIdError) as exc:
        raise failure("", str(exc), None) from None
    if search:
        _search_soon(call, added.id)
    return 201, RawJson(added.resource)


def update_movie(call: Call) -> tuple[int, RawJson]:
    body = call.body_object()
    if call.args:
        movie_id = _id(call, what="movie")
    else:
        movie_id = _field(body, "id", int, None, nullable=True)
        if not movie_id:
            raise failure("Id", "'Id' must be given to update a movie", movie_id)
    current = api_library.movie_in(call.config, call.instance.root_texts, movie_id)
    choices = _choices(call, body, current)
    try:
        updated = api_library.update_from_client(call.config, call.instance.root_texts, movie_id, choices,
                                                 _derive(call))
    except MovieEditError as exc:
        raise failure("", str(exc), None) from None
    add_options = _field(body, "addOptions", dict, {}, nullable=True)
    if add_options.get("searchForMovie") is True:
        _search_soon(call, updated.id)
    return 202, RawJson(updated.resource)


def _search_soon(call: Call, movie_id: int) -> None:
    """Start a search run for the movie just added; without Dagster the movie stays added, marked to be searched
    first by the next scheduled search, and the reason is logged."""
    try:
        search_movies(call.config, [movie_id], datetime.now(UTC))
    except DagsterUnreachableError as exc:
        log.warning("movie %s added, but its search was not started (the next search run takes it first): %s",
                    movie_id, exc)


def remove_movie(call: Call) -> dict[str, Any]:
    movie_id = _id(call, what="movie")
    api_library.movie_in(call.config, call.instance.root_texts, movie_id)  # 404 when this instance lacks it
    try:
        delete_movie(call.config, movie_id, datetime.now(UTC), delete_files=call.bool_query("deleteFiles"),
                     add_exclusion=call.bool_query("addImportExclusion"))
    except MovieEditError as exc:
        raise ApiError(409, "The movie cannot be deleted now", str(exc)) from None
    return {}


def _lookup(call: Call, term: str) -> list[dict[str, Any] | RawJson]:
    try:
        found = api_library.lookup(call.config, call.instance.root_texts, term, _derive(call))
    except InvalidIdError as exc:
        raise failure("Term", str(exc), term) from None
    except MovieLookupError as exc:
        raise ApiError(503, "The metadata source could not be asked", str(exc)) from None
    return [RawJson(r.in_library.resource) if r.in_library is not None
            else shapes.lookup_result(r.tmdb_id, r.title, r.year, r.original_title) for r in found]


def lookup(call: Call) -> list[dict[str, Any] | RawJson]:
    term = call.query.get("term", "").strip()
    if not term:
        raise failure("Term", "'term' must be given", term)
    return _lookup(call, term)


def lookup_tmdb(call: Call) -> dict[str, Any] | RawJson:
    tmdb_id = call.int_query("tmdbId")
    found = _lookup(call, f"tmdb:{tmdb_id}")
    if not found:
        raise not_found(f"TMDB knows no movie {tmdb_id}")
    return found[0]


def lookup_imdb(call: Call) -> dict[str, Any] | RawJson:
    found = _lookup(call, call.query.get("imdbid", ""))
    if not found:
        raise not_found("no movie with that IMDb id")
    return found[0]


def movie_files(call: Call) -> list[Any] | RawJson:
    movie_id = call.int_query("movieId")
    if movie_id is None:
        return []
    found = api_library.movie_resources(call.config, call.instance.root_texts, _derive(call),
                                        MovieFilter(movie_ids=[movie_id]))
    return raw_array(m.file for m in found if m.file is not None)


# --- queue, history ---

def _paging(call: Call, default_sort: str) -> tuple[int, int, str, str]:
    page = call.int_query("page", 1) or 1
    size = call.int_query("pageSize", 20) or 20
    if page < 1 or not 1 <= size <= 10_000:
        raise ValidationFailure([{"propertyName": "PageSize", "errorMessage": "page ≥ 1 and 1 ≤ pageSize ≤ 10000",
                                  "attemptedValue": size, "severity": "error"}])
    return page, size, call.query.get("sortkey", default_sort), call.query.get("sortdirection", "descending")


def _paged(page: int, size: int, key: str, direction: str, total: int, records: list[Any] | RawJson
           ) -> dict[str, Any]:
    return {"page": page, "pageSize": size, "sortKey": key, "sortDirection": direction, "totalRecords": total,
            "records": records}


QUEUE_STATUS = {"queued": "queued", "downloading": "downloading", "stalled": "warning", "warning": "warning",
                "completed": "completed", "import_blocked": "completed", "failed_pending": "failed"}
TRACKED_STATE = {"completed": "importPending", "import_blocked": "importBlocked", "failed_pending": "failedPending"}


def _queue_item(row: tuple) -> dict[str, Any]:
    (pk, movie_id, title, quality, state, message, progress, size, client, download_id, grabbed, eta,
     indexer) = row
    size = size or 0
    left = max(0, round(size * (1 - (progress or 0))))
    eta_text = None if eta is None else f"{eta // 3600:02d}:{eta % 3600 // 60:02d}:{eta % 60:02d}"
    return {
        "id": pk, "movieId": movie_id, "languages": [], "quality": shapes.quality_model(quality), "customFormats": [],
        "customFormatScore": 0, "size": size, "title": title, "sizeleft": left, "timeleft": eta_text,
        "estimatedCompletionTime": None, "added": shapes.stamp(grabbed), "status": QUEUE_STATUS.get(state, state),
        "trackedDownloadStatus": "warning" if state in ("stalled", "warning", "import_blocked") else "ok",
        "trackedDownloadState": TRACKED_STATE.get(state, "downloading"),
        "statusMessages": [{"title": title, "messages": [message]}] if message else [],
        "errorMessage": message if state == "failed_pending" else None, "downloadId": download_id.upper(),
        "protocol": "torrent", "downloadClient": client, "downloadClientHasPostImportCategory": False,
        "indexer": indexer or "", "outputPath": None,
    }


def queue(call: Call) -> dict[str, Any]:
    page, size, key, direction = _paging(call, "timeleft")
    total, rows = api_library.queue_page(call.config, call.instance.root_texts, page, size)
    return _paged(page, size, key, direction, total, [_queue_item(r) for r in rows])


def queue_status(call: Call) -> dict[str, Any]:
    rows = [_queue_item(r) for r in api_library.queue_of(call.config, call.instance.root_texts)]
    return {"totalCount": len(rows), "count": len(rows), "unknownCount": 0,
            "errors": any(r["status"] == "failed" for r in rows),
            "warnings": any(r["trackedDownloadStatus"] == "warning" for r in rows), "unknownErrors": False,
            "unknownWarnings": False}


HISTORY_EVENTS = {"grabbed": "grabbed", "imported": "downloadFolderImported", "download_failed": "downloadFailed",
                  "import_blocked": "downloadIgnored", "download_ignored": "downloadIgnored",
                  "movie_file_deleted": "movieFileDeleted",
                  "movie_file_renamed": "movieFileRenamed"}


def _history_item(row: tuple) -> dict[str, Any]:
    pk, at, event, movie_id, source, download_id, quality, data = row
    return {"id": pk, "movieId": movie_id or 0, "sourceTitle": source or "", "languages": [],
            "quality": shapes.quality_model(quality or "Unknown"), "customFormats": [], "customFormatScore": 0,
            "qualityCutoffNotMet": False, "date": shapes.stamp(at), "downloadId": (download_id or "").upper() or None,
            "eventType": HISTORY_EVENTS.get(event, "unknown"), "data": {"event": event, "details": data}}


def history(call: Call) -> dict[str, Any]:
    page, size, key, direction = _paging(call, "date")
    total, rows = api_library.history_of(call.config, call.instance.root_texts, call.int_query("movieId"), page,
                                         size)
    return _paged(page, size, key, direction, total, [_history_item(r) for r in rows])


def movie_history(call: Call) -> list[dict[str, Any]]:
    movie_id = call.int_query("movieId")
    if movie_id is None:
        raise failure("MovieId", "'movieId' must be given", None)
    _, rows = api_library.history_of(call.config, call.instance.root_texts, movie_id, 1, 10_000)
    return [_history_item(r) for r in rows]


def movie_page(call: Call, default_sort: str, where: MovieFilter) -> dict[str, Any]:
    """One page of the movies ``where`` names (by id), in Radarr's paging envelope."""
    page, size, key, direction = _paging(call, default_sort)
    total, found = api_library.movie_resource_page(call.config, call.instance.root_texts, _derive(call), where,
                                                   page, size)
    return _paged(page, size, key, direction, total, raw_array(m.resource for m in found))


def wanted_missing(call: Call) -> dict[str, Any]:
    return movie_page(call, "title", MovieFilter(has_file=False, monitored=call.bool_query("monitored", True)))


def calendar(call: Call) -> RawJson:
    start = _date_query(call, "start", _today())
    end = _date_query(call, "end", start.fromordinal(start.toordinal() + 2))
    monitored = None if call.bool_query("unmonitored") else True
    return _movies(call, MovieFilter(released_between=(start, end), monitored=monitored))


def _date_query(call: Call, name: str, default: date) -> date:
    value = call.query.get(name)
    if not value:
        return default
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise failure(name, f"'{name}' must be a date such as 2024-01-31", value) from None


def commands_start(call: Call) -> tuple[int, dict[str, Any]]:
    return commands.post(call)


def command(call: Call) -> dict[str, Any]:
    return commands.get(call, _id(call, what="command"))


ROUTES: list[Route] = [
    ("GET", "system/status", system_status),
    ("GET", "health", health),
    ("GET", "diskspace", disk_space),
    ("GET", "qualityprofile", quality_profiles),
    ("GET", "qualityprofile/{}", quality_profile),
    ("GET", "rootfolder", root_folders),
    ("GET", "rootfolder/{}", root_folder),
    ("GET", "qualitydefinition", quality_definitions),
    ("GET", "language", languages),
    ("GET", "customformat", custom_formats),
    ("GET", "tag", tags),
    ("POST", "tag", create_tag),
    ("GET", "tag/detail", tag_details),
    ("GET", "tag/{}", tag),
    ("PUT", "tag/{}", update_tag),
    ("DELETE", "tag/{}", delete_tag),
    ("GET", "movie", movies),
    ("POST", "movie", add_movie),
    ("PUT", "movie", update_movie),
    ("GET", "movie/lookup", lookup),
    ("GET", "movie/lookup/tmdb", lookup_tmdb),
    ("GET", "movie/lookup/imdb", lookup_imdb),
    ("GET", "movie/{}", movie),
    ("PUT", "movie/{}", update_movie),
    ("DELETE", "movie/{}", remove_movie),
    ("GET", "moviefile", movie_files),
    ("GET", "queue", queue),
    ("GET", "queue/status", queue_status),
    ("GET", "history", history),
    ("GET", "history/movie", movie_history),
    ("GET", "wanted/missing", wanted_missing),
    ("GET", "calendar", calendar),
    ("POST", "command", commands_start),
    ("GET", "command/{}", command),
]
