"""Radarr's RemotePathMappingServiceFixture and OsPathFixture cases, and the mapping applied where qBittorrent's
paths are read."""

import pytest

from radarr_pipeline.config import ConfigError, parse_config
from radarr_pipeline.values.os_paths import OsPath, PathKind, PathMapping, mapping_for, remap_remote_to_local

MAPPINGS = [PathMapping("my-server.localdomain", "/mnt/storage/", "D:\\mountedstorage\\"),
            PathMapping("my-server.localdomain", "/data/torrents", "/srv/media/torrents/")]


@pytest.mark.parametrize(("host", "remote", "local"), [
    ("my-server.localdomain", "/mnt/storage/downloads/tv", "D:\\mountedstorage\\downloads\\tv"),
    ("My-Server.localdomain", "/mnt/storage/downloads/tv", "D:\\mountedstorage\\downloads\\tv"),
    ("my-2server.localdomain", "/mnt/storage/downloads/tv", "/mnt/storage/downloads/tv"),
    ("my-server.localdomain", "/mnt/storageabc/downloads/tv", "/mnt/storageabc/downloads/tv"),
    ("my-server.localdomain", "/data/torrents/Movie (2020)/movie.mkv", "/srv/media/torrents/Movie (2020)/movie.mkv"),
    ("my-server.localdomain", "/data//torrents\\Movie", "/srv/media/torrents/Movie"),
    ("my-server.localdomain", "/data/torrents", "/srv/media/torrents/"),
    ("my-server.localdomain", "", ""),
])
def test_remap_remote_to_local(host: str, remote: str, local: str) -> None:
    assert remap_remote_to_local(MAPPINGS, host, remote) == local


@pytest.mark.parametrize(("parent", "child", "contains"), [
    ("C:\\Test\\", "C:\\Test\\Contains\\", True),
    ("C:\\Test\\", "C:\\Other\\", False),
    ("C:\\Test\\", "c:\\test\\lower", True),  # a Windows side compares without case
    ("/mnt/Test/", "/mnt/test/x", False),
    ("/mnt/test", "relative/mnt/test", False),
])
def test_contains(parent: str, child: str, contains: bool) -> None:
    assert OsPath.of(parent).contains(OsPath.of(child)) is contains


def test_path_kinds_and_slashes() -> None:
    assert OsPath.of("D:/with/mixed\\slashes") == OsPath("D:\\with\\mixed\\slashes", PathKind.WINDOWS)
    assert OsPath.of("\\\\server\\share").is_rooted
    assert OsPath.of("/a//b\\c").path == "/a/b/c"
    assert not OsPath.of("relative").is_rooted


def test_the_mapping_that_applies_is_named() -> None:
    assert mapping_for(MAPPINGS, "MY-SERVER.localdomain", "/data/torrents/x") == MAPPINGS[1]
    assert mapping_for(MAPPINGS, "other", "/data/torrents/x") is None


def _config(mappings: list[dict[str, str]]) -> dict[str, object]:
    return {"root_folders": ["/movies"], "quality_profiles": [{"name": "Any", "allowed": ["Bluray-1080p"],
                                                               "cutoff": "Bluray-1080p"}],
            "download_client": {"kind": "qbittorrent", "url": "http://10.0.0.5:8080"},
            "remote_path_mappings": mappings}


def test_mappings_in_the_config_reach_the_client(tmp_path) -> None:
    from radarr_pipeline.services.configured import download_client

    config = parse_config(_config([{"host": "10.0.0.5", "remote_path": "/downloads", "local_path": "/mnt/dl"}]),
                          source="test", base_dir=tmp_path)
    client = download_client(config)
    assert client.local_path("/downloads/Movie.2020.1080p/movie.mkv") == "/mnt/dl/Movie.2020.1080p/movie.mkv"
    assert client.local_path("/elsewhere/movie.mkv") == "/elsewhere/movie.mkv"


@pytest.mark.parametrize(("mapping", "complaint"), [
    ({"host": " ", "remote_path": "/d", "local_path": "/mnt/d"}, "host must not be empty"),
    ({"host": "h", "remote_path": " /d", "local_path": "/mnt/d"}, "must not start with a space"),
    ({"host": "h", "remote_path": "/d", "local_path": "relative"}, "local_path must be an absolute path"),
    ({"host": "h", "remote_path": "/d", "local_path": "/"}, "local_path must be an absolute path"),
])
def test_bad_mappings_are_refused(tmp_path, mapping: dict[str, str], complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        parse_config(_config([mapping]), source="test", base_dir=tmp_path)


def test_a_duplicate_mapping_is_refused(tmp_path) -> None:
    mapping = {"host": "h", "remote_path": "/d", "local_path": "/mnt/d"}
    with pytest.raises(ConfigError, match="configured twice"):
        parse_config(_config([mapping, {**mapping, "host": "H"}]), source="test", base_dir=tmp_path)
