"""The sync services (sync_rss / sync_search) against local servers and a real DuckDB file."""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from radarr_pipeline.config import IndexerConfig
from radarr_pipeline.services.indexer_sync import sync_rss, sync_search
from radarr_pipeline.store.collections import SearchRequestRepository
from radarr_pipeline.store.indexer_status import IndexerStatusRepository, MovieSearchRepository

from .conftest import add_wanted
from .servers import FeedServer, Reply, Seen, data

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
KEY = "SYNCSECRETKEY-4242"


@pytest.fixture
def client():
    with httpx.Client(trust_env=False) as c:
        yield c


def config(name: str, url: str, **extra) -> IndexerConfig:
    return IndexerConfig(name=name, url=url, api_key_env="SYNC_TEST_KEY", timeout_seconds=3, **extra)


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNC_TEST_KEY", KEY)


def no_sleep(_seconds: float) -> None:
    pass


def test_rss_sync_stores_new_releases_once(server: FeedServer, store, library, client) -> None:
    server.route("/api", Reply(body=data("torznab_rss.xml")))
    configs = [config("Jackett", server.url)]

    first = sync_rss(store, configs, NOW, clients=client, sleep=no_sleep)
    second = sync_rss(store, configs, NOW + timedelta(minutes=15), clients=client, sleep=no_sleep)

    assert (first.fetched, first.new) == (4, 4)
    assert (second.fetched, second.new) == (4, 0)
    assert library.releases.count() == 4
    assert first.row("Jackett").status == "ok"
    status = IndexerStatusRepository(library.conn).get("Jackett")
    assert status.last_success_at == NOW + timedelta(minutes=15)
    assert (status.consecutive_failures, status.disabled_until) == (0, None)


def test_one_failing_indexer_does_not_stop_the_others(
    server: FeedServer, second_server: FeedServer, store, library, client, caplog
) -> None:
    server.route("/api", Reply(body=b"<rss><channel><item><title>broken", content_type="application/rss+xml"))
    second_server.route("/api", Reply(body=data("torznab_rss.xml")))
    configs = [config("Broken", server.url + "/?apikey=" + KEY), config("Good", second_server.url),
               config("Down", "http://127.0.0.1:9")]

    with caplog.at_level(logging.DEBUG, logger="radarr_pipeline"):
        report = sync_rss(store, configs, NOW, clients=client, sleep=no_sleep)

    assert report.failed == ["Broken", "Down"]
    assert report.row("Good").new == 4
    broken = report.row("Broken")
    assert "malformed XML" in (broken.error or "")
    assert broken.disabled_until == NOW + timedelta(minutes=1)
    assert "connection failed" in (report.row("Down").error or "")
    assert library.releases.count() == 4
    markdown = report.markdown()
    assert "| Broken | torznab | failed (" in markdown and "| Good | torznab | ok | 4 | 4 |" in markdown
    stored = IndexerStatusRepository(library.conn).all()
    for text in (markdown, str(report.metadata()), caplog.text, repr(stored)):
        assert KEY not in text


def test_backoff_escalates_and_skips_until_due(server: FeedServer, store, library, client) -> None:
    calls = {"n": 0}

    def flaky(_seen: Seen) -> Reply:
        calls["n"] += 1
        return Reply(500, b"oops", "text/plain")

    server.route("/api", flaky)
    configs = [config("Flaky", server.url)]
    statuses = IndexerStatusRepository(library.conn)

    expected = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=30)]
    at = NOW
    for wait in expected:
        report = sync_rss(store, configs, at, clients=client, sleep=no_sleep)
        assert report.row("Flaky").status == "failed"
        assert report.row("Flaky").disabled_until == at + wait
        skipped = sync_rss(store, configs, at + wait - timedelta(seconds=1), clients=client, sleep=no_sleep)
        assert skipped.row("Flaky").status == "backing off"
        at = at + wait
    assert calls["n"] == 4
    assert statuses.get("Flaky").consecutive_failures == 4
    assert "HTTP 500" in (statuses.get("Flaky").last_error or "")

    server.route("/api", Reply(body=data("torznab_rss.xml")))
    report = sync_rss(store, configs, at, clients=client, sleep=no_sleep)
    assert report.row("Flaky").status == "ok"
    after = statuses.get("Flaky")
    assert (after.consecutive_failures, after.escalation_level, after.disabled_until) == (0, 3, None)


def test_retry_after_lengthens_the_backoff(server: FeedServer, store, library, client) -> None:
    server.route("/api", Reply(429, b"slow down", "text/plain", headers={"Retry-After": "7200"}))
    report = sync_rss(store, [config("Busy", server.url)], NOW, clients=client, sleep=no_sleep)
    row = report.row("Busy")
    assert row.error_kind == "rate_limited"
    assert row.disabled_until == NOW + timedelta(hours=2)


def test_disabled_indexer_is_not_asked(server: FeedServer, store, library, client) -> None:
    server.route("/api", Reply(body=data("torznab_rss.xml")))
    report = sync_rss(store, [config("Off", server.url, enabled=False)], NOW, clients=client, sleep=no_sleep)
    assert report.row("Off").status == "disabled"
    assert server.requests == []


def test_missing_secret_is_a_failure_of_that_indexer(server: FeedServer, store, library, client, monkeypatch) -> None:
    monkeypatch.delenv("SYNC_TEST_KEY")
    server.route("/api", Reply(body=data("torznab_rss.xml")))
    report = sync_rss(store, [config("NoKey", server.url)], NOW, clients=client, sleep=no_sleep)
    assert report.row("NoKey").status == "failed"
    assert "SYNC_TEST_KEY" in (report.row("NoKey").error or "")
    assert server.requests == []
    # a configuration error is not the indexer's failure: no back-off that would outlast the fix
    assert report.row("NoKey").disabled_until is None and report.row("NoKey").error_kind == "config"
    monkeypatch.setenv("SYNC_TEST_KEY", KEY)
    fixed = sync_rss(store, [config("NoKey", server.url)], NOW + timedelta(seconds=1), clients=client,
                     sleep=no_sleep)
    assert fixed.row("NoKey").status == "ok" and fixed.new == 4


def test_minimum_interval_between_runs_is_honoured(server: FeedServer, store, library, client) -> None:
    server.route("/api", Reply(body=data("torznab_rss.xml")))
    configs = [config("Jackett", server.url)]
    waits: list[float] = []
    sync_rss(store, configs, NOW, clients=client, sleep=waits.append)
    sync_rss(store, configs, NOW + timedelta(seconds=0.5), clients=client, sleep=waits.append)
    assert waits == [pytest.approx(1.5)]  # torznab default: 2 s between requests


def test_search_spreads_and_does_not_repeat(server: FeedServer, store, library, client) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(body=data("torznab_caps.xml"))
        return Reply(body=data("torznab_rss.xml"))

    server.route("/api", answer)
    add_wanted(library, [(f"Film {i}", 2000 + i, f"tt{i:07d}") for i in range(1, 6)], second_version_of=0)
    configs = [config("Jackett", server.url)]  # film 1 is wanted twice (a 4K version too): searched once

    first = sync_search(store, configs, NOW, max_searches=2, clients=client, sleep=no_sleep)
    searched = [r.param("imdbid") for r in server.seen("/api") if r.param("imdbid")]
    assert searched == ["0000001", "0000002"]
    assert first.row("Jackett").searched == 2 and first.new == 4

    second = sync_search(store, configs, NOW + timedelta(minutes=15), max_searches=2, clients=client,
                         sleep=no_sleep)
    searched = [r.param("imdbid") for r in server.seen("/api") if r.param("imdbid")]
    assert searched[2:] == ["0000003", "0000004"]
    assert second.new == 0

    sync_search(store, configs, NOW + timedelta(minutes=30), max_searches=5, clients=client,
                sleep=no_sleep)
    searched = [r.param("imdbid") for r in server.seen("/api") if r.param("imdbid")]
    assert searched[4:] == ["0000005"]  # the others were searched less than 12 h ago

    later = sync_search(store, configs, NOW + timedelta(hours=13), max_searches=1, clients=client,
                        sleep=no_sleep)
    searched = [r.param("imdbid") for r in server.seen("/api") if r.param("imdbid")]
    assert searched[5:] == ["0000001"]  # the longest-unsearched first
    assert later.row("Jackett").status == "ok"
    assert library.releases.count() == 4


def test_a_requested_search_runs_first_and_its_mark_clears(server: FeedServer, store, library, client) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(body=data("torznab_caps.xml"))
        return Reply(body=data("torznab_rss.xml"))

    server.route("/api", answer)
    movies = add_wanted(library, [(f"Film {i}", 2000 + i, f"tt{i:07d}") for i in (1, 2, 3)])
    configs = [config("Jackett", server.url)]
    sync_search(store, configs, NOW, max_searches=3, clients=client, sleep=no_sleep)
    requests = SearchRequestRepository(library.conn)
    requests.request([movies[2].id], NOW)  # added again with a search asked for, minutes after the last search
    sync_search(store, configs, NOW + timedelta(minutes=10), max_searches=1, clients=client, sleep=no_sleep)
    searched = [r.param("imdbid") for r in server.seen("/api") if r.param("imdbid")]
    assert searched == ["0000001", "0000002", "0000003", "0000003"]
    assert requests.requested() == {}
    sync_search(store, configs, NOW + timedelta(minutes=20), max_searches=1, clients=client, sleep=no_sleep)
    assert len([r for r in server.seen("/api") if r.param("imdbid")]) == 4  # searched once, not every run


def test_a_search_for_named_movies_asks_for_those_only(server: FeedServer, second_server: FeedServer, store,
                                                       library, client) -> None:
    """A MoviesSearch command names its movies: those are searched at once on every indexer, however recently
    they were searched and whether or not they are wanted; no other wanted movie is asked for."""
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(body=data("torznab_caps.xml"))
        return Reply(body=data("torznab_rss.xml"))

    server.route("/api", answer)
    second_server.route("/api", answer)
    movies = add_wanted(library, [(f"Film {i}", 2000 + i, f"tt{i:07d}") for i in (1, 2, 3, 4)])
    unwanted = library.movies.add(title="Film 5", year=2005, imdb_id="tt0000005")
    configs = [config("Jackett", server.url), config("Other", second_server.url)]
    sync_search(store, configs, NOW, max_searches=1, clients=client, sleep=no_sleep)  # film 1, just now

    named = {movies[0].id, movies[2].id, unwanted.id, 999_999}
    report = sync_search(store, configs, NOW + timedelta(minutes=1), max_searches=1, movie_ids=named,
                         clients=client, sleep=no_sleep)

    for feed in (server, second_server):
        searched = [r.param("imdbid") for r in feed.seen("/api") if r.param("imdbid")]
        assert searched == ["0000001", "0000001", "0000003", "0000005"]
    assert report.row("Jackett").searched == 3 and report.row("Other").searched == 3
    last = MovieSearchRepository(library.conn).last_searched("Other")
    assert last[movies[2].id] == NOW + timedelta(minutes=1) and movies[1].id not in last


def test_search_failing_part_way_keeps_complete_searches(server: FeedServer, store, library, client) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(body=data("torznab_caps.xml"))
        if seen.param("imdbid") == "0000002":
            return Reply(429, b"slow down", "text/plain", headers={"Retry-After": "600"})
        return Reply(body=data("torznab_rss.xml"))

    server.route("/api", answer)
    movies = add_wanted(library, [(f"Film {i}", 2000 + i, f"tt{i:07d}") for i in (1, 2, 3)])
    report = sync_search(store, [config("Jackett", server.url)], NOW, max_searches=3, clients=client, sleep=no_sleep)
    row = report.row("Jackett")
    assert (row.status, row.error_kind, row.new) == ("failed", "rate_limited", 4)
    assert row.disabled_until == NOW + timedelta(minutes=10)
    assert set(MovieSearchRepository(library.conn).last_searched("Jackett")) == {movies[0].id}
    assert not [r for r in server.seen("/api") if r.param("imdbid") == "0000003"]


def test_indexer_keys_are_not_stored_at_rest(server: FeedServer, store, library, client, tmp_path: Path) -> None:
    """Download links carry the API key; the library keeps them without it (and is readable by its owner
    only); the grab puts the key back for its one request."""
    from radarr_pipeline.download_clients.torrent_files import TorrentFetchError
    from radarr_pipeline.models import StoredRelease
    from radarr_pipeline.services.grabbing import prepare_torrent

    feed = data("torznab_rss.xml").replace(b"1002.torrent</link>", f"1002.torrent?apikey={KEY}</link>".encode())
    server.route("/api", Reply(body=feed.replace(b'1002.torrent"', f'1002.torrent?apikey={KEY}"'.encode())))
    sync_rss(store, [config("Jackett", server.url)], NOW, clients=client, sleep=no_sleep)
    dumped = library.conn.execute("SELECT string_agg(download_url, ' ') FROM releases").fetchone()[0]
    assert "apikey=(redacted)" in dumped and KEY not in dumped
    assert (tmp_path / "library.duckdb").stat().st_mode & 0o077 == 0

    fetched: list[str] = []
    stored = next(r for r in library.releases.all() if "apikey=(redacted)" in (r.release.download_url or ""))
    assert isinstance(stored, StoredRelease)
    def fetch(url: str) -> bytes:
        fetched.append(url)
        raise TorrentFetchError("not served here")

    with contextlib.suppress(TorrentFetchError):
        prepare_torrent(stored, fetch, KEY)
    assert fetched == [f"https://tracker.example/dl/1002.torrent?apikey={KEY}"]
