"""Many grabs in one run: the intents in one unit of work, the torrents sent with the file closed, the grabs
recorded together; a torrent the client calls someone else's gives way to the variant's next candidate, and a
client error keeps what the client took."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.download_clients.base import DownloadClientError, ForeignDownloadError
from radarr_pipeline.models import IndexerRelease, ShareLimits
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.services.grabbing import grab_best
from radarr_pipeline.services.scoring import score_candidates
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.library import recorded_holds

NOW = datetime(2026, 6, 1, tzinfo=UTC)
MOVIES = [("Heat", 1995), ("Sintel", 2010), ("Alien", 1979), ("Brazil", 1985)]


def _hash(n: int) -> str:
    return f"{n:040x}"


class Client:
    kind, name = "qbittorrent", "qBittorrent"

    def __init__(self, foreign: frozenset[str] = frozenset(), broken: frozenset[str] = frozenset()) -> None:
        self.foreign, self.broken = foreign, broken
        self.added: list[str] = []

    def has(self, download_id: str) -> bool:
        return download_id in self.added

    def add_torrent(self, *, torrent: bytes | None = None, magnet: str | None = None,
                    limits: ShareLimits | None = None) -> str:
        infohash = (magnet or "").rsplit(":", 1)[-1]
        if infohash in self.foreign:
            raise ForeignDownloadError(f"{infohash} is someone else's")
        if infohash in self.broken:
            raise DownloadClientError("the client went away")
        self.added.append(infohash)
        return infohash


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    """Four wanted movies, two releases each: the better (n) and the other (n + 100)."""
    store = LibraryStore(tmp_path / "lib.duckdb")
    with store.open() as library:
        variants = []
        releases = []
        for n, (title, year) in enumerate(MOVIES, start=1):
            movie = library.movies.add(title=title, year=year, tmdb_id=n)
            variants.append(library.movies.add_variant(movie.id, quality_profile="HD", root_folder=str(tmp_path)))
            for serial, seeders in ((n, 50), (n + 100, 5)):
                releases.append(IndexerRelease(
                    guid=f"g{serial}", title=f"{title}.{year}.1080p.BluRay.x264-G{serial}", indexer="Idx",
                    magnet_url=f"magnet:?xt=urn:btih:{_hash(serial)}", infohash=_hash(serial), size=6 << 30,
                    seeders=seeders, published_at=NOW - timedelta(days=1)))
        library.movies.replace_wanted([(v.id, "missing") for v in variants], NOW)
        library.releases.add_new(releases, NOW)
        score_candidates(library, [], DecisionContext(
            profiles={"HD": build_quality_profile("HD", ["Bluray-1080p"], "Bluray-1080p")}, now=NOW))
    return store


def _state(store: LibraryStore) -> tuple[set[str], int, int, list[str]]:
    with store.open() as library:
        tracked = {d.download_id for d in library.downloads.active()}
        grabbed = library.conn.execute("SELECT count(*) FROM history WHERE event = 'grabbed'").fetchone()
        events = library.conn.execute("SELECT count(*) FROM notification_events WHERE kind = 'grab'").fetchone()
        pending = [row[0] for row in library.conn.execute("SELECT infohash FROM pending_grabs").fetchall()]
    assert grabbed is not None and events is not None
    return tracked, grabbed[0], events[0], pending


def test_grabs_of_a_run_take_three_units_of_work_whatever_their_number(store: LibraryStore) -> None:
    client = Client()
    with recorded_holds() as holds:
        report = grab_best(store, client, NOW)  # type: ignore[arg-type]  # a fake client
    assert sorted(client.added) == [_hash(n) for n in range(1, 5)], "the best release of each movie"
    assert len(report.grabbed) == 4 and len(holds) == 3, "plan, intents, records (fewer grabs than a batch)"
    assert _state(store) == ({_hash(n) for n in range(1, 5)}, 4, 4, [])
    assert grab_best(store, client, NOW).grabbed == [], "a download of each is active now"


def test_someone_elses_torrent_gives_way_to_the_next_candidate(store: LibraryStore) -> None:
    client = Client(foreign=frozenset({_hash(2)}))
    report = grab_best(store, client, NOW)  # type: ignore[arg-type]  # a fake client
    assert sorted(client.added) == sorted([_hash(1), _hash(102), _hash(3), _hash(4)])
    assert [f["error"] for f in report.failed] == [f"{_hash(2)} is someone else's"]
    assert _state(store) == (set(client.added), 4, 4, [])


def test_a_client_error_keeps_the_grabs_the_client_took(store: LibraryStore) -> None:
    client = Client(broken=frozenset({_hash(2)}))
    with pytest.raises(DownloadClientError):
        grab_best(store, client, NOW)  # type: ignore[arg-type]  # a fake client
    assert client.added == [_hash(1)], "variants are sent in order: the first taken, the second failed"
    tracked, grabbed, events, pending = _state(store)
    assert (tracked, grabbed, events) == ({_hash(1)}, 1, 1)
    assert pending == [_hash(2)], "the client may have it: the refresh settles it; those never sent are not pending"


def test_a_search_for_named_movies_grabs_for_those_only(store: LibraryStore) -> None:
    with store.open(read_only=True) as library:
        ids = {s.movie.title: s.movie.id for s in library.movies.statuses()}
    client = Client()

    report = grab_best(store, client, NOW, movie_ids=frozenset({ids["Sintel"], ids["Brazil"]}))

    assert sorted(client.added) == [_hash(2), _hash(4)]  # the best release of each named movie, nothing else
    assert len(report.grabbed) == 2
    assert _state(store)[1] == 2
    grab_best(store, client, NOW)  # a run naming no movies grabs for the rest
    assert sorted(client.added) == [_hash(n) for n in (1, 2, 3, 4)]
