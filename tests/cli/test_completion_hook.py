"""qBittorrent's run-on-finish hook: what `hook setup` does to qBittorrent's preferences (a real qBittorrent),
and what `hook download-finished` asks of Dagster's GraphQL API (a local stand-in recording the requests)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from radarr_pipeline.config import QBittorrentConfig
from radarr_pipeline.download_clients import QBittorrentClient
from radarr_pipeline.download_clients.qbittorrent import RunOnFinish
from radarr_pipeline.services.completion_hook import (
    HookSetupError,
    completion_hook_wanted,
    hook_program,
    install_completion_hook,
    run_on_finish_step,
)
from radarr_sandbox.ports import free_port
from tests.cli.conftest import CONFIG, CliHome

HASH = "0123456789abcdef0123456789abcdef01234567"
OURS = '"/venv/bin/radarr-pipeline" hook download-finished --config "/home/config.yaml" --hash "%I" --category "%L"'


# -- the rules -------------------------------------------------------------------------------------------------


def test_the_hook_goes_into_an_empty_slot_or_replaces_an_older_line_of_ours() -> None:
    assert run_on_finish_step(RunOnFinish(False, ""), OURS).action == "installed"
    older = OURS.replace("/home/config.yaml", "/old/config.yaml")
    assert run_on_finish_step(RunOnFinish(True, older), OURS).action == "installed"
    assert run_on_finish_step(RunOnFinish(False, OURS), OURS).action == "installed", "switched off: on again"
    assert run_on_finish_step(RunOnFinish(True, OURS), OURS).action == "kept"


def test_switched_off_only_our_line_for_this_configuration_is_taken_out() -> None:
    assert run_on_finish_step(RunOnFinish(True, OURS), OURS, wanted=False).action == "removed"
    moved_venv = OURS.replace("/venv/", "/other-venv/")
    assert run_on_finish_step(RunOnFinish(False, moved_venv), OURS, wanted=False).action == "removed"
    other_home = OURS.replace("/home/config.yaml", "/elsewhere/config.yaml")
    assert run_on_finish_step(RunOnFinish(True, other_home), OURS, wanted=False).action == "off"
    assert run_on_finish_step(RunOnFinish(True, '/usr/local/bin/notify.sh "%N"'), OURS, wanted=False).action == "off"
    assert run_on_finish_step(RunOnFinish(False, ""), OURS, wanted=False).action == "off"


@pytest.mark.parametrize("enabled", [True, False])
def test_someone_elses_program_is_left_alone_and_the_message_says_how_to_have_both(enabled: bool) -> None:
    step = run_on_finish_step(RunOnFinish(enabled, '/usr/local/bin/notify.sh "%N"'), OURS)
    assert step.action == "left"
    assert "/usr/local/bin/notify.sh" in step.message and OURS in step.message


def test_the_command_line_quotes_paths_and_passes_the_hash_and_category(tmp_path: Path) -> None:
    folder = tmp_path / "my movies"
    program = hook_program(folder / "config.yaml")
    assert f'--config "{folder / "config.yaml"}"' in program
    assert program.endswith('hook download-finished --config "' + str(folder / "config.yaml")
                            + '" --hash "%I" --category "%L"')
    with pytest.raises(HookSetupError, match="double quote"):
        hook_program(tmp_path / 'a"b' / "config.yaml")


@pytest.mark.parametrize(("url", "setting", "wanted"), [
    ("http://127.0.0.1:8080", None, True), ("http://localhost:8080", None, True), ("http://[::1]:8080", None, True),
    ("http://192.168.1.20:8080", None, False), ("http://seedbox.example:8080", None, False),
    ("http://seedbox.example:8080", True, True), ("http://127.0.0.1:8080", False, False),
])
def test_the_hook_is_on_by_default_only_for_a_qbittorrent_on_this_machine(url: str, setting: bool | None,
                                                                          wanted: bool) -> None:
    assert completion_hook_wanted(QBittorrentConfig(url=url, completion_hook=setting)) is wanted


# -- hook download-finished --------------------------------------------------------------------------------------


class FakeDagster(ThreadingHTTPServer):
    """Answers the three GraphQL operations the hook sends; ``waiting`` is the runs it says are queued."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _GraphQL)
        self.requests: list[dict] = []
        self.waiting: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def operations(self) -> list[str]:
        return [re.search(r"(?:query|mutation) (\w+)", r["query"]).group(1) for r in self.requests]  # type: ignore[union-attr]


class _GraphQL(BaseHTTPRequestHandler):
    server: FakeDagster

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        query = body["query"]
        if "RadarrPipelineWaitingRuns" in query:
            data = {"runsOrError": {"__typename": "Runs", "results": [{"runId": r} for r in self.server.waiting]}}
        elif "RadarrPipelineRepositories" in query:
            data = {"repositoriesOrError": {"__typename": "RepositoryConnection", "nodes": [
                {"name": "__repository__", "location": {"name": "radarr"},
                 "pipelines": [{"name": "download_import_job"}]}]}}
        else:
            data = {"launchPipelineExecution": {"__typename": "LaunchRunSuccess", "run": {"runId": "new-run-1"}}}
        answer = json.dumps({"data": data}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def dagster() -> Iterator[FakeDagster]:
    server = FakeDagster()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def home_with_dagster(cli_home: CliHome, url: str) -> CliHome:
    cli_home.config_path.write_text(CONFIG + f"api:\n  dagster_url: {url}\n", encoding="utf-8")
    return cli_home


def test_a_finished_torrent_of_ours_submits_the_import_job_with_its_tags(cli_home: CliHome,
                                                                        dagster: FakeDagster) -> None:
    home = home_with_dagster(cli_home, dagster.url)
    result = home.run("hook", "download-finished", "--hash", HASH.upper(), "--category", "radarr")
    assert result.exit_code == 0, result.output
    assert "import run new-run-1 requested" in result.output
    assert dagster.operations() == ["RadarrPipelineWaitingRuns", "RadarrPipelineRepositories",
                                    "RadarrPipelineSubmitRun"]
    assert dagster.requests[0]["variables"]["filter"] == {"pipelineName": "download_import_job",
                                                          "statuses": ["QUEUED", "NOT_STARTED", "STARTING"]}
    params = dagster.requests[-1]["variables"]["executionParams"]
    assert params["selector"]["pipelineName"] == "download_import_job"
    assert {t["key"]: t["value"] for t in params["executionMetadata"]["tags"]} == {
        "radarr/download": HASH, "radarr/status": "completed", "radarr/trigger": "download-finished"}
    assert not home.database.exists(), "the hook never opens the library database"


def test_an_import_run_that_has_not_started_takes_the_completion_along(cli_home: CliHome,
                                                                       dagster: FakeDagster) -> None:
    dagster.waiting = ["queued-run-7"]
    result = home_with_dagster(cli_home, dagster.url).run("hook", "download-finished", "--hash", HASH,
                                                          "--category", "radarr")
    assert result.exit_code == 0, result.output
    assert "queued-run-7, not started yet, takes it along" in result.output
    assert dagster.operations() == ["RadarrPipelineWaitingRuns"], "no second run"


def test_a_torrent_of_another_category_asks_nothing_of_dagster(cli_home: CliHome, dagster: FakeDagster) -> None:
    result = home_with_dagster(cli_home, dagster.url).run("hook", "download-finished", "--hash", HASH,
                                                          "--category", "tv-sonarr")
    assert result.exit_code == 0, result.output
    assert "category 'tv-sonarr' is not ours" in result.output
    assert dagster.requests == []


@pytest.mark.parametrize("arguments", [["--hash", HASH, "--category", "radarr"],
                                       ["--hash", "%I", "--category", "radarr"]])
def test_the_hook_never_fails_qbittorrent_when_dagster_is_down_or_the_hash_is_odd(cli_home: CliHome,
                                                                                  arguments: list[str]) -> None:
    home = home_with_dagster(cli_home, f"http://127.0.0.1:{free_port()}")  # nobody listens there
    result = home.run("hook", "download-finished", *arguments)
    assert result.exit_code == 0, result.output
    assert "no import run requested" in result.output and "the poll will find it" in result.output


def test_a_broken_configuration_does_not_fail_qbittorrent_either(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from radarr_pipeline.cli import app

    result = CliRunner().invoke(app, ["hook", "download-finished", "--hash", HASH, "--category", "radarr",
                                      "--config", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 0 and "does not exist" in result.output


# -- hook setup against a real qBittorrent ----------------------------------------------------------------------


def home_with_qbittorrent(cli_home: CliHome, qbittorrent, monkeypatch: pytest.MonkeyPatch) -> CliHome:
    monkeypatch.setenv("TEST_HOOK_QBT_PASSWORD", qbittorrent.password)
    cli_home.config_path.write_text(CONFIG.replace("http://127.0.0.1:9", qbittorrent.url)
                                    + "  password_env: TEST_HOOK_QBT_PASSWORD\n", encoding="utf-8")
    return cli_home


def test_setup_writes_the_hook_into_qbittorrent_and_keeps_a_users_own_program(cli_home: CliHome, qbittorrent,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    home = home_with_qbittorrent(cli_home, qbittorrent, monkeypatch)
    api = qbittorrent.client()
    assert api.app_preferences()["autorun_program"] == ""

    installed = home.run("hook", "setup")
    assert installed.exit_code == 0, installed.output
    assert "now runs radarr-pipeline" in installed.output
    preferences = api.app_preferences()
    assert preferences["autorun_enabled"] is True
    assert preferences["autorun_program"] == hook_program(home.config_path)
    again = home.run("hook", "setup")
    assert again.exit_code == 0 and "already runs radarr-pipeline" in again.output

    users = '/usr/local/bin/unpack.sh "%F"'
    api.app_set_preferences({"autorun_enabled": True, "autorun_program": users})
    refused = home.run("hook", "setup")
    assert refused.exit_code == 1
    assert "left as it is" in refused.output and "unpack.sh" in refused.output
    assert api.app_preferences()["autorun_program"] == users


def test_switching_the_setting_off_takes_our_hook_out_of_qbittorrent(cli_home: CliHome, qbittorrent,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    home = home_with_qbittorrent(cli_home, qbittorrent, monkeypatch)
    api = qbittorrent.client()
    assert home.run("hook", "setup").exit_code == 0
    client = QBittorrentClient(qbittorrent.url, username="admin", password=qbittorrent.password)
    try:
        step = install_completion_hook(client, home.config_path, wanted=False)  # what the sensor does
    finally:
        client.close()
    assert step.action == "removed"
    preferences = api.app_preferences()
    assert preferences["autorun_enabled"] is False and preferences["autorun_program"] == ""

    home.config_path.write_text(home.config_path.read_text(encoding="utf-8").replace(
        "  password_env:", "  completion_hook: false\n  password_env:"), encoding="utf-8")
    refused = home.run("hook", "setup")
    assert refused.exit_code == 0 and "completion_hook is false" in refused.output
    assert api.app_preferences()["autorun_program"] == ""
