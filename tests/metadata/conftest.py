"""A CLI home whose metadata source is the sandbox's TMDB-shaped server on 127.0.0.1."""

from __future__ import annotations

import pytest

from radarr_sandbox.tmdb import TmdbServer
from tests.cli.conftest import CliHome, cli_home  # noqa: F401  (re-exported fixture)

KEY_ENV = "TEST_TMDB_API_KEY"


@pytest.fixture
def tmdb_home(cli_home: CliHome, tmdb_server: TmdbServer, monkeypatch: pytest.MonkeyPatch) -> CliHome:  # noqa: F811
    monkeypatch.setenv(KEY_ENV, tmdb_server.api_key)
    with cli_home.config_path.open("a", encoding="utf-8") as config:
        config.write(f"metadata:\n  base_url: {tmdb_server.url}\n  api_key_env: {KEY_ENV}\n"
                     "  requests_per_second: 200\n  timeout_seconds: 2\n  max_retry_after_seconds: 2\n")
    return cli_home
