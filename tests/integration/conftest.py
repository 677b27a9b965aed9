"""Shared setup for tests that run the pipeline against real parts on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from radarr_sandbox.pipeline_config import sandbox_pipeline_config, write_config
from radarr_sandbox.qbittorrent import QBittorrentProcess
from radarr_sandbox.torznab import TorznabServer

TORZNAB_KEY_ENV = "TEST_TORZNAB_API_KEY"
QBT_PASSWORD_ENV = "TEST_QBITTORRENT_PASSWORD"


@dataclass(frozen=True)
class PipelineHome:
    config_path: Path
    library_root: Path
    database: Path
    env: dict[str, str]

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real command line, as a user would."""
        return subprocess.run(
            [sys.executable, "-m", "radarr_pipeline.cli", *args, "--config", str(self.config_path)],
            capture_output=True, text=True, env=self.env, timeout=60, check=False,
        )


def write_pipeline_config(
    home: Path, torznab: TorznabServer, client: QBittorrentProcess, **overrides: object
) -> Path:
    config = sandbox_pipeline_config(torznab, client, indexer_name="Sandbox Torznab", api_key_env=TORZNAB_KEY_ENV,
                                     password_env=QBT_PASSWORD_ENV)
    return write_config(home / "config.yaml", {**config, **overrides})


@pytest.fixture
def pipeline_home(
    tmp_path: Path, torznab_server: TorznabServer, qbittorrent_pair, monkeypatch: pytest.MonkeyPatch
) -> PipelineHome:
    leecher = qbittorrent_pair.leecher
    home = tmp_path / "home"
    home.mkdir()
    config_path = write_pipeline_config(home, torznab_server, leecher)
    monkeypatch.setenv(TORZNAB_KEY_ENV, torznab_server.apikey or "")
    monkeypatch.setenv(QBT_PASSWORD_ENV, leecher.password)
    monkeypatch.setenv("RADARR_PIPELINE_CONFIG", str(config_path))
    return PipelineHome(config_path, home / "library", home / "library.duckdb", dict(os.environ))
