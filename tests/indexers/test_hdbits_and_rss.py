"""HDBits' JSON API and plain tracker RSS against local servers."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import httpx
import pytest

from radarr_pipeline.config import IndexerConfig
from radarr_pipeline.indexers import build_indexer
from radarr_pipeline.indexers.errors import IndexerAuthError, IndexerConfigError
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import Movie
from radarr_pipeline.services.indexer_sync import sync_rss, sync_search
from radarr_pipeline.store.indexer_status import ReleaseDetailsRepository

from .conftest import add_wanted
from .servers import FeedServer, Reply, Seen, data

PASSKEY = "hdbitsPASSKEY0000abcdef"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MATRIX = Movie(id=1, title="The Matrix", year=1999, tmdb_id=603, imdb_id="tt0133093")


@pytest.fixture
def client():
    with httpx.Client(trust_env=False) as c:
        yield c


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HDB_PASSKEY", PASSKEY)
    monkeypatch.setenv("TRACKER_PASSKEY", "trackerPASSKEY99")


def hdbits(server: FeedServer, **extra) -> IndexerConfig:
    return IndexerConfig(name="HDBits", kind="hdbits", url=server.url, username="alice",
                         api_key_env="HDB_PASSKEY", timeout_seconds=3, **extra)


def json_reply(body: bytes) -> Reply:
    return Reply(body=body, content_type="application/json")


def test_hdbits_latest_maps_fields(server: FeedServer, client) -> None:
    server.route("/api/torrents", json_reply(data("hdbits_torrents.json")))
    indexer = build_indexer(hdbits(server), client=client, pacer=Pacer(0))

    result = indexer.fetch_rss_result()

    ctrl, remux = result.releases
    assert ctrl.guid == "HDBits-412345"
    assert ctrl.title == "The Matrix 1999 1080p BluRay DTS x264-CtrlHD"
    assert ctrl.infohash == "0123456789abcdef0123456789abcdef01234567"
    assert (ctrl.size, ctrl.seeders, ctrl.peers) == (14260633600, 48, 50)
    assert ctrl.published_at == datetime(2025, 11, 28, 10, 15, tzinfo=UTC)
    assert ctrl.imdb_id == "tt0133093"
    assert ctrl.categories == (2000,)
    assert ctrl.indexer_flags == ("G_Freeleech", "G_Internal")
    assert ctrl.download_volume_factor == 0.0
    assert ctrl.download_url == f"{server.url}/download.php?id=412345&passkey={PASSKEY}"
    assert ctrl.info_url == f"{server.url}/details.php?id=412345"
    assert remux.guid == "HDBits-412346"
    assert remux.published_at == datetime(2025, 11, 24, 16, 0, tzinfo=UTC)  # from utadded
    assert remux.indexer_flags == () and remux.imdb_id is None
    details = {d.guid: d for d in result.details}
    assert (details["HDBits-412345"].codec, details["HDBits-412345"].medium) == ("H.264", "Encode")
    assert details["HDBits-412345"].origin == "Internal"
    assert (details["HDBits-412346"].codec, details["HDBits-412346"].medium) == ("HEVC", "Remux")
    assert details["HDBits-412346"].category == "Movie"

    [request] = server.seen("/api/torrents")
    assert request.method == "POST"
    sent = json.loads(request.body)
    assert sent == {"username": "alice", "passkey": PASSKEY, "category": [1], "limit": 100}


def test_hdbits_search_by_imdb(server: FeedServer, client) -> None:
    server.route("/api/torrents", json_reply(data("hdbits_torrents.json")))
    indexer = build_indexer(hdbits(server), client=client, pacer=Pacer(0))
    assert len(indexer.search(MATRIX)) == 2
    assert json.loads(server.seen("/api/torrents")[0].body)["imdb"] == {"id": 133093}
    assert indexer.search(Movie(id=2, title="No Id", year=2000)) == []
    assert len(server.requests) == 1


def test_hdbits_bad_passkey_is_an_auth_error(server: FeedServer, client, store, library) -> None:
    server.route("/api/torrents", json_reply(b'{"status": 5, "message": "Invalid authentication credentials"}'))
    with pytest.raises(IndexerAuthError) as caught:
        build_indexer(hdbits(server), client=client, pacer=Pacer(0)).fetch_rss()
    assert "HDBits API status 5" in str(caught.value) and PASSKEY not in str(caught.value)

    report = sync_rss(store, [hdbits(server)], NOW, clients=client, sleep=lambda _s: None)
    assert report.row("HDBits").error_kind == "auth"
    assert library.releases.count() == 0


def test_hdbits_needs_a_username(server: FeedServer, client) -> None:
    config = IndexerConfig(name="HDBits", kind="hdbits", url=server.url, api_key_env="HDB_PASSKEY")
    with pytest.raises(IndexerConfigError, match="username"):
        build_indexer(config, client=client)


def test_hdbits_sync_stores_details(server: FeedServer, client, store, library) -> None:
    server.route("/api/torrents", json_reply(data("hdbits_torrents.json")))
    report = sync_rss(store, [hdbits(server)], NOW, clients=client, sleep=lambda _s: None)
    assert report.new == 2
    stored = ReleaseDetailsRepository(library.conn).get("HDBits-412346")
    assert stored is not None and (stored.codec, stored.medium, stored.origin) == ("HEVC", "Remux", "None")
    again = sync_rss(store, [hdbits(server)], NOW.replace(hour=13), clients=client, sleep=lambda _s: None)
    assert again.new == 0


TRACKER_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:torrent="http://xmlns.ezrss.it/0.1/">
<channel>
  <title>Private Tracker - Movies</title>
  <link>https://tracker.example/</link>
  <item>
    <title><![CDATA[Heat.1995.Remastered.1080p.BluRay.x264-AMIABLE]]></title>
    <link>https://tracker.example/download.php?id=77&amp;passkey=trackerPASSKEY99</link>
    <guid isPermaLink="true">https://tracker.example/details.php?id=77</guid>
    <pubDate>Wed, 25 Nov 2026 20:00:00 -0500</pubDate>
    <enclosure url="https://tracker.example/download.php?id=77&amp;passkey=trackerPASSKEY99"
               type="application/x-bittorrent" length="12884901888"/>
    <torrent:infoHash>1234567890abcdef1234567890abcdef12345678</torrent:infoHash>
    <torrent:seeds>31</torrent:seeds>
    <torrent:peers>35</torrent:peers>
  </item>
  <item>
    <title>Ronin.1998.720p.BluRay.x264-SiNNERS</title>
    <pubDate>Wed, 25 Nov 2026 21:00:00 -0500</pubDate>
    <link>https://tracker.example/download.php?id=78&amp;passkey=trackerPASSKEY99</link>
    <torrent xmlns="http://xmlns.ezrss.it/0.1/">
      <contentLength>5368709120</contentLength>
      <infoHash>abcdefabcdefabcdefabcdefabcdefabcdefabcd</infoHash>
      <magnetURI><![CDATA[magnet:?xt=urn:btih:abcdefabcdefabcdefabcdefabcdefabcdefabcd&dn=Ronin]]></magnetURI>
    </torrent>
  </item>
</channel>
</rss>"""


def test_plain_rss_with_passkey_in_path(server: FeedServer, client, store, library, caplog) -> None:
    server.route("/rss/trackerPASSKEY99", Reply(body=TRACKER_RSS, content_type="application/xml"))
    config = IndexerConfig(name="Tracker", kind="rss", url=server.url + "/rss/{passkey}",
                           api_key_env="TRACKER_PASSKEY", timeout_seconds=3)
    with caplog.at_level(logging.DEBUG):
        heat, ronin = build_indexer(config, client=client, pacer=Pacer(0)).fetch_rss()
    assert "/rss/(redacted)" in caplog.text and "trackerPASSKEY99" not in caplog.text  # httpx logs URLs
    assert heat.guid == "https://tracker.example/details.php?id=77"
    assert heat.infohash == "1234567890abcdef1234567890abcdef12345678"
    assert (heat.seeders, heat.peers, heat.size) == (31, 35, 12884901888)
    assert heat.published_at == datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    assert ronin.size == 5368709120 and ronin.magnet_url and ronin.infohash == "abcdef" * 6 + "abcd"
    assert ronin.guid == "https://tracker.example/download.php?id=78&passkey=(redacted)"

    # a search on a plain feed asks nothing; sync_search lists it as "no search"
    add_wanted(library, [(MATRIX.title, MATRIX.year, MATRIX.imdb_id or "tt0133093")])
    report = sync_search(store, [config], NOW, max_searches=5, clients=client, sleep=lambda _s: None)
    assert report.row("Tracker").status == "no search"
    assert len(server.requests) == 1


def test_plain_rss_with_passkey_as_parameter(server: FeedServer, client) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("passkey") != "trackerPASSKEY99":
            return Reply(403, b"bad passkey", "text/plain")
        return Reply(body=TRACKER_RSS)

    server.route("/feed", answer)
    config = IndexerConfig(name="Tracker", kind="rss", url=server.url + "/feed?cat=movies",
                           api_key_env="TRACKER_PASSKEY")
    assert len(build_indexer(config, client=client, pacer=Pacer(0)).fetch_rss()) == 2
    assert server.requests[0].param("cat") == "movies"


def test_plain_rss_wrong_passkey_message_has_no_secret(server: FeedServer, client) -> None:
    server.route("/rss/trackerPASSKEY99", Reply(403, b"nope", "text/plain"))
    config = IndexerConfig(name="Tracker", kind="rss", url=server.url + "/rss/{passkey}",
                           api_key_env="TRACKER_PASSKEY")
    with pytest.raises(IndexerAuthError) as caught:
        build_indexer(config, client=client, pacer=Pacer(0)).fetch_rss()
    assert "trackerPASSKEY99" not in str(caught.value)
    assert "/rss/(redacted)" in str(caught.value)
