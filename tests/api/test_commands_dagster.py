"""A command's success path against a real Dagster: `dagster dev` with the repository's workspace and `serve`
beside it; POST command {name: RssSync} submits rss_sync_job through Dagster's GraphQL API, and command/{id}
follows the run from queued to completed in Radarr's CommandResource shape; the run carries the command's tags."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg
import httpx
import pytest

from radarr_sandbox.demo import prepare_dagster_home, start_dagster_dev, stop_dagster_dev
from radarr_sandbox.torznab import TorznabServer
from tests.api.conftest import KEY, free_port, start_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NEVER = "0 0 1 1 *"  # the schedules stay out of the way: the only run is the command's
COMMAND_KEYS = {"id", "name", "commandName", "body", "priority", "status", "result", "queued", "trigger",
                "stateChangeTime", "sendUpdatesToClient", "updateScheduledTask", "message"}


def _config(port: int, dagster_port: int, indexer: TorznabServer) -> str:
    return f"""\
database: library.duckdb
root_folders: [library/movies]
quality_profiles:
  - name: HD
    allowed: [Bluray-720p, Bluray-1080p]
    cutoff: Bluray-1080p
indexers:
  - name: Sandbox
    url: {indexer.api_url}
    api_key_env: TEST_TORZNAB_KEY
download_client:
  kind: qbittorrent
  url: http://127.0.0.1:9
api:
  port: {port}
  api_key_env: TEST_RADARR_API_KEY
  dagster_url: http://127.0.0.1:{dagster_port}
  dagster_timeout_seconds: 10
"""


def test_rss_sync_command_runs_in_dagster_and_reports_its_status(tmp_path: Path) -> None:
    (tmp_path / "library/movies").mkdir(parents=True)
    port, dagster_port = free_port(), free_port()
    with TorznabServer(title="Sandbox") as indexer:
        config = tmp_path / "config.yaml"
        config.write_text(_config(port, dagster_port, indexer), encoding="utf-8")
        env = {"RADARR_PIPELINE_CONFIG": str(config), "TEST_TORZNAB_KEY": indexer.apikey,
               "TEST_RADARR_API_KEY": KEY, "RADARR_PIPELINE_RSS_CRON": NEVER, "RADARR_PIPELINE_SEARCH_CRON": NEVER}
        dagster_home = prepare_dagster_home(tmp_path / "dagster_home")
        dagster = start_dagster_dev(env, dagster_home, dagster_port, tmp_path / "dagster.log")
        server = None
        try:  # dagster dev is stopped even when serve fails to start
            server = start_server(tmp_path, config, port, {**os.environ, **env})
            api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v3", headers={"X-Api-Key": KEY}, timeout=30)
            added = api.post("/movie", json={"title": "Big Buck Bunny", "year": 2008, "tmdbId": 10378,
                                             "qualityProfileId": 1, "rootFolderPath": str(tmp_path / "library/movies"),
                                             "monitored": True})
            assert added.status_code == 201, added.text
            deadline = time.monotonic() + 180  # until Dagster has loaded the code location
            while True:
                posted = api.post("/command", json={"name": "RssSync"})
                if posted.status_code != 503 or time.monotonic() > deadline:
                    break
                time.sleep(2)
            assert posted.status_code == 201, posted.text + (tmp_path / "dagster.log").read_text()[-3000:]
            command = posted.json()
            assert set(command) >= COMMAND_KEYS and command["status"] == "queued"
            assert command["name"] == "RssSync" and command["body"]["name"] == "RssSync"

            seen, busy = [command["status"]], 0
            deadline = time.monotonic() + 240
            while seen[-1] not in ("completed", "failed") and time.monotonic() < deadline:
                time.sleep(1)
                answer = api.get(f"/command/{command['id']}")
                if answer.status_code == 503:  # the run writes the library: the API's bounded wait, then 503
                    busy += 1
                    assert answer.headers["retry-after"]
                    continue
                assert answer.status_code == 200, answer.text
                assert set(answer.json()) >= COMMAND_KEYS
                if answer.json()["status"] != seen[-1]:
                    seen.append(answer.json()["status"])
            print(f"\ncommand statuses {seen}, {busy} busy answers while the run wrote")
            tail = (tmp_path / "dagster.log").read_text()[-3000:]
            assert seen[0] == "queued" and seen[-1] == "completed", (seen, tail)
            api.close()
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=20)
            stop_dagster_dev(dagster, dagster_home=dagster_home)
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        run = instance.get_run_by_id(command["runId"])
        assert run is not None and run.job_name == "rss_sync_job"
        assert run.tags["radarr/command"] == "RssSync" and run.status == dg.DagsterRunStatus.SUCCESS
