"""Hostile and broken answers: each is a clear error on that indexer, recorded, and nothing is stored."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from radarr_pipeline.config import IndexerConfig
from radarr_pipeline.indexers import build_indexer
from radarr_pipeline.indexers.errors import (
    IndexerContentTypeError,
    IndexerError,
    IndexerLoginPageError,
    IndexerNetworkError,
    IndexerParseError,
    IndexerResponseTooLargeError,
)
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.services.indexer_sync import sync_rss
from radarr_pipeline.store.indexer_status import IndexerStatusRepository

from .servers import FeedServer, Reply, data

KEY = "BADINPUTSECRET-777"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>https://t.example/1.torrent</link></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>https://t.example/1.torrent</link></item></channel></rss>"""

LOGIN_PAGE = b"""<!DOCTYPE html>
<html><head><title>Login :: Tracker</title></head>
<body><form action="/takelogin.php" method="post">
<input type="text" name="username"><input type="password" name="password">
<input type="submit" value="Log in"></form></body></html>"""

CLOUDFLARE = b"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
<body><div>Checking your browser before accessing tracker.example.</div></body></html>"""

FIFTY_MB = 50 * 1024 * 1024


def fifty_megabytes() -> Iterator[bytes]:
    chunk = b"<!-- padding -->" * 4096  # 64 KiB
    yield b'<?xml version="1.0"?><rss version="2.0"><channel>'
    for _ in range(FIFTY_MB // len(chunk)):
        yield chunk
    yield b"</channel></rss>"


@pytest.fixture
def client():
    with httpx.Client(trust_env=False) as c:
        yield c


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAD_INPUT_KEY", KEY)


def config(server: FeedServer, name: str = "Hostile") -> IndexerConfig:
    return IndexerConfig(name=name, url=server.url, api_key_env="BAD_INPUT_KEY", timeout_seconds=5)


CASES = [
    ("malformed", Reply(body=b'<?xml version="1.0"?><rss><channel><item><title>x</item></rss>'),
     IndexerParseError, "malformed XML"),
    ("entity bomb", Reply(body=BOMB), IndexerParseError, "entities"),
    ("external entity", Reply(body=EXTERNAL_ENTITY), IndexerParseError, "entities"),
    ("50 MB declared", Reply(body=b"x" * FIFTY_MB), IndexerResponseTooLargeError, "larger than"),
    ("50 MB chunked", Reply(body=fifty_megabytes(), length=False), IndexerResponseTooLargeError, "reading stopped"),
    ("json body", Reply(body=b'{"results": []}', content_type="application/json"), IndexerContentTypeError,
     "application/json"),
    ("torrent file", Reply(body=b"d8:announce...", content_type="application/x-bittorrent"),
     IndexerContentTypeError, "application/x-bittorrent"),
    ("login page", Reply(body=LOGIN_PAGE, content_type="text/html; charset=utf-8"), IndexerLoginPageError,
     "login page"),
    ("login page as xml", Reply(body=LOGIN_PAGE, content_type="application/rss+xml"), IndexerLoginPageError,
     "login page"),
    ("cloudflare", Reply(503, CLOUDFLARE, "text/html"), IndexerError, "HTTP 503"),
    ("not rss", Reply(body=b'<?xml version="1.0"?><feed><entry/></feed>', content_type="application/xml"),
     IndexerParseError, "expected an <rss> document"),
    ("empty", Reply(body=b""), IndexerParseError, "malformed XML"),
]


@pytest.mark.parametrize(("case", "reply", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_answer_is_a_clear_error(server: FeedServer, client, case, reply, error, words) -> None:
    server.route("/api", reply)
    started = time.monotonic()
    with pytest.raises(error) as caught:
        build_indexer(config(server), client=client, pacer=Pacer(0)).fetch_rss()
    message = str(caught.value)
    assert message.startswith(f"indexer 'Hostile' at 127.0.0.1:{server.port}/api: ")
    assert words in message
    assert KEY not in message
    assert time.monotonic() - started < 10


def test_bad_answers_are_recorded_and_nothing_is_stored(
    server: FeedServer, second_server: FeedServer, store, library, client, caplog
) -> None:
    server.route("/api", Reply(body=BOMB))
    second_server.route("/api", Reply(body=data("torznab_rss.xml")))
    configs = [config(server), config(second_server, "Fine")]

    with caplog.at_level(logging.DEBUG):
        report = sync_rss(store, configs, NOW, clients=client, sleep=lambda _s: None)

    assert report.failed == ["Hostile"]
    assert report.row("Fine").new == 4
    assert {r.release.indexer for r in library.releases.all()} == {"Fine"}
    status = IndexerStatusRepository(library.conn).get("Hostile")
    assert status.last_error_kind == "parse" and "entities" in (status.last_error or "")
    assert KEY not in caplog.text and KEY not in report.markdown()


def test_a_feed_with_one_good_item_and_a_broken_tail_stores_nothing(server: FeedServer, store, library, client) -> None:
    good = data("torznab_rss.xml")
    truncated = good[: good.index(b"<title>Magnet.Only")]  # the connection "dropped" mid-document
    server.route("/api", Reply(body=truncated))
    report = sync_rss(store, [config(server)], NOW, clients=client, sleep=lambda _s: None)
    assert report.failed == ["Hostile"]
    assert library.releases.count() == 0


def test_slow_server_times_out(server: FeedServer, client) -> None:
    def slow() -> Iterator[bytes]:
        yield b'<?xml version="1.0"?><rss version="2.0"><channel>'
        time.sleep(3)
        yield b"</channel></rss>"

    server.route("/api", Reply(body=slow(), length=False))
    cfg = IndexerConfig(name="Slow", url=server.url, api_key_env="BAD_INPUT_KEY", timeout_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(IndexerNetworkError, match=r"no answer within 0\.5 s"):
        build_indexer(cfg, client=client, pacer=Pacer(0)).fetch_rss()
    assert time.monotonic() - started < 2.5


def test_redirect_to_a_login_page(server: FeedServer, client) -> None:
    server.route("/api", Reply(302, b"", "text/html", headers={"Location": "/login.php?returnto=%2Fapi"}))
    server.route("/login.php", Reply(body=LOGIN_PAGE, content_type="text/html"))
    with pytest.raises(IndexerLoginPageError) as caught:
        build_indexer(config(server), client=client, pacer=Pacer(0)).fetch_rss()
    assert "/login.php" in str(caught.value) and KEY not in str(caught.value)


def test_xml_served_as_text_html_is_accepted(server: FeedServer, client) -> None:
    """Some trackers mislabel their feed; a body that is plainly RSS is read anyway."""
    server.route("/api", Reply(body=data("torznab_rss.xml"), content_type="text/html"))
    assert len(build_indexer(config(server), client=client, pacer=Pacer(0)).fetch_rss()) == 4


DATE = "<pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate>"


def test_absurd_and_control_character_titles(server: FeedServer, client) -> None:
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        "<item><title>" + "A" * 5000 + "</title><link>https://t.example/1.torrent</link>" + DATE + "</item>"
        "<item><title>Evil\tName\x0b.2020.1080p-GRP</title><link>https://t.example/2.torrent</link>" + DATE + "</item>"
        "</channel></rss>"
    ).replace("\x0b", "&#x9;")
    server.route("/api", Reply(body=body.encode()))
    [release] = build_indexer(config(server), client=client, pacer=Pacer(0)).fetch_rss()
    assert release.title == "Evil Name .2020.1080p-GRP"


def test_redirect_loop(server: FeedServer, client) -> None:
    server.route("/api", Reply(302, b"", "text/plain", headers={"Location": "/api?again=1"}))
    with pytest.raises(IndexerNetworkError, match="TooManyRedirects"):
        build_indexer(config(server), client=client, pacer=Pacer(0)).fetch_rss()
