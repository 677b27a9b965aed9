"""A Torznab indexer on 127.0.0.1 (Jackett/Prowlarr-shaped), for tests and the demo.

Endpoints (any path ending in ``/api`` works, so ``/api`` and Prowlarr's ``/1/api`` both answer):

* ``GET /api?t=caps&apikey=K``: capabilities (movie categories 2000, 2040, 2045).
* ``GET /api?t=search|movie&apikey=K[&q=][&imdbid=][&tmdbid=][&cat=][&limit=][&offset=]``: RSS 2.0 with the
  torznab namespace, the items given with :meth:`TorznabServer.add_item`, filtered by the query.
* ``GET /download/<id>.torrent?apikey=K``: the item's .torrent bytes (``application/x-bittorrent``).

A wrong or missing apikey gets ``<error code="100" description="Incorrect user credentials"/>``; an unknown
``t`` gets code 202. Every request is recorded in :attr:`TorznabServer.requests`. For fault tests,
:meth:`TorznabServer.respond_raw` makes a path answer a fixed body instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import secrets
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs, quote, urlsplit

from radarr_sandbox.ports import LOOPBACK

TORZNAB_NS = "http://torznab.com/schemas/2015/feed"
ATOM_NS = "http://www.w3.org/2005/Atom"
TORRENT_MIME = "application/x-bittorrent"

#: Newznab/Torznab movie categories served by caps.
MOVIE_CATEGORIES: dict[int, str] = {
    2000: "Movies",
    2010: "Movies/Foreign",
    2030: "Movies/SD",
    2040: "Movies/HD",
    2045: "Movies/UHD",
    2050: "Movies/BluRay",
    2060: "Movies/3D",
}


@dataclass
class TorznabItem:
    """One release the indexer lists. Give ``torrent_path`` or ``torrent_bytes`` (or only a ``magnet``)."""

    title: str
    guid: str | None = None  # default: a stable URL on this server
    torrent_path: Path | str | None = None
    torrent_bytes: bytes | None = None
    infohash: str | None = None
    magnet: str | None = None
    size: int = 0
    seeders: int = 10
    peers: int = 12  # seeders + leechers, as Torznab defines it
    imdb_id: str | None = None  # "tt0111161" or "0111161"; served as digits ("0111161")
    tmdb_id: int | None = None
    category: int = 2000
    pub_date: datetime | None = None  # default: when added
    grabs: int | None = None
    download_volume_factor: float = 1.0
    upload_volume_factor: float = 1.0
    comments: str | None = None
    extra_attrs: Mapping[str, str] = field(default_factory=dict)

    def torrent_data(self) -> bytes | None:
        if self.torrent_bytes is not None:
            return self.torrent_bytes
        if self.torrent_path is not None:
            return Path(self.torrent_path).read_bytes()
        return None


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    at: float

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None


@dataclass(frozen=True)
class RawResponse:
    body: bytes
    status: int
    content_type: str
    delay: float = 0.0


def imdb_digits(imdb_id: str | None) -> str | None:
    """``tt0111161`` / ``0111161`` / ``111161`` -> ``0111161`` (at least 7 digits), else None."""
    if not imdb_id:
        return None
    digits = re.sub(r"\D", "", imdb_id)
    return digits.zfill(7) if digits else None


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]


def _parent_category(cat: int) -> int:
    return cat - cat % 1000


class TorznabServer:
    """Threaded HTTP server on 127.0.0.1:0 serving a Torznab API; a context manager."""

    def __init__(self, apikey: str | None = None, *, title: str = "Sandbox Torznab") -> None:
        self.apikey = apikey or secrets.token_hex(16)
        self.title = title
        self._items: list[tuple[str, TorznabItem]] = []
        self._requests: list[RecordedRequest] = []
        self._raw: dict[str, RawResponse] = {}
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._next_id = 1

    # -- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> Self:
        if self._httpd is not None:
            return self
        server = self

        class Handler(_TorznabHandler):
            torznab = server

        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="torznab", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("TorznabServer is not started")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:PORT``. The Torznab endpoint is :attr:`api_url`."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    # -- content ---------------------------------------------------------------------------------------

    def add_item(self, item: TorznabItem) -> str:
        """List ``item``; returns its id (used in ``/download/<id>.torrent``)."""
        with self._lock:
            item_id = str(self._next_id)
            self._next_id += 1
            if item.pub_date is None:  # a copy: the caller's item is left as given
                item = dataclasses.replace(item, pub_date=datetime.now(UTC).replace(microsecond=0))
            self._items.append((item_id, item))
        return item_id

    def clear_items(self) -> None:
        with self._lock:
            self._items.clear()

    @property
    def items(self) -> list[TorznabItem]:
        with self._lock:
            return [item for _, item in self._items]

    def download_url(self, item_id: str) -> str:
        return f"{self.url}/download/{item_id}.torrent?apikey={quote(self.apikey)}"

    def respond_raw(
        self,
        path: str,
        body: bytes | str,
        status: int = 200,
        content_type: str = "application/rss+xml; charset=utf-8",
        *,
        delay: float = 0.0,
    ) -> None:
        """Make every request to ``path`` (no query string, e.g. ``/api``) answer this body instead."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._raw[path] = RawResponse(data, status, content_type, delay)

    def clear_raw(self, path: str | None = None) -> None:
        with self._lock:
            if path is None:
                self._raw.clear()
            else:
                self._raw.pop(path, None)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # -- rendering (also usable without HTTP) -------------------------------------------------------------

    def caps_xml(self) -> bytes:
        caps = ET.Element("caps")
        ET.SubElement(caps, "server", version="1.0", title=self.title)
        ET.SubElement(caps, "limits", max="100", default="100")
        searching = ET.SubElement(caps, "searching")
        ET.SubElement(searching, "search", available="yes", supportedParams="q")
        ET.SubElement(searching, "tv-search", available="no", supportedParams="q,season,ep")
        ET.SubElement(searching, "movie-search", available="yes", supportedParams="q,imdbid,tmdbid")
        ET.SubElement(searching, "music-search", available="no", supportedParams="q")
        ET.SubElement(searching, "audio-search", available="no", supportedParams="q")
        ET.SubElement(searching, "book-search", available="no", supportedParams="q")
        categories = ET.SubElement(caps, "categories")
        parent = ET.SubElement(categories, "category", id="2000", name=MOVIE_CATEGORIES[2000])
        for cat_id, name in MOVIE_CATEGORIES.items():
            if cat_id != 2000:
                ET.SubElement(parent, "subcat", id=str(cat_id), name=name)
        return _to_bytes(caps)

    def search(self, params: Mapping[str, str]) -> list[tuple[str, TorznabItem]]:
        """The items matching Torznab query parameters (q, imdbid, tmdbid, cat, limit, offset)."""
        with self._lock:
            found = list(self._items)
        imdb = imdb_digits(params.get("imdbid"))
        if imdb:
            found = [(i, it) for i, it in found if imdb_digits(it.imdb_id) == imdb]
        tmdb = params.get("tmdbid")
        if tmdb:
            found = [(i, it) for i, it in found if it.tmdb_id is not None and str(it.tmdb_id) == tmdb]
        query = _words(params.get("q", ""))
        if query:
            found = [(i, it) for i, it in found if all(w in _words(it.title) for w in query)]
        cats = {int(c) for c in params.get("cat", "").split(",") if c.strip().isdigit()}
        if cats:
            found = [(i, it) for i, it in found if it.category in cats or _parent_category(it.category) in cats]
        found.sort(key=lambda pair: pair[1].pub_date or datetime.min.replace(tzinfo=UTC), reverse=True)
        offset = int(params["offset"]) if params.get("offset", "").isdigit() else 0
        limit = int(params["limit"]) if params.get("limit", "").isdigit() else 100
        return found[offset : offset + min(limit, 100)]

    def feed_xml(self, results: list[tuple[str, TorznabItem]], offset: int = 0) -> bytes:
        ET.register_namespace("torznab", TORZNAB_NS)
        ET.register_namespace("atom", ATOM_NS)
        rss = ET.Element("rss", version="2.0")
        channel = ET.SubElement(rss, "channel")
        ET.SubElement(channel, f"{{{ATOM_NS}}}link", href=self.api_url, rel="self", type="application/rss+xml")
        ET.SubElement(channel, "title").text = self.title
        ET.SubElement(channel, "description").text = f"{self.title} feed"
        ET.SubElement(channel, "link").text = self.url
        ET.SubElement(channel, "language").text = "en-US"
        ET.SubElement(channel, "category").text = "search"
        ET.SubElement(channel, f"{{{TORZNAB_NS}}}response", offset=str(offset), total=str(len(results)))
        for item_id, item in results:
            self._render_item(channel, item_id, item)
        return _to_bytes(rss)

    def _render_item(self, channel: ET.Element, item_id: str, item: TorznabItem) -> None:
        has_torrent = item.torrent_path is not None or item.torrent_bytes is not None
        link = self.download_url(item_id) if has_torrent else (item.magnet or "")
        details = item.comments or f"{self.url}/details/{item_id}"
        node = ET.SubElement(channel, "item")
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "guid", isPermaLink="true").text = item.guid or details
        ET.SubElement(node, "jackettindexer", id="sandbox").text = self.title
        ET.SubElement(node, "type").text = "public"
        ET.SubElement(node, "comments").text = details
        ET.SubElement(node, "pubDate").text = format_datetime(item.pub_date or datetime.now(UTC))
        ET.SubElement(node, "size").text = str(item.size)
        if item.grabs is not None:
            ET.SubElement(node, "grabs").text = str(item.grabs)
        ET.SubElement(node, "description")
        ET.SubElement(node, "link").text = link
        ET.SubElement(node, "category").text = str(item.category)
        if item.category != _parent_category(item.category):
            ET.SubElement(node, "category").text = str(_parent_category(item.category))
        ET.SubElement(node, "enclosure", url=link, length=str(item.size), type=TORRENT_MIME)
        attrs: list[tuple[str, str]] = [("category", str(item.category))]
        if item.category != _parent_category(item.category):
            attrs.append(("category", str(_parent_category(item.category))))
        attrs += [("size", str(item.size)), ("seeders", str(item.seeders)), ("peers", str(item.peers))]
        if item.grabs is not None:
            attrs.append(("grabs", str(item.grabs)))
        if item.infohash:
            attrs.append(("infohash", item.infohash.lower()))
        if item.magnet:
            attrs.append(("magneturl", item.magnet))
        imdb = imdb_digits(item.imdb_id)
        if imdb:
            attrs.append(("imdbid", imdb))
        if item.tmdb_id is not None:
            attrs.append(("tmdbid", str(item.tmdb_id)))
        attrs.append(("downloadvolumefactor", _num(item.download_volume_factor)))
        attrs.append(("uploadvolumefactor", _num(item.upload_volume_factor)))
        attrs += [(k, str(v)) for k, v in item.extra_attrs.items()]
        for name, value in attrs:
            ET.SubElement(node, f"{{{TORZNAB_NS}}}attr", name=name, value=value)

    def error_xml(self, code: int, description: str) -> bytes:
        return _to_bytes(ET.Element("error", code=str(code), description=description))

    def torrent_for(self, item_id: str) -> bytes | None:
        with self._lock:
            for known_id, item in self._items:
                if known_id == item_id:
                    return item.torrent_data()
        return None

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _raw_for(self, path: str) -> RawResponse | None:
        with self._lock:
            return self._raw.get(path)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _to_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class _TorznabHandler(BaseHTTPRequestHandler):
    torznab: TorznabServer
    server_version = "SandboxTorznab/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read .requests instead
        return

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._handle()

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        self.torznab._record(RecordedRequest(self.command, parts.path, query, dict(self.headers.items()), time.time()))
        raw = self.torznab._raw_for(parts.path)
        if raw is not None:
            if raw.delay:
                time.sleep(raw.delay)  # deliberate: simulates a slow indexer for timeout tests
            self._send(raw.status, raw.body, raw.content_type)
            return
        params = {k: v[0] for k, v in query.items() if v}
        if parts.path == "/api" or parts.path.endswith("/api"):
            self._api(params)
        elif parts.path.startswith("/download/") and parts.path.endswith(".torrent"):
            self._download(parts.path.removeprefix("/download/").removesuffix(".torrent"), params)
        else:
            self._send(404, b"Not found", "text/plain; charset=utf-8")

    def _api(self, params: dict[str, str]) -> None:
        server = self.torznab
        if not secrets.compare_digest(params.get("apikey", ""), server.apikey):
            self._xml(server.error_xml(100, "Incorrect user credentials"))
            return
        function = params.get("t", "")
        if function == "caps":
            self._xml(server.caps_xml())
        elif function in {"search", "movie"}:
            offset = int(params["offset"]) if params.get("offset", "").isdigit() else 0
            self._xml(server.feed_xml(server.search(params), offset), "application/rss+xml; charset=utf-8")
        elif not function:
            self._xml(server.error_xml(200, "Missing parameter (t)"))
        else:
            self._xml(server.error_xml(202, f"No such function ({function})"))

    def _download(self, item_id: str, params: dict[str, str]) -> None:
        if not secrets.compare_digest(params.get("apikey", ""), self.torznab.apikey):
            self._send(401, b"Incorrect user credentials", "text/plain; charset=utf-8")
            return
        data = self.torznab.torrent_for(item_id)
        if data is None:
            self._send(404, f"No torrent with id {item_id}".encode(), "text/plain; charset=utf-8")
            return
        self._send(200, data, TORRENT_MIME, {"Content-Disposition": f'attachment; filename="{item_id}.torrent"'})

    def _xml(self, body: bytes, content_type: str = "application/xml; charset=utf-8") -> None:
        self._send(200, body, content_type)

    def _send(self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
