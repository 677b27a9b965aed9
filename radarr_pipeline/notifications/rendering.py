"""What each channel sends for an event, rendered from its facts (pure): Radarr's webhook payload, Discord embed,
custom script environment, and a title and body for email and apprise."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from radarr_pipeline.models import NotificationEvent
from radarr_pipeline.notifications.shapes import without_nulls

TEST = "test"
#: Radarr's WebhookEventType for each event (written as is: Radarr's enum keeps its PascalCase); run_failed is ours.
WEBHOOK_EVENT_TYPES = {
    TEST: "Test", "grab": "Grab", "download": "Download", "upgrade": "Download", "rename": "Rename",
    "movie_delete": "MovieDelete", "movie_file_delete": "MovieFileDelete", "health_issue": "Health",
    "movie_added": "MovieAdded", "health_restored": "HealthRestored",
    "manual_interaction_required": "ManualInteractionRequired", "run_failed": "RunFailed",
}
#: Radarr_EventType of the custom script (CustomScript.cs), which differs from the webhook's for health.
SCRIPT_EVENT_TYPES = {**WEBHOOK_EVENT_TYPES, "health_issue": "HealthIssue"}
#: NotificationBase's titles.
TITLES = {
    TEST: "Test Notification", "grab": "Movie Grabbed", "download": "Movie Downloaded", "upgrade": "Movie Upgraded",
    "rename": "Movie Renamed", "movie_added": "Movie Added", "movie_delete": "Movie Deleted",
    "movie_file_delete": "Movie File Deleted", "movie_file_delete_for_upgrade": "Movie File Deleted",
    "health_issue": "Health Check Failure",
    "health_restored": "Health Check Restored", "manual_interaction_required": "Manual Interaction Required",
    "run_failed": "Run Failed",
}
RADARR_ICON = "https://raw.githubusercontent.com/Radarr/Radarr/develop/Logo/256.png"
DISCORD_COLORS = {"danger": 15749200, "success": 2605644, "warning": 16753920, "standard": 16761392,
                  "upgrade": 4089856}


def radarr_test_event() -> NotificationEvent:
    """Radarr's test message (WebhookBase.BuildTestPayload)."""
    return NotificationEvent(TEST, {
        "movie": {"id": 1, "title": "Test Title", "year": 1970, "folderPath": "C:\\testpath",
                  "releaseDate": "1970-01-01", "tags": ["test-tag"]},
        "remoteMovie": {"tmdbId": 1234, "imdbId": "5678", "title": "Test title", "year": 1970},
        "release": {"indexer": "Test Indexer", "quality": "Test Quality", "qualityVersion": 1,
                    "releaseGroup": "Test Group", "releaseTitle": "Test Title", "size": 9999999},
    })


def event_type(event: NotificationEvent) -> str:
    return WEBHOOK_EVENT_TYPES[event.kind]


def switch(event: NotificationEvent) -> str:
    """The event as a connection turns it on or off: an import that replaced a file is an upgrade."""
    if event.kind == "download" and event.facts.get("isUpgrade"):
        return "upgrade"
    if event.kind == "movie_file_delete" and event.facts.get("deleteReason") == "upgrade":
        return "movie_file_delete_for_upgrade"  # Radarr's On Movie File Delete For Upgrade
    return event.kind


def webhook_payload(event: NotificationEvent, instance_name: str, application_url: str | None) -> dict[str, Any]:
    """Radarr's webhook JSON for the event, with ``eventId`` (ours): the same on every delivery of the event."""
    body = {"eventType": event_type(event), "instanceName": instance_name, "applicationUrl": application_url,
            **event.facts, "eventId": event.event_id}
    return without_nulls(body)


def movie_label(movie: dict[str, Any] | None) -> str:
    if not movie:
        return ""
    return f"{movie.get('title')} ({movie.get('year')})" if movie.get("year") else str(movie.get("title"))


def headline(event: NotificationEvent) -> tuple[str, str]:
    """A title and a one-paragraph text for channels without structure (email, apprise), as Radarr's messages."""
    facts = event.facts
    movie = movie_label(facts.get("movie"))
    title = TITLES[switch(event)]
    if event.kind in (TEST, "grab"):
        release = facts.get("release") or {}
        text = f"{movie} [{release.get('quality', '')}] sent to queue: {release.get('releaseTitle', '')}"
        if event.kind == TEST:
            text = "This is a test message from Radarr Pipeline."
    elif event.kind == "download":
        file = facts.get("movieFile") or {}
        text = f"{movie} [{file.get('quality', '')}] downloaded and sorted: {file.get('path', '')}"
    elif event.kind == "movie_added":
        text = f"{movie} added to the library"
    elif event.kind == "manual_interaction_required":
        messages = [m for s in facts.get("downloadStatusMessages", []) for m in s.get("messages", [])]
        info = facts.get("downloadInfo") or {}
        text = f"{movie}: {info.get('title', '')} needs a person: {'; '.join(messages)}"
    elif event.kind in ("health_issue", "health_restored"):
        text = str(facts.get("message", ""))
        if event.kind == "health_restored":
            text = f"The following issue is now resolved: {text}"
    elif event.kind == "run_failed":
        text = f"Dagster run {facts.get('runId')} of {facts.get('jobName')} failed: {facts.get('message', '')}"
    else:
        text = f"{movie}: {title.lower()}"
    return title, text


def bytes_to_string(count: int) -> str:
    """Discord's BytesToString: 1.5 GB, 700 MB, 0 B."""
    suffixes = ("B", "KB", "MB", "GB", "TB", "PB", "EB")
    if count == 0:
        return "0 B"
    place = math.floor(math.log(abs(count), 1024))
    number = round(abs(count) / 1024**place, 1)
    return f"{math.copysign(number, count):g} {suffixes[place]}"


def _links(movie: dict[str, Any]) -> str | None:
    tmdb = movie.get("tmdbId")
    if not tmdb:
        return None
    links = [f"[TMDb](https://themoviedb.org/movie/{tmdb})", f"[Trakt](https://trakt.tv/search/tmdb/{tmdb}?id_type=movie)"]
    if movie.get("imdbId"):
        links.append(f"[IMDb](https://imdb.com/title/{movie['imdbId']}/)")
    return " / ".join(links)


def _discord_title(movie: dict[str, Any]) -> str:
    title = movie_label(movie).replace("`", "\\`")
    return f"{title[:253].rstrip(chr(92))}..." if len(title) > 256 else title


def _field(name: str, value: object, inline: bool = False) -> dict[str, Any] | None:
    text = "" if value is None else str(value)
    return {"name": name, "value": text, "inline": inline} if text.strip() else None


def _discord_fields(event: NotificationEvent) -> list[dict[str, Any] | None]:
    facts = event.facts
    movie = facts.get("movie") or {}
    if event.kind in (TEST, "grab"):
        release = facts.get("release") or {}
        return [_field("Quality", release.get("quality"), True), _field("Group", release.get("releaseGroup")),
                _field("Size", bytes_to_string(int(release.get("size") or 0)), True),
                _field("Release", f"```{release.get('releaseTitle', '')}```"), _field("Links", _links(movie)),
                _field("Custom Formats", "|".join(release.get("customFormats") or [])),
                _field("Custom Format Score", release.get("customFormatScore")),
                _field("Indexer", release.get("indexer")), _field("Tags", ", ".join(movie.get("tags") or []))]
    if event.kind == "download":
        file = facts.get("movieFile") or {}
        info = facts.get("customFormatInfo") or {}
        return [_field("Quality", file.get("quality"), True), _field("Group", file.get("releaseGroup")),
                _field("Size", bytes_to_string(int(file.get("size") or 0)), True),
                _field("Release", f"```{file.get('sceneName') or file.get('relativePath', '')}```"),
                _field("Links", _links(movie)),
                _field("Custom Formats", "|".join(c["name"] for c in info.get("customFormats") or [])),
                _field("Custom Format Score", info.get("customFormatScore")),
                _field("Tags", ", ".join(movie.get("tags") or []))]
    if event.kind == "manual_interaction_required":
        info = facts.get("downloadInfo") or {}
        return [_field("Quality", info.get("quality"), True),
                _field("Size", bytes_to_string(int(info.get("size") or 0)), True),
                _field("Download", f"```{info.get('title', '')}```"), _field("Links", _links(movie))]
    if event.kind in ("movie_added", "movie_delete", "movie_file_delete", "rename"):
        return [_field("Links", _links(movie))]
    return []


def discord_payload(event: NotificationEvent, *, instance_name: str, username: str | None = None,
                    avatar: str | None = None, author: str | None = None,
                    now: datetime | None = None) -> dict[str, Any]:
    """Radarr's Discord message: one embed with the title, the poster when known, quality, size, group, custom
    formats and score, and links."""
    facts, kind = event.facts, switch(event)
    movie = facts.get("movie") or {}
    title, text = headline(event)
    colors = {"grab": "standard", TEST: "standard", "download": "success", "upgrade": "upgrade",
              "movie_added": "success", "movie_delete": "danger", "movie_file_delete": "danger",
              "movie_file_delete_for_upgrade": "danger",
              "health_restored": "success", "manual_interaction_required": "standard", "run_failed": "danger",
              "rename": "standard",
              "health_issue": "warning" if facts.get("level") == "warning" else "danger"}
    descriptions = {"grab": "Movie Grabbed", TEST: "Movie Grabbed", "download": "Movie Imported",
                    "upgrade": "Movie Upgraded", "movie_added": "Movie Added",
                    "movie_file_delete": "Movie File Deleted", "movie_file_delete_for_upgrade": "Movie File Deleted",
                    "manual_interaction_required": "Manual interaction needed"}
    embed: dict[str, Any] = {
        "author": {"name": author or instance_name, "icon_url": RADARR_ICON},
        "title": _discord_title(movie) if movie else title,
        "description": descriptions.get(kind, text),
        "color": DISCORD_COLORS[colors[kind]],
        "timestamp": _discord_time(now or datetime.now(UTC)),
        "fields": [f for f in _discord_fields(event) if f is not None],
    }
    if movie.get("tmdbId"):
        embed["url"] = f"https://www.themoviedb.org/movie/{movie['tmdbId']}"
    poster = next((i.get("remoteUrl") for i in movie.get("images") or [] if i.get("coverType") == "poster"), None)
    if poster:
        embed["thumbnail"] = {"url": poster}
    if kind in ("health_issue", "health_restored"):
        embed["title"] = facts.get("type") if kind == "health_issue" else f"Health Issue Resolved: {facts.get('type')}"
    payload: dict[str, Any] = {"username": username, "embeds": [embed]}
    if avatar:
        payload["avatar_url"] = avatar
    return without_nulls(payload)


def _discord_time(at: datetime) -> str:
    """Radarr's ``DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ")``."""
    at = at.astimezone(UTC)
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def _joined(values: Any, separator: str = "|") -> str:
    return separator.join(str(v) for v in values or [])


Variables = dict[str, str | None]  # a custom script's variables before they are written (None: left out)


def _movie_variables(movie: dict[str, Any]) -> Variables:
    return {"Radarr_Movie_Id": str(movie.get("id")), "Radarr_Movie_Title": movie.get("title"),
            "Radarr_Movie_Year": str(movie.get("year")), "Radarr_Movie_Tags": _joined(movie.get("tags")),
            "Radarr_Movie_Path": movie.get("folderPath") or "", "Radarr_Movie_ImdbId": movie.get("imdbId") or "",
            "Radarr_Movie_TmdbId": str(movie.get("tmdbId") or 0),
            "Radarr_Movie_Genres": _joined(movie.get("genres")),
            "Radarr_Movie_Overview": movie.get("overview") or ""}


def _client_variables(facts: dict[str, Any]) -> Variables:
    return {"Radarr_Download_Client": facts.get("downloadClient") or "",
            "Radarr_Download_Client_Type": facts.get("downloadClientType") or "",
            "Radarr_Download_Id": facts.get("downloadId") or ""}


def _grab_variables(event: NotificationEvent) -> Variables:
    release = event.facts.get("release") or {}
    return _client_variables(event.facts) | {
        "Radarr_Release_Title": release.get("releaseTitle"), "Radarr_Release_Indexer": release.get("indexer") or "",
        "Radarr_Release_Size": str(release.get("size") or 0),
        "Radarr_Release_ReleaseGroup": release.get("releaseGroup") or "",
        "Radarr_Release_Quality": release.get("quality"),
        "Radarr_Release_QualityVersion": str(release.get("qualityVersion") or 1),
        "Radarr_IndexerFlags": ", ".join(release.get("indexerFlags") or []) or "0",
        "Radarr_Release_CustomFormat": _joined(release.get("customFormats")),
        "Radarr_Release_CustomFormatScore": str(release.get("customFormatScore") or 0)}


def _download_variables(event: NotificationEvent) -> Variables:
    facts = event.facts
    file, release = facts.get("movieFile") or {}, facts.get("release") or {}
    info = facts.get("customFormatInfo") or {}
    source = file.get("sourcePath") or ""
    env = _client_variables(facts) | {
        "Radarr_IsUpgrade": str(bool(facts.get("isUpgrade"))), "Radarr_MovieFile_Id": str(file.get("id")),
        "Radarr_MovieFile_RelativePath": file.get("relativePath"), "Radarr_MovieFile_Path": file.get("path"),
        "Radarr_MovieFile_Quality": file.get("quality"),
        "Radarr_MovieFile_QualityVersion": str(file.get("qualityVersion") or 1),
        "Radarr_MovieFile_ReleaseGroup": file.get("releaseGroup") or "",
        "Radarr_MovieFile_SceneName": file.get("sceneName") or "", "Radarr_MovieFile_SourcePath": source,
        "Radarr_MovieFile_SourceFolder": os.path.dirname(source),
        "Radarr_MovieFile_CustomFormat": _joined(c["name"] for c in info.get("customFormats") or []),
        "Radarr_MovieFile_CustomFormatScore": str(info.get("customFormatScore") or 0),
        "Radarr_Release_Indexer": release.get("indexer"), "Radarr_Release_Size": str(release.get("size") or 0),
        "Radarr_Release_Title": release.get("releaseTitle")}
    deleted = facts.get("deletedFiles") or []
    if deleted:
        env |= {"Radarr_DeletedRelativePaths": _joined(d.get("relativePath") for d in deleted),
                "Radarr_DeletedPaths": _joined(d.get("path") for d in deleted),
                "Radarr_DeletedRecycleBinPaths": _joined(d.get("recycleBinPath") or "" for d in deleted)}
    return env


def _file_delete_variables(event: NotificationEvent) -> Variables:
    facts = event.facts
    file = facts.get("movieFile") or {}
    return {"Radarr_MovieFile_DeleteReason": str(facts.get("deleteReason") or "").capitalize(),
            "Radarr_MovieFile_Id": str(file.get("id")), "Radarr_MovieFile_RelativePath": file.get("relativePath"),
            "Radarr_MovieFile_Path": file.get("path"), "Radarr_MovieFile_Size": str(file.get("size") or 0),
            "Radarr_MovieFile_Quality": file.get("quality"),
            "Radarr_MovieFile_QualityVersion": str(file.get("qualityVersion") or 1),
            "Radarr_MovieFile_ReleaseGroup": file.get("releaseGroup") or "",
            "Radarr_MovieFile_SceneName": file.get("sceneName") or ""}


def _movie_added_variables(event: NotificationEvent) -> Variables:
    return {"Radarr_Movie_AddMethod": str(event.facts.get("addMethod", "manual")).capitalize()}


def _manual_interaction_variables(event: NotificationEvent) -> Variables:
    info = event.facts.get("downloadInfo") or {}
    return _client_variables(event.facts) | {"Radarr_Download_Size": str(info.get("size") or 0),
                                             "Radarr_Download_Title": info.get("title")}


def _health_variables(event: NotificationEvent) -> Variables:
    facts = event.facts
    part = "Issue" if event.kind == "health_issue" else "Restored"
    return {f"Radarr_Health_{part}_Level": str(facts.get("level", "")).capitalize(),
            f"Radarr_Health_{part}_Message": facts.get("message"), f"Radarr_Health_{part}_Type": facts.get("type"),
            f"Radarr_Health_{part}_Wiki": facts.get("wikiUrl") or ""}


def _run_failed_variables(event: NotificationEvent) -> Variables:
    facts = event.facts
    return {"Radarr_Run_Id": facts.get("runId"), "Radarr_Run_JobName": facts.get("jobName"),
            "Radarr_Run_Message": facts.get("message")}


# The variables each kind of event adds to the common ones (CustomScript.cs, one method per event).
_EVENT_VARIABLES: dict[str, Callable[[NotificationEvent], Variables]] = {
    "grab": _grab_variables,
    "download": _download_variables,
    "movie_file_delete": _file_delete_variables,
    "movie_added": _movie_added_variables,
    "manual_interaction_required": _manual_interaction_variables,
    "health_issue": _health_variables,
    "health_restored": _health_variables,
    "run_failed": _run_failed_variables,
}


def script_environment(event: NotificationEvent, instance_name: str, application_url: str | None) -> dict[str, str]:
    """Radarr's custom script variables (CustomScript.cs; its StringDictionary writes the names in lower case),
    plus ``radarr_eventid`` (ours): the same for every delivery of the event."""
    env: Variables = {"Radarr_EventType": SCRIPT_EVENT_TYPES[event.kind], "Radarr_InstanceName": instance_name,
                      "Radarr_ApplicationUrl": application_url or "", "Radarr_EventId": event.event_id}
    movie = event.facts.get("movie")
    if movie and event.kind != TEST:
        env |= _movie_variables(movie)
    kind_variables = _EVENT_VARIABLES.get(event.kind)
    if kind_variables is not None:
        env |= kind_variables(event)
    return {key.lower(): value for key, value in env.items() if value is not None}
