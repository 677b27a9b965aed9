"""Torznab and Newznab: the same API (``/api?t=...&apikey=...``), RSS 2.0 answers with ``attr`` extensions.

- ``t=caps``: what the server can search by (``movie-search supportedParams="q,imdbid,tmdbid"``) and its
  limits.
- RSS sync: ``t=movie&cat=<movie categories>&extended=1``, first page.
- Search for a movie: ``t=movie`` by ``imdbid`` (digits, no "tt") and ``tmdbid`` when the server supports
  them; when that finds nothing or is not supported, ``q=Title Year``. Paged by ``offset``/``limit`` up to
  :data:`MAX_SEARCH_PAGES`, stopping at a short page or at the ``newznab:response total``.
- An ``<error code= description=>`` answer becomes an :class:`IndexerError` (1xx: the key was refused;
  "request limit reached": rate limited).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import httpx

from radarr_pipeline.indexers.base import Capabilities, FetchResult, add_counts, movie_query
from radarr_pipeline.indexers.client import HttpIndexer
from radarr_pipeline.indexers.errors import (
    IndexerApiError,
    IndexerAuthError,
    IndexerHTTPError,
    IndexerParseError,
    IndexerRateLimitedError,
)
from radarr_pipeline.indexers.feed import ChannelRead, child, local_name, parse_int, parse_xml, read_channel
from radarr_pipeline.indexers.feed_shape import NEWZNAB, TORZNAB, FeedShape
from radarr_pipeline.indexers.http import DEFAULT_MAX_BYTES, Response, Target, address_of, fetch
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.values.ids import imdb_digits

log = logging.getLogger("radarr_pipeline.indexers")

MAX_SEARCH_PAGES = 3
PAGE_LIMIT_CAP = 100
#: Newznab error codes for "no such function" / "function not available".
FUNCTION_UNAVAILABLE = frozenset({202, 203})
#: What we assume when a server's ``t=caps`` is unusable (Radarr's defaults).
DEFAULT_CAPABILITIES = Capabilities(movie_search_params=frozenset({"q", "imdbid"}))


def api_url(base_url: str) -> str:
    """The API endpoint: the configured URL if it already ends in ``/api``, else with ``/api`` appended
    (Jackett's and Prowlarr's "Torznab feed" URLs end before it)."""
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/api"):
        path = f"{path}/api"
    return urlunsplit(parts._replace(path=path))


def raise_for_error_document(root: Element, target: Target, where: str) -> None:
    """Turn a Newznab/Torznab ``<error code="..." description="..."/>`` answer into the matching error."""
    if local_name(root.tag) != "error":
        return
    code = parse_int(root.get("code"))
    description = target.scrub((root.get("description") or "no description").strip())[:300]
    text = f"API error {code if code is not None else '?'}: {description}"
    lowered = description.lower()
    if code is not None and 100 <= code <= 199:
        raise IndexerAuthError(target.indexer, where, f"{text} (the API key was refused)")
    if code in (500, 501) or "limit reached" in lowered or "too many" in lowered:
        raise IndexerRateLimitedError(target.indexer, where, text)
    raise IndexerApiError(target.indexer, where, text, code=code)


def parse_capabilities(body: bytes, target: Target, where: str) -> Capabilities:
    root = parse_xml(body, target, where)
    raise_for_error_document(root, target, where)
    if local_name(root.tag) != "caps":
        raise IndexerParseError(target.indexer, where, f"expected <caps>, got <{local_name(root.tag)}>")
    limits = child(root, "limits")
    limit_max = parse_int(limits.get("max")) if limits is not None else None
    limit_default = parse_int(limits.get("default")) if limits is not None else None
    searching = child(root, "searching")
    search = child(searching, "search") if searching is not None else None
    movie = child(searching, "movie-search") if searching is not None else None
    return Capabilities(
        limit_max=min(limit_max or PAGE_LIMIT_CAP, PAGE_LIMIT_CAP),
        limit_default=min(limit_default or limit_max or PAGE_LIMIT_CAP, PAGE_LIMIT_CAP),
        search_available=_available(search),
        movie_search_available=_available(movie),
        movie_search_params=_params(movie) if _available(movie) else frozenset(),
    )


def _available(element: Element | None) -> bool:
    return element is not None and (element.get("available") or "").strip().lower() == "yes"


def _params(element: Element | None) -> frozenset[str]:
    if element is None:
        return frozenset()
    raw = element.get("supportedParams") or element.get("supportedparams") or "q"
    return frozenset(p.strip().lower() for p in raw.split(",") if p.strip())


def parse_feed_page(
    body: bytes, indexer: str, target: Target, where: str, *, shape: FeedShape = TORZNAB, base_url: str = ""
) -> tuple[ChannelRead, int | None, int | None]:
    """A results page: the releases (and items left out), and the ``newznab:response`` offset and total."""
    root = parse_xml(body, target, where)
    raise_for_error_document(root, target, where)
    releases = read_channel(root, indexer, target, where, shape=shape, base_url=base_url)
    offset = total = None
    channel = child(root, "channel")
    response = child(channel, "response") if channel is not None else None
    if response is not None:
        offset, total = parse_int(response.get("offset")), parse_int(response.get("total"))
    return releases, offset, total


class TorznabIndexer(HttpIndexer):
    """A Torznab (torrents) or Newznab (Usenet) indexer."""

    def __init__(
        self,
        *,
        name: str,
        url: str,
        api_key: str | None,
        categories: list[int],
        priority: int,
        client: httpx.Client,
        kind: str = "torznab",
        timeout: float = 30.0,
        pacer: Pacer | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        owns_client: bool = False,
    ) -> None:
        super().__init__(name=name, priority=priority, client=client, secrets=(api_key,) if api_key else (),
                         timeout=timeout, pacer=pacer, max_bytes=max_bytes, owns_client=owns_client)
        self.kind = kind
        self.url = api_url(url)
        self.categories = list(categories)
        self._api_key = api_key
        self._caps: Capabilities | None = None
        self._shape = NEWZNAB if kind == "newznab" else TORZNAB
        self._skipped: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"TorznabIndexer({self.name!r}, kind={self.kind!r}, {address_of(self.url)})"

    # -- public interface ---------------------------------------------------------------------------------

    def capabilities(self) -> Capabilities:
        """``t=caps``, asked once per indexer object."""
        if self._caps is None:
            response = self._get({"t": "caps"})
            self._caps = parse_capabilities(response.body, self._target, response.address)
        return self._caps

    def fetch_rss_result(self) -> FetchResult:
        """The latest movie releases (``t=movie``); servers without movie search get ``t=search``."""
        before = self._pacer.requests
        self._skipped = {}
        params = {"cat": self._cat(), "extended": "1"}
        try:
            releases, _, _ = self._page({"t": "movie", **params}, offset=0, limit=None)
        except IndexerApiError as exc:
            if exc.code not in FUNCTION_UNAVAILABLE:
                raise
            releases, _, _ = self._page({"t": "search", **params}, offset=0, limit=None)
        return FetchResult(releases, requests=self._pacer.requests - before, skipped=self._skipped)

    def search_result(self, movie: Movie) -> FetchResult:
        before = self._pacer.requests
        self._skipped = {}
        caps = self._usable_caps()
        releases: list[IndexerRelease] = []
        id_params = self._id_params(movie, caps)
        if id_params:
            releases = self._paged({"t": "movie", **id_params}, caps)
        if not releases:
            function = "movie" if caps.supports_movie_id("q") or not caps.search_available else "search"
            releases = self._paged({"t": function, "q": movie_query(movie)}, caps)
        return FetchResult(releases, requests=self._pacer.requests - before, skipped=self._skipped)

    # -- internals ----------------------------------------------------------------------------------------

    def _usable_caps(self) -> Capabilities:
        try:
            return self.capabilities()
        except (IndexerParseError, IndexerApiError) as exc:
            log.warning("indexer %s: capabilities unusable, assuming defaults: %s", self.name, exc)
        except IndexerHTTPError as exc:
            if exc.status not in (400, 404, 501):
                raise
            log.warning("indexer %s: no capabilities endpoint, assuming defaults: %s", self.name, exc)
        self._caps = DEFAULT_CAPABILITIES
        return self._caps

    @staticmethod
    def _id_params(movie: Movie, caps: Capabilities) -> dict[str, str]:
        params: dict[str, str] = {}
        imdb = imdb_digits(movie.imdb_id)
        if imdb and caps.supports_movie_id("imdbid"):
            params["imdbid"] = imdb
        if movie.tmdb_id and caps.supports_movie_id("tmdbid"):
            params["tmdbid"] = str(movie.tmdb_id)
        return params

    def _cat(self) -> str:
        return ",".join(str(c) for c in self.categories)

    def _paged(self, params: Mapping[str, str], caps: Capabilities) -> list[IndexerRelease]:
        limit = caps.limit_max
        found: dict[str, IndexerRelease] = {}
        offset = 0
        for _page in range(MAX_SEARCH_PAGES):
            releases, _, total = self._page({**params, "cat": self._cat(), "extended": "1"}, offset, limit)
            for release in releases:
                found.setdefault(release.guid, release)
            offset += len(releases)
            if len(releases) < limit or (total is not None and offset >= total) or not releases:
                break
        return list(found.values())

    def _page(
        self, params: Mapping[str, str], offset: int, limit: int | None
    ) -> tuple[list[IndexerRelease], int | None, int | None]:
        query: dict[str, str | int] = dict(params)
        if limit is not None:
            query.update(offset=offset, limit=limit)
        response = self._get(query)
        page, offset_seen, total = parse_feed_page(response.body, self.name, self._target, response.address,
                                                   shape=self._shape, base_url=response.url)
        self._skipped = add_counts(self._skipped, page.skipped)
        return page.releases, offset_seen, total

    def _get(self, params: Mapping[str, str | int]) -> Response:
        query = dict(params)
        if self._api_key:
            query["apikey"] = self._api_key
        self._pacer.wait()
        return fetch(
            self._client, self._target, "GET", self.url, expect="xml", params=query,
            timeout=self._timeout, max_bytes=self._max_bytes,
        )
