"""Radarr's RSS readers ported (RssParser, TorrentRssParser, the TorrentRss settings detector, Ezrss, Nyaa,
IPTorrents, Torznab, Newznab): each behaviour served from a local server through the real indexer client."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from radarr_pipeline.config import AppConfig, IndexerConfig
from radarr_pipeline.indexers import build_indexer
from radarr_pipeline.indexers.errors import IndexerParseError
from radarr_pipeline.indexers.feed_text import clean_xml, description_peers, description_seeders, parse_size
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.services.indexer_sync import sync_rss

from .servers import FeedServer, Reply

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
DATE = "<pubDate>Wed, 25 Nov 2026 08:00:00 +0000</pubDate>"
TORZNAB_NS = 'xmlns:torznab="http://torznab.com/schemas/2015/feed"'
NEWZNAB_NS = 'xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/"'


@pytest.fixture
def client() -> httpx.Client:
    with httpx.Client(trust_env=False) as c:
        yield c


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEED_KEY", "FEEDKEY12345")


def rss(items: str, namespaces: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {namespaces}><channel>{items}</channel></rss>'\
        .encode()


def fetch(server: FeedServer, client: httpx.Client, body: bytes, *, kind: str = "rss",
          path: str = "/feed") -> list[IndexerRelease]:
    route = "/api" if kind in ("torznab", "newznab") else path
    server.route(route, Reply(body=body))
    url = server.url + ("" if kind in ("torznab", "newznab") else path)
    config = IndexerConfig(name="T", kind=kind, url=url, api_key_env="FEED_KEY", timeout_seconds=3)
    return build_indexer(config, client=client, pacer=Pacer(0)).fetch_rss()


# -- text helpers (Radarr's RssParser.ParseSize, TorrentRssParser's description readers, XmlCleaner) ------------

@pytest.mark.parametrize(("text", "size"), [
    ("Size: 1.37 GB", 1471026299),          # IPTorrentsFixture: 1.37 GB (binary by default)
    ("556 MB; TV/x264", 583008256),         # IPTorrentsFixture
    ("1,234.5 MB", 1294467072),             # thousands separator
    ("700MiB", 734003200),
    ("12 KiB", 12288),
    ("1.2345 GB", 0),                       # more than three decimals: the look-behind refuses every digit run
    ("transfer 12 GiB/s", 0),               # a unit followed by "/" is not a size
    ("123456", 123456),                     # digits only: bytes
    ("", 0),
    ("no size here", 0),
])
def test_parse_size_shapes(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_parse_size_decimal_prefix_when_asked() -> None:
    assert parse_size("1.5 GB", default_to_binary=False) == 1_500_000_000
    assert parse_size("1.5 GiB", default_to_binary=False) == 1610612736  # GiB is always binary


def test_description_seeders_and_peers() -> None:
    assert (description_seeders("Seeders: 12, Leechers: 3"), description_peers("Seeders: 12, Leechers: 3")) == (12, 15)
    # Radarr's quirk, kept: in "12 Leechers" the leftmost leecher match is "12", so peers = 12 + 12
    assert description_peers("Seeders: 12 Leechers: 3") == 24
    assert (description_seeders("20 peers, 5 leechers"), description_peers("20 peers, 5 leechers")) == (15, 20)
    assert description_seeders("nothing") is None


def test_xml_cleaner_replaces_html_entities_and_forbidden_characters() -> None:
    cleaned = clean_xml(b"<a>caf&eacute;&nbsp;&amp;&unknownthing;\x01</a>")
    assert cleaned == "<a>caf&#233;&#160;&#38;&#38;unknownthing;</a>"


# -- XML clean-up and URLs ----------------------------------------------------------------------------------

def test_html_entities_xml_does_not_define_parse(server: FeedServer, client: httpx.Client) -> None:
    body = rss(f"<item><title>Am&eacute;lie&nbsp;2001 720p BluRay x264-GRP</title>{DATE}"
               "<link>https://t.example/1.torrent</link><description>&copy; tracker</description></item>")
    [release] = fetch(server, client, body)
    assert release.title == "Amélie 2001 720p BluRay x264-GRP"


def test_relative_links_resolve_against_the_feed_url(server: FeedServer, client: httpx.Client) -> None:
    # Radarr's relative_urls.xml shape: guid, link, comments and enclosure relative to the feed
    body = rss(f"<item><title>Heat.1995.1080p.BluRay.x264-GRP</title><guid>details/123</guid>{DATE}"
               "<link>getnzb/123.torrent&amp;i=7</link><comments>details/123#comments</comments>"
               '<enclosure url="/dl/123.torrent" length="9000000000" type="application/x-bittorrent"/>'
               "<torznab:attr name=\"size\" value=\"9000000000\"/></item>", TORZNAB_NS)
    [release] = fetch(server, client, body, kind="torznab")
    assert release.download_url == f"{server.url}/dl/123.torrent"
    assert release.info_url == f"{server.url}/details/123"
    assert release.comments_url == f"{server.url}/details/123#comments"


def test_invalid_download_link_is_skipped_and_counted(server: FeedServer, client: httpx.Client, store, library) -> None:
    body = rss(f"<item><title>Good.2020.1080p.WEB-DL-GRP</title>{DATE}<link>https://t.example/1.torrent</link></item>"
               f"<item><title>Bad.2020.1080p.WEB-DL-GRP</title>{DATE}<link>javascript:alert(1)</link></item>"
               f"<item><title>None.2020.1080p.WEB-DL-GRP</title>{DATE}</item>")
    server.route("/feed", Reply(body=body))
    config = IndexerConfig(name="T", kind="rss", url=server.url + "/feed", timeout_seconds=3)
    report = sync_rss(store, [config], NOW, clients=client, sleep=lambda _s: None)
    row = report.row("T")
    assert (row.status, row.fetched) == ("ok", 1)
    assert row.skipped == {"no valid download link": 2}
    assert "no valid download link: 2" in report.markdown()
    assert report.metadata()["indexers"][0]["skipped"] == {"no valid download link": 2}  # type: ignore[index]


def test_item_without_pubdate_makes_the_feed_unsupported(server: FeedServer, client: httpx.Client,
                                                          store, library) -> None:
    """RssParser.GetPublishDate throws UnsupportedFeedException, which fails the whole page (TorrentDay_NoPubDate)."""
    body = rss(f"<item><title>Dated.2020.1080p.WEB-DL-GRP</title>{DATE}<link>https://t.example/1.torrent</link>"
               "</item><item><title>Undated.2020.1080p.WEB-DL-GRP</title><link>https://t.example/2.torrent</link>"
               "</item>")
    with pytest.raises(IndexerParseError, match=r"must have a pubDate element.*Undated"):
        fetch(server, client, body)
    config = IndexerConfig(name="T", kind="rss", url=server.url + "/feed", timeout_seconds=3)
    report = sync_rss(store, [config], NOW, clients=client, sleep=lambda _s: None)
    assert report.failed == ["T"] and "pubDate" in (report.row("T").error or "")
    assert library.releases.count() == 0


def test_unreadable_pubdate_skips_the_item(server: FeedServer, client: httpx.Client) -> None:
    body = rss("<item><title>Odd.2020.1080p.WEB-DL-GRP</title><pubDate>yesterday-ish</pubDate>"
               f"<link>https://t.example/1.torrent</link></item><item><title>Fine.2020.720p.WEB-DL-GRP</title>{DATE}"
               "<link>https://t.example/2.torrent</link></item>")
    server.route("/feed", Reply(body=body))
    config = IndexerConfig(name="T", kind="rss", url=server.url + "/feed", timeout_seconds=3)
    result = build_indexer(config, client=client, pacer=Pacer(0)).fetch_rss_result()
    assert [r.title for r in result.releases] == ["Fine.2020.720p.WEB-DL-GRP"]
    assert result.skipped == {"unreadable pubDate": 1}


# -- enclosures and sizes -----------------------------------------------------------------------------------

def test_several_enclosures_torrent_indexer_takes_the_torrent(server: FeedServer, client: httpx.Client) -> None:
    body = rss(f"<item><title>Heat.1995.1080p.BluRay.x264-GRP</title>{DATE}"
               '<enclosure url="https://t.example/1.nzb" length="9000000000" type="application/x-nzb"/>'
               '<enclosure url="https://t.example/1.torrent" length="8000000000" type="application/x-bittorrent"/>'
               "</item>", TORZNAB_NS)
    [release] = fetch(server, client, body, kind="torznab")
    assert release.download_url == "https://t.example/1.torrent"
    assert release.size == 8000000000  # the chosen enclosure's length


def test_several_enclosures_usenet_indexer_takes_the_nzb(server: FeedServer, client: httpx.Client) -> None:
    body = rss(f"<item><title>Heat.1995.1080p.BluRay.x264-GRP</title>{DATE}"
               '<enclosure url="https://t.example/1.torrent" length="8000000000" type="application/x-bittorrent"/>'
               '<enclosure url="https://t.example/1.nzb" length="9000000000" type="application/x-nzb"/>'
               "</item>", NEWZNAB_NS)
    [release] = fetch(server, client, body, kind="newznab")
    assert (release.download_url, release.protocol) == ("https://t.example/1.nzb", "usenet")


def test_torznab_enclosure_length_of_a_torrent_file_is_not_the_size(server: FeedServer,
                                                                      client: httpx.Client) -> None:
    body = rss(f"<item><title>Heat.1995.1080p.BluRay.x264-GRP</title>{DATE}"
               '<enclosure url="https://t.example/1.torrent" length="48213" type="application/x-bittorrent"/>'
               "</item>", TORZNAB_NS)
    [release] = fetch(server, client, body, kind="torznab")
    assert release.size is None


def test_generic_feed_small_enclosures_size_from_description(server: FeedServer, client: httpx.Client) -> None:
    """TorrentRssSettingsDetector: an enclosure length under 2 MiB is the .torrent file; more than half the items
    state a size in the description, so the description is read (ImmortalSeed / AlphaRatio shape)."""
    items = "".join(
        f"<item><title>Movie.{i}.2020.1080p.BluRay.x264-GRP</title>{DATE}"
        f'<enclosure url="https://t.example/{i}.torrent" length="51234" type="application/x-bittorrent"/>'
        f"<description>Category: Movies Size: {i + 1}.5 GB Seeders: {10 + i}, Leechers: 2</description></item>"
        for i in range(3)
    )
    releases = fetch(server, client, rss(items))
    assert [r.size for r in releases] == [parse_size("1.5 GB"), parse_size("2.5 GB"), parse_size("3.5 GB")]
    assert [(r.seeders, r.peers) for r in releases] == [(10, 12), (11, 13), (12, 14)]
    assert releases[0].download_url == "https://t.example/0.torrent"


def test_generic_feed_valid_enclosure_lengths_are_sizes(server: FeedServer, client: httpx.Client) -> None:
    items = "".join(
        f"<item><title>Movie.{i}.2020.1080p.BluRay.x264-GRP</title>{DATE}"
        f'<enclosure url="https://t.example/{i}.torrent" length="{(i + 1) * 10**9}" type="application/x-bittorrent"/>'
        f"<description>Size: 9.9 GB</description></item>" for i in range(2)
    )
    assert [r.size for r in fetch(server, client, rss(items))] == [10**9, 2 * 10**9]


def test_generic_feed_size_element(server: FeedServer, client: httpx.Client) -> None:
    items = "".join(
        f"<item><title>Movie.{i}.2020.1080p.BluRay.x264-GRP</title>{DATE}<link>https://t.example/{i}.torrent</link>"
        f"<size>{i + 2}.0 GiB</size></item>" for i in range(2)
    )
    assert [r.size for r in fetch(server, client, rss(items))] == [2 * 1024**3, 3 * 1024**3]


def test_iptorrents_shaped_feed(server: FeedServer, client: httpx.Client) -> None:
    """IPTorrentsFixture's shape: link is the download, the size is in the description."""
    body = rss(
        "<item><title>Heat 1995 720p BluRay x264-DRAWER</title>"
        "<link>http://iptorrents.example/download.php/1234/Heat.torrent?torrent_pass=abcd</link>"
        "<pubDate>Mon, 12 May 2014 19:06:34 +0000</pubDate>"
        "<description>Category: Movie/x264 Size: 1.37 GB </description>"
        "</item><item><title>Ronin 1998 1080p WEB-DL DD5 1 H 264-BS</title>"
        "<link>http://iptorrents.example/download.php/1235/Ronin.torrent?torrent_pass=abcd</link>"
        "<pubDate>Mon, 12 May 2014 19:06:25 +0000</pubDate><description>556 MB; Movie/x264</description></item>"
    )
    heat, ronin = fetch(server, client, body)
    assert heat.download_url == "http://iptorrents.example/download.php/1234/Heat.torrent?torrent_pass=abcd"
    assert (heat.size, ronin.size) == (1471026299, 583008256)
    assert heat.published_at == datetime(2014, 5, 12, 19, 6, 34, tzinfo=UTC)
    assert heat.seeders is None and heat.protocol == "torrent"


# -- tracker namespaces -------------------------------------------------------------------------------------

NYAA = rss(
    "<item><title>[Foxy-Subs] Mahouka Koukou no Yuutousei - 08 [720p] [3194D881].mkv</title>"
    "<link>https://nyaa.example/download/1424896.torrent</link>"
    '<guid isPermaLink="true">https://nyaa.example/view/1424896</guid>'
    "<pubDate>Tue, 24 Aug 2021 22:18:46 -0000</pubDate><nyaa:seeders>4</nyaa:seeders>"
    "<nyaa:leechers>3</nyaa:leechers><nyaa:downloads>2</nyaa:downloads>"
    "<nyaa:infoHash>e8ca5e20eca876339f41c3d9e95ea66c1d7caaee</nyaa:infoHash><nyaa:size>609.6 MiB</nyaa:size>"
    "<description><![CDATA[ <a href=\"https://nyaa.example/view/1424896\">#1424896</a> | 609.6 MiB ]]></description>"
    "</item>",
    'xmlns:nyaa="https://nyaa.si/xmlns/nyaa"',
)


def test_nyaa_namespace_parses_as_radarrs_nyaa_indexer(server: FeedServer, client: httpx.Client) -> None:
    """NyaaFixture (Nyaa2021.xml): seeders 4, peers = leechers + seeders, size from nyaa:size, guid as info URL."""
    [release] = fetch(server, client, NYAA)
    assert release.download_url == "https://nyaa.example/download/1424896.torrent"
    assert release.info_url == "https://nyaa.example/view/1424896"
    assert (release.seeders, release.peers) == (4, 7)
    assert release.size == 639211930  # 609.6 MiB
    assert release.infohash == "e8ca5e20eca876339f41c3d9e95ea66c1d7caaee"
    assert release.published_at == datetime(2021, 8, 24, 22, 18, 46, tzinfo=UTC)


def test_ezrss_torrent_namespace(server: FeedServer, client: httpx.Client) -> None:
    """EzrssTorrentRssParser: enclosure URL, size from torrent:contentLength (never the enclosure length),
    seeds, info hash, magnet; the guid is the info URL."""
    body = rss(
        "<item><title>Heat.1995.1080p.BluRay.x264-GRP</title><guid>https://ez.example/ep/1</guid>"
        f"{DATE}<enclosure url=\"https://ez.example/1.torrent\" length=\"40960\" type=\"application/x-bittorrent\"/>"
        "<torrent:contentLength>8589934592</torrent:contentLength>"
        "<torrent:infoHash>1234567890ABCDEF1234567890ABCDEF12345678</torrent:infoHash>"
        "<torrent:seeds>31</torrent:seeds><torrent:peers>35</torrent:peers>"
        "<torrent:magnetURI><![CDATA[magnet:?xt=urn:btih:1234567890ABCDEF1234567890ABCDEF12345678]]>"
        "</torrent:magnetURI></item>",
        'xmlns:torrent="http://xmlns.ezrss.it/0.1/"',
    )
    [release] = fetch(server, client, body)
    assert (release.download_url, release.info_url) == ("https://ez.example/1.torrent", "https://ez.example/ep/1")
    assert release.size == 8589934592
    assert (release.seeders, release.peers) == (31, 35)
    assert release.infohash == "1234567890abcdef1234567890abcdef12345678"
    assert release.magnet_url and release.magnet_url.startswith("magnet:")


# -- Newznab / Torznab attributes ---------------------------------------------------------------------------

def test_newznab_attributes_flags_languages_comments(server: FeedServer, client: httpx.Client) -> None:
    """NewznabRssParser: prematch/haspretime -> G_Scene, nuked -> Nuked, language (comma lists) -> languages
    (newznab_indexerflags.xml / newznab_language.xml scenarios); comments apart from the info URL."""
    def item(n: int, attrs: str) -> str:
        return (f"<item><title>Heat.1995.1080p.BluRay.x264-GRP{n}</title><guid>g{n}</guid>{DATE}"
                f"<comments>https://nzb.example/details/{n}#comments</comments>"
                f'<enclosure url="https://nzb.example/get/{n}.nzb" length="9000000000" type="application/x-nzb"/>'
                f"{attrs}</item>")

    body = rss(
        item(1, '<newznab:attr name="prematch" value="1"/><newznab:attr name="language" value="English, French"/>')
        + item(2, '<newznab:attr name="haspretime" value="1"/><newznab:attr name="nuked" value="1"/>'
                  '<newznab:attr name="language" value="Klingon"/>')
        + item(3, '<newznab:attr name="prematch" value="0"/><newznab:attr name="nuked" value="0"/>'
                  '<language>Portuguese (Brazil)</language>'),
        NEWZNAB_NS,
    )
    first, second, third = fetch(server, client, body, kind="newznab")
    assert first.indexer_flags == ("G_Scene",) and first.languages == ("english", "french")
    assert second.indexer_flags == ("G_Scene", "Nuked") and second.languages == ()
    assert third.indexer_flags == () and third.languages == ("portuguesebr",)
    assert first.comments_url == "https://nzb.example/details/1#comments"
    assert first.info_url == "https://nzb.example/details/1"
    assert {r.protocol for r in (first, second, third)} == {"usenet"}


def test_torznab_language_attribute(server: FeedServer, client: httpx.Client, store, library) -> None:
    body = rss(f"<item><title>Heat.1995.1080p.BluRay.x264-GRP</title>{DATE}"
               '<enclosure url="https://t.example/1.torrent" length="9000000000" type="application/x-bittorrent"/>'
               '<torznab:attr name="language" value="German"/><torznab:attr name="tag" value="scene"/></item>',
               TORZNAB_NS)
    server.route("/api", Reply(body=body))
    config = IndexerConfig(name="T", kind="torznab", url=server.url, api_key_env="FEED_KEY", timeout_seconds=3)
    sync_rss(store, [config], NOW, clients=client, sleep=lambda _s: None)
    [stored] = library.releases.all()
    assert stored.release.languages == ("german",) and stored.release.indexer_flags == ("G_Scene",)
    assert stored.release.protocol == "torrent"


# -- configuration ------------------------------------------------------------------------------------------

def test_newznab_without_a_usenet_client_is_a_config_error(tmp_path: Path) -> None:
    document = {
        "root_folders": [str(tmp_path)],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:8080"},
        "indexers": [{"name": "NZBgeek", "kind": "newznab", "url": "https://api.nzbgeek.example"}],
    }
    with pytest.raises(ValueError, match=r"NZBgeek.*Newznab \(Usenet\).*torrent client.*no Usenet download client"):
        AppConfig.model_validate(document)
    document["indexers"][0]["enabled"] = False  # type: ignore[index]
    assert AppConfig.model_validate(document).indexers[0].kind == "newznab"
