"""grabs: send the best approved release of each wanted movie to the download client, once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.decisions.ranking import preference_key
from radarr_pipeline.download_clients import DownloadClientError, QBittorrentClient
from radarr_pipeline.models import Decision, HistoryEvent, StoredRelease
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library
from radarr_pipeline.torrent_files import (
    TorrentFetchError,
    fetch_torrent,
    infohash_from_magnet,
    infohash_from_torrent,
)


@dataclass
class GrabReport:
    grabbed: list[dict[str, object]] = field(default_factory=list)
    skipped: list[dict[str, object]] = field(default_factory=list)
    failed: list[dict[str, object]] = field(default_factory=list)

    def markdown(self) -> str:
        parts = ["**Grabbed**", markdown_table(self.grabbed, empty="_nothing grabbed_")]
        if self.failed:
            parts += ["**Failed**", markdown_table(self.failed)]
        if self.skipped:
            parts += ["**Skipped**", markdown_table(self.skipped)]
        return "\n\n".join(parts)


@dataclass(frozen=True)
class PreparedTorrent:
    infohash: str
    torrent: bytes | None
    magnet: str | None


def prepare_torrent(release: StoredRelease, fetch: Callable[[str], bytes] = fetch_torrent) -> PreparedTorrent:
    """The .torrent file when the indexer links one (Radarr prefers it), else the magnet link."""
    r = release.release
    if r.download_url and not r.download_url.startswith("magnet:"):
        try:
            data = fetch(r.download_url)
            return PreparedTorrent(infohash_from_torrent(data), data, None)
        except TorrentFetchError:
            if not r.magnet_url:
                raise
    magnet = r.magnet_url or r.download_url
    if not magnet:
        raise TorrentFetchError(f"release {r.title!r} has no download link")
    return PreparedTorrent(infohash_from_magnet(magnet), None, magnet)


def _preference(decision: Decision, release: StoredRelease, priorities: dict[str, int]) -> tuple[int, ...]:
    return preference_key(decision, release, priorities.get(release.release.indexer, 25))


def best_per_variant(
    approved: list[Decision], releases: dict[int, StoredRelease], priorities: dict[str, int]
) -> dict[int, list[Decision]]:
    """Approved decisions of each variant, best first."""
    by_variant: dict[int, list[Decision]] = {}
    for decision in approved:
        by_variant.setdefault(decision.variant_id, []).append(decision)
    for decisions in by_variant.values():
        decisions.sort(key=lambda d: _preference(d, releases[d.release_id], priorities), reverse=True)
    return by_variant


def grab_best(
    library: Library,
    client: QBittorrentClient,
    priorities: dict[str, int],
    now: datetime,
    *,
    fetch: Callable[[str], bytes] = fetch_torrent,
) -> GrabReport:
    """At most one grab per variant; never while one of its downloads is active; never the same release twice."""
    report = GrabReport()
    approved = library.candidates.approved()
    releases = {d.release_id: library.releases.get(d.release_id) for d in approved}
    active = library.downloads.active_variant_ids()
    grabbed_before = library.downloads.grabbed_release_ids()
    for variant_id, decisions in best_per_variant(approved, releases, priorities).items():
        variant = library.movies.variant(variant_id)
        movie = library.movies.get(variant.movie_id)
        label = f"{movie.title} ({movie.year})"
        if variant_id in active:
            report.skipped.append({"movie": label, "reason": "a download for this movie is already active"})
            continue
        for decision in decisions:
            stored = releases[decision.release_id]
            if stored.id in grabbed_before:
                continue
            try:
                prepared = prepare_torrent(stored, fetch)
                if library.downloads.find(client.kind, prepared.infohash) is not None:
                    report.skipped.append({"movie": label, "reason": f"{stored.release.title} is already tracked"})
                    break
                if not client.has(prepared.infohash):
                    client.add_torrent(torrent=prepared.torrent, magnet=prepared.magnet)
            except (TorrentFetchError, DownloadClientError) as exc:
                report.failed.append({"movie": label, "release": stored.release.title, "error": str(exc)})
                if isinstance(exc, DownloadClientError):
                    raise
                continue
            library.downloads.track(
                variant_id=variant_id,
                release_id=stored.id,
                client=client.kind,
                download_id=prepared.infohash,
                title=stored.release.title,
                quality=decision.quality,
                size=stored.release.size,
                at=now,
            )
            library.history.add(
                HistoryEvent(
                    event="grabbed",
                    movie_id=movie.id,
                    variant_id=variant_id,
                    source_title=stored.release.title,
                    download_id=prepared.infohash,
                    quality=decision.quality,
                    data={"indexer": stored.release.indexer, "size": stored.release.size,
                          "seeders": stored.release.seeders, "client": client.name},
                ),
                now,
            )
            report.grabbed.append(
                {"movie": label, "release": stored.release.title, "quality": decision.quality,
                 "indexer": stored.release.indexer, "hash": prepared.infohash}
            )
            break
    return report
