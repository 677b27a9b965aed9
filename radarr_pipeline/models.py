"""The library's records, as the domain sees them. Plain frozen dataclasses: no I/O here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

#: Joins list values into one text column where a DuckDB list would be slow to turn into Python tuples.
LIST_SEPARATOR = "\x1f"


class Availability(StrEnum):
    """Radarr's minimum availability: when a movie may be grabbed."""

    ANNOUNCED = "announced"
    IN_CINEMAS = "in_cinemas"
    RELEASED = "released"


@dataclass(frozen=True)
class Movie:
    id: int
    title: str
    year: int
    tmdb_id: int | None = None
    imdb_id: str | None = None
    original_title: str | None = None
    runtime_minutes: int | None = None
    minimum_availability: Availability = Availability.RELEASED
    original_language: str | None = None  # a language identifier (values.languages); None when unknown
    collection: str | None = None  # from the metadata source: what naming's {Movie Collection} shows
    certification: str | None = None  # ... and {Movie Certification} (the configured region's)


@dataclass(frozen=True)
class Variant:
    """A wanted version of a movie: the movie under one quality profile in one root folder."""

    id: int
    movie_id: int
    quality_profile: str
    root_folder: str
    monitored: bool = True


@dataclass(frozen=True)
class WantedVariant:
    """A monitored variant that needs a release, with the movie it belongs to."""

    variant: Variant
    movie: Movie
    reason: str


@dataclass(frozen=True)
class IndexerRelease:
    """A release as an indexer announced it, before any decision about it."""

    guid: str
    title: str
    indexer: str
    download_url: str | None = None
    magnet_url: str | None = None
    info_url: str | None = None
    infohash: str | None = None
    size: int | None = None
    seeders: int | None = None
    peers: int | None = None
    published_at: datetime | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    categories: tuple[int, ...] = ()
    indexer_flags: tuple[str, ...] = ()
    download_volume_factor: float | None = None
    upload_volume_factor: float | None = None
    #: "torrent" or "usenet" (Radarr's DownloadProtocol), from the indexer's kind.
    protocol: str = "torrent"
    #: The item's ``<comments>`` URL as given; ``info_url`` is the details page.
    comments_url: str | None = None
    #: Languages the indexer states (Newznab/Torznab ``language``), as language identifiers.
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredRelease:
    id: int
    release: IndexerRelease


class DownloadState(StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    STALLED = "stalled"
    WARNING = "warning"  # the client reports something odd (unknown state, torrent not found): look at it
    COMPLETED = "completed"
    IMPORTED = "imported"
    IMPORT_BLOCKED = "import_blocked"
    FAILED_PENDING = "failed_pending"  # failed in the client; blocklisting and a new search still to do
    FAILED = "failed"

    @property
    def is_active(self) -> bool:
        """Still occupies the movie: no other grab while a download is in one of these states."""
        return self not in FINISHED_STATES


#: A download in one of these states is done with: it no longer occupies its movie version (the one definition
#: of "active"; the store's queries use these values too).
FINISHED_STATES = frozenset({DownloadState.IMPORTED, DownloadState.FAILED})


@dataclass(frozen=True)
class TrackedDownload:
    id: int
    variant_id: int
    release_id: int | None
    client: str
    download_id: str
    title: str
    quality: str
    state: DownloadState
    progress: float = 0.0
    size: int | None = None
    content_path: str | None = None
    status_message: str | None = None
    grabbed_at: datetime | None = None
    completed_at: datetime | None = None
    client_state: str | None = None
    eta_seconds: int | None = None
    stalled_since: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class MovieFile:
    id: int
    variant_id: int
    path: str
    size: int
    quality: str
    import_mode: str
    release_group: str | None = None
    edition: str | None = None
    scene_name: str | None = None
    download_id: str | None = None
    revision: int = 1


@dataclass(frozen=True)
class HistoryEvent:
    event: str
    movie_id: int | None = None
    variant_id: int | None = None
    source_title: str | None = None
    download_id: str | None = None
    quality: str | None = None
    data: dict[str, object] = field(default_factory=dict)


class DownloadStatus(StrEnum):
    """What a client's own state means to us, whatever the client calls it."""

    QUEUED = "queued"
    DOWNLOADING = "downloading"
    STALLED = "stalled"
    PAUSED = "paused"
    COMPLETED = "completed"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ClientDownload:
    """One item in the download client, as it reports it."""

    download_id: str  # lower-case infohash
    name: str
    status: DownloadStatus
    client_state: str
    progress: float
    size: int
    content_path: str | None
    save_path: str | None
    category: str | None
    eta_seconds: int | None = None
    ratio: float | None = None
    message: str | None = None
    ratio_limit: float | None = None  # None: the client's global setting (or none) applies
    seeding_time_limit_minutes: int | None = None
    seeding_time_seconds: int | None = None
    seeding_stopped: bool = False  # complete and no longer seeding (qBittorrent: pausedUP / stoppedUP)


@dataclass(frozen=True)
class ShareLimits:
    """A seeding goal: stop seeding at this ratio or after this many minutes, whichever comes first."""

    ratio: float | None = None
    minutes: int | None = None

    @property
    def is_set(self) -> bool:
        return self.ratio is not None or self.minutes is not None


@dataclass(frozen=True)
class NotificationEvent:
    """Something a notification connection may be told about: its kind (``settings.notifications.EVENTS``), the
    facts every channel renders from (in the shape of Radarr's webhook payload, camelCase), and a stable id sent
    with every delivery so that a receiver can drop a repeat."""

    kind: str
    facts: dict[str, Any]
    movie_id: int | None = None
    movie_tags: tuple[str, ...] = ()
    event_id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class MovieMetadata:
    """What the metadata source (TMDB) says about a movie, as the library keeps it.

    ``original_language`` is a language identifier (values.languages), dates are those of the configured region
    (else the earliest anywhere), ``certification`` is the region's, ``translations`` (language code, title)."""

    tmdb_id: int
    title: str
    year: int
    imdb_id: str | None = None
    original_title: str | None = None
    original_language: str | None = None
    secondary_year: int | None = None
    runtime_minutes: int | None = None
    genres: tuple[str, ...] = ()
    status: str | None = None  # TMDB's: Rumored, Planned, In Production, Post Production, Released, Canceled
    collection_tmdb_id: int | None = None
    collection: str | None = None
    certification: str | None = None
    in_cinemas: date | None = None
    digital_release: date | None = None
    physical_release: date | None = None
    alternative_titles: tuple[str, ...] = ()
    translations: tuple[tuple[str, str], ...] = ()
    poster_path: str | None = None


@dataclass(frozen=True)
class MovieCandidate:
    """A search result: enough to tell movies apart and pick one."""

    tmdb_id: int
    title: str
    year: int | None
    original_title: str | None = None
