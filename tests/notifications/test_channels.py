"""Each channel against a real receiver on 127.0.0.1: Discord-shaped posts (with 429 retry_after), SMTP with
STARTTLS and login (aiosmtpd), a custom script writing its environment, apprise's json:// to the HTTP server; and
no secret in any message, log line or error."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from radarr_pipeline.models import Movie, NotificationEvent
from radarr_pipeline.notifications.rendering import radarr_test_event
from radarr_pipeline.notifications.shapes import webhook_movie, webhook_release, webhook_remote_movie
from radarr_pipeline.services.notifications.delivery import NotifyError, deliver_due, failed_deliveries, send_test
from radarr_pipeline.services.notifications.events import enqueue_event
from radarr_pipeline.store import LibraryStore
from tests.notifications.conftest import SMTP_SECRET, Inbox, Receiver, make_config, smtp_inbox

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
SECRET = SMTP_SECRET


def grab() -> NotificationEvent:
    movie = Movie(7, "The Matrix", 1999, tmdb_id=603, imdb_id="tt0133093")
    release = webhook_release(quality="Bluray-1080p", quality_version=1, release_group="GRP",
                              release_title="The.Matrix.1999.1080p.BluRay.x264-GRP", indexer="Local",
                              size=8 * 1024**3, custom_formats=["x264"], custom_format_score=25)
    return NotificationEvent("grab", {"movie": webhook_movie(movie, folder_path=None),
                                      "remoteMovie": webhook_remote_movie(movie), "release": release,
                                      "downloadClient": "qBittorrent", "downloadClientType": "QBittorrent",
                                      "downloadId": "ABC"}, movie.id)


def test_discord_embed_and_429_retry_after(tmp_path: Path, receiver: Receiver,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_URL", f"{receiver.url}/api/webhooks/1/{SECRET}")
    config = make_config(tmp_path, [{"name": "discord", "kind": "discord", "webhook_url_env": "DISCORD_URL",
                                     "username": "Radarr"}])
    receiver.answers = [(429, {"message": "You are being rate limited.", "retry_after": 0.2, "global": False})]
    started = time.monotonic()
    assert "sent" in send_test(config, "discord")
    assert time.monotonic() - started >= 0.2  # waited as Discord asked, then sent once
    receiver.answers = [(429, {"retry_after": 120})]  # too long to wait inline: the outbox retries later
    with LibraryStore(config.database).open() as library:
        enqueue_event(library, grab(), T0)
    report = deliver_due(config, T0)
    assert report.retrying and "retry after 120" in str(report.retrying[0]["error"])
    with LibraryStore(config.database).open(read_only=True) as library:
        (pending,) = library.outbox.in_state("pending")
    assert (pending.next_attempt_at - T0).total_seconds() >= 120
    assert len(deliver_due(config, pending.next_attempt_at).delivered) == 1
    embed = receiver.posts[-1].body["embeds"][0]
    assert receiver.posts[-1].body["username"] == "Radarr"
    assert embed["title"] == "The Matrix (1999)" and embed["description"] == "Movie Grabbed"
    assert embed["url"] == "https://www.themoviedb.org/movie/603" and embed["color"] == 16761392
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Quality"] == "Bluray-1080p" and fields["Size"] == "8 GB" and fields["Group"] == "GRP"
    assert fields["Custom Formats"] == "x264" and fields["Custom Format Score"] == "25"
    assert "[IMDb](https://imdb.com/title/tt0133093/)" in fields["Links"]


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Inbox, Path]]:
    with smtp_inbox(tmp_path) as server:
        yield server


def test_email_over_starttls_with_login_has_text_and_html(tmp_path: Path, smtp_server: tuple[int, Inbox, Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    port, inbox, cert = smtp_server
    monkeypatch.setenv("SMTP_PASSWORD", SECRET)
    config = make_config(tmp_path, [{"name": "mail", "kind": "email", "server": "127.0.0.1", "port": port,
                                     "security": "starttls", "username": "radarr", "password_env": "SMTP_PASSWORD",
                                     "sender": "radarr@example.test", "to": ["me@example.test"],
                                     "ca_file": str(cert)}])
    with LibraryStore(config.database).open() as library:
        enqueue_event(library, grab(), T0)
    assert len(deliver_due(config, T0).delivered) == 1
    (message,) = inbox.messages
    assert message["Subject"] == "Radarr - Movie Grabbed"
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
             if not part.is_multipart()}
    assert "The Matrix (1999) [Bluray-1080p]" in parts["text/plain"]
    assert "<h3>Movie Grabbed</h3>" in parts["text/html"]

    monkeypatch.setenv("SMTP_PASSWORD", "wrong-password")
    with pytest.raises(NotifyError) as refused:
        send_test(config, "mail")
    assert "535" in str(refused.value) or "Authentication" in str(refused.value)


def test_custom_script_gets_radarrs_environment(tmp_path: Path) -> None:
    out = tmp_path / "env.json"
    script = tmp_path / "hook.py"
    script.write_text(f"#!{os.sys.executable}\nimport json, os\n"  # type: ignore[attr-defined]
                      f"json.dump({{k: v for k, v in os.environ.items() if k.startswith('radarr_')}},"
                      f" open({str(out)!r}, 'w'))\n")
    script.chmod(0o755)
    config = make_config(tmp_path, [{"name": "script", "kind": "script", "path": str(script)}])
    with LibraryStore(config.database).open() as library:
        enqueue_event(library, grab(), T0)
    assert len(deliver_due(config, T0).delivered) == 1
    env = json.loads(out.read_text())
    assert env["radarr_eventtype"] == "Grab"
    assert env["radarr_movie_title"] == "The Matrix" and env["radarr_movie_year"] == "1999"
    assert env["radarr_movie_imdbid"] == "tt0133093" and env["radarr_movie_tmdbid"] == "603"
    assert env["radarr_release_title"] == "The.Matrix.1999.1080p.BluRay.x264-GRP"
    assert env["radarr_release_quality"] == "Bluray-1080p" and env["radarr_release_releasegroup"] == "GRP"
    assert env["radarr_download_client"] == "qBittorrent" and env["radarr_download_id"] == "ABC"
    assert env["radarr_release_customformat"] == "x264" and env["radarr_release_customformatscore"] == "25"
    assert env["radarr_eventid"]

    script.write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    with pytest.raises(NotifyError, match="exited with code 3"):
        send_test(config, "script")


def test_apprise_json_url_reaches_the_local_server(tmp_path: Path, receiver: Receiver) -> None:
    url = receiver.url.replace("http://", "json://") + "/apprise"
    config = make_config(tmp_path, [{"name": "apprise", "kind": "apprise", "urls": [url]}])
    with LibraryStore(config.database).open() as library:
        enqueue_event(library, grab(), T0)
    assert len(deliver_due(config, T0).delivered) == 1
    body = receiver.posts[0].body
    assert body["title"] == "Movie Grabbed" and "The Matrix (1999)" in body["message"]


def test_no_secret_in_a_message_a_log_or_an_error(tmp_path: Path, receiver: Receiver,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("HOOK_URL", f"{receiver.url}/hook/{SECRET}")
    monkeypatch.setenv("HOOK_PASSWORD", SECRET + "-pw")
    monkeypatch.setenv("DISCORD_URL", f"http://127.0.0.1:9/api/webhooks/1/{SECRET}")  # nothing listens there
    config = make_config(tmp_path, [
        {"name": "hook", "kind": "webhook", "url_env": "HOOK_URL", "username": "u", "password_env": "HOOK_PASSWORD"},
        {"name": "discord", "kind": "discord", "webhook_url_env": "DISCORD_URL"},
    ], max_attempts=1)
    caplog.set_level(logging.DEBUG)
    with LibraryStore(config.database).open() as library:
        enqueue_event(library, [grab(), radarr_test_event()], T0)
    assert caplog.text == "" or SECRET not in caplog.text
    receiver.answers = [(500, {"error": SECRET})]
    report = deliver_due(config, T0)
    assert len(report.dead) == 2  # the test event is never routed: it is sent by `notify test` only
    shown = json.dumps([report.markdown(), failed_deliveries(config), caplog.text], default=str)
    assert SECRET not in shown and "redacted" in shown
    assert "HTTP Request: POST " in caplog.text  # httpx's line; an env URL is secret whole
    with pytest.raises(NotifyError) as error:
        send_test(config, "discord")
    assert SECRET not in str(error.value)
