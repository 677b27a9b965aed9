"""Which of Radarr's RSS parsers reads a feed, and with which settings (``TorrentRssSettingsDetector``).

Torznab and Newznab feeds have their own parsers. A plain tracker RSS feed is recognised the way Radarr's
TorrentRss indexer recognises it: the ezRSS namespace or DTD means the ``EzrssTorrentRssParser`` (when every
item's ``contentLength`` is a release size, else the generic detector takes over); the Nyaa
namespace means Radarr's dedicated ``Nyaa`` parser; anything else gets the generic detector's settings, which
look at the whole feed: the enclosure's URL when items have an enclosure, else ``<link>``; seeders from the
description when any item states them; the size from the enclosure length only when no item's length is
under 2 MiB (a smaller one is the .torrent file's size, not the release's), else from a ``size`` / ``Size``
element on the same condition, else from the description when more than half the items state a size of
2 MiB or more, else unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element

from radarr_pipeline.indexers.feed_text import description_seeders, parse_size

#: TorrentRssSettingsDetector.ValidSizeThreshold.
VALID_SIZE_THRESHOLD = 2 * 1024 * 1024
EZRSS_NAMESPACE = "http://xmlns.ezrss.it/0.1/"
NYAA_NAMESPACE = "https://nyaa.si/xmlns/nyaa"
TORRENT = "torrent"
USENET = "usenet"
#: RssParser's enclosure MIME types, in order of preference.
TORRENT_ENCLOSURE_TYPES = ("application/x-bittorrent", "application/x-bittorrent;x-scheme-handler/magnet")
USENET_ENCLOSURE_TYPES = ("application/x-nzb",)


@dataclass(frozen=True)
class FeedShape:
    """Radarr's parser settings (RssParser / TorrentRssParser properties) for one feed."""

    family: str  # torznab, newznab, ezrss, nyaa, generic
    protocol: str = TORRENT
    use_enclosure_url: bool = True
    use_enclosure_length: bool = True
    size_element: str | None = None
    parse_size_in_description: bool = False
    parse_seeders_in_description: bool = False
    seeds_element: str | None = None
    peers_element: str | None = None
    peers_as_sum: bool = False
    infohash_element: str | None = None
    magnet_element: str | None = None
    guid_info_url: bool = False

    @property
    def attributes(self) -> bool:
        """Torznab/Newznab ``attr`` elements are read."""
        return self.family in ("torznab", "newznab")

    @property
    def preferred_enclosure_types(self) -> tuple[str, ...]:
        return USENET_ENCLOSURE_TYPES if self.protocol == USENET else TORRENT_ENCLOSURE_TYPES


TORZNAB = FeedShape("torznab")
NEWZNAB = FeedShape("newznab", protocol=USENET)
#: EzrssTorrentRssParser's settings.
EZRSS = FeedShape("ezrss", use_enclosure_length=False, seeds_element="seeds", infohash_element="infoHash",
                  size_element="contentLength", magnet_element="magnetURI", guid_info_url=True)
#: Radarr's Nyaa indexer: TorrentRssParser { UseGuidInfoUrl, SizeElementName = "size", InfoHashElementName =
#: "infoHash", PeersElementName = "leechers", CalculatePeersAsSum, SeedsElementName = "seeders" }.
NYAA = FeedShape("nyaa", use_enclosure_url=False, use_enclosure_length=False, size_element="size",
                 seeds_element="seeders", peers_element="leechers", peers_as_sum=True, infohash_element="infoHash",
                 guid_info_url=True)
#: What the detector starts from before looking at the feed.
GENERIC = FeedShape("generic", parse_seeders_in_description=True)


def descendant_text(item: Element, name: str) -> str | None:
    """XElement.FindDecendants(name): the first descendant with that local name (namespace and case ignored)."""
    wanted = name.lower()
    for element in item.iter():
        if element is not item and isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1].lower() == wanted:
            return (element.text or "").strip()
    return None


def _enclosure_length(item: Element) -> int:
    for sub in item:
        if isinstance(sub.tag, str) and sub.tag.rsplit("}", 1)[-1] == "enclosure":
            length = (sub.get("length") or "").strip()
            return int(length) if length.isdigit() else 0
    return 0


def _description(item: Element) -> str | None:
    for sub in item:
        if sub.tag == "description":
            return "".join(sub.itertext())
    return None


def _all_valid(sizes: Sequence[int]) -> bool:
    return not any(size < VALID_SIZE_THRESHOLD for size in sizes)


def detect_shape(document_text: str, items: Sequence[Element]) -> FeedShape:
    """The parser Radarr would use for a plain tracker feed (see the module's docstring)."""
    if EZRSS_NAMESPACE in document_text and items and _all_valid(
        [parse_size(descendant_text(item, "contentLength")) for item in items]
    ):
        return EZRSS  # GetEzrssParserSettings: only when ValidateReleaseSize passes
    if NYAA_NAMESPACE in document_text:
        return NYAA
    shape = GENERIC
    if not items:
        return shape
    if not any(isinstance(s.tag, str) and s.tag.rsplit("}", 1)[-1] == "enclosure" for s in items[0]):
        shape = replace(shape, use_enclosure_url=False)
    descriptions = [_description(item) for item in items]
    if not any(d is not None and description_seeders(d) is not None for d in descriptions):
        shape = replace(shape, parse_seeders_in_description=False)
    if _all_valid([_enclosure_length(item) for item in items]):
        return shape
    shape = replace(shape, use_enclosure_length=False)
    for name in ("size", "Size"):
        sizes = [parse_size(descendant_text(item, name)) for item in items]
        if _all_valid(sizes):
            return replace(shape, size_element=name)
    sizes = [parse_size(d) if d is not None else 0 for d in descriptions]
    if sum(size >= VALID_SIZE_THRESHOLD for size in sizes) > len(items) // 2:
        return replace(shape, parse_size_in_description=True)
    return shape


ShapeFor = Callable[[str, Sequence[Element]], FeedShape]
