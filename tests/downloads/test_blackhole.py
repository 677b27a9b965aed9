"""The blackhole client over real folders: watch file written, completed item found, hand-added items, removal."""

from __future__ import annotations

from pathlib import Path

import pytest
import torf

from radarr_pipeline.download_clients import BlackholeClient, DownloadClientError, DownloadStatus
from radarr_pipeline.download_clients.blackhole import safe_name, untracked_id


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    watch, done = tmp_path / "watch", tmp_path / "completed"
    watch.mkdir()
    done.mkdir()
    return watch, done


def torrent_bytes(tmp_path: Path, name: str) -> tuple[bytes, str]:
    content = tmp_path / "src" / name
    content.mkdir(parents=True)
    (content / f"{name}.mkv").write_bytes(b"x" * 40_000)
    torrent = torf.Torrent(path=content)
    torrent.generate()
    return torrent.dump(), str(torrent.infohash).lower()


def test_a_grab_goes_to_the_watch_folder_and_is_imported_from_the_completed_folder(folders, tmp_path) -> None:
    watch, done = folders
    client = BlackholeClient(watch, done, settle_seconds=0)
    data, infohash = torrent_bytes(tmp_path, "Heat.1995.1080p.BluRay.x264-GRP")
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
