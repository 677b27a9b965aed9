"""A running `radarr-pipeline serve` (a real process on 127.0.0.1) over a home whose metadata source is the
sandbox's TMDB-shaped server, with a second URL base (/4k) for the UHD profile and root folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from radarr_sandbox.tmdb import TmdbServer
from radarr_sandbox.torznab import TorznabServer
from tests.cli.conftest import CONFIG

KEY = "0123456789abcdef0123456789abcdef"
TORZNAB_KEY_ENV = "TEST_TORZNAB_KEY"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class ApiServer:
    url: str
    key: str
    folder: Path
    database: Path

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, headers={"X-Api-Key": self.key}, timeout=20, **kwargs)  # type: ignore[arg-type]

    def request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        return httpx.request(method, self.url + path, headers={"X-Api-Key": self.key}, timeout=20,
                             **kwargs)  # type: ignore[arg-type]


def config_text(port: int, tmdb_url: str, dagster_port: int) -> str:
    """The CLI tests' home (two profiles, two root folders), with TMDB and the API beside it."""
    return CONFIG + f"""\
metadata:
  base_url: {tmdb_url}
  api_key_env: TEST_TMDB_API_KEY
  requests_per_second: 200
  timeout_seconds: 2
api:
  port: {port}
  api_key_env: TEST_RADARR_API_KEY
  max_body_bytes: 1048576
  dagster_url: http://127.0.0.1:{dagster_port}
  dagster_timeout_seconds: 2
  instances:
    - url_base: /4k
      quality_profile: UHD
      root_folder: library/uhd
"""


def start_server(folder: Path, config: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "radarr_pipeline.cli", "serve", "--config", str(config)],
                               stdout=log, stderr=subprocess.STDOUT, env=env, cwd=folder)
    log.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((folder / "serve.log").read_text())
        try:
            httpx.get(f"http://127.0.0.1:{port}/api", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("serve did not start: " + (folder / "serve.log").read_text())


def running_server(tmp_path: Path, tmdb_server: TmdbServer, text: str, port: int) -> Iterator[ApiServer]:
    for root in ("library/movies", "library/uhd"):
        (tmp_path / root).mkdir(parents=True, exist_ok=True)
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    env = {**os.environ, "TEST_TMDB_API_KEY": tmdb_server.api_key, "TEST_RADARR_API_KEY": KEY}
    env.pop("RADARR_PIPELINE_DB", None)
    process = start_server(tmp_path, config, port, env)
    try:
        yield ApiServer(f"http://127.0.0.1:{port}", KEY, tmp_path, tmp_path / "library.duckdb")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def api_server(tmp_path: Path, tmdb_server: TmdbServer) -> Iterator[ApiServer]:
    port = free_port()
    yield from running_server(tmp_path, tmdb_server, config_text(port, tmdb_server.url, free_port()), port)


X265_FORMAT = """{"name": "x265", "specifications": [{"name": "x265", "implementation": "ReleaseTitleSpecification",
 "negate": false, "required": true, "fields": {"value": "[xh]\\\\.?265"}}]}"""


@pytest.fixture
def action_server(tmp_path: Path, tmdb_server: TmdbServer, torznab_server: TorznabServer,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[ApiServer]:
    """A server whose download client is a blackhole (torrents land in tmp_path/watch), with one Torznab
    indexer (listing nothing: releases are stored by the test; interactive search asks it), an x265 custom
    format scored -50 in HD, an ids import list and a calendar."""
    monkeypatch.setenv(TORZNAB_KEY_ENV, torznab_server.apikey or "")
    for folder in ("formats", "watch", "done"):
        (tmp_path / folder).mkdir()
    (tmp_path / "formats/x265.json").write_text(X265_FORMAT, encoding="utf-8")
    (tmp_path / "list.txt").write_text("tmdb:603\n", encoding="utf-8")
    port = free_port()
    text = config_text(port, tmdb_server.url, free_port()).replace(
        "    cutoff: Bluray-1080p\n", "    cutoff: Bluray-1080p\n    format_scores: {x265: -50}\n").replace(
        "download_client:\n  kind: qbittorrent\n  url: http://127.0.0.1:9\n  username: admin\n",
        f"download_client:\n  kind: blackhole\n  watch_folder: {tmp_path / 'watch'}\n"
        f"  completed_folder: {tmp_path / 'done'}\n")
    text += f"""\
indexers:
  - name: Sandbox
    url: {torznab_server.api_url}
    api_key_env: {TORZNAB_KEY_ENV}
decisions:
  custom_formats_dir: {tmp_path / 'formats'}
import_lists:
  lists:
    - name: Favourites
      kind: ids
      path: {tmp_path / 'list.txt'}
      tags: [lists]
"""
    yield from running_server(tmp_path, tmdb_server, text, port)
