"""Pytest fixtures for real local components on 127.0.0.1. Load with, in the top-level ``tests/conftest.py``::

    pytest_plugins = ["radarr_sandbox.pytest_fixtures"]

Fixtures (all stop what they started, by PID, even when the test fails):

``media_cache`` (session) -> :class:`radarr_sandbox.media.MediaCache`
    Encoded ffmpeg files shared by the whole run (``$RADARR_SANDBOX_MEDIA_CACHE`` or a session tmp dir).
``make_movie`` (function) -> ``Callable[..., Path]``
    ``make_movie(path, seconds=3, size="1280x720", **options)``: :func:`make_movie_file` through ``media_cache``.
``qbittorrent`` (function) -> :class:`radarr_sandbox.qbittorrent.QBittorrentProcess`
    One started instance with a profile under ``tmp_path``; ``.url .username .password .bt_port .pid .client()``.
``qbittorrent_pair`` (function) -> :class:`QBittorrentPair` ``(seeder, leecher)``
    Two started instances (a NamedTuple, so ``seeder, leecher = qbittorrent_pair`` works).
``seed_release`` (function) -> ``Callable[..., SeededRelease]``
    ``seed_release(title, seconds=3, **kw)``: :func:`seed_movie_release` into ``tmp_path`` from the pair's seeder.
``torznab_server`` (function) -> :class:`radarr_sandbox.torznab.TorznabServer`
    Started on 127.0.0.1:0; ``.api_url .apikey .add_item() .requests .respond_raw()``.

The qBittorrent fixtures skip the test when ``qbittorrent-nox`` is not installed (ffmpeg likewise for media),
unless ``RADARR_SANDBOX_REQUIRE=1`` is set, in which case they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from radarr_sandbox.media import MediaCache, make_movie_file
from radarr_sandbox.qbittorrent import QBITTORRENT_BINARY, QBittorrentProcess
from radarr_sandbox.scenario import SeededRelease, seed_movie_release
from radarr_sandbox.tmdb import TmdbServer
from radarr_sandbox.torznab import TorznabServer

__all__ = [
    "QBittorrentPair",
    "make_movie",
    "media_cache",
    "qbittorrent",
    "qbittorrent_pair",
    "seed_release",
    "tmdb_server",
    "torznab_server",
]


class QBittorrentPair(NamedTuple):
    seeder: QBittorrentProcess
    leecher: QBittorrentProcess


def _require_binary(name: str) -> None:
    if shutil.which(name) is None:
        message = f"{name} is not installed (scripts/bootstrap.sh installs it with apt-get)"
        if os.environ.get("RADARR_SANDBOX_REQUIRE") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _start(request: pytest.FixtureRequest, profile: Path, name: str) -> QBittorrentProcess:
    proc = QBittorrentProcess(profile, name=name)
    request.addfinalizer(proc.stop)  # registered before start: a half-started process is stopped too
    proc.start()
    return proc


@pytest.fixture(scope="session")
def media_cache(tmp_path_factory: pytest.TempPathFactory) -> MediaCache:
    """Session-wide ffmpeg output cache ($RADARR_SANDBOX_MEDIA_CACHE or a session tmp dir)."""
    env = os.environ.get("RADARR_SANDBOX_MEDIA_CACHE")
    return MediaCache(Path(env) if env else tmp_path_factory.mktemp("media-cache"))


@pytest.fixture
def make_movie(media_cache: MediaCache) -> Callable[..., Path]:
    """``make_movie(path, seconds=3, size="1280x720", **options) -> Path`` via the session cache."""
    _require_binary("ffmpeg")

    def _make(path: Path | str, seconds: float = 3, size: str = "1280x720", **options: Any) -> Path:
        options.setdefault("cache", media_cache)
        return make_movie_file(path, seconds, size, **options)

    return _make


@pytest.fixture
def qbittorrent(request: pytest.FixtureRequest, tmp_path: Path) -> QBittorrentProcess:
    """One started qbittorrent-nox on 127.0.0.1 (profile under tmp_path); stopped by PID afterwards."""
    _require_binary(QBITTORRENT_BINARY)
    return _start(request, tmp_path / "qbt", "qbittorrent")


@pytest.fixture
def qbittorrent_pair(request: pytest.FixtureRequest, tmp_path: Path) -> QBittorrentPair:
    """Two started qbittorrent-nox instances: ``seeder, leecher = qbittorrent_pair``."""
    _require_binary(QBITTORRENT_BINARY)
    seeder = _start(request, tmp_path / "qbt-seeder", "seeder")
    leecher = _start(request, tmp_path / "qbt-leecher", "leecher")
    return QBittorrentPair(seeder, leecher)


@pytest.fixture
def seed_release(
    qbittorrent_pair: QBittorrentPair, media_cache: MediaCache, tmp_path: Path
) -> Callable[..., SeededRelease]:
    """``seed_release(title, seconds=3, **kw) -> SeededRelease`` seeded by ``qbittorrent_pair.seeder``."""
    _require_binary("ffmpeg")

    def _seed(release_title: str, seconds: float = 3, **options: Any) -> SeededRelease:
        options.setdefault("cache", media_cache)
        return seed_movie_release(tmp_path, qbittorrent_pair.seeder, release_title, seconds, **options)

    return _seed


@pytest.fixture
def torznab_server() -> Iterator[TorznabServer]:
    """A started Torznab indexer on 127.0.0.1:0 with a random apikey and no items."""
    with TorznabServer() as server:
        yield server


@pytest.fixture
def tmdb_server() -> Iterator[TmdbServer]:
    """A started TMDB-shaped API on 127.0.0.1:0 serving the Blender open movies and The Matrix."""
    with TmdbServer() as server:
        yield server
