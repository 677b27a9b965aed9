"""A home for the command line: a config file, a library path, and the real CLI run in-process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from radarr_pipeline.cli import app
from radarr_pipeline.config import AppConfig, load_config

CONFIG = """\
database: library.duckdb
root_folders: [library/movies, library/uhd]
quality_profiles:
  - name: HD
    allowed: [Bluray-720p, Bluray-1080p]
    cutoff: Bluray-1080p
  - name: UHD
    allowed: [Bluray-2160p]
    cutoff: Bluray-2160p
default_quality_profile: HD
download_client:
  kind: qbittorrent
  url: http://127.0.0.1:9
  username: admin
"""


@dataclass(frozen=True)
class CliHome:
    folder: Path
    config_path: Path

    @property
    def config(self) -> AppConfig:
        return load_config(self.config_path)

    @property
    def database(self) -> Path:
        return self.folder / "library.duckdb"

    def run(self, *args: str) -> Result:
        """The command line as a user runs it, with this home's config."""
        return CliRunner().invoke(app, [*args, "--config", str(self.config_path)])


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliHome:
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no table cell wraps
    monkeypatch.delenv("RADARR_PIPELINE_DB", raising=False)
    config_path = tmp_path / "config.yaml"
    config_path.write_text(CONFIG, encoding="utf-8")
    for root in ("library/movies", "library/uhd"):
        (tmp_path / root).mkdir(parents=True)
    return CliHome(tmp_path, config_path)
