"""A grab the client accepted but a crash kept from being recorded is recorded by the next refresh, as the grab
it was (its release, indexer and history), not picked up as a torrent added by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.models import ClientDownload, DownloadStatus, IndexerRelease, ShareLimits
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.services.downloads import TrackingPolicy, refresh_downloads
from radarr_pipeline.services.grabbing import grab_best
from radarr_pipeline.services.scoring import score_candidates
from radarr_pipeline.store import LibraryStore

NOW = datetime(2026, 6, 1, tzinfo=UTC)
TITLE = "Heat.1995.1080p.BluRay.x264-GRP"
HASH = "ab" * 20


class Killed(BaseException):
    """The process dying right after the client took the torrent (nothing after it runs)."""


class AcceptsThenDies:
    kind, name = "qbittorrent", "qBittorrent"

    def __init__(self) -> None:
        self.added: list[str] = []

    def has(self, download_id: str) -> bool:
        return download_id in self.added

    def add_torrent(self, *, torrent: bytes | None = None, magnet: str | None = None,
                    limits: ShareLimits | None = None) -> str:
        self.added.append(HASH)
        raise Killed

    def downloads(self) -> list[ClientDownload]:
        return [ClientDownload(h, TITLE, DownloadStatus.DOWNLOADING, "downloading", 0.1, 10, None, "/d", "radarr")
                for h in self.added]

    def remove(self, download_id: str, *, delete_files: bool) -> bool:
        return False

    def set_share_limits(self, download_id: str, limits: ShareLimits) -> None:
        return None

    def close(self) -> None:
        return None


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    store = LibraryStore(tmp_path / "lib.duckdb")
    with store.open() as library:
        movie = library.movies.add(title="Heat", year=1995, tmdb_id=949)
        variant = library.movies.add_variant(movie.id, quality_profile="HD", root_folder=str(tmp_path))
        library.movies.replace_wanted([(variant.id, "missing")], NOW)
        library.releases.add_new([IndexerRelease(
            guid="g1", title=TITLE, indexer="Idx", magnet_url=f"magnet:?xt=urn:btih:{HASH}", infohash=HASH,
            size=6 << 30, seeders=10, published_at=NOW - timedelta(days=1))], NOW)
        score_candidates(library, [], DecisionContext(
            profiles={"HD": build_quality_profile("HD", ["Bluray-1080p"], "Bluray-1080p")}, now=NOW))
    return store


def test_a_grab_interrupted_before_its_record_is_recorded_by_the_next_refresh(store: LibraryStore) -> None:
    client = AcceptsThenDies()
    with pytest.raises(Killed):
        grab_best(store, client, NOW)  # type: ignore[arg-type]  # a client that dies, for this test
    with store.open() as library:
        assert library.downloads.find("qbittorrent", HASH) is None, "the crash came before the record"
        report = refresh_downloads(library, client.downloads(), NOW + timedelta(minutes=1), TrackingPolicy())
        tracked = library.downloads.find("qbittorrent", HASH)
        history = [(h.event, h.data.get("indexer")) for h in library.history.for_movie(1)]
        (release,) = library.releases.all()
        assert library.pending_grabs.get_many("qbittorrent", [HASH]) == {}
    assert tracked is not None and tracked.release_id == release.id
    assert history == [("grabbed", "Idx")]
    assert report.picked_up[0]["how"] == "a grab interrupted before it was recorded"
