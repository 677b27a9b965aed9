"""A TMDB-shaped API v3 server on 127.0.0.1, for tests, the demo and the metadata benchmark.

Endpoints (TMDB's paths and JSON shapes): ``GET /3/search/movie?query=&year=``, ``GET /3/movie/{id}`` (with
``append_to_response`` parts always included), ``GET /3/find/{imdb_id}?external_source=imdb_id``,
``GET /3/collection/{id}``. The key is checked as TMDB does: ``api_key`` query parameter or a Bearer token;
a wrong one gets TMDB's 401 body (status_code 7), an unknown id its 404 body (status_code 34).

Faults for tests: :meth:`TmdbServer.respond_raw` makes a path answer a fixed status/body/headers (optionally
after a delay), :meth:`TmdbServer.rate_limit` answers 429 with Retry-After to the next N requests.
:meth:`TmdbServer.add_synthetic` adds N generated movies (ids from 9,000,000; plainly not real) for the benchmark.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

from radarr_sandbox.ports import LOOPBACK
from radarr_sandbox.tmdb_films import FILMS, MATRIX_COLLECTION, MATRIX_SEQUELS

SYNTHETIC_FIRST_ID = 9_000_000
_UNAUTHORIZED = {"status_code": 7, "status_message": "Invalid API key: You must be granted a valid key.",
                 "success": False}
_NOT_FOUND = {"success": False, "status_code": 34, "status_message": "The resource you requested could not be found."}
_RATE_LIMITED = {"status_code": 25, "status_message": "Your request count (#) is over the allowed limit of (40).",
                 "success": False}


@dataclass(frozen=True)
class Raw:
    status: int
    body: bytes | Iterable[bytes]
    content_type: str = "application/json;charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    length: bool = True  # False: no Content-Length (chunked), the client cannot know the size up front


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    at: float


def search_result(movie: Mapping[str, Any]) -> dict[str, Any]:
    """A movie as TMDB's search, find and collection answers list it."""
    return {
        "adult": False, "backdrop_path": None, "genre_ids": [g["id"] for g in movie.get("genres", [])],
        "id": movie["id"], "original_language": movie.get("original_language", "en"),
        "original_title": movie.get("original_title", movie["title"]), "overview": movie.get("overview", ""),
        "popularity": movie.get("popularity", 1.0), "poster_path": None,
        "release_date": movie.get("release_date", ""), "title": movie["title"], "video": False,
        "vote_average": 0.0, "vote_count": 0,
    }


class TmdbServer:
    def __init__(self, api_key: str = "sandbox-tmdb-key-0123456789", *,
                 films: Iterable[dict[str, Any]] = (*FILMS, *MATRIX_SEQUELS), bearer_token: str | None = None) -> None:
        self.api_key = api_key
        self.bearer_token = bearer_token or "sandbox-read-access-token-abcdef"
        self.movies: dict[int, dict[str, Any]] = {f["id"]: copy.deepcopy(f) for f in films}
        # Collection members are derived from the movies' belongs_to_collection (see :meth:`collection`).
        self.collections: dict[int, dict[str, Any]] = {MATRIX_COLLECTION["id"]: dict(MATRIX_COLLECTION)}
        self.requests: list[Seen] = []
        self._raw: dict[str, Raw] = {}
        self._rate_limited = 0
        self._retry_after = "1"
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------------------

    def start(self) -> Self:
        server = self

        class Handler(_Handler):
            tmdb = server

        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 128
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="tmdb", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The API base URL (what ``metadata.base_url`` takes)."""
        assert self._httpd is not None, "server not started"
        return f"http://{LOOPBACK}:{self._httpd.server_address[1]}/3"

    # -- content and faults ------------------------------------------------------------------------------------

    def add_movie(self, movie: dict[str, Any]) -> None:
        with self._lock:
            self.movies[movie["id"]] = movie

    def add_synthetic(self, count: int) -> list[int]:
        """``count`` generated movies (ids SYNTHETIC_FIRST_ID...), shaped like the real ones; their ids."""
        template = FILMS[0]
        ids = list(range(SYNTHETIC_FIRST_ID, SYNTHETIC_FIRST_ID + count))
        with self._lock:
            for n, tmdb_id in enumerate(ids):
                movie = copy.deepcopy(template)
                movie.update(id=tmdb_id, imdb_id=f"tt9{n:07d}", title=f"Synthetic Movie {n}",
                             original_title=f"Synthetic Movie {n}", release_date=f"{1950 + n % 70}-06-01")
                movie["external_ids"] = {**movie["external_ids"], "imdb_id": f"tt9{n:07d}"}
                self.movies[tmdb_id] = movie
        return ids

    def respond_raw(self, path: str, raw: Raw) -> None:
        """``path`` (e.g. ``/3/movie/603``) answers ``raw`` until :meth:`clear_raw`."""
        with self._lock:
            self._raw[path] = raw

    def clear_raw(self) -> None:
        with self._lock:
            self._raw.clear()

    def rate_limit(self, requests: int, retry_after: str = "1") -> None:
        """The next ``requests`` requests get 429 with this Retry-After."""
        with self._lock:
            self._rate_limited, self._retry_after = requests, retry_after

    # -- answers ----------------------------------------------------------------------------------------------

    def answer(self, path: str, query: dict[str, str], headers: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            self.requests.append(Seen(path, query, headers, time.monotonic()))
            if self._rate_limited > 0:
                self._rate_limited -= 1
                return 429, _RATE_LIMITED, {"Retry-After": self._retry_after}
        key_ok = query.get("api_key") == self.api_key
        token_ok = headers.get("authorization") == f"Bearer {self.bearer_token}"
        if not (key_ok or token_ok):
            return 401, _UNAUTHORIZED, {}
        parts = [p for p in path.split("/") if p]
        if parts[:1] != ["3"]:
            return 404, _NOT_FOUND, {}
        parts = parts[1:]
        if parts == ["search", "movie"]:
            return 200, self._search(query.get("query", ""), query.get("year")), {}
        if len(parts) == 2 and parts[0] == "movie" and parts[1].isdigit():
            movie = self.movies.get(int(parts[1]))
            return (200, movie, {}) if movie else (404, _NOT_FOUND, {})
        if len(parts) == 2 and parts[0] == "find":
            return 200, self._find(unquote(parts[1]), query.get("external_source")), {}
        if len(parts) == 2 and parts[0] == "collection" and parts[1].isdigit():
            collection = self.collection(int(parts[1]))
            return (200, collection, {}) if collection else (404, _NOT_FOUND, {})
        return 404, _NOT_FOUND, {}

    def collection(self, collection_id: int) -> dict[str, Any] | None:
        """``GET /collection/{id}`` as TMDB answers it: id, name, overview, images and ``parts``, the movies the
        server knows to belong to it (by their ``belongs_to_collection``), oldest first, search-result shaped with
        ``media_type``. Add a movie with :meth:`add_movie` and the collection lists it from then on."""
        with self._lock:
            known = self.collections.get(collection_id)
            movies = [m for m in self.movies.values()
                      if (m.get("belongs_to_collection") or {}).get("id") == collection_id]
        if known is None:
            return None
        movies.sort(key=lambda m: (m.get("release_date") or "9999", m["id"]))
        return {"id": collection_id, "name": known["name"], "overview": known.get("overview", ""),
                "poster_path": known.get("poster_path"), "backdrop_path": known.get("backdrop_path"),
                "parts": [{**search_result(m), "media_type": "movie"} for m in movies]}

    def _search(self, text: str, year: str | None) -> dict[str, Any]:
        words = text.casefold().split()
        with self._lock:
            movies = list(self.movies.values())
        results = [
            search_result(m) for m in movies
            if words and all(w in m["title"].casefold() or w in m.get("original_title", "").casefold() for w in words)
            and (not year or m.get("release_date", "").startswith(year))
        ]
        return {"page": 1, "results": results[:20], "total_pages": 1, "total_results": len(results)}

    def _find(self, external_id: str, source: str | None) -> dict[str, Any]:
        with self._lock:
            movies = list(self.movies.values())
        found = [{**search_result(m), "media_type": "movie"} for m in movies
                 if source == "imdb_id" and m.get("imdb_id") == external_id]
        return {"movie_results": found, "person_results": [], "tv_results": [], "tv_episode_results": [],
                "tv_season_results": []}

    def raw_for(self, path: str) -> Raw | None:
        with self._lock:
            return self._raw.get(path)


class _Handler(BaseHTTPRequestHandler):
    tmdb: TmdbServer
    protocol_version = "HTTP/1.1"
    # Buffered: headers and body leave in one write (flushed after each request). Unbuffered, the headers go
    # alone and Nagle's algorithm meets the client's delayed ACK: 40 ms a request on a kept-alive connection.
    wbufsize = -1

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        raw = self.tmdb.raw_for(parts.path)
        if raw is not None:
            with self.tmdb._lock:
                self.tmdb.requests.append(Seen(parts.path, {}, {}, time.monotonic()))
            self._raw(raw)
            return
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, document, extra = self.tmdb.answer(parts.path, query, headers)
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _raw(self, raw: Raw) -> None:
        if raw.delay:
            time.sleep(raw.delay)
        chunks = [raw.body] if isinstance(raw.body, bytes) else raw.body
        self.send_response(raw.status)
        self.send_header("Content-Type", raw.content_type)
        for name, value in raw.headers.items():
            self.send_header(name, value)
        try:
            if raw.length and isinstance(raw.body, bytes):
                self.send_header("Content-Length", str(len(raw.body)))
                self.end_headers()
                self.wfile.write(raw.body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading (a body over its limit)
            self.close_connection = True


def main() -> None:
    """``python -m radarr_sandbox.tmdb [--synthetic N]``: serve until stopped; prints the URL and the key (a
    sandbox key, not a secret) on the first line, as JSON."""
    import argparse

    parser = argparse.ArgumentParser(description="A TMDB-shaped API v3 server on 127.0.0.1")
    parser.add_argument("--synthetic", type=int, default=0, help="also serve N generated movies")
    args = parser.parse_args()
    with TmdbServer() as server:
        ids = server.add_synthetic(args.synthetic) if args.synthetic else []
        print(json.dumps({"url": server.url, "api_key": server.api_key, "synthetic_ids": [ids[0], ids[-1]] if ids
                          else []}), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
