"""Bad input from or about qBittorrent: clear errors, no secret in them, the sensor keeps ticking."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import dagster as dg
import pytest
import yaml

from dagster_project.defs.sensors import download_client_sensor
from dagster_project.resources import RadarrResource
from radarr_pipeline.download_clients import DownloadClientError, QBittorrentClient
from radarr_pipeline.download_clients.base import ForeignDownloadError

SECRET = "S3cret-Pa55word-xyz"


class _Html(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = b"<html><body>Welcome to my router</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


class _Hang(_Html):
    def _answer(self) -> None:
        time.sleep(3)

    do_GET = do_POST = _answer


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def html_url() -> Iterator[str]:
    yield from _serve(_Html)


@pytest.fixture
def hanging_url() -> Iterator[str]:
    yield from _serve(_Hang)


def test_wrong_password_is_a_clear_error_without_the_password(qbittorrent, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    client = QBittorrentClient(qbittorrent.url, username=qbittorrent.username, password=SECRET)
    with pytest.raises(DownloadClientError, match="rejected the login for user 'admin': check the password") as exc:
        client.downloads()
    for text in (str(exc.value), repr(exc.value), repr(client), caplog.text):
        assert SECRET not in text


def test_a_client_that_answers_html_is_named_as_not_qbittorrent(html_url: str) -> None:
    client = QBittorrentClient(html_url, username="admin", password=SECRET, timeout_seconds=2)
    with pytest.raises(DownloadClientError, match="does not answer like qBittorrent's Web API") as exc:
        client.downloads()
    assert SECRET not in str(exc.value)


def test_a_client_that_hangs_times_out(hanging_url: str) -> None:
    client = QBittorrentClient(hanging_url, username="admin", password=SECRET, timeout_seconds=0.5)
    with pytest.raises(DownloadClientError, match=r"is unreachable \(timed out\)") as exc:
        client.downloads()
    assert SECRET not in str(exc.value)


def test_unknown_hash_and_missing_category(qbittorrent) -> None:
    client = QBittorrentClient(qbittorrent.url, username=qbittorrent.username, password=qbittorrent.password,
                               category="never-created")
    assert client.downloads() == [], "a category that does not exist yet holds nothing of ours"
    assert client.remove("0" * 40, delete_files=True) is False
    assert client.has("0" * 40) is False
    with pytest.raises(DownloadClientError, match="not a magnet link"):
        client.add_torrent(magnet="http://example.invalid/not-a-magnet")
    infohash = client.add_torrent(magnet="magnet:?xt=urn:btih:" + "ab" * 20 + "&dn=Heat.1995.1080p.BluRay-GRP")
    assert infohash == "ab" * 20
    assert "never-created" in client.categories(), "created on first grab"
    assert [d.download_id for d in client.downloads()] == [infohash]
    assert client.add_torrent(magnet="magnet:?xt=urn:btih:" + "ab" * 20) == infohash, "a duplicate is no error"
    bad = QBittorrentClient(qbittorrent.url, username=qbittorrent.username, password=qbittorrent.password,
                            category="")
    with pytest.raises(DownloadClientError, match="the category '' is not a usable qBittorrent category name"):
        bad.ensure_category()
    elsewhere = QBittorrentClient(qbittorrent.url, username=qbittorrent.username, password=qbittorrent.password,
                                  category="radarr")
    with pytest.raises(ForeignDownloadError, match=r"already has torrent .* in category 'never-created'"):
        elsewhere.has(infohash)


def test_sensor_keeps_ticking_and_its_cursor_with_a_wrong_password(qbittorrent, tmp_path, monkeypatch) -> None:
    config = {
        "root_folders": [str(tmp_path / "library")],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": qbittorrent.url, "username": "admin",
                            "password_env": "TEST_QBT_WRONG"},
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    monkeypatch.setenv("TEST_QBT_WRONG", SECRET)
    resource = RadarrResource(config_path=str(path))
    cursor = '{"v": 2, "downloads": {"' + "c" * 40 + '": ["stalled", 0.5, null]}}'
    with dg.instance_for_test() as instance:
        for _ in range(2):
            result = download_client_sensor(dg.build_sensor_context(instance=instance, cursor=cursor,
                                                                    resources={"radarr": resource}))
            assert not result.run_requests and result.cursor == cursor
            assert "rejected the login" in str(result.skip_reason) and SECRET not in str(result.skip_reason)
    assert not (tmp_path / "library.duckdb").exists(), "the sensor never opens the library database"
