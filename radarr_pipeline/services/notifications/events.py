"""The notification events, built from what the library knows at the moment they happen, and
:func:`enqueue_event`, which writes them in the caller's unit of work (committed with what caused them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import duckdb

from radarr_pipeline.models import Movie, MovieFile, NotificationEvent, TrackedDownload, Variant
from radarr_pipeline.notifications.shapes import (
    webhook_custom_format_info,
    webhook_download_client_item,
    webhook_grabbed_release,
    webhook_movie,
    webhook_movie_file,
    webhook_release,
    webhook_remote_movie,
    webhook_status_message,
)
from radarr_pipeline.parsing.release_group import parse_release_group
from radarr_pipeline.store import Library
from radarr_pipeline.store.import_journal import JournalEntry
from radarr_pipeline.store.movie_edits import MovieEditRepository
from radarr_pipeline.store.outbox import OutboxRepository, ReleaseFacts


class GrabFacts(Protocol):
    """What a grab's record holds (services.grabbing.GrabIntent)."""

    @property
    def variant_id(self) -> int: ...
    @property
    def movie_id(self) -> int: ...
    @property
    def release_id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def quality(self) -> str: ...
    @property
    def size(self) -> int | None: ...
    @property
    def indexer(self) -> str: ...
    @property
    def format_score(self) -> int: ...
    @property
    def client_name(self) -> str: ...


class ImportFacts(Protocol):
    """A finished import (services.importing.operations.Finished)."""

    @property
    def entry(self) -> JournalEntry: ...
    @property
    def size(self) -> int: ...
    @property
    def recycled(self) -> str | None: ...

#: Radarr's DownloadClientType (the implementation's name) for each client kind here.
CLIENT_TYPES = {"qbittorrent": "QBittorrent", "blackhole": "TorrentBlackhole"}


def _client_type(kind: str | None) -> str | None:
    return CLIENT_TYPES.get(kind, kind) if kind else None


def enqueue_event(target: Library | duckdb.DuckDBPyConnection, events: NotificationEvent | Sequence[NotificationEvent],
                  at: datetime) -> None:
    """Write events to the outbox in the caller's open unit of work (a :class:`Library` or its connection): they
    commit, or roll back, with what caused them; delivery happens afterwards, to the connections that want them."""
    conn = target.conn if isinstance(target, Library) else target
    OutboxRepository(conn).add_many([events] if isinstance(events, NotificationEvent) else list(events), at)


def movie_tags(library: Library, movie: Movie) -> tuple[str, ...]:
    """The movie's tag labels (Radarr's webhook ``movie.tags``; a connection limited to tags hears of it only when
    one of them is among its tags)."""
    return tuple(MovieEditRepository(library.conn).tags_of(movie.id))


def _release_facts(release: ReleaseFacts | None, quality: str, title: str, indexer: str,
                   size: int | None) -> dict[str, Any]:
    return webhook_release(
        quality=quality, quality_version=release.revision if release else 1,
        release_group=parse_release_group(title), release_title=title, indexer=indexer, size=size,
        custom_formats=release.formats if release else (), custom_format_score=release.format_score if release else 0,
        languages=release.languages if release else (), indexer_flags=release.indexer_flags if release else (),
    )


def grab_events(library: Library, grabs: Sequence[tuple[GrabFacts, str]], client_kind: str) -> list[NotificationEvent]:
    """On Grab: the release sent to the download client, for the movie it was matched to, of each (intent,
    infohash); the facts are read in three queries whatever their number."""
    movies = library.movies.get_many([intent.movie_id for intent, _hash in grabs])
    releases = library.notification_facts.releases([(intent.release_id, intent.variant_id) for intent, _ in grabs])
    tags = MovieEditRepository(library.conn).tags_of_many(list(movies))
    return [_grab_event(movies[intent.movie_id], releases.get((intent.release_id, intent.variant_id)),
                        tuple(tags.get(intent.movie_id, ())), intent, client_kind, infohash)
            for intent, infohash in grabs]


def _grab_event(movie: Movie, release: ReleaseFacts | None, tags: tuple[str, ...], intent: GrabFacts,
                client_kind: str, infohash: str) -> NotificationEvent:
    facts = {
        "movie": webhook_movie(movie, folder_path=None, tags=tags), "remoteMovie": webhook_remote_movie(movie),
        "release": _release_facts(release, intent.quality, intent.title, intent.indexer, intent.size),
        "downloadClient": intent.client_name, "downloadClientType": CLIENT_TYPES.get(client_kind, client_kind),
        "downloadId": infohash.upper(),
        "customFormatInfo": webhook_custom_format_info(release.formats if release else (), intent.format_score),
    }
    return NotificationEvent("grab", facts, movie.id, tags)


def import_events(library: Library, finished: Sequence[ImportFacts], now: datetime) -> list[NotificationEvent]:
    """On File Import (or On Upgrade when a file was replaced), one per imported file; the download client is the
    one the grab named (Radarr's DownloadClientInfo)."""
    entries = [done.entry for done in finished]
    variants = library.movies.variants_many([e.variant_id for e in entries])
    movies = library.movies.get_many([v.movie_id for v in variants.values()])
    download_pks = [e.download_pk for e in entries if e.download_pk is not None]
    by_download = library.notification_facts.download_releases(download_pks)
    clients = library.notification_facts.download_clients(download_pks)
    releases = library.notification_facts.releases(list(by_download.values()))
    tags_by_movie = MovieEditRepository(library.conn).tags_of_many(list(movies))  # one query, not one a movie
    events = []
    for done in finished:
        entry, data = done.entry, done.entry.record
        movie = movies[variants[entry.variant_id].movie_id]
        release = releases.get(by_download.get(entry.download_pk or -1, (-1, -1)))
        final = Path(entry.final_path)
        folder = str(final.parent)
        tags = tuple(tags_by_movie.get(movie.id, ()))
        file = webhook_movie_file(
            file_id=None, relative_path=final.name, path=str(final), quality=data["quality"],
            quality_version=int(data.get("revision") or 1), release_group=data.get("release_group"),
            scene_name=data.get("scene_name"), size=done.size, date_added=now, source_path=entry.source,
        )
        deleted = None
        if entry.replaced_path:
            replaced = Path(entry.replaced_path)
            deleted = [{"relativePath": replaced.name, "path": str(replaced), "quality": data.get("replaced_quality"),
                        "recycleBinPath": done.recycled}]
        facts = {
            "movie": webhook_movie(movie, folder_path=folder, file_path=str(final), tags=tags),
            "remoteMovie": webhook_remote_movie(movie), "movieFile": file, "isUpgrade": bool(entry.replaced_path),
            "downloadClient": clients.get(entry.download_pk or -1, (None, None))[1],
            "downloadClientType": _client_type(clients.get(entry.download_pk or -1, (None, None))[0]),
            "downloadId": entry.download_id.upper() if entry.download_id else None, "deletedFiles": deleted,
            "customFormatInfo": webhook_custom_format_info(release.formats if release else (),
                                                           release.format_score if release else 0),
            "release": webhook_grabbed_release(release_title=release.title if release else None,
                                               indexer=release.indexer if release else None,
                                               size=release.size if release else None,
                                               indexer_flags=release.indexer_flags if release else ()),
        }
        events.append(NotificationEvent("download", facts, movie.id, tags))
    return events


def manual_interaction_event(movie: Movie, tags: tuple[str, ...], download: TrackedDownload,
                             reason: str) -> NotificationEvent:
    """On Manual Interaction Required: a completed download whose import is blocked for a reason a person must
    resolve (Radarr's "Warning" status with the rejection as its message)."""
    facts = {
        "movie": webhook_movie(movie, folder_path=None, tags=tags),
        "downloadInfo": webhook_download_client_item(quality=download.quality, quality_version=1,
                                                     title=download.title, size=download.size),
        "downloadClientType": CLIENT_TYPES.get(download.client, download.client),
        "downloadId": download.download_id.upper(), "downloadStatus": "Warning",
        "downloadStatusMessages": [webhook_status_message(download.title, [reason])],
        "customFormatInfo": webhook_custom_format_info((), 0),
        "release": webhook_grabbed_release(release_title=download.title, indexer=None, size=download.size),
    }
    return NotificationEvent("manual_interaction_required", facts, movie.id, tags)


def movie_added_event(movie: Movie, variant: Variant, tags: tuple[str, ...] = ()) -> NotificationEvent:
    """On Movie Added (added by hand: Radarr's AddMethod "manual")."""
    facts = {"movie": webhook_movie(movie, folder_path=variant.root_folder, tags=tags), "addMethod": "manual"}
    return NotificationEvent("movie_added", facts, movie.id, tags)


def movie_deleted_event(movie: Movie, tags: tuple[str, ...], *, folder_path: str | None, deleted_files: bool,
                        folder_size: int) -> NotificationEvent:
    """On Movie Delete (WebhookMovieDeletePayload: the movie, whether its files were deleted, its folder's size)."""
    facts = {"movie": webhook_movie(movie, folder_path=folder_path, tags=tags), "deletedFiles": deleted_files,
             "movieFolderSize": folder_size}
    return NotificationEvent("movie_delete", facts, movie.id, tags)


def movie_file_deleted_event(movie: Movie, tags: tuple[str, ...], file: MovieFile, *, reason: str,
                             added_at: datetime, recycle_bin_path: str | None = None) -> NotificationEvent:
    """On Movie File Delete (WebhookMovieFileDeletePayload: the movie, the deleted file, Radarr's
    DeleteMediaFileReason in camelCase: "upgrade" when an import replaced it, "manual" when a person deleted it)."""
    path = Path(file.path)
    facts = {
        "movie": webhook_movie(movie, folder_path=str(path.parent), tags=tags),
        "movieFile": webhook_movie_file(
            file_id=file.id, relative_path=path.name, path=file.path, quality=file.quality,
            quality_version=file.revision, release_group=file.release_group, scene_name=file.scene_name,
            size=file.size, date_added=added_at, recycle_bin_path=recycle_bin_path),
        "deleteReason": reason,
    }
    return NotificationEvent("movie_file_delete", facts, movie.id, tags)


def files_deleted_events(library: Library, deleted: Sequence[tuple[MovieFile, str | None]], reason: str,
                         now: datetime) -> list[NotificationEvent]:
    """One On Movie File Delete per recorded file (with where the recycle bin took it), read before the file's
    record is replaced or removed."""
    if not deleted:
        return []
    variants = library.movies.variants_many([file.variant_id for file, _bin in deleted])
    movies = library.movies.get_many([v.movie_id for v in variants.values()])
    added = library.notification_facts.files_added_at([file.id for file, _bin in deleted])
    tags = MovieEditRepository(library.conn).tags_of_many(list(movies))
    events = []
    for file, recycled in deleted:
        movie = movies[variants[file.variant_id].movie_id]
        events.append(movie_file_deleted_event(movie, tuple(tags.get(movie.id, ())), file, reason=reason,
                                               added_at=added.get(file.id, now), recycle_bin_path=recycled))
    return events


def rename_event(movie: Movie, tags: tuple[str, ...], renamed: Sequence[tuple[str, str, int]]) -> NotificationEvent:
    """On Rename (WebhookRenamePayload): each renamed file (old path, new path, size) as a WebhookRenamedMovieFile,
    the movie file with its previous relative path and path."""
    files = [{"relativePath": Path(new).name, "path": new, "size": size,
              "previousRelativePath": Path(old).name, "previousPath": old} for old, new, size in renamed]
    folder = str(Path(renamed[0][1]).parent) if renamed else None
    facts = {"movie": webhook_movie(movie, folder_path=folder, tags=tags), "renamedMovieFiles": files}
    return NotificationEvent("rename", facts, movie.id, tags)


def stored_event(data: dict[str, Any]) -> NotificationEvent:
    """An event kept in a journaled operation's record (JSON), as it was made."""
    return NotificationEvent(data["kind"], data["facts"], data.get("movie_id"), tuple(data.get("movie_tags") or ()),
                             data["event_id"])


def event_record(event: NotificationEvent) -> dict[str, Any]:
    """The event as a journaled operation's record keeps it, so a recovered operation sends the same event once."""
    return {"kind": event.kind, "facts": event.facts, "movie_id": event.movie_id, "movie_tags": list(event.movie_tags),
            "event_id": event.event_id}


def health_event(*, restored: bool, level: str, message: str, source: str,
                 wiki_url: str | None = None) -> NotificationEvent:
    """On Health Issue / On Health Restored: ``level`` is Radarr's HealthCheckResult in camelCase ("warning",
    "error"), ``source`` the check's name (Radarr's ``type``)."""
    facts = {"level": level, "message": message, "type": source, "wikiUrl": wiki_url}
    return NotificationEvent("health_restored" if restored else "health_issue", facts)


def run_failed_event(*, run_id: str, job_name: str, message: str) -> NotificationEvent:
    """Ours: a Dagster run failed (the event id is the run's, so a repeated report of one run is one event)."""
    facts = {"runId": run_id, "jobName": job_name, "message": message}
    return NotificationEvent("run_failed", facts, event_id=f"run-failed-{run_id}")
