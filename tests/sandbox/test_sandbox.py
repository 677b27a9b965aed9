"""The sandbox's real components: two qBittorrents transferring over loopback, restart, Torznab, media."""

from __future__ import annotations

import base64
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import defusedxml.ElementTree as DET
import httpx
import pytest

from radarr_sandbox import media
from radarr_sandbox.media import MediaCache
from radarr_sandbox.pytest_fixtures import QBittorrentPair
from radarr_sandbox.qbittorrent import QBittorrentProcess, hash_webui_password, wait_for_complete
from radarr_sandbox.scenario import SeededRelease, connect_peers
from radarr_sandbox.torrents import make_torrent, read_torrent
from radarr_sandbox.torznab import TORZNAB_NS, TorznabItem, TorznabServer

pytestmark = pytest.mark.integration

DONE_STATES = {"stalledUP", "uploading", "pausedUP", "stoppedUP", "queuedUP", "forcedUP"}
TZ = f"{{{TORZNAB_NS}}}"


def _listening_addresses(pid: int) -> set[str]:
    """Local ``ip:port`` of every TCP/UDP socket the process holds (from /proc), IPv4 and IPv6."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("tcp", "udp", "tcp6", "udp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            cols = line.split()
            if cols[9] in inodes:
                addr_hex, port_hex = cols[1].split(":")
                if len(addr_hex) == 8:
                    addr = ".".join(str(b) for b in reversed(bytes.fromhex(addr_hex)))
                else:
                    addr = "v6:" + addr_hex
                found.add(f"{addr}:{int(port_hex, 16)}")
    return found


def _make_category(qbt: QBittorrentProcess, root: Path) -> Path:
    save = root / "downloads" / "radarr"
    qbt.client().torrents_create_category(name="radarr", save_path=str(save))
    return save


def _assert_completed(qbt: QBittorrentProcess, release: SeededRelease, category_dir: Path) -> None:
    info = wait_for_complete(qbt.client(), release.infohash, timeout=30, what=f"leecher {qbt.url}")
    assert info["progress"] == 1
    assert info["state"] in DONE_STATES
    assert info["category"] == "radarr"
    assert Path(str(info["save_path"])) == category_dir
    got = category_dir / release.title / f"{release.title}.mkv"
    want = release.content_path / f"{release.title}.mkv"
    assert got.read_bytes() == want.read_bytes()


def test_magnet_transfer_between_two_instances(
    qbittorrent_pair: QBittorrentPair, seed_release: Callable[..., SeededRelease], tmp_path: Path
) -> None:
    seeder, leecher = qbittorrent_pair
    release = seed_release("Big.Buck.Bunny.2008.720p.BluRay.x264-GRP")
    seeded = seeder.client().torrents_info(torrent_hashes=release.infohash)[0]
    assert seeded.progress == 1 and seeded.state in DONE_STATES

    category_dir = _make_category(leecher, tmp_path)
    client = leecher.client()
    assert client.torrents_add(urls=release.magnet, category="radarr") == "Ok."
    started = time.monotonic()
    connect_peers(client, release.infohash, seeder)
    _assert_completed(leecher, release, category_dir)
    print(f"magnet add -> complete: {time.monotonic() - started:.2f} s")

    # Everything either instance listens on is loopback.
    for proc in qbittorrent_pair:
        assert proc.pid is not None
        addresses = _listening_addresses(proc.pid)
        assert f"127.0.0.1:{proc.webui_port}" in addresses
        assert all(a.startswith("127.0.0.1:") for a in addresses), addresses


def test_torrent_file_transfer_between_two_instances(
    qbittorrent_pair: QBittorrentPair, seed_release: Callable[..., SeededRelease], tmp_path: Path
) -> None:
    seeder, leecher = qbittorrent_pair
    release = seed_release("Sintel.2010.1080p.WEB-DL.x264-GRP", size="1920x1080", nfo=True)
    category_dir = _make_category(leecher, tmp_path)
    client = leecher.client()
    assert client.torrents_add(torrent_files=release.torrent_bytes, category="radarr") == "Ok."
    connect_peers(client, release.infohash, seeder)
    _assert_completed(leecher, release, category_dir)
    assert (category_dir / release.title / f"{release.title}.nfo").is_file()


def test_restart_keeps_torrent(
    qbittorrent: QBittorrentProcess, make_movie: Callable[..., Path], tmp_path: Path
) -> None:
    movie = make_movie(tmp_path / "data" / "Tears.of.Steel.2012.720p.BluRay.x264-GRP.mkv")
    torrent = make_torrent(movie, tmp_path / "t.torrent")
    assert qbittorrent.add_seed(torrent.torrent_path, movie.parent) == torrent.infohash
    url, old_pid = qbittorrent.url, qbittorrent.pid
    assert old_pid is not None

    assert qbittorrent.stop() == 0
    assert not qbittorrent.running
    with pytest.raises(ProcessLookupError):
        os.kill(old_pid, 0)

    qbittorrent.start()
    assert qbittorrent.url == url and qbittorrent.pid != old_pid
    info = wait_for_complete(qbittorrent.client(), torrent.infohash, timeout=20)
    assert info["progress"] == 1 and info["state"] in DONE_STATES
    assert info["name"] == movie.name


def test_torznab_server(torznab_server: TorznabServer, make_movie: Callable[..., Path], tmp_path: Path) -> None:
    movie = make_movie(tmp_path / "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP.mkv", seconds=1)
    torrent = make_torrent(movie, tmp_path / "bbb.torrent")
    item_id = torznab_server.add_item(
        TorznabItem(
            title=movie.stem,
            torrent_path=torrent.torrent_path,
            infohash=torrent.infohash,
            magnet=torrent.magnet,
            size=torrent.size,
            seeders=7,
            peers=9,
            imdb_id="tt1254207",
            tmdb_id=10378,
            category=2040,
        )
    )
    torznab_server.add_item(
        TorznabItem(
            title="Sintel.2010.2160p.UHD.BluRay.x265-GRP",
            imdb_id="tt1727587",
            category=2045,
            size=123,
            magnet="magnet:?xt=urn:btih:" + "ab" * 20,
        )
    )
    key = torznab_server.apikey
    with httpx.Client(timeout=5) as http:
        caps = DET.fromstring(http.get(torznab_server.api_url, params={"t": "caps", "apikey": key}).content)
        assert caps.tag == "caps"
        assert caps.find("searching/movie-search").get("supportedParams") == "q,imdbid,tmdbid"
        cat_ids = {c.get("id") for c in caps.iter() if c.tag in {"category", "subcat"}}
        assert {"2000", "2040", "2045"} <= cat_ids

        resp = http.get(
            torznab_server.api_url,
            params={"t": "movie", "apikey": key, "cat": "2000", "imdbid": "tt1254207"},
        )
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/rss+xml")
        items = DET.fromstring(resp.content).findall("channel/item")
        assert len(items) == 1
        item = items[0]
        attrs = {a.get("name"): a.get("value") for a in item.findall(f"{TZ}attr")}
        assert item.findtext("title") == movie.stem
        assert attrs["imdbid"] == "1254207" and attrs["tmdbid"] == "10378"
        assert attrs["infohash"] == torrent.infohash and attrs["magneturl"] == torrent.magnet
        assert attrs["seeders"] == "7" and attrs["peers"] == "9" and attrs["size"] == str(torrent.size)
        assert attrs["downloadvolumefactor"] == "1" and attrs["uploadvolumefactor"] == "1"
        assert item.findtext("pubDate", "").endswith("+0000")
        enclosure = item.find("enclosure")
        assert enclosure is not None and enclosure.get("type") == "application/x-bittorrent"
        assert enclosure.get("url") == item.findtext("link") == torznab_server.download_url(item_id)

        searched = http.get(torznab_server.api_url, params={"t": "search", "apikey": key, "q": "sintel 2160p"})
        assert [i.findtext("title") for i in DET.fromstring(searched.content).iter("item")] == [
            "Sintel.2010.2160p.UHD.BluRay.x265-GRP"
        ]
        everything = DET.fromstring(http.get(torznab_server.api_url, params={"t": "search", "apikey": key}).content)
        assert len(everything.findall("channel/item")) == 2

        torrent_resp = http.get(enclosure.get("url"))
        assert torrent_resp.status_code == 200
        assert torrent_resp.headers["content-type"] == "application/x-bittorrent"
        assert torrent_resp.content == torrent.torrent_path.read_bytes()
        (tmp_path / "downloaded.torrent").write_bytes(torrent_resp.content)
        assert read_torrent(tmp_path / "downloaded.torrent").infohash == torrent.infohash

        wrong = http.get(torznab_server.api_url, params={"t": "movie", "apikey": "nope"})
        error = DET.fromstring(wrong.content)
        assert (error.tag, error.get("code"), error.get("description")) == (
            "error",
            "100",
            "Incorrect user credentials",
        )
        assert http.get(f"{torznab_server.url}/download/{item_id}.torrent").status_code == 401

        torznab_server.respond_raw("/api", b"<rss><channel><item>", 200)
        assert (
            http.get(torznab_server.api_url, params={"t": "search", "apikey": key}).content == b"<rss><channel><item>"
        )

    recorded = [r for r in torznab_server.requests if r.path == "/api"]
    assert recorded[1].param("imdbid") == "tt1254207" and recorded[1].param("t") == "movie"


def test_password_hash_format() -> None:
    value = hash_webui_password("adminadmin", salt=b"\x01" * 16)
    assert value.startswith("@ByteArray(") and value.endswith(")")
    salt_b64, key_b64 = value[len("@ByteArray(") : -1].split(":")
    assert base64.b64decode(salt_b64) == b"\x01" * 16
    assert base64.b64decode(key_b64) == hashlib.pbkdf2_hmac("sha512", b"adminadmin", b"\x01" * 16, 100_000, 64)


def test_media_cache_encodes_once(
    media_cache: MediaCache, make_movie: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_movie(tmp_path / "a.mkv", seconds=1, size="320x240")

    def no_second_encode(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the same movie was encoded again instead of coming from the cache")

    monkeypatch.setattr(media, "encode", no_second_encode)
    second = make_movie(tmp_path / "b.mkv", seconds=1, size="320x240")
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_nlink == 1  # copied out of the cache, not linked
    assert len(list(media_cache.root.glob("*.mkv"))) >= 1
