"""Import-list services on 127.0.0.1 for tests and the demo, answering in the real services' JSON shapes.

:meth:`ListServer.serve` sets what a path answers (a JSON value, text, or raw bytes with a status); answers given
as a sequence are used one per request, the last one repeating. :meth:`ListServer.require_header` makes every
request without that header value answer 401. Every request is recorded (path, query, headers).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs, urlsplit

from radarr_sandbox.ports import LOOPBACK


@dataclass(frozen=True)
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "application/json"
    delay_seconds: float = 0.0


def json_answer(value: object, status: int = 200) -> Answer:
    return Answer(json.dumps(value).encode("utf-8"), status)


@dataclass(frozen=True)
class Request:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class ListServer:
    """Threaded HTTP server on 127.0.0.1:0; a context manager."""

    def __init__(self) -> None:
        self._answers: dict[str, list[Answer]] = {}
        self._required: dict[str, str] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._stop = threading.Event()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://{LOOPBACK}:{self._httpd.server_address[1]}"

    def serve(self, path: str, *answers: Answer | object) -> None:
        """What ``path`` answers: Answers, or JSON values (200); in turn, the last repeating."""
        with self._lock:
            self._answers[path] = [a if isinstance(a, Answer) else json_answer(a) for a in answers]

    def require_header(self, name: str, value: str) -> None:
        self._required[name.lower()] = value

    def _answer(self, path: str, headers: dict[str, str]) -> Answer:
        for name, value in self._required.items():
            if headers.get(name) != value:
                return json_answer({"error": "Unauthorized"}, 401)
        with self._lock:
            queue = self._answers.get(path)
            if not queue:
                return json_answer({"status_code": 34, "status_message": "The resource could not be found."}, 404)
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def start(self) -> Self:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server._lock:
                    server.requests.append(Request(parts.path, parse_qs(parts.query), headers))
                answer = server._answer(parts.path, headers)
                if answer.delay_seconds:
                    server._stop.wait(answer.delay_seconds)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="list-server",
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def tmdb_movie(tmdb_id: int, title: str, release_date: str, imdb_id: str | None = None) -> dict[str, object]:
    """A movie in TMDB's MovieResultResource shape (Radarr's custom lists and TMDB pages use it)."""
    movie: dict[str, object] = {
        "adult": False, "backdrop_path": None, "genre_ids": [16], "id": tmdb_id, "original_language": "en",
        "original_title": title, "overview": "", "popularity": 1.5, "poster_path": None,
        "release_date": release_date, "title": title, "video": False, "vote_average": 6.5, "vote_count": 100,
    }
    if imdb_id:
        movie["imdb_id"] = imdb_id
    return movie


def radarr_v3_movie(tmdb_id: int, title: str, year: int, imdb_id: str | None, path: str,
                    quality_profile_id: int = 1, tags: Sequence[int] = ()) -> dict[str, object]:
    """A movie as Radarr's /api/v3/movie lists it (the fields RadarrImport reads, and a few around them)."""
    return {
        "id": tmdb_id % 1000 + 1, "title": title, "sortTitle": title.lower(), "tmdbId": tmdb_id, "imdbId": imdb_id,
        "year": year, "overview": "", "images": [], "monitored": True, "hasFile": False,
        "qualityProfileId": quality_profile_id, "path": path, "rootFolderPath": path.rsplit("/", 1)[0],
        "tags": list(tags), "titleSlug": f"{title.lower().replace(' ', '-')}-{tmdb_id}",
        "minimumAvailability": "released", "status": "released", "added": "2024-01-01T00:00:00Z",
    }
