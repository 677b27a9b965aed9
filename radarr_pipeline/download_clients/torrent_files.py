"""Getting hold of a release's torrent: the .torrent file from the indexer, or its magnet link."""

from __future__ import annotations

import io
from collections.abc import Iterable

import httpx
import torf

from radarr_pipeline.values.infohash import infohash_from_magnet as magnet_infohash
from radarr_pipeline.values.secrets import redact

MAX_TORRENT_BYTES = 10 * 1024 * 1024


class TorrentFetchError(RuntimeError):
    """The torrent could not be fetched or is not a torrent."""


def redact_url(url: str, secrets: Iterable[str | None] = ()) -> str:
    """The URL without secrets (apikey, passkey, jackett_apikey, ... and any known secret anywhere in it)."""
    return redact(url, secrets)


def infohash_from_magnet(magnet: str) -> str:
    """The lower-case hex infohash in a magnet link's ``xt=urn:btih:`` (hex or base32)."""
    if not magnet.startswith("magnet:?"):
        raise TorrentFetchError(f"not a magnet link: {magnet[:40]!r}")
    infohash = magnet_infohash(magnet)
    if infohash is None:
        raise TorrentFetchError("magnet link has no BitTorrent infohash (xt=urn:btih:...)")
    return infohash


def infohash_from_torrent(data: bytes) -> str:
    try:
        torrent = torf.Torrent.read_stream(io.BytesIO(data), validate=False)
        return str(torrent.infohash).lower()
    except (torf.TorfError, ValueError) as exc:
        raise TorrentFetchError(f"not a valid .torrent file: {exc}") from None


def fetch_torrent(url: str, *, timeout: float = 30.0, client: httpx.Client | None = None) -> bytes:
    """Download a .torrent from an indexer, refusing anything larger than a torrent can reasonably be."""
    shown = redact_url(url)
    owned = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=False)
    try:
        with http.stream("GET", url) as response:
            if response.is_redirect and response.headers.get("location", "").startswith("magnet:"):
                raise TorrentFetchError(f"{shown} redirects to a magnet link; use the magnet instead")
            if response.status_code != 200:
                raise TorrentFetchError(f"{shown} answered HTTP {response.status_code}")
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > MAX_TORRENT_BYTES:
                    raise TorrentFetchError(f"{shown} sent more than {MAX_TORRENT_BYTES} bytes: not a torrent")
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise TorrentFetchError(f"cannot fetch torrent from {shown}: {type(exc).__name__}") from None
    finally:
        if owned:
            http.close()
    data = b"".join(chunks)
    if not data.startswith(b"d"):
        raise TorrentFetchError(f"{shown} did not send a .torrent file (got {data[:20]!r}...)")
    return data
