"""Torznab and Newznab against a local server: RSS, caps, search with fallback and paging, odd items."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from radarr_pipeline.config import IndexerConfig
from radarr_pipeline.indexers import build_indexer
from radarr_pipeline.indexers.errors import IndexerAuthError, IndexerRateLimitedError
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import Movie

from .servers import FeedServer, Reply, Seen, data

KEY = "TORZNABKEY0123456789"


def build(config: IndexerConfig, client: httpx.Client):
    """The real indexer, without the 2 s courtesy wait between requests."""
    return build_indexer(config, client=client, pacer=Pacer(0.0))


MATRIX = Movie(id=1, title="The Matrix", year=1999, tmdb_id=603, imdb_id="tt0133093")


@pytest.fixture
def client() -> httpx.Client:
    with httpx.Client(trust_env=False) as c:
        yield c


def torznab(server: FeedServer, monkeypatch: pytest.MonkeyPatch, *, kind: str = "torznab", path: str = "/api",
            categories: list[int] | None = None) -> IndexerConfig:
    monkeypatch.setenv("TEST_TORZNAB_KEY", KEY)
    return IndexerConfig(
        name="Jackett", kind=kind, url=server.url + path.removesuffix("/api"), api_key_env="TEST_TORZNAB_KEY",
        categories=categories or [2000, 2040], timeout_seconds=5,
    )


def test_rss_maps_every_attribute(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    server.route("/api", Reply(body=data("torznab_rss.xml")))
    indexer = build(torznab(server, monkeypatch), client)

    releases = indexer.fetch_rss()

    assert [r.title for r in releases] == [
        "The.Matrix.1999.1080p.BluRay.x264-SPARKS",
        "Amélie & Friends <Director's Cut> 2001 720p WEB-DL DD5.1 H.264-GRP",
        "Magnet.Only.Movie.2020.2160p.UHD.BluRay.x265-TERMiNAL",
        "Bare.Minimum.2019.DVDRip.XviD-OLD",
    ]
    matrix, amelie, magnet, bare = releases
    assert matrix.guid == "https://tracker.example/details.php?id=1001"
    assert matrix.indexer == "Jackett"
    assert matrix.download_url == "https://tracker.example/dl/1001.torrent?passkey=SECRETPASSKEY123"
    assert matrix.info_url == "https://tracker.example/details.php?id=1001"
    assert matrix.size == 9876543210
    assert (matrix.seeders, matrix.peers) == (57, 61)
    assert matrix.infohash == "aabbccddeeff00112233445566778899aabbccdd"
    assert matrix.imdb_id == "tt0133093"
    assert matrix.tmdb_id == 603
    assert matrix.categories == (2000, 2040)
    assert matrix.published_at == datetime(2026, 11, 28, 10, 15, tzinfo=UTC)
    assert (matrix.download_volume_factor, matrix.upload_volume_factor) == (0.0, 1.0)
    assert matrix.indexer_flags == ("G_Freeleech", "G_Internal")

    assert amelie.guid == "tracker-1002"
    assert (amelie.seeders, amelie.peers) == (3, 5)  # peers = seeders + leechers when peers is absent
    assert amelie.indexer_flags == ("G_Halfleech", "G_DoubleUpload")
    assert amelie.published_at == datetime(2026, 11, 27, 22, 0, tzinfo=UTC)

    assert magnet.download_url is None
    assert magnet.magnet_url is not None and magnet.magnet_url.startswith("magnet:?xt=urn:btih:")
    assert magnet.infohash == "aae65c4ed9db5bc78083bb2d804fcd787b75046e"  # base32 in the magnet, hex here
    assert magnet.size == 33000000000
    assert magnet.published_at == datetime(2026, 11, 26, 7, 0, tzinfo=UTC)

    assert bare.guid == "https://tracker.example/dl/1004.torrent"
    assert (bare.size, bare.seeders, bare.indexer_flags) == (None, None, ())
    assert {r.protocol for r in releases} == {"torrent"}

    [request] = server.seen("/api")
    assert request.param("t") == "movie"
    assert request.param("cat") == "2000,2040"
    assert request.param("extended") == "1"
    assert request.param("apikey") == KEY


def test_newznab_namespace_and_usenet_date(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    server.route("/api", Reply(body=data("newznab_movie.xml"), content_type="application/xml"))
    indexer = build(torznab(server, monkeypatch, kind="newznab"), client)

    remux, sparks = indexer.fetch_rss()

    assert remux.guid == "https://nzb.example/details/4f1c2e"
    assert remux.size == 62981234567
    assert remux.categories == (2000, 2045)
    assert remux.imdb_id == "tt1856101"
    assert remux.info_url == "https://nzb.example/details/4f1c2e"
    assert remux.seeders is None and remux.infohash is None
    assert sparks.imdb_id == "tt1856101"  # "tt" prefix tolerated
    assert sparks.size == 14000000000  # from the enclosure length
    assert sparks.published_at == datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # no usenetdate: the pubDate
    assert remux.published_at == datetime(2026, 11, 22, 23, 59, tzinfo=UTC)  # usenetdate first, as in Radarr
    assert {remux.protocol, sparks.protocol} == {"usenet"}


def test_caps(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    server.route("/api", lambda seen: Reply(body=data("torznab_caps.xml"), content_type="text/xml"))
    caps = build(torznab(server, monkeypatch), client).capabilities()
    assert caps.server_title == "Jackett"
    assert (caps.limit_max, caps.limit_default) == (100, 50)
    assert caps.movie_search_params == {"q", "imdbid", "tmdbid"}
    assert caps.movie_categories() == [2000, 2030, 2040, 2045]
    assert caps.categories[100001] == "Films HD"


def _search_server(server: FeedServer, *, caps: bytes, by_id: bytes, by_text: bytes) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(body=caps)
        if seen.param("imdbid") or seen.param("tmdbid"):
            return Reply(body=by_id)
        return Reply(body=by_text)

    server.route("/api", answer)


EMPTY = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'


def test_search_by_ids_when_supported(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    _search_server(server, caps=data("torznab_caps.xml"), by_id=data("torznab_rss.xml"), by_text=EMPTY)
    indexer = build(torznab(server, monkeypatch), client)

    releases = indexer.search(MATRIX)

    assert len(releases) == 4
    searches = [r for r in server.seen("/api") if r.param("t") != "caps"]
    assert len(searches) == 1
    assert searches[0].param("t") == "movie"
    assert searches[0].param("imdbid") == "0133093"
    assert searches[0].param("tmdbid") == "603"
    assert searches[0].param("q") is None
    assert searches[0].param("limit") == "100" and searches[0].param("offset") == "0"


def test_search_falls_back_to_title_and_year(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    _search_server(server, caps=data("torznab_caps.xml"), by_id=EMPTY, by_text=data("torznab_rss.xml"))
    indexer = build(torznab(server, monkeypatch), client)

    releases = indexer.search(Movie(id=2, title="Amélie: Le Fabuleux", year=2001, imdb_id="tt0211915"))

    assert len(releases) == 4
    text = [r for r in server.seen("/api") if r.param("q")]
    assert [r.param("q") for r in text] == ["Amélie Le Fabuleux 2001"]
    assert text[0].param("t") == "movie"


def test_search_without_id_support_uses_text_only(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    caps = data("torznab_caps.xml").replace(b'supportedParams="q,imdbid,tmdbid"', b'supportedParams="q"')
    _search_server(server, caps=caps, by_id=data("torznab_rss.xml"), by_text=EMPTY)
    indexer = build(torznab(server, monkeypatch), client)

    assert indexer.search(MATRIX) == []
    assert not [r for r in server.seen("/api") if r.param("imdbid") or r.param("tmdbid")]


def test_search_pages_until_total(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    def page(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(body=data("torznab_caps.xml").replace(b'max="100"', b'max="2"'))
        offset = int(seen.param("offset") or 0)
        items = "".join(
            f"<item><title>Movie.Page.{i}.2020.1080p.WEB-DL-GRP</title><guid>g{i}</guid>"
            f"<link>https://t.example/{i}.torrent</link><pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate></item>"
            for i in range(offset, min(offset + 2, 5))
        )
        xml = (
            '<?xml version="1.0"?><rss version="2.0" xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/">'
            f'<channel><newznab:response offset="{offset}" total="5"/>{items}</channel></rss>'
        )
        return Reply(body=xml.encode())

    server.route("/api", page)
    releases = build(torznab(server, monkeypatch), client).search(MATRIX)
    # three pages of at most 2 (the cap on pages is 3): 0-1, 2-3, 4
    assert [r.guid for r in releases] == ["g0", "g1", "g2", "g3", "g4"]
    offsets = [r.param("offset") for r in server.seen("/api") if r.param("t") != "caps"]
    assert offsets == ["0", "2", "4"]


def test_caps_failure_falls_back_to_defaults(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "caps":
            return Reply(404, b"no caps here", "text/plain")
        return Reply(body=data("torznab_rss.xml"))

    server.route("/api", answer)
    releases = build(torznab(server, monkeypatch), client).search(MATRIX)
    assert len(releases) == 4
    [search] = [r for r in server.seen("/api") if r.param("t") == "movie"]
    assert search.param("imdbid") == "0133093" and search.param("tmdbid") is None


@pytest.mark.parametrize(
    ("code", "description", "error"),
    [
        (100, "Incorrect user credentials", IndexerAuthError),
        (500, "Request limit reached", IndexerRateLimitedError),
    ],
)
def test_error_documents(server: FeedServer, client: httpx.Client, monkeypatch, code, description, error) -> None:
    body = f'<?xml version="1.0" encoding="UTF-8"?><error code="{code}" description="{description}"/>'
    server.route("/api", Reply(body=body.encode(), content_type="application/xml"))
    with pytest.raises(error) as caught:
        build(torznab(server, monkeypatch), client).fetch_rss()
    message = str(caught.value)
    assert "'Jackett'" in message and f"127.0.0.1:{server.port}/api" in message and description in message
    assert KEY not in message


def test_url_ending_in_api_is_used_as_is(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    server.route("/torznab/api", Reply(body=data("torznab_rss.xml")))
    monkeypatch.setenv("TEST_TORZNAB_KEY", KEY)
    config = IndexerConfig(name="Prowlarr", url=server.url + "/torznab/api", api_key_env="TEST_TORZNAB_KEY")
    assert len(build(config, client).fetch_rss()) == 4


def test_pacer_spaces_requests(server: FeedServer, client: httpx.Client, monkeypatch) -> None:
    _search_server(server, caps=data("torznab_caps.xml"), by_id=EMPTY, by_text=EMPTY)
    waits: list[float] = []
    clock = iter(x * 0.1 for x in range(100))
    pacer = Pacer(2.0, sleep=waits.append, clock=lambda: next(clock))
    build_indexer(torznab(server, monkeypatch), client=client, pacer=pacer).search(MATRIX)
    assert pacer.requests == 3  # caps, id search, text search
    assert len(waits) == 2 and all(1.5 < w <= 2.0 for w in waits)


def test_rss_falls_back_to_t_search_when_movie_is_unavailable(server: FeedServer, client, monkeypatch) -> None:
    def answer(seen: Seen) -> Reply:
        if seen.param("t") == "movie":
            return Reply(body=b'<?xml version="1.0"?><error code="203" description="Function not available"/>')
        return Reply(body=data("torznab_rss.xml"))

    server.route("/api", answer)
    assert len(build(torznab(server, monkeypatch), client).fetch_rss()) == 4
    assert [r.param("t") for r in server.seen("/api")] == ["movie", "search"]
