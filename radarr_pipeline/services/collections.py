"""TMDB collections (Radarr's MovieCollection): add a collection's missing movies on request, or follow it so the
metadata refresh adds new members as TMDB lists them.

Work order: read what the library has (open, read, close) → ask TMDB for the collection with the library closed →
add each missing member through :func:`services.adding.add_by_reference` (each its own short write) → record the
collection and the history in one write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.metadata import MetadataError
from radarr_pipeline.metadata.mapping import candidates
from radarr_pipeline.models import Availability, HistoryEvent, MovieCandidate
from radarr_pipeline.services.adding import AddChoices, add_by_reference
from radarr_pipeline.services.metadata_source import metadata_client
from radarr_pipeline.services.movies import MovieExistsError, MovieRequestError
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.collections import CollectionRepository, FollowedCollection
from radarr_pipeline.values.references import MovieReference
from radarr_pipeline.values.titles import is_control


class CollectionError(MovieRequestError):
    """The collection could not be named or fetched."""


@dataclass
class CollectionReport:
    """One collection compared with the library: its members and what became of the missing ones."""

    tmdb_id: int
    title: str = ""
    members: int = 0
    added: list[str] = field(default_factory=list)
    already_present: int = 0
    excluded: int = 0
    errors: list[str] = field(default_factory=list)
    monitored: bool = False

    def line(self) -> str:
        errors = f", {len(self.errors)} error(s): {'; '.join(self.errors)}" if self.errors else ""
        added = f" ({', '.join(self.added)})" if self.added else ""
        return (f"{self.title or 'collection'} (tmdb:{self.tmdb_id}): {self.members} member(s), "
                f"{len(self.added)} added{added}, {self.already_present} already present, "
                f"{self.excluded} excluded{errors}")


def collection_id(reference: str) -> int:
    """``tmdb:2344`` or ``2344``: a TMDB collection id; CollectionError otherwise."""
    text = reference.strip().removeprefix("tmdb:")
    if not (text.isascii() and text.isdigit()) or int(text) <= 0 or int(text) > 2**31:
        raise CollectionError(f"{''.join('?' if is_control(c) else c for c in reference[:40])!r} is not a TMDB "
                              "collection id (give tmdb:N, e.g. tmdb:2344)")
    return int(text)


def collection_of_movie(config: AppConfig, movie_id: int) -> tuple[int, str]:
    """The (collection id, name) a library movie belongs to, as its metadata says."""
    with LibraryStore(config.database).open(read_only=True) as library:
        found = CollectionRepository(library.conn).collection_of(movie_id)
        exists = library.conn.execute("SELECT count(*) FROM movies WHERE id = ?", [movie_id]).fetchone()
    if not (exists and exists[0]):
        raise CollectionError(f"no movie {movie_id} in the library")
    if found is None:
        raise CollectionError(f"movie {movie_id} belongs to no collection its metadata knows of")
    return found


def fetch_collection(config: AppConfig, tmdb_id: int) -> tuple[str, list[MovieCandidate]]:
    """The collection's name and members, from the metadata source. Network only."""
    client = metadata_client(config)
    if client is None:
        raise CollectionError("collections come from the metadata source: configure `metadata:` (TMDB) first")
    with client:
        try:
            document = client.collection(tmdb_id)
            members = candidates(document, "parts")
        except MetadataError as exc:
            raise CollectionError(str(exc)) from None
    name = document.get("name")
    return (name.strip()[:200] if isinstance(name, str) and name.strip() else f"Collection {tmdb_id}"), members


def _choices(collection: FollowedCollection) -> AddChoices:
    return AddChoices(profile=collection.quality_profile,
                      root_folder=Path(collection.root_folder) if collection.root_folder else None,
                      minimum_availability=Availability(collection.minimum_availability))


def _known(config: AppConfig) -> tuple[set[int], set[int]]:
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            repository = CollectionRepository(library.conn)
            return repository.library_tmdb_ids(), repository.excluded_tmdb_ids()
    except LibraryNotCreatedError:
        return set(), set()


def _add_missing(config: AppConfig, collection: FollowedCollection, members: list[MovieCandidate],
                 now: datetime) -> tuple[CollectionReport, list[HistoryEvent]]:
    """Add the members the library lacks (excluded ones never); the report and the history to write."""
    report = CollectionReport(collection.tmdb_id, collection.title, len(members), monitored=collection.monitored)
    in_library, excluded = _known(config)
    events: list[HistoryEvent] = []
    for member in members:
        if member.tmdb_id in in_library:
            report.already_present += 1
            continue
        if member.tmdb_id in excluded:
            report.excluded += 1
            continue
        try:
            added = add_by_reference(config, MovieReference("tmdb", tmdb_id=member.tmdb_id), _choices(collection),
                                     now=now)
        except MovieExistsError:
            report.already_present += 1
            continue
        except MovieRequestError as exc:
            report.errors.append(f"{member.title} (tmdb:{member.tmdb_id}): {exc}")
            continue
        report.added.append(f"{added.movie.title} ({added.movie.year})")
        events.append(HistoryEvent(
            event="movie_added_from_collection", movie_id=added.movie.id, variant_id=added.variant.id,
            source_title=added.movie.title, data={"collection": collection.title, "collection_tmdb_id":
                                                  collection.tmdb_id}))
    return report, events


def add_collection(
    config: AppConfig,
    tmdb_id: int,
    now: datetime,
    choices: AddChoices | None = None,
    *,
    monitor: bool = False,
) -> CollectionReport:
    """Add the collection's missing movies with ``choices``; ``monitor``: and follow it, so the metadata refresh
    adds the members TMDB lists later. The collection is remembered (monitored or not) with its choices."""
    choices = choices or AddChoices()
    title, members = fetch_collection(config, tmdb_id)
    collection = FollowedCollection(
        tmdb_id, title, monitor, choices.profile, str(choices.root_folder) if choices.root_folder else None,
        choices.minimum_availability.value)
    report, events = _add_missing(config, collection, members, now)
    with LibraryStore(config.database).open() as library:
        repository = CollectionRepository(library.conn)
        repository.save(collection, now)
        repository.mark_synced([tmdb_id], now)
        library.history.add_many([HistoryEvent(
            event="collection_added", source_title=title,
            data={"collection_tmdb_id": tmdb_id, "monitored": monitor, "added": len(report.added)},
        ), *events], now)
    return report


def set_collection_monitored(config: AppConfig, tmdb_id: int, monitored: bool, now: datetime) -> bool:
    """Follow or stop following a known collection; False when it is not known (add it first)."""
    with LibraryStore(config.database).open() as library:
        repository = CollectionRepository(library.conn)
        known = {c.tmdb_id: c for c in repository.all()}
        if tmdb_id not in known:
            return False
        collection = known[tmdb_id]
        if collection.monitored != monitored:
            repository.save(FollowedCollection(
                tmdb_id, collection.title, monitored, collection.quality_profile, collection.root_folder,
                collection.minimum_availability), now)
            library.history.add_many([HistoryEvent(
                event="collection_edited", source_title=collection.title,
                data={"collection_tmdb_id": tmdb_id, "field": "monitored", "to": monitored})], now)
    return True


def list_collections(config: AppConfig) -> list[FollowedCollection]:
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return CollectionRepository(library.conn).all()
    except LibraryNotCreatedError:
        return []


def monitor_collections_of(config: AppConfig, movie_ids: list[int], choices: AddChoices, now: datetime,
                           why: str) -> list[int]:
    """Follow the collections these library movies belong to (an import list's ``monitor: movie_and_collection``),
    with ``choices`` for the members added later; the collection ids newly monitored."""
    with LibraryStore(config.database).open() as library:
        repository = CollectionRepository(library.conn)
        known = {c.tmdb_id: c for c in repository.all()}
        found = {c for c in (repository.collection_of(m) for m in movie_ids) if c is not None}
        newly = [(cid, name) for cid, name in sorted(found) if not (cid in known and known[cid].monitored)]
        for cid, name in newly:
            repository.save(FollowedCollection(
                cid, name or f"Collection {cid}", True, choices.profile,
                str(choices.root_folder) if choices.root_folder else None, choices.minimum_availability.value), now)
        library.history.add_many([HistoryEvent(
            event="collection_monitored", source_title=name or f"Collection {cid}",
            data={"collection_tmdb_id": cid, "why": why}) for cid, name in newly], now)
    return [cid for cid, _ in newly]


def sync_monitored_collections(config: AppConfig, now: datetime) -> list[CollectionReport]:
    """Compare every monitored collection with TMDB and add its new members (the movie_metadata refresh's last
    step); a collection TMDB cannot answer for is reported, the others go on."""
    if config.metadata is None:
        return []
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            followed = CollectionRepository(library.conn).monitored()
    except LibraryNotCreatedError:
        return []
    reports: list[CollectionReport] = []
    events: list[HistoryEvent] = []
    for collection in followed:
        try:
            _, members = fetch_collection(config, collection.tmdb_id)
        except CollectionError as exc:
            reports.append(CollectionReport(collection.tmdb_id, collection.title, errors=[str(exc)], monitored=True))
            continue
        report, added = _add_missing(config, collection, members, now)
        reports.append(report)
        events += added
    if followed:
        with LibraryStore(config.database).open() as library:
            CollectionRepository(library.conn).mark_synced([r.tmdb_id for r in reports if not r.errors
                                                            or r.members], now)
            library.history.add_many(events, now)
    return reports
