"""HDBits' JSON API: ``POST /api/torrents`` with ``username`` and ``passkey`` in the JSON body.

- Latest listing (the RSS equivalent): ``{"category": [1], "limit": 100}``.
- Search: ``{"imdb": {"id": 133093}}`` (the number of the IMDb id); HDBits has no free-text fallback worth
  using for movies, so a movie without an IMDb id is not searched there.
- Answer: ``{"status": 0, "data": [...]}``; any other status is an error with ``message`` (5: the passkey or
  username was refused).

Each torrent maps to an :class:`IndexerRelease` (see :func:`release_from_torrent`) plus
:class:`ReleaseDetails` with HDBits' category, codec, medium and origin names.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlencode

import httpx

from radarr_pipeline.indexers.base import FetchResult, ReleaseDetails
from radarr_pipeline.indexers.client import HttpIndexer
from radarr_pipeline.indexers.errors import IndexerApiError, IndexerAuthError, IndexerParseError
from radarr_pipeline.indexers.feed import clean_title, parse_date
from radarr_pipeline.indexers.http import DEFAULT_MAX_BYTES, Target, address_of, fetch
from radarr_pipeline.indexers.pacing import Pacer
from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.values.ids import imdb_digits, normalize_imdb_id
from radarr_pipeline.values.infohash import normalize_infohash

log = logging.getLogger("radarr_pipeline.indexers")

RSS_LIMIT = 100

#: HDBits' enumerations (Radarr's HdBitsCategory / HdBitsCodec / HdBitsMedium).
CATEGORIES = {1: "Movie", 2: "TV", 3: "Documentary", 4: "Music", 5: "Sport", 6: "Audio", 7: "XXX", 8: "Misc/Demo"}
CODECS = {1: "H.264", 2: "MPEG-2", 3: "VC-1", 4: "XviD", 5: "HEVC"}
MEDIUMS = {1: "Blu-ray", 3: "Encode", 4: "Capture", 5: "Remux", 6: "WEB-DL"}
ORIGINS = {0: "None", 1: "Internal"}
#: HDBits category -> Newznab category, so category rules work the same for every indexer.
NEWZNAB_CATEGORY = {1: 2000, 2: 5000, 3: 2000, 4: 3000, 5: 5060, 6: 3000, 7: 6000, 8: 8000}

#: HDBits API status codes.
STATUS_MESSAGES = {
    1: "failure", 2: "SSL required", 3: "malformed JSON", 4: "authentication data missing",
    5: "authentication failed", 6: "missing required parameters", 7: "invalid parameter",
    8: "IMDb import failed", 9: "IMDb TV not allowed",
}
AUTH_STATUSES = frozenset({4, 5})


def hdbits_categories(configured: list[int]) -> list[int]:
    """The HDBits categories to ask for: configured values that are HDBits ids (1-8), else Movie."""
    chosen = [c for c in configured if c in CATEGORIES]
    return chosen or [1]


def _as_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def published_at(torrent: Mapping[str, object]) -> datetime | None:
    """``added`` ("2026-11-28T10:15:00+0000") or else ``utadded`` (Unix seconds)."""
    added = torrent.get("added")
    if isinstance(added, str):
        text = added.strip()
        if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():  # +0000 -> +00:00
            text = f"{text[:-2]}:{text[-2:]}"
        parsed = parse_date(text)
        if parsed:
            return parsed
    seconds = _as_int(torrent.get("utadded"))
    return datetime.fromtimestamp(seconds, UTC) if seconds else None


def release_from_torrent(
    torrent: Mapping[str, object], *, indexer: str, base_url: str, passkey: str
) -> tuple[IndexerRelease, ReleaseDetails] | None:
    """One entry of ``data``; None when it lacks an id or a usable name."""
    torrent_id = _as_int(torrent.get("id"))
    title = clean_title(_as_text(torrent.get("name")))
    if torrent_id is None or title is None:
        return None
    seeders = _as_int(torrent.get("seeders"))
    leechers = _as_int(torrent.get("leechers"))
    freeleech = str(torrent.get("freeleech") or "").lower() == "yes"
    origin = _as_int(torrent.get("type_origin"))
    flags = (["G_Freeleech"] if freeleech else []) + (["G_Internal"] if origin == 1 else [])
    category = _as_int(torrent.get("type_category"))
    imdb = torrent.get("imdb")
    imdb_id = normalize_imdb_id(_as_int(imdb.get("id"))) if isinstance(imdb, Mapping) else None
    guid = f"HDBits-{torrent_id}"
    release = IndexerRelease(
        guid=guid,
        title=title,
        indexer=indexer,
        download_url=f"{base_url}/download.php?{urlencode({'id': torrent_id, 'passkey': passkey})}",
        info_url=f"{base_url}/details.php?id={torrent_id}",
        infohash=normalize_infohash(_as_text(torrent.get("hash"))),
        size=_as_int(torrent.get("size")),
        seeders=seeders,
        peers=(seeders or 0) + (leechers or 0) if seeders is not None or leechers is not None else None,
        published_at=published_at(torrent),
        imdb_id=imdb_id,
        categories=(NEWZNAB_CATEGORY[category],) if category in NEWZNAB_CATEGORY else (),
        indexer_flags=tuple(flags),
        download_volume_factor=0.0 if freeleech else 1.0,
        upload_volume_factor=1.0,
    )
    details = ReleaseDetails(
        guid=guid,
        indexer=indexer,
        category=CATEGORIES.get(category) if category is not None else None,
        codec=CODECS.get(_as_int(torrent.get("type_codec")) or -1),
        medium=MEDIUMS.get(_as_int(torrent.get("type_medium")) or -1),
        origin=ORIGINS.get(origin) if origin is not None else None,
    )
    return release, details


def parse_response(
    body: bytes, *, indexer: str, base_url: str, passkey: str, target: Target, where: str
) -> FetchResult:
    """The whole answer, or an error: nothing is returned from a half-understood answer."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise IndexerParseError(indexer, where, f"malformed JSON: {target.scrub(str(exc))[:200]}") from None
    if not isinstance(document, dict) or "status" not in document:
        raise IndexerParseError(indexer, where, "the answer is not an HDBits API object (no 'status')")
    status = _as_int(document.get("status"))
    if status != 0:
        message = document.get("message")
        detail = target.scrub(str(message))[:300] if message else STATUS_MESSAGES.get(status or -1, "unknown")
        text = f"HDBits API status {document.get('status')!r}: {detail}"
        if status in AUTH_STATUSES:
            raise IndexerAuthError(indexer, where, f"{text} (check the username and the passkey)")
        raise IndexerApiError(indexer, where, text, code=status)
    data = document.get("data")
    if not isinstance(data, list):
        raise IndexerParseError(indexer, where, "the answer has no 'data' list")
    releases: list[IndexerRelease] = []
    details: list[ReleaseDetails] = []
    skipped = 0
    for entry in data:
        mapped = release_from_torrent(entry, indexer=indexer, base_url=base_url, passkey=passkey) \
            if isinstance(entry, Mapping) else None
        if mapped is None:
            skipped += 1
            continue
        releases.append(mapped[0])
        details.append(mapped[1])
    if skipped:
        log.info("indexer %s: skipped %d HDBits entries without an id or a name", indexer, skipped)
    return FetchResult(releases, details)


class HDBitsIndexer(HttpIndexer):
    kind = "hdbits"

    def __init__(
        self,
        *,
        name: str,
        url: str,
        username: str,
        passkey: str,
        categories: list[int],
        priority: int,
        client: httpx.Client,
        timeout: float = 30.0,
        pacer: Pacer | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        owns_client: bool = False,
    ) -> None:
        super().__init__(name=name, priority=priority, client=client, secrets=(passkey,), timeout=timeout,
                         pacer=pacer, max_bytes=max_bytes, owns_client=owns_client)
        self.base_url = url.rstrip("/")
        self.categories = hdbits_categories(categories)
        self._username = username
        self._passkey = passkey

    def __repr__(self) -> str:
        return f"HDBitsIndexer({self.name!r}, {address_of(self.base_url)})"

    def fetch_rss_result(self) -> FetchResult:
        return self._query({"category": self.categories, "limit": RSS_LIMIT})

    def search_result(self, movie: Movie) -> FetchResult:
        number = imdb_digits(movie.imdb_id)
        if number is None:
            return FetchResult([], requests=0)
        return self._query({"category": self.categories, "imdb": {"id": int(number)}, "limit": RSS_LIMIT})

    def _query(self, query: dict[str, object]) -> FetchResult:
        self._pacer.wait()
        response = fetch(
            self._client, self._target, "POST", f"{self.base_url}/api/torrents", expect="json",
            json={"username": self._username, "passkey": self._passkey, **query},
            timeout=self._timeout, max_bytes=self._max_bytes,
        )
        result = parse_response(
            response.body, indexer=self.name, base_url=self.base_url, passkey=self._passkey,
            target=self._target, where=response.address,
        )
        return FetchResult(result.releases, result.details, requests=1)
