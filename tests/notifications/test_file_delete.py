"""On Movie File Delete: Radarr's payload and script variables, and its separate switch for files deleted by an
upgrade (On Movie File Delete For Upgrade)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from radarr_pipeline.models import Movie, MovieFile, NotificationEvent
from radarr_pipeline.notifications.rendering import discord_payload, script_environment, webhook_payload
from radarr_pipeline.services.notifications.delivery import connection_wants
from radarr_pipeline.services.notifications.events import movie_file_deleted_event
from tests.notifications.conftest import make_config

ADDED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
MOVIE = Movie(7, "The Matrix", 1999, tmdb_id=603, imdb_id="tt0133093")
FILE = MovieFile(11, 3, "/movies/The Matrix (1999)/The Matrix (1999) Bluray-720p.mkv", 4000, "Bluray-720p Proper",
                 "hardlink", release_group="OLD", scene_name="The.Matrix.1999.720p.BluRay.x264-OLD", revision=2)


def deleted(reason: str) -> NotificationEvent:
    return movie_file_deleted_event(MOVIE, ("keep",), FILE, reason=reason, added_at=ADDED,
                                    recycle_bin_path="/movies/.recycle/The Matrix (1999) Bluray-720p.mkv")


def test_payload_and_script_variables_are_radarrs() -> None:
    event = deleted("manual")
    body = webhook_payload(event, "Radarr", None)
    assert body["eventType"] == "MovieFileDelete" and body["deleteReason"] == "manual"
    assert body["movie"]["title"] == "The Matrix" and body["movie"]["folderPath"] == "/movies/The Matrix (1999)"
    file = body["movieFile"]
    assert file["id"] == 11 and file["relativePath"] == "The Matrix (1999) Bluray-720p.mkv"
    assert file["quality"] == "Bluray-720p" and file["qualityVersion"] == 2 and file["size"] == 4000
    assert file["dateAdded"] == "2026-01-01T12:00:00Z" and file["recycleBinPath"].startswith("/movies/.recycle/")
    env = script_environment(event, "Radarr", None)
    assert env["radarr_eventtype"] == "MovieFileDelete" and env["radarr_moviefile_deletereason"] == "Manual"
    assert env["radarr_moviefile_path"] == FILE.path and env["radarr_moviefile_releasegroup"] == "OLD"
    assert env["radarr_moviefile_scenename"] == FILE.scene_name and env["radarr_moviefile_size"] == "4000"
    embed = discord_payload(event, instance_name="Radarr")["embeds"][0]
    assert embed["description"] == "Movie File Deleted" and embed["title"] == "The Matrix (1999)"


def test_a_file_deleted_by_an_upgrade_needs_its_own_switch(tmp_path: Path) -> None:
    config = make_config(tmp_path, [
        {"name": "files", "kind": "webhook", "url": "http://127.0.0.1:9/a", "events": ["movie_file_delete"]},
        {"name": "upgrades", "kind": "webhook", "url": "http://127.0.0.1:9/b",
         "events": ["movie_file_delete", "movie_file_delete_for_upgrade"]},
    ])
    files, upgrades = config.notifications.connections
    assert connection_wants(files, deleted("manual")) and connection_wants(upgrades, deleted("manual"))
    assert not connection_wants(files, deleted("upgrade"))
    assert connection_wants(upgrades, deleted("upgrade"))
