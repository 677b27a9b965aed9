"""Logs: the CLI writes a rotating log file under the data folder; no secret reaches it, whichever logger the
line came from (ours, or httpx logging a request URL that carries the indexer's key)."""

import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from radarr_pipeline.config import load_config
from radarr_pipeline.services.indexer_sync import sync_rss
from radarr_pipeline.services.logs import log_to_file
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.torznab import TorznabServer

SECRET = "s3cr3t-Pa55word-8471"
KEY = "feedkey-0123456789abcdef"


def write_home(tmp_path: Path, indexer_url: str = "http://127.0.0.1:9/api") -> Path:
    (tmp_path / "movies").mkdir()
    config = {"root_folders": ["movies"],
              "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
              "indexers": [{"name": "Torznab", "url": indexer_url, "api_key_env": "TEST_LOG_INDEXER_KEY"}],
              "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:9", "username": "admin",
                                  "password_env": "TEST_LOG_QBT_PASSWORD"},
              "logs": {"level": "DEBUG"}}
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_the_cli_writes_a_log_file_without_the_secrets_in_its_environment(tmp_path: Path) -> None:
    config = write_home(tmp_path)
    env = {**os.environ, "TEST_LOG_QBT_PASSWORD": SECRET, "TEST_LOG_INDEXER_KEY": KEY}
    answer = subprocess.run([sys.executable, "-m", "radarr_pipeline.cli", "health", "--config", str(config)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert answer.returncode == 1, answer.stdout + answer.stderr  # the client at :9 is unreachable: an error
    assert "download_client: Unable to communicate with qBittorrent" in answer.stdout
    log = (tmp_path / "logs" / "radarr-pipeline.log").read_text()
    assert "ERROR radarr_pipeline.health: download_client: Unable to communicate with qBittorrent" in log
    for secret in (SECRET, KEY):
        assert secret not in log and secret not in answer.stdout + answer.stderr


def test_secrets_are_scrubbed_from_every_logger_in_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with TorznabServer(apikey=KEY) as server:
        config_path = write_home(tmp_path, server.api_url)
        monkeypatch.setenv("TEST_LOG_INDEXER_KEY", KEY)
        monkeypatch.setenv("TEST_LOG_QBT_PASSWORD", SECRET)
        config = load_config(config_path)
        path = log_to_file(config.summary())
        logging.getLogger("httpx").setLevel(logging.INFO)
        logging.getLogger("radarr_pipeline.test").error("connecting with password %s and key %s", SECRET, KEY)
        logging.getLogger("somebody.else").warning(f"GET {server.api_url}?t=search&apikey={KEY}")
        sync_rss(LibraryStore(config.database), config.indexers, datetime.now(UTC))  # httpx logs each URL
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = path.read_text()
    assert "connecting with password (redacted) and key (redacted)" in log
    assert "apikey=(redacted)" in log and "HTTP Request" in log  # the request was logged, its key was not
    assert SECRET not in log and KEY not in log
