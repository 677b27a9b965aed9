"""Real receivers on 127.0.0.1: an HTTP server that records posts (and answers 429 or 500 when told), a
configuration with a library, and the time a delivery pass runs at."""

from __future__ import annotations

import email
import json
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from radarr_pipeline.config import AppConfig, parse_config


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: dict
    at: float = field(default_factory=time.time)  # when it arrived (wall clock, to compare with stored times)


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


@contextmanager
def recording_server() -> Iterator[Receiver]:
    """A :class:`Receiver` listening on 127.0.0.1 for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    rec = Receiver(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = type("Handler", (_Handler,), {"receiver": rec})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with recording_server() as rec:
        yield rec


SMTP_USER = "radarr"
SMTP_SECRET = "s3cr3t-T0KEN-value"


class _Authenticator:
    def __call__(self, _server: object, _session: object, _envelope: object, mechanism: str,
                 data: object) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.login == SMTP_USER.encode() and \
            data.password == SMTP_SECRET.encode()
        return AuthResult(success=ok, handled=False)


class Inbox:
    """The messages an :func:`smtp_inbox` received."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, _server: object, _session: object, envelope: object) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


@contextmanager
def smtp_inbox(folder: Path) -> Iterator[tuple[int, Inbox, Path]]:
    """aiosmtpd on 127.0.0.1 requiring STARTTLS (a self-signed certificate made in ``folder``) and a login as
    SMTP_USER / SMTP_SECRET: its port, its inbox and the certificate to trust."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out",
                    str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (the controller checks its server by connecting to it)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=_Authenticator(), auth_require_tls=True)
    controller.start()
    try:
        yield port, inbox, cert
    finally:
        controller.stop()


def make_config(tmp_path: Path, connections: list[dict], **notifications: object) -> AppConfig:
    (tmp_path / "movies").mkdir(exist_ok=True)
    data = {
        "database": "library.duckdb", "root_folders": ["movies"],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:9"},
        "notifications": {"connections": connections, **notifications},
    }
    return parse_config(data, source="test", base_dir=tmp_path)
