"""The blackhole client over real folders: watch file written, completed item found, hand-added items, removal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from radarr_pipeline.download_clients import BlackholeClient, DownloadClientError, DownloadStatus
from radarr_pipeline.download_clients.blackhole import safe_name, untracked_id


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    watch, done = tmp_path / "watch", tmp_path / "completed"
    watch.mkdir()
    done.mkdir()
    return watch, done


def _string(value: str) -> bytes:
    raw = value.encode()
    return b"%d:%s" % (len(raw), raw)


def torrent_bytes(name: str) -> tuple[bytes, str]:
    """A one-folder torrent written out by hand, and its infohash (SHA-1 of the bencoded info dictionary)."""
    video = b"x" * 40_000
    info = (b"d5:filesld6:lengthi%de4:pathl%seee" % (len(video), _string(f"{name}.mkv"))
            + b"4:name" + _string(name)
            + b"12:piece lengthi65536e6:pieces20:" + hashlib.sha1(video).digest() + b"e")
    return b"d8:announce" + _string("http://127.0.0.1:6969/announce") + b"4:info" + info + b"e", hashlib.sha1(
        info
    ).hexdigest()


def test_a_grab_goes_to_the_watch_folder_and_is_imported_from_the_completed_folder(folders) -> None:
    watch, done = folders
    client = BlackholeClient(watch, done, settle_seconds=0)
    data, infohash = torrent_bytes("Heat.1995.1080p.BluRay.x264-GRP")
    assert client.add_torrent(torrent=data) == infohash
    assert (watch / "Heat.1995.1080p.BluRay.x264-GRP.torrent").read_bytes() == data
    [queued] = client.downloads()
    assert (queued.download_id, queued.status) == (infohash, DownloadStatus.QUEUED)

    (watch / "Heat.1995.1080p.BluRay.x264-GRP.torrent").unlink()  # the watching client took it
    assert client.downloads()[0].status is DownloadStatus.DOWNLOADING
    finished = done / "Heat.1995.1080p.BluRay.x264-GRP"
    finished.mkdir()
    (finished / "Heat.1995.1080p.BluRay.x264-GRP.mkv").write_bytes(b"y" * 100)
    [complete] = client.downloads()
    assert complete.status is DownloadStatus.COMPLETED and complete.content_path == str(finished)
    assert client.has(infohash)
    assert client.remove(infohash, delete_files=True) is True
    assert not finished.exists() and client.downloads() == []
    assert client.remove(infohash, delete_files=True) is False


def test_magnets_hand_added_items_and_settling(folders) -> None:
    watch, done = folders
    client = BlackholeClient(watch, done, settle_seconds=3600)
    infohash = client.add_torrent(magnet="magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=Alien.1979.720p.BluRay-X")
    assert (watch / "Alien.1979.720p.BluRay-X.magnet").read_text().startswith("magnet:?")
    (done / "Heat.1995.1080p.BluRay.x264-GRP.mkv").write_bytes(b"z")
    found = {d.download_id: d for d in client.downloads()}
    assert set(found) == {infohash, untracked_id("Heat.1995.1080p.BluRay.x264-GRP.mkv")}
    assert found[untracked_id("Heat.1995.1080p.BluRay.x264-GRP.mkv")].status is DownloadStatus.DOWNLOADING, \
        "an item still being written is not complete yet"


def test_hostile_names_and_missing_folders(folders, tmp_path) -> None:
    watch, done = folders
    assert safe_name("../../etc") is None and safe_name("Heat (1995)") == "Heat (1995)"
    assert safe_name("..") is None and safe_name("a/b") is None and safe_name("a\x00b") is None
    client = BlackholeClient(watch, done)
    infohash = client.add_torrent(magnet="magnet:?xt=urn:btih:" + "cd" * 20 + "&dn=../../escape")
    assert not (tmp_path / "escape.magnet").exists() and (watch / f"{infohash}.magnet").exists()
    gone = BlackholeClient(tmp_path / "nope", done)
    with pytest.raises(DownloadClientError, match=r"watch folder .* does not exist"):
        gone.downloads()
