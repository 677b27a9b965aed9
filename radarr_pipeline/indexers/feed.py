"""RSS 2.0 item parsing shared by Torznab, Newznab and plain tracker RSS feeds.

XML goes through defusedxml: an entity declaration (the "billion laughs" bomb and its cousins) or an external
entity is refused before anything expands. An item is read from, in order of preference, Torznab/Newznab
``attr`` elements (in any namespace, so ``torznab:attr``, ``newznab:attr`` and a bare ``attr`` all count), the
ezRSS ``torrent:`` elements many trackers use, and plain RSS (``enclosure``, ``link``, ``guid``, ``pubDate``).
"""

from __future__ import annotations

import email.utils
import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeGuard
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from radarr_pipeline.indexers.errors import IndexerParseError
from radarr_pipeline.indexers.feed_shape import TORZNAB, VALID_SIZE_THRESHOLD, FeedShape, descendant_text
from radarr_pipeline.indexers.feed_text import clean_xml, description_peers, description_seeders, parse_size
from radarr_pipeline.indexers.http import Target
from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.values.flags import flags_from_volume_factors
from radarr_pipeline.values.ids import normalize_imdb_id
from radarr_pipeline.values.infohash import infohash_from_magnet, normalize_infohash
from radarr_pipeline.values.languages import LANGUAGES
from radarr_pipeline.values.secrets import redact

log = logging.getLogger("radarr_pipeline.indexers")

MAX_TITLE_LENGTH = 1024
MAX_ITEMS = 5000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

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
    """The document's root element, after Radarr's XmlCleaner; any XML problem is an
    :class:`IndexerParseError` on the indexer."""
    try:
        return SafeET.fromstring(clean_xml(body), forbid_dtd=False, forbid_entities=True, forbid_external=True)
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


def resolve_url(value: str | None, base_url: str) -> str | None:
    """RssParser.ParseUrl: a link relative to the feed's URL made absolute; None for an empty value."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if _is_magnet(text) or not base_url:
        return text
    try:
        return urljoin(base_url, text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Enclosure:
    url: str
    type: str
    length: int


def enclosures(item: Element) -> list[Enclosure]:
    found = []
    for sub in item:
        if local_name(sub.tag) == "enclosure":
            length = parse_int(sub.get("length")) or 0
            found.append(Enclosure((sub.get("url") or "").strip(), (sub.get("type") or "").strip().lower(), length))
    return found


def choose_enclosure(found: list[Enclosure], shape: FeedShape) -> Enclosure | None:
    """RssParser.GetEnclosure: the first of the protocol's preferred MIME types; failing that (Torznab's and
    Newznab's GetDownloadUrl fall back to the first enclosure) the first one."""
    for wanted in shape.preferred_enclosure_types:
        for enclosure in found:
            if enclosure.type == wanted:
                return enclosure
    return found[0] if found else None


#: Newznab/Torznab ``language`` values are English names (IsoLanguages.FindByName) -> our language identifiers.
LANGUAGE_BY_NAME = {
    **{name.lower(): identifier for _, identifier, name in LANGUAGES
       if identifier not in ("unknown", "any", "original", "flemish")},
    "norwegian bokmal": "norwegian",
}


def _languages(item: Element, attrs: dict[str, list[str]]) -> tuple[str, ...]:
    """NewznabRssParser/TorznabRssParser.GetLanguages: ``language`` attributes (comma-separated lists), else
    bare ``<language>`` elements, each an English language name."""
    values = attrs.get("language") or [sub.text or "" for sub in item if local_name(sub.tag) == "language"]
    found: list[str] = []
    for value in values:
        for name in value.split(","):
            identifier = LANGUAGE_BY_NAME.get(name.strip().lower())
            if identifier and identifier not in found:
                found.append(identifier)
    return tuple(found)


def _flags(attrs: dict[str, list[str]]) -> tuple[str, ...]:
    def attr(name: str) -> str | None:
        values = attrs.get(name)
        return values[0] if values else None

    flags = list(flags_from_volume_factors(parse_float(attr("downloadvolumefactor")),
                                           parse_float(attr("uploadvolumefactor"))))
    for tag in attrs.get("tag", []):
        flag = TAG_FLAGS.get(tag.lower())
        if flag and flag not in flags:
            flags.append(flag)
    # NewznabRssParser.GetFlags: prematch or haspretime = 1 is a scene release; nuked = 1 is nuked.
    if (attr("prematch") == "1" or attr("haspretime") == "1") and "G_Scene" not in flags:
        flags.append("G_Scene")
    if attr("nuked") == "1" and "Nuked" not in flags:
        flags.append("Nuked")
    return tuple(flags)


class UnsupportedFeedError(ValueError):
    """Radarr's UnsupportedFeedException: the whole feed is refused, not one item."""


@dataclass(frozen=True)
class ItemRead:
    release: IndexerRelease | None
    skipped_because: str | None = None


#: Why an item was left out, as the sync report counts it.
NO_TITLE = "no usable title"
NO_LINK = "no valid download link"
BAD_DATE = "unreadable pubDate"


def _size(item: Element, attrs: dict[str, list[str]], shape: FeedShape, chosen: Enclosure | None) -> int | None:
    """The release's size in bytes (None: unknown). Torznab/Newznab: the ``size`` attribute, else the
    enclosure's length unless it is under 2 MiB (a .torrent file's size); other feeds as their shape says."""
    if shape.attributes:
        values = attrs.get("size")
        size = parse_int(values[0]) if values else None
        if size:
            return size
        size = parse_size(torrent_text(item, "contentlength")) or parse_size(child_text(item, "size"))
        if size:
            return size
        length = chosen.length if chosen else 0
        return length if length >= VALID_SIZE_THRESHOLD else None
    size = 0
    if shape.use_enclosure_length:
        size = chosen.length if chosen else 0
    elif shape.parse_size_in_description:
        description = child(item, "description")
        size = parse_size("".join(description.itertext())) if description is not None else 0
    if size == 0 and shape.size_element:
        size = parse_size(descendant_text(item, shape.size_element))
    if size == 0:  # beyond Radarr, for a mixed feed: an ezRSS length, or an enclosure length that is a release's
        size = parse_size(descendant_text(item, "contentLength"))
        length = chosen.length if chosen else 0
        size = size or (length if length >= VALID_SIZE_THRESHOLD else 0)
    return size or None


def _seeders_and_peers(item: Element, attrs: dict[str, list[str]], shape: FeedShape) -> tuple[int | None, int | None]:
    def attr(name: str) -> int | None:
        values = attrs.get(name)
        return parse_int(values[0]) if values else None

    description = child(item, "description")
    text = "".join(description.itertext()) if description is not None and shape.parse_seeders_in_description else None
    seeders = attr("seeders")
    if seeders is None and text is not None:
        seeders = description_seeders(text)
    if seeders is None:
        seeders = parse_int(descendant_text(item, shape.seeds_element or "seeds"))
    peers = attr("peers")
    leechers = attr("leechers")
    if peers is None and seeders is not None and leechers is not None:
        peers = seeders + leechers
    if peers is None and text is not None:
        peers = description_peers(text)
    if peers is None:
        peers = parse_int(descendant_text(item, shape.peers_element or "peers"))
        if peers is not None and shape.peers_as_sum and seeders is not None:
            peers += seeders
    return seeders, peers


def _published(item: Element, attr: Callable[[str], str | None], shape: FeedShape, title: str) -> datetime | None:
    """The item's publication date (Newznab prefers its usenetdate); None when unreadable. An item without any
    date makes the whole feed unsupported (:class:`UnsupportedFeedError`), as in Radarr."""
    date_text = child_text(item, "pubdate")
    usenet_date = attr("usenetdate")
    if usenet_date is None and date_text is None:
        raise UnsupportedFeedError(f"Rss feed must have a pubDate element with a valid publish date "
                                   f"(item {title[:80]!r} has none)")
    published = parse_date(usenet_date) if shape.family == "newznab" and usenet_date else None
    return published or parse_date(date_text) or parse_date(usenet_date)


def _links(item: Element, attr: Callable[[str], str | None], shape: FeedShape,
           base_url: str) -> tuple[str | None, str | None, str | None, Enclosure | None]:
    """(download URL, magnet link, the item's <link>, the chosen enclosure), relative links resolved."""
    chosen = choose_enclosure(enclosures(item), shape)
    link = resolve_url(child_text(item, "link"), base_url)
    enclosure_url = resolve_url(chosen.url, base_url) if chosen else None
    primary = enclosure_url if shape.use_enclosure_url else link
    if shape.attributes and not (_is_http(primary) or _is_magnet(primary)):
        primary = enclosure_url  # Torznab/Newznab GetDownloadUrl: not absolute -> the enclosure's URL
    magnet = attr("magneturl")
    if not magnet and shape.magnet_element:
        magnet = descendant_text(item, shape.magnet_element)
    if not magnet:
        magnet = torrent_text(item, "magneturi")
    if not _is_magnet(magnet):
        magnet = next((u for u in (primary, enclosure_url, link) if _is_magnet(u)), None)
    download_url = next((u for u in (primary, enclosure_url, link) if _is_http(u)), None)
    return download_url, magnet, link, chosen


def _info_urls(item: Element, shape: FeedShape, base_url: str, link: str | None,
               download_url: str | None) -> tuple[str | None, str | None]:
    """(info URL, comments URL): the release's page and its comments, kept apart as Radarr keeps them."""
    comments = resolve_url(child_text(item, "comments"), base_url)
    comments_url = comments if _is_http(comments) else None
    info_url: str | None = None
    if shape.guid_info_url:
        info_url = resolve_url(child_text(item, "guid"), base_url)
    elif comments_url:
        info_url = comments_url.removesuffix("#comments")
    if not _is_http(info_url) and _is_http(link) and link != download_url:
        info_url = link
    return (info_url if _is_http(info_url) else None), comments_url


def read_item(item: Element, indexer: str, secrets: tuple[str, ...] = (), *, shape: FeedShape = TORZNAB,
              base_url: str = "") -> ItemRead:
    """One ``<item>`` as a release, or the reason it cannot be one."""
    attrs = attributes(item) if shape.attributes else {}

    def attr(name: str) -> str | None:
        values = attrs.get(name)
        return values[0] if values else None

    title = clean_title(child_text(item, "title"))
    if title is None:
        return ItemRead(None, NO_TITLE)
    published = _published(item, attr, shape, title)
    if published is None:
        return ItemRead(None, BAD_DATE)
    download_url, magnet, link, chosen = _links(item, attr, shape, base_url)
    if download_url is None and magnet is None:
        return ItemRead(None, NO_LINK)
    hash_text = attr("infohash") or descendant_text(item, shape.infohash_element or "infoHash")
    infohash = normalize_infohash(hash_text) or infohash_from_magnet(magnet)
    guid = child_text(item, "guid") or download_url or magnet or infohash or title
    info_url, comments_url = _info_urls(item, shape, base_url, link, download_url)
    seeders, peers = _seeders_and_peers(item, attrs, shape)
    release = IndexerRelease(
        guid=redact(guid, secrets),
        title=title,
        indexer=indexer,
        download_url=download_url,
        magnet_url=magnet,
        info_url=redact(info_url, secrets) if info_url else None,
        infohash=infohash,
        size=_size(item, attrs, shape, chosen),
        seeders=seeders,
        peers=peers,
        published_at=published,
        imdb_id=normalize_imdb_id(attr("imdbid") or attr("imdb")),
        tmdb_id=parse_int(attr("tmdbid") or attr("tmdb")) or None,
        categories=_categories(item, attrs),
        indexer_flags=_flags(attrs),
        download_volume_factor=parse_float(attr("downloadvolumefactor")),
        upload_volume_factor=parse_float(attr("uploadvolumefactor")),
        protocol=shape.protocol,
        comments_url=redact(comments_url, secrets) if comments_url else None,
        languages=_languages(item, attrs),
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


@dataclass
class ChannelRead:
    """A feed page's releases, the items left out and why, and the parser that read it."""

    releases: list[IndexerRelease]
    skipped: dict[str, int]
    shape: FeedShape


def channel_items(root: Element, target: Target, where: str) -> list[Element]:
    if local_name(root.tag) != "rss":
        raise IndexerParseError(target.indexer, where, f"expected an <rss> document, got <{local_name(root.tag)}>")
    channel = child(root, "channel")
    if channel is None:
        raise IndexerParseError(target.indexer, where, "the <rss> document has no <channel>")
    items = [sub for sub in channel if local_name(sub.tag) == "item"]
    if len(items) > MAX_ITEMS:
        raise IndexerParseError(target.indexer, where, f"more than {MAX_ITEMS} items in one feed page")
    return items


def read_channel(root: Element, indexer: str, target: Target, where: str, *, shape: FeedShape = TORZNAB,
                 base_url: str = "") -> ChannelRead:
    """Every usable item of an RSS document; a document that is not RSS, or an item without a publication
    date (Radarr's UnsupportedFeedException), is an error for the whole page."""
    items = channel_items(root, target, where)
    releases: list[IndexerRelease] = []
    skipped: dict[str, int] = defaultdict(int)
    for item in items:
        try:
            read = read_item(item, indexer, target.secrets, shape=shape, base_url=base_url)
        except UnsupportedFeedError as exc:
            raise IndexerParseError(target.indexer, where, f"unsupported feed: {target.scrub(str(exc))}") from None
        if read.release is None:
            skipped[read.skipped_because or "unknown"] += 1
        else:
            releases.append(read.release)
    if skipped:
        log.info("indexer %s: skipped items: %s", indexer, dict(skipped))
    return ChannelRead(releases, dict(skipped), shape)
