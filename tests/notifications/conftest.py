"""Real receivers on 127.0.0.1: an HTTP server that records posts (and answers 429 or 500 when told), a
configuration with a library, and the time a delivery pass runs at."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from radarr_pipeline.config import AppConfig, parse_config


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: dict


@dataclass
class Receiver:
    """Records every request; ``answers`` is a queue of (status, json body) to give before answering 200."""

    url: str
    posts: list[Post] = field(default_factory=list)
    answers: list[tuple[int, dict]] = field(default_factory=list)
    down: bool = False  # answer 500 to everything while set


class _Handler(BaseHTTPRequestHandler):
    receiver: Receiver

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        receiver = self.receiver
        status, body = (500, {"message": "down"}) if receiver.down else \
            (receiver.answers.pop(0) if receiver.answers else (200, {}))
        if status < 400:
            receiver.posts.append(Post(self.path, dict(self.headers), json.loads(raw or b"{}")))
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_POST = do_PUT = _handle

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    rec = Receiver(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = type("Handler", (_Handler,), {"receiver": rec})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield rec
    server.shutdown()
    server.server_close()
    thread.join()


def make_config(tmp_path: Path, connections: list[dict], **notifications: object) -> AppConfig:
    (tmp_path / "movies").mkdir(exist_ok=True)
    data = {
        "database": "library.duckdb", "root_folders": ["movies"],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:9"},
        "notifications": {"connections": connections, **notifications},
    }
    return parse_config(data, source="test", base_dir=tmp_path)
