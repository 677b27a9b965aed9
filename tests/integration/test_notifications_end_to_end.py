"""Notifications end to end through Dagster with real qBittorrent: one movie grabbed and imported by the assets
gives exactly one Grab and one Download notification on every channel (webhook, Discord-shaped posts, email over
STARTTLS with login, a custom script, apprise's json://), with Radarr's payload fields; a receiver down for a
while gets them late, once; a receiver down for good ends in the dead-letter list."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.defs.notifications import notifications
from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.services.notifications.delivery import failed_deliveries
from radarr_sandbox.ports import free_port
from radarr_sandbox.scenario import connect_peers
from tests.integration.conftest import PipelineHome, write_pipeline_config
from tests.integration.test_end_to_end import ACQUISITION, IMPORT, RELEASE, metadata, run, wait_for_sensor_run
from tests.notifications.conftest import SMTP_SECRET, SMTP_USER, Inbox, Receiver, recording_server, smtp_inbox

pytestmark = pytest.mark.integration

DISCORD_URL_ENV = "TEST_DISCORD_URL"
SMTP_PASSWORD_ENV = "TEST_SMTP_PASSWORD"
GRAB_FIELDS = {"eventType", "instanceName", "movie", "remoteMovie", "release", "downloadClient",
               "downloadClientType", "downloadId", "customFormatInfo"}
DOWNLOAD_FIELDS = {"eventType", "instanceName", "movie", "remoteMovie", "movieFile", "isUpgrade", "downloadClient",
                   "downloadClientType", "downloadId", "customFormatInfo", "release"}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with recording_server() as rec:
        yield rec


@pytest.fixture
def late_receiver() -> Iterator[Receiver]:
    with recording_server() as rec:
        yield rec


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[tuple[int, Inbox, Path]]:
    with smtp_inbox(tmp_path) as server:
        yield server


def environment_script(folder: Path) -> tuple[Path, Path]:
    """A custom script that appends its ``radarr_*`` environment to a JSON-lines file; (script, file)."""
    out, script = folder / "script-env.jsonl", folder / "hook.py"
    script.write_text(f"#!{sys.executable}\nimport json, os\n"
                      f"with open({str(out)!r}, 'a') as f:\n"
                      f"    f.write(json.dumps({{k: v for k, v in os.environ.items() if k.startswith('radarr_')}})"
                      f" + '\\n')\n")
    script.chmod(0o755)
    return script, out


def deliver(resource: RadarrResource) -> dg.ExecuteInProcessResult:
    return run([notifications], resource)


def deliver_until(resource: RadarrResource, condition: Callable[[], bool], passes: int = 8) -> None:
    for _ in range(passes):
        deliver(resource)
        if condition():
            return
        time.sleep(1.0)  # longer than the retry delays configured below
    pytest.fail("deliveries did not settle")


def test_grab_and_import_notify_every_channel_once(pipeline_home: PipelineHome, qbittorrent_pair, seed_release,
                                                   torznab_server, receiver: Receiver, late_receiver: Receiver,
                                                   smtp: tuple[int, Inbox, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    seeder, leecher = qbittorrent_pair
    smtp_port, inbox, cert = smtp
    script, script_out = environment_script(tmp_path)
    monkeypatch.setenv(DISCORD_URL_ENV, f"{receiver.url}/discord/api/webhooks/1/token")
    monkeypatch.setenv(SMTP_PASSWORD_ENV, SMTP_SECRET)
    gone = f"http://127.0.0.1:{free_port()}/gone"  # nothing ever listens there
    write_pipeline_config(pipeline_home.config_path.parent, torznab_server, leecher, notifications={
        "max_attempts": 3, "retry_seconds": 0.2, "retry_max_seconds": 0.5,
        "connections": [
            {"name": "hook", "kind": "webhook", "url": f"{receiver.url}/hook"},
            {"name": "discord", "kind": "discord", "webhook_url_env": DISCORD_URL_ENV},
            {"name": "mail", "kind": "email", "server": "127.0.0.1", "port": smtp_port, "security": "starttls",
             "username": SMTP_USER, "password_env": SMTP_PASSWORD_ENV, "sender": "radarr@example.test",
             "to": ["me@example.test"], "ca_file": str(cert)},
            {"name": "script", "kind": "script", "path": str(script)},
            {"name": "apprise", "kind": "apprise", "urls": [receiver.url.replace("http://", "json://") + "/apprise"]},
            {"name": "late", "kind": "webhook", "url": f"{late_receiver.url}/late"},
            {"name": "gone", "kind": "webhook", "url": gone},
        ]})
    home = dataclasses.replace(pipeline_home, env=dict(os.environ))
    resource = RadarrResource(config_path=str(home.config_path))
    late_receiver.down = True

    seeded = seed_release(RELEASE, size="1920x1080")
    torznab_server.add_item(seeded.torznab_item(imdb_id="tt1254207", seeders=1, peers=0))
    added = home.cli("movies", "add", "--title", "Big Buck Bunny", "--year", "2008", "--tmdb-id", "10378",
                     "--imdb-id", "tt1254207")
    assert added.returncode == 0, added.stderr
    with dg.instance_for_test() as instance:
        first = download_client_sensor(dg.build_sensor_context(instance=instance, resources={"radarr": resource}))

    assert metadata(run(ACQUISITION, resource), "grabs", "grabbed") == 1
    delivered = deliver(resource)
    assert metadata(delivered, "notifications", "retrying") == 4  # late and gone: MovieAdded and Grab each

    client = leecher.client()
    connect_peers(client, seeded.infohash, seeder)
    wait_for_sensor_run(resource, first.cursor)
    # As download_client_sensor's run does: the import, then its notification sent in the same run.
    imported = run([*IMPORT, notifications], resource)
    assert metadata(imported, "imported_files", "imported") == 1
    assert metadata(imported, "notifications", "delivered") == 5  # Download on the five working channels

    late_receiver.down = False  # back before the third (last) attempt
    config = resource.config()
    deliver_until(resource, lambda: len(late_receiver.posts) >= 3 and len(failed_deliveries(config)) >= 3)
    deliver(resource)  # nothing is sent twice

    hooks = [p.body for p in receiver.posts if p.path == "/hook"]
    assert Counter([b["eventType"] for b in hooks]) == {"MovieAdded": 1, "Grab": 1, "Download": 1}
    grab = next(b for b in hooks if b["eventType"] == "Grab")
    download = next(b for b in hooks if b["eventType"] == "Download")
    assert grab.keys() >= GRAB_FIELDS and download.keys() >= DOWNLOAD_FIELDS
    assert grab["movie"]["title"] == "Big Buck Bunny" and grab["movie"]["tmdbId"] == 10378
    assert grab["remoteMovie"]["imdbId"] == "tt1254207"
    assert grab["release"]["releaseTitle"] == RELEASE and grab["release"]["quality"] == "Bluray-1080p"
    assert grab["release"]["releaseGroup"] == "GRP" and grab["release"]["indexer"] == "Sandbox Torznab"
    assert grab["downloadClient"] and grab["downloadClientType"] == "QBittorrent"
    assert grab["downloadId"] == download["downloadId"] == seeded.infohash.upper()
    assert set(grab["customFormatInfo"]) == {"customFormats", "customFormatScore"}
    library_file = home.library_root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
    assert download["movieFile"]["path"] == str(library_file) and download["movieFile"]["quality"] == "Bluray-1080p"
    assert download["movieFile"]["size"] == library_file.stat().st_size
    assert download["isUpgrade"] is False and download["downloadClient"] == grab["downloadClient"]
    assert download["release"]["releaseTitle"] == RELEASE and download["movie"]["filePath"] == str(library_file)
    assert grab["eventId"] != download["eventId"]

    discord = [p.body["embeds"][0] for p in receiver.posts if p.path.startswith("/discord/")]
    assert Counter([e["description"] for e in discord]) == {"Movie Added": 1, "Movie Grabbed": 1, "Movie Imported": 1}
    assert {e["title"] for e in discord} == {"Big Buck Bunny (2008)"}

    assert Counter([m["Subject"] for m in inbox.messages]) == {
        "Radarr - Movie Added": 1, "Radarr - Movie Grabbed": 1, "Radarr - Movie Downloaded": 1}

    scripted = [json.loads(line) for line in script_out.read_text().splitlines()]
    assert Counter([e["radarr_eventtype"] for e in scripted]) == {"MovieAdded": 1, "Grab": 1, "Download": 1}
    scripted_grab = next(e for e in scripted if e["radarr_eventtype"] == "Grab")
    assert scripted_grab["radarr_release_title"] == RELEASE
    assert scripted_grab["radarr_download_id"] == seeded.infohash.upper()

    apprised = [p.body for p in receiver.posts if p.path == "/apprise"]
    assert Counter([b["title"] for b in apprised]) == {"Movie Added": 1, "Movie Grabbed": 1, "Movie Downloaded": 1}

    # Down for a while: everything arrives late, once each.
    assert Counter([p.body["eventType"] for p in late_receiver.posts]) == {"MovieAdded": 1, "Grab": 1, "Download": 1}
    assert {p.body["eventId"] for p in late_receiver.posts} == {b["eventId"] for b in hooks}
    # Down for good: the dead-letter list holds its three deliveries and nothing else.
    dead = failed_deliveries(config)
    assert sorted((d["connection"], d["event"], d["attempts"]) for d in dead) == [
        ("gone", "download", 3), ("gone", "grab", 3), ("gone", "movie_added", 3)]
    assert all("cannot reach the receiver" in str(d["last error"]) for d in dead)
    shown = home.cli("notify", "failed")
    assert shown.returncode == 0, shown.stderr
    assert "gone" in shown.stdout and "grab" in shown.stdout and "download" in shown.stdout
    assert "No failed notifications" not in shown.stdout
