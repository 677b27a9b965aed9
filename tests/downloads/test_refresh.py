"""refresh_downloads over a real DuckDB file: failed handling, stalled timeout, the blocklisted infohash."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radarr_pipeline.models import ClientDownload, DownloadState, DownloadStatus, IndexerRelease
from radarr_pipeline.services.downloads import TrackingPolicy, refresh_downloads
from radarr_pipeline.settings.downloads import DownloadHandlingSettings
from radarr_pipeline.store import LibraryStore

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)
H = "a" * 40
TITLE = "Heat.1995.1080p.BluRay.x264-GRP"


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    store = LibraryStore(tmp_path / "lib.duckdb")
    with store.open() as library:
        movie = library.movies.add(title="Heat", year=1995, tmdb_id=949)
        variant = library.movies.add_variant(movie.id, quality_profile="HD", root_folder="/m")
        [release] = library.releases.add_new(
            [IndexerRelease(guid="g1", title=TITLE, indexer="one", infohash=H)], NOW)
        library.downloads.track(variant_id=variant.id, release_id=release.id, client="qbittorrent", download_id=H,
                                title=TITLE, quality="Bluray-1080p", size=10, at=NOW)
        library.movie_searches.record("one", movie.id, NOW, 1)
    return store


def client_says(status: DownloadStatus, progress: float = 0.5, message: str | None = None) -> list[ClientDownload]:
    return [ClientDownload(H, TITLE, status, "error", progress, 10, "/d/x", "/d", "radarr", message=message)]


def test_a_failed_torrent_is_blocklisted_recorded_removed_and_searched_again(store: LibraryStore) -> None:
    with store.open() as library:
        report = refresh_downloads(library, client_says(DownloadStatus.FAILED, message="files are missing"), NOW)
        tracked = library.downloads.find("qbittorrent", H)
        entries = library.blocklist.entries()
        history = library.history.for_movie(1)
        searches = library.movie_searches.last_searched("one")
        [same_torrent] = library.releases.add_new(
            [IndexerRelease(guid="g2", title=TITLE, indexer="two", infohash=H.upper())], NOW)
        never_again = library.downloads.grabbed_release_ids()
    assert tracked is not None and tracked.state is DownloadState.FAILED
    assert [(e.infohash, e.indexer, e.reason) for e in entries] == [(H, "one", "files are missing")]
    assert [h.event for h in history] == ["download_failed"]
    assert searches == {}, "the movie is searched again first"
    assert [(a.action, a.download_id, a.delete_files) for a in report.actions] == [("remove", H, True)]
    assert same_torrent.id in never_again, "the same torrent from another indexer is never grabbed"
    with store.open() as library:
        again = refresh_downloads(library, client_says(DownloadStatus.FAILED), NOW)
        assert len(library.blocklist.entries()) == 1, "handled once"
    assert [a.reason for a in again.actions] == ["failed earlier; still in the client"], "removal retried"


def test_without_failed_handling_the_download_waits_in_failed_pending(store: LibraryStore) -> None:
    policy = TrackingPolicy(settings=DownloadHandlingSettings(failed_download_handling=False))
    with store.open() as library:
        report = refresh_downloads(library, client_says(DownloadStatus.FAILED), NOW, policy)
        assert library.downloads.find("qbittorrent", H).state is DownloadState.FAILED_PENDING  # type: ignore[union-attr]
        assert library.blocklist.entries() == [] and report.actions == []


def test_stalled_past_the_timeout_is_failed(store: LibraryStore) -> None:
    policy = TrackingPolicy(settings=DownloadHandlingSettings(stalled_timeout_minutes=30))
    with store.open() as library:
        refresh_downloads(library, client_says(DownloadStatus.STALLED), NOW, policy)
        refresh_downloads(library, client_says(DownloadStatus.STALLED), NOW + timedelta(minutes=20), policy)
        assert library.downloads.find("qbittorrent", H).state is DownloadState.STALLED  # type: ignore[union-attr]
        report = refresh_downloads(library, client_says(DownloadStatus.STALLED), NOW + timedelta(minutes=31),
                                   policy)
        assert [e.reason for e in library.blocklist.entries()] == ["stalled for more than 30 minutes"]
    assert report.changes[0]["rule"] == "stalled_too_long"


def test_a_tracked_download_missing_from_the_client_is_a_warning_not_a_loss(store: LibraryStore) -> None:
    with store.open() as library:
        report = refresh_downloads(library, [], NOW)
        tracked = library.downloads.find("qbittorrent", H)
    assert tracked is not None and tracked.state is DownloadState.WARNING
    assert report.queue[0]["message"] == "not found in the download client"
