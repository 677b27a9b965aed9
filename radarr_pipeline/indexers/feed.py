"""RSS 2.0 item parsing shared by Torznab, Newznab and plain tracker RSS feeds.

XML goes through defusedxml: an entity declaration (the "billion laughs" bomb and its cousins) or an external
entity is refused before anything expands. An item is read from, in order of preference, Torznab/Newznab
``attr`` elements (in any namespace, so ``torznab:attr``, ``newznab:attr`` and a bare ``attr`` all count), the
ezRSS ``torrent:`` elements many trackers use, and plain RSS (``enclosure``, ``link``, ``guid``, ``pubDate``).
"""

from __future__ import annotations

import base64
import binascii
import email.utils
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeGuard
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from radarr_pipeline.indexers.base import flags_from_volume_factors, imdb_id_from_number
from radarr_pipeline.indexers.errors import IndexerParseError
from radarr_pipeline.indexers.http import Target, redact
from radarr_pipeline.models import IndexerRelease

log = logging.getLogger("radarr_pipeline.indexers")

MAX_TITLE_LENGTH = 1024
MAX_ITEMS = 5000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_HEX40 = re.compile(r"^[0-9a-fA-F]{40}$")
_BASE32 = re.compile(r"^[A-Za-z2-7]{32}$")

#: Torznab ``tag`` attribute values and what Radarr flag they mean.
TAG_FLAGS = {
    "freeleech": "G_Freeleech",
    "halfleech": "G_Halfleech",
    "doubleupload": "G_DoubleUpload",
    "internal": "G_Internal",
    "scene": "G_Scene",
    "nuked": "Nuked",
}


def parse_xml(body: bytes, target: Target, where: str) -> Element:
    """The document's root element; any XML problem is an :class:`IndexerParseError` on the indexer."""
    try:
        return SafeET.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IndexerParseError(
            target.indexer, where,
            f"refused the XML: it declares entities or external references ({type(exc).__name__}), "
            "which a feed never needs and an entity-expansion attack does",
        ) from None
    except ParseError as exc:
        raise IndexerParseError(target.indexer, where, f"malformed XML: {target.scrub(str(exc))}") from None


def local_name(tag: object) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1].lower()


def child(element: Element, name: str) -> Element | None:
    """The first child whose local name is ``name`` (namespace ignored)."""
    for sub in element:
        if local_name(sub.tag) == name:
            return sub
    return None


def child_text(element: Element, name: str) -> str | None:
    sub = child(element, name)
    if sub is None or sub.text is None:
        return None
    text = sub.text.strip()
    return text or None


def torrent_text(item: Element, name: str) -> str | None:
    """An ezRSS field: ``<torrent:infoHash>`` directly in the item, or inside a ``<torrent>`` element."""
    direct = child_text(item, name)
    if direct is not None:
        return direct
    wrapper = child(item, "torrent")
    return child_text(wrapper, name) if wrapper is not None else None


def attributes(item: Element) -> dict[str, list[str]]:
    """Torznab/Newznab ``attr`` children: name (lower case) -> values, in document order."""
    found: dict[str, list[str]] = defaultdict(list)
    for sub in item:
        if local_name(sub.tag) != "attr":
            continue
        name, value = sub.get("name"), sub.get("value")
        if name and value is not None and value.strip():
            found[name.strip().lower()].append(value.strip())
    return found


def parse_int(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip().replace(",", "").replace("_", "")
    try:
        number = int(float(text)) if "." in text or "e" in text.lower() else int(text)
    except ValueError:
        return None
    return number if number >= 0 else None


def parse_float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number >= 0 and number == number and number != float("inf") else None


def parse_date(value: str | None) -> datetime | None:
    """RFC 822 (RSS ``pubDate``), ISO 8601, or Unix seconds; naive times are UTC."""
    if not value:
        return None
    text = value.strip()
    parsed: datetime | None = None
    if text.isdigit():
        try:
            parsed = datetime.fromtimestamp(int(text), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    else:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def normalize_infohash(value: str | None) -> str | None:
    """Lower-case hex of a v1 info hash given as hex or base32; None for anything else."""
    if not value:
        return None
    text = value.strip()
    if _HEX40.match(text):
        return text.lower()
    if _BASE32.match(text):
        try:
            return base64.b32decode(text.upper()).hex()
        except (binascii.Error, ValueError):
            return None
    return None


def infohash_from_magnet(magnet: str | None) -> str | None:
    if not magnet or not magnet.lower().startswith("magnet:"):
        return None
    query = parse_qs(urlsplit(magnet).query)
    for xt in query.get("xt", []):
        if xt.lower().startswith("urn:btih:"):
            return normalize_infohash(xt[len("urn:btih:"):])
    return None


def clean_title(value: str | None) -> str | None:
    """Control characters become spaces, whitespace collapses; absurdly long titles are refused."""
    if not value:
        return None
    title = " ".join(_CONTROL.sub(" ", value).split())
    if not title or len(title) > MAX_TITLE_LENGTH:
        return None
    return title


def _is_http(url: str | None) -> TypeGuard[str]:
    return url is not None and url.lower().startswith(("http://", "https://"))


def _is_magnet(url: str | None) -> TypeGuard[str]:
    return url is not None and url.lower().startswith("magnet:")


@dataclass(frozen=True)
class ItemRead:
    release: IndexerRelease | None
    skipped_because: str | None = None


def read_item(item: Element, indexer: str, secrets: tuple[str, ...] = ()) -> ItemRead:
    """One ``<item>`` as a release, or the reason it cannot be one (no title, nothing to download)."""
    attrs = attributes(item)

    def attr(name: str) -> str | None:
        values = attrs.get(name)
        return values[0] if values else None

    title = clean_title(child_text(item, "title"))
    if title is None:
        return ItemRead(None, "no usable title")
    enclosure = child(item, "enclosure")
    enclosure_url = enclosure.get("url", "").strip() if enclosure is not None else ""
    link = child_text(item, "link")
    magnet = attr("magneturl") or torrent_text(item, "magneturi")
    if not magnet:
        magnet = next((u for u in (enclosure_url, link) if _is_magnet(u)), None)
    download_url = next((u for u in (enclosure_url, link) if _is_http(u)), None)
    if download_url is None and magnet is None:
        return ItemRead(None, "no download link or magnet")
    infohash = (
        normalize_infohash(attr("infohash"))
        or normalize_infohash(torrent_text(item, "infohash"))
        or infohash_from_magnet(magnet)
    )
    guid = child_text(item, "guid") or download_url or magnet or infohash or title
    comments = child_text(item, "comments")
    info_url = comments.removesuffix("#comments") if _is_http(comments) else None
    if info_url is None and _is_http(link) and link != download_url:
        info_url = link
    size = parse_int(attr("size")) or parse_int(torrent_text(item, "contentlength")) or parse_int(
        child_text(item, "size")
    )
    if size is None and enclosure is not None:
        size = parse_int(enclosure.get("length")) or None
    seeders = parse_int(attr("seeders"))
    if seeders is None:
        seeders = parse_int(torrent_text(item, "seeds"))
    peers = parse_int(attr("peers"))
    if peers is None:
        peers = parse_int(torrent_text(item, "peers"))
    leechers = parse_int(attr("leechers"))
    if peers is None and seeders is not None and leechers is not None:
        peers = seeders + leechers
    published = parse_date(child_text(item, "pubdate")) or parse_date(attr("usenetdate"))
    categories = _categories(item, attrs)
    download_factor = parse_float(attr("downloadvolumefactor"))
    upload_factor = parse_float(attr("uploadvolumefactor"))
    flags = list(flags_from_volume_factors(download_factor, upload_factor))
    for tag in attrs.get("tag", []):
        flag = TAG_FLAGS.get(tag.lower())
        if flag and flag not in flags:
            flags.append(flag)
    tmdb = parse_int(attr("tmdbid") or attr("tmdb"))
    release = IndexerRelease(
        guid=redact(guid, secrets),
        title=title,
        indexer=indexer,
        download_url=download_url,
        magnet_url=magnet,
        info_url=redact(info_url, secrets) if info_url else None,
        infohash=infohash,
        size=size,
        seeders=seeders,
        peers=peers,
        published_at=published,
        imdb_id=imdb_id_from_number(attr("imdbid") or attr("imdb")),
        tmdb_id=tmdb or None,
        categories=categories,
        indexer_flags=tuple(flags),
        download_volume_factor=download_factor,
        upload_volume_factor=upload_factor,
    )
    return ItemRead(release)


def _categories(item: Element, attrs: dict[str, list[str]]) -> tuple[int, ...]:
    found: list[int] = []
    for value in attrs.get("category", []):
        number = parse_int(value)
        if number is not None and number not in found:
            found.append(number)
    for sub in item:
        if local_name(sub.tag) == "category" and sub.text:
            number = parse_int(sub.text)
            if number is not None and number not in found:
                found.append(number)
    return tuple(found)


def read_channel(root: Element, indexer: str, target: Target, where: str) -> list[IndexerRelease]:
    """Every usable item of an RSS document; a document that is not RSS is an error."""
    if local_name(root.tag) != "rss":
        raise IndexerParseError(target.indexer, where, f"expected an <rss> document, got <{local_name(root.tag)}>")
    channel = child(root, "channel")
    if channel is None:
        raise IndexerParseError(target.indexer, where, "the <rss> document has no <channel>")
    releases: list[IndexerRelease] = []
    skipped: dict[str, int] = defaultdict(int)
    for count, item in enumerate(sub for sub in channel if local_name(sub.tag) == "item"):
        if count >= MAX_ITEMS:
            raise IndexerParseError(target.indexer, where, f"more than {MAX_ITEMS} items in one feed page")
        read = read_item(item, indexer, target.secrets)
        if read.release is None:
            skipped[read.skipped_because or "unknown"] += 1
        else:
            releases.append(read.release)
    if skipped:
        log.info("indexer %s: skipped items: %s", indexer, dict(skipped))
    return releases
