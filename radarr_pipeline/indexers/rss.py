"""A plain RSS feed, typically a private tracker's with a passkey: RSS sync only, no search.

The passkey never lives in the configuration file: the URL may contain ``{passkey}`` where it belongs
(``https://tracker.example/rss/{passkey}`` or ``...?passkey={passkey}``); without the placeholder, it is sent as
the ``passkey`` query parameter. Items are read like any RSS 2.0 feed (enclosure or link, ezRSS ``torrent``
fields for size, seeds, peers, info hash and magnet), with the parser Radarr's TorrentRss detector would
choose for the feed (:mod:`radarr_pipeline.indexers.feed_shape`).
"""

from __future__ import annotations

from urllib.parse import quote

import httpx

from radarr_pipeline.indexers.base import FetchResult
from radarr_pipeline.indexers.client import HttpIndexer
from radarr_pipeline.indexers.feed import channel_items, parse_xml, read_channel
from radarr_pipeline.indexers.feed_shape import detect_shape
from radarr_pipeline.indexers.feed_text import clean_xml
from radarr_pipeline.indexers.http import DEFAULT_MAX_BYTES, address_of, fetch
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import IndexerRelease, Movie

PASSKEY_PLACEHOLDER = "{passkey}"


def feed_url(url: str, passkey: str | None) -> tuple[str, dict[str, str]]:
    """The URL to ask and the extra query parameters, with the passkey put where the URL says."""
    if passkey and PASSKEY_PLACEHOLDER in url:
        return url.replace(PASSKEY_PLACEHOLDER, quote(passkey, safe="")), {}
    if passkey:
        return url, {"passkey": passkey}
    return url, {}


class RssIndexer(HttpIndexer):
    supports_search = False
    kind = "rss"

    def __init__(
        self,
        *,
        name: str,
        url: str,
        passkey: str | None,
        priority: int,
        client: httpx.Client,
        timeout: float = 30.0,
        pacer: Pacer | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        owns_client: bool = False,
    ) -> None:
        super().__init__(name=name, priority=priority, client=client,
                         secrets=(passkey, quote(passkey, safe="")) if passkey else (), timeout=timeout, pacer=pacer,
                         max_bytes=max_bytes, owns_client=owns_client)
        self.url = url
        self._passkey = passkey

    def __repr__(self) -> str:
        return f"RssIndexer({self.name!r}, {address_of(self.url)})"

    def search(self, movie: Movie) -> list[IndexerRelease]:
        """A plain feed cannot be searched: always empty."""
        return []

    def fetch_rss_result(self) -> FetchResult:
        url, params = feed_url(self.url, self._passkey)
        self._pacer.wait()
        response = fetch(
            self._client, self._target, "GET", url, expect="xml", params=params or None,
            timeout=self._timeout, max_bytes=self._max_bytes,
        )
        root = parse_xml(response.body, self._target, response.address)
        shape = detect_shape(clean_xml(response.body), channel_items(root, self._target, response.address))
        read = read_channel(root, self.name, self._target, response.address, shape=shape, base_url=response.url)
        return FetchResult(read.releases, requests=1, skipped=read.skipped)

    def search_result(self, movie: Movie) -> FetchResult:
        return FetchResult([], requests=0)
