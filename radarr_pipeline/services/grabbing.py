"""grabs: send the best approved release of each wanted movie to the download client, once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from radarr_pipeline.download_clients.base import DownloadClient, DownloadClientError, ForeignDownloadError
from radarr_pipeline.download_clients.torrent_files import (
    TorrentFetchError,
    fetch_torrent,
    infohash_from_magnet,
    infohash_from_torrent,
)
from radarr_pipeline.models import HistoryEvent, StoredRelease
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.notifications.events import enqueue_event, grab_event
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.candidates import RankedCandidate
from radarr_pipeline.values.secrets import with_secret


@dataclass
class GrabReport:
    grabbed: list[dict[str, object]] = field(default_factory=list)
    skipped: list[dict[str, object]] = field(default_factory=list)
    failed: list[dict[str, object]] = field(default_factory=list)
    pending: list[dict[str, object]] = field(default_factory=list)

    def markdown(self) -> str:
        parts = ["**Grabbed**", markdown_table(self.grabbed, empty="_nothing grabbed_")]
        if self.failed:
            parts += ["**Failed**", markdown_table(self.failed)]
        if self.skipped:
            parts += ["**Skipped**", markdown_table(self.skipped)]
        if self.pending:
            parts += ["**Pending** (reconsidered on every run)", markdown_table(self.pending)]
        return "\n\n".join(parts)


@dataclass(frozen=True)
class PreparedTorrent:
    infohash: str
    torrent: bytes | None
    magnet: str | None


def prepare_torrent(release: StoredRelease, fetch: Callable[[str], bytes] = fetch_torrent,
                    secret: str | None = None) -> PreparedTorrent:
    """The .torrent file when the indexer links one (Radarr prefers it), else the magnet link. The stored link
    has no secret: the indexer's key goes back into it here, for this request only."""
    r = release.release
    if r.download_url and not r.download_url.startswith("magnet:"):
        try:
            data = fetch(with_secret(r.download_url, secret))
            return PreparedTorrent(infohash_from_torrent(data), data, None)
        except TorrentFetchError:
            if not r.magnet_url:
                raise
    magnet = r.magnet_url or r.download_url
    if not magnet:
        raise TorrentFetchError(f"release {r.title!r} has no download link")
    return PreparedTorrent(infohash_from_magnet(magnet), None, magnet)


@dataclass(frozen=True)
class _VariantPlan:
    variant_id: int
    movie_id: int
    label: str
    candidates: list[RankedCandidate]


def _plan(library: Library, report: GrabReport) -> list[_VariantPlan]:
    """The approved candidates of each variant that may grab now, best first (read in one short transaction)."""
    active = library.downloads.active_variant_ids()
    grabbed_before = library.downloads.grabbed_release_ids()
    by_variant: dict[int, list[RankedCandidate]] = {}
    for candidate in library.candidates.ranked_approved():
        by_variant.setdefault(candidate.variant_id, []).append(candidate)
    waiting = library.candidates.pending()
    movies = library.movies.get_many([p.movie_id for p in waiting] + [r[0].movie_id for r in by_variant.values()])
    for pending in waiting:
        movie = movies[pending.movie_id]
        report.pending.append({"movie": f"{movie.title} ({movie.year})", "release": pending.release_title,
                               "quality": pending.quality, "waiting for": "; ".join(pending.reasons)})
    plans = []
    for variant_id, ranked in by_variant.items():
        movie = movies[ranked[0].movie_id]
        label = f"{movie.title} ({movie.year})"
        if variant_id in active:
            report.skipped.append({"movie": label, "reason": "a download for this movie is already active"})
            continue
        fresh = [c for c in ranked if c.release.id not in grabbed_before]
        plans.append(_VariantPlan(variant_id, movie.id, label, fresh))
    return plans


def grab_best(
    store: LibraryStore,
    client: DownloadClient,
    now: datetime,
    *,
    fetch: Callable[[str], bytes] = fetch_torrent,
    secret_for: Callable[[str], str | None] = lambda _indexer: None,
) -> GrabReport:
    """The best-ranked approved release of each wanted variant, at most one per variant and run; never while a
    download of the variant is active; never a release grabbed before (by release or by infohash).

    The library is not held while indexers and the download client are asked: the plan is read in one short
    transaction, and each grab is recorded in its own as soon as the client has the torrent, so a later failure
    never undoes a grab the client already has. ``secret_for`` gives an indexer's key, which stored download links
    do not hold (a missing one is a configuration error, raised at once)."""
    report = GrabReport()
    with store.open() as library:
        plans = _plan(library, report)
    for plan in plans:
        for candidate in plan.candidates:
            stored = candidate.release
            try:
                prepared = prepare_torrent(stored, fetch, secret_for(stored.release.indexer))
            except TorrentFetchError as exc:
                report.failed.append({"movie": plan.label, "release": stored.release.title, "error": str(exc)})
                continue
            intent = GrabIntent.of(candidate, plan.movie_id, client.name)
            with store.open() as library:  # the intent first: a crash once the client has it loses nothing
                tracked = library.downloads.find(client.kind, prepared.infohash) is not None
                if not tracked:
                    library.pending_grabs.add(client.kind, prepared.infohash, asdict(intent), now)
            if tracked:
                report.skipped.append({"movie": plan.label, "reason": f"{stored.release.title} is already tracked"})
                break
            try:
                if not client.has(prepared.infohash):
                    client.add_torrent(torrent=prepared.torrent, magnet=prepared.magnet)
            except DownloadClientError as exc:
                report.failed.append({"movie": plan.label, "release": stored.release.title, "error": str(exc)})
                if not isinstance(exc, ForeignDownloadError):
                    raise  # the client may or may not have it: the pending grab stays for the refresh to settle
                with store.open() as library:  # someone else's torrent: never ours to track
                    library.pending_grabs.remove(client.kind, prepared.infohash)
                continue
            with store.open() as library:
                record_grab(library, intent, client.kind, prepared.infohash, now)
            report.grabbed.append(
                {"movie": plan.label, "release": stored.release.title, "quality": candidate.quality,
                 "score": candidate.format_score, "indexer": stored.release.indexer, "hash": prepared.infohash}
            )
            break
    return report


@dataclass(frozen=True)
class GrabIntent:
    """Everything a grab's record needs, written before the torrent is sent (the pending grab)."""

    variant_id: int
    movie_id: int
    release_id: int
    title: str
    quality: str
    size: int | None
    indexer: str
    seeders: int | None
    format_score: int
    rank: int
    client_name: str

    @classmethod
    def of(cls, candidate: RankedCandidate, movie_id: int, client_name: str) -> GrabIntent:
        r = candidate.release.release
        return cls(candidate.variant_id, movie_id, candidate.release.id, r.title, candidate.quality, r.size,
                   r.indexer, r.seeders, candidate.format_score, candidate.rank, client_name)


def record_grab(library: Library, intent: GrabIntent, client_kind: str, infohash: str, now: datetime) -> None:
    """The client has the torrent: track the download and write the history, in the caller's unit of work; the
    pending grab is done with."""
    library.downloads.track(
        variant_id=intent.variant_id, release_id=intent.release_id, client=client_kind, download_id=infohash,
        title=intent.title, quality=intent.quality, size=intent.size, at=now,
    )
    library.history.add(
        HistoryEvent(
            event="grabbed", movie_id=intent.movie_id, variant_id=intent.variant_id, source_title=intent.title,
            download_id=infohash, quality=intent.quality,
            data={"indexer": intent.indexer, "size": intent.size, "seeders": intent.seeders,
                  "client": intent.client_name, "format_score": intent.format_score, "rank": intent.rank},
        ),
        now,
    )
    library.pending_grabs.remove(client_kind, infohash)
    enqueue_event(library, grab_event(library, intent, client_kind, infohash), now)


class GrabChoiceError(ValueError):
    """The release chosen by hand cannot be grabbed; the message says why."""


def grab_release(store: LibraryStore, client: DownloadClient, now: datetime, *, release_id: int, variant_id: int,
                 fetch: Callable[[str], bytes] = fetch_torrent,
                 secret_for: Callable[[str], str | None] = lambda _indexer: None) -> dict[str, object]:
    """Grab one release chosen by hand (Radarr's interactive search), whatever its decision said, as ``grab_best``
    grabs: the intent written first, the torrent sent with the library closed, then the grab recorded. Refused
    while a download of the version is active, or when the release is not a candidate of that version."""
    with store.open() as library:
        decision = library.candidates.decision(release_id, variant_id)
        if decision is None:
            raise GrabChoiceError("that release was not found for this movie by the last search")
        if variant_id in library.downloads.active_variant_ids():
            raise GrabChoiceError("a download for this movie is already active")
        stored = library.releases.get(release_id)
    movie_id, quality, format_score, rank = decision
    try:
        prepared = prepare_torrent(stored, fetch, secret_for(stored.release.indexer))
    except TorrentFetchError as exc:
        raise GrabChoiceError(str(exc)) from None
    r = stored.release
    intent = GrabIntent(variant_id, movie_id, release_id, r.title, quality, r.size, r.indexer, r.seeders,
                        format_score, rank, client.name)
    with store.open() as library:
        if library.downloads.find(client.kind, prepared.infohash) is not None:
            raise GrabChoiceError(f"{r.title} is already tracked")
        library.pending_grabs.add(client.kind, prepared.infohash, asdict(intent), now)
    try:
        if not client.has(prepared.infohash):
            client.add_torrent(torrent=prepared.torrent, magnet=prepared.magnet)
    except ForeignDownloadError as exc:
        with store.open() as library:
            library.pending_grabs.remove(client.kind, prepared.infohash)
        raise GrabChoiceError(str(exc)) from None
    with store.open() as library:
        record_grab(library, intent, client.kind, prepared.infohash, now)
    return {"release": r.title, "quality": quality, "score": format_score, "indexer": r.indexer,
            "hash": prepared.infohash}
