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
from radarr_pipeline.services.notifications.events import enqueue_event, grab_events
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.candidates import RankedCandidate
from radarr_pipeline.store.downloads import NewDownload
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


def _plan(library: Library, report: GrabReport, movie_ids: frozenset[int] | None) -> list[_VariantPlan]:
    """The approved candidates of each variant that may grab now, best first (read in one short transaction);
    only those of ``movie_ids`` when given."""
    active = library.downloads.active_variant_ids()
    grabbed_before = library.downloads.grabbed_release_ids()
    by_variant: dict[int, list[RankedCandidate]] = {}
    for candidate in library.candidates.ranked_approved():
        if movie_ids is not None and candidate.movie_id not in movie_ids:
            continue
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


#: Grabs per batch: their intents are written in one unit of work, their torrents sent, then the grabs the client
#: took recorded in another; each unit holds the file for a fraction of a second, however many grabs a run has.
GRABS_PER_UNIT = 250


@dataclass
class _Attempt:
    """A variant's next candidate, ready to send: its torrent and the intent recorded before it is sent."""

    plan: _VariantPlan
    candidate: RankedCandidate
    prepared: PreparedTorrent
    intent: GrabIntent


def _next_attempts(plans: list[_VariantPlan], tried: dict[int, int], fetch: Callable[[str], bytes],
                   secret_for: Callable[[str], str | None], client_name: str,
                   report: GrabReport) -> list[_Attempt]:
    """Each plan's next candidate whose torrent can be had (those that cannot are reported and passed over);
    done with the file closed: fetching a .torrent asks the indexer."""
    attempts = []
    for plan in plans:
        while tried[plan.variant_id] < len(plan.candidates):
            candidate = plan.candidates[tried[plan.variant_id]]
            tried[plan.variant_id] += 1
            stored = candidate.release
            try:
                prepared = prepare_torrent(stored, fetch, secret_for(stored.release.indexer))
            except TorrentFetchError as exc:
                report.failed.append({"movie": plan.label, "release": stored.release.title, "error": str(exc)})
                continue
            attempts.append(_Attempt(plan, candidate, prepared, GrabIntent.of(candidate, plan.movie_id, client_name)))
            break
    return attempts


def _record_intents(store: LibraryStore, attempts: list[_Attempt], client_kind: str, now: datetime,
                    report: GrabReport) -> list[_Attempt]:
    """The intents first, in one unit of work (a crash once the client has a torrent loses nothing); the attempts
    to send: a torrent tracked already (or chosen twice in this run) ends its variant's turn."""
    with store.open() as library:
        tracked = library.downloads.tracked_among(client_kind, [a.prepared.infohash for a in attempts])
        to_send: list[_Attempt] = []
        for attempt in attempts:
            infohash = attempt.prepared.infohash.lower()
            if infohash in tracked:
                report.skipped.append({"movie": attempt.plan.label,
                                       "reason": f"{attempt.candidate.release.release.title} is already tracked"})
                continue
            tracked.add(infohash)
            to_send.append(attempt)
        library.pending_grabs.add_many(client_kind, {a.prepared.infohash: asdict(a.intent) for a in to_send}, now)
    return to_send


def _send(client: DownloadClient, attempts: list[_Attempt], report: GrabReport
          ) -> tuple[list[_Attempt], list[_Attempt], list[_Attempt], DownloadClientError | None]:
    """Each torrent to the client, with the file closed: (sent, refused as someone else's, never sent, the error
    that stopped the sending). After an error the client may or may not have that torrent: its pending grab stays
    for the refresh to settle; those not sent yet are not pending any more."""
    sent: list[_Attempt] = []
    foreign: list[_Attempt] = []
    for n, attempt in enumerate(attempts):
        prepared = attempt.prepared
        try:
            if not client.has(prepared.infohash):
                client.add_torrent(torrent=prepared.torrent, magnet=prepared.magnet)
        except DownloadClientError as exc:
            report.failed.append({"movie": attempt.plan.label, "release": attempt.candidate.release.release.title,
                                  "error": str(exc)})
            if not isinstance(exc, ForeignDownloadError):
                return sent, foreign, attempts[n + 1:], exc
            foreign.append(attempt)  # someone else's torrent: never ours to track
            continue
        sent.append(attempt)
    return sent, foreign, [], None


def grab_best(
    store: LibraryStore,
    client: DownloadClient,
    now: datetime,
    *,
    fetch: Callable[[str], bytes] = fetch_torrent,
    secret_for: Callable[[str], str | None] = lambda _indexer: None,
    movie_ids: frozenset[int] | None = None,
) -> GrabReport:
    """The best-ranked approved release of each wanted variant, at most one per variant and run; never while a
    download of the variant is active; never a release grabbed before (by release or by infohash).

    The library is not held while indexers and the download client are asked, and the units of work do not grow
    with the grabs: the plan is read in one short unit, then :data:`GRABS_PER_UNIT` grabs at a time have their
    intents written in one unit before their torrents are sent, and those the client took are recorded in
    another, so a later failure never undoes a grab the client already has. A variant whose torrent the client
    refuses as someone else's tries its next candidate in another such round. ``secret_for`` gives an indexer's
    key, which stored download links do not hold (a missing one is a configuration error, raised at once).
    ``movie_ids`` limits the grabs to those movies, as Radarr's search for a movie grabs for that movie only."""
    report = GrabReport()
    with store.open() as library:
        plans = _plan(library, report, movie_ids)
    tried = {plan.variant_id: 0 for plan in plans}
    while plans:
        attempts = _next_attempts(plans, tried, fetch, secret_for, client.name, report)
        plans = []
        for start in range(0, len(attempts), GRABS_PER_UNIT):
            to_send = _record_intents(store, attempts[start:start + GRABS_PER_UNIT], client.kind, now, report)
            sent, foreign, unsent, error = _send(client, to_send, report)
            if sent or foreign or unsent:
                with store.open() as library:
                    record_grabs(library, [(a.intent, a.prepared.infohash) for a in sent], client.kind, now)
                    library.pending_grabs.remove_many(client.kind, [a.prepared.infohash for a in foreign + unsent])
            for attempt in sent:
                stored = attempt.candidate.release
                report.grabbed.append(
                    {"movie": attempt.plan.label, "release": stored.release.title,
                     "quality": attempt.candidate.quality, "score": attempt.candidate.format_score,
                     "indexer": stored.release.indexer, "hash": attempt.prepared.infohash}
                )
            if error is not None:
                raise error
            plans += [a.plan for a in foreign]
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
    record_grabs(library, [(intent, infohash)], client_kind, now)


def record_grabs(library: Library, grabs: list[tuple[GrabIntent, str]], client_kind: str, now: datetime) -> None:
    """:func:`record_grab` of each (intent, infohash), in a few statements whatever their number."""
    if not grabs:
        return
    library.downloads.track_many([
        NewDownload(variant_id=i.variant_id, release_id=i.release_id, client=client_kind, download_id=infohash,
                    title=i.title, quality=i.quality, size=i.size) for i, infohash in grabs], now)
    library.history.add_many([
        HistoryEvent(
            event="grabbed", movie_id=i.movie_id, variant_id=i.variant_id, source_title=i.title,
            download_id=infohash, quality=i.quality,
            data={"indexer": i.indexer, "size": i.size, "seeders": i.seeders, "client": i.client_name,
                  "format_score": i.format_score, "rank": i.rank},
        ) for i, infohash in grabs], now)
    library.pending_grabs.remove_many(client_kind, [infohash for _i, infohash in grabs])
    enqueue_event(library, grab_events(library, grabs, client_kind), now)


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
