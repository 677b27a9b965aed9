"""Text clean-up and values read out of free text, as Radarr's indexer parsers do them.

- :func:`clean_xml`: Radarr's ``XmlCleaner``: HTML entities XML does not define (``&nbsp;``, ``&eacute;``) become
  numeric references before parsing, and characters XML 1.0 forbids are dropped, so a tracker's sloppy feed
  parses instead of failing.
- :func:`parse_size`: Radarr's ``RssParser.ParseSize``: "Size: 1.37 GB", "700 MiB", "1,234.5 MB" (the first
  match wins; KB/MB/GB are binary unless told otherwise, KiB/MiB/GiB always binary).
- :func:`description_seeders` / :func:`description_peers`: ``TorrentRssParser``'s "Seeders: 12", "12 seeders",
  "Leechers: 3", "Peers: 15" readers.
"""

from __future__ import annotations

import html.entities
import re

import regex

# XmlCleaner.ReplaceEntitiesRegex: "&[a-z]+;", case-insensitive.
_ENTITY = re.compile(r"&([a-z]+);", re.IGNORECASE)
# XmlCleaner.ReplaceUnicodeRegex: everything outside XML 1.0's Char production (surrogates included).
_NOT_XML_CHAR = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

# RssParser.ParseSizeRegex, verbatim (.NET's variable-length look-behind needs the `regex` module).
_SIZE = regex.compile(r"(?<value>(?<!\.\d*)(?:\d+,)*\d+(?:\.\d{1,3})?)\W?(?<unit>[KMG]i?B)(?![\w/])",
                      regex.IGNORECASE)
_POWERS = {"kb": 1, "mb": 2, "gb": 3, "kib": 1, "mib": 2, "gib": 3}

# TorrentRssParser.ParseSeedersRegex / ParseLeechersRegex / ParsePeersRegex.
_SEEDERS = re.compile(r"(?:Seeder)s?:\s+(?P<a>\d+)|(?P<b>\d+)\s+(?:seeder)s?", re.IGNORECASE)
_LEECHERS = re.compile(r"(?:Leecher)s?:\s+(?P<a>\d+)|(?P<b>\d+)\s+(?:leecher)s?", re.IGNORECASE)
_PEERS = re.compile(r"(?:Peer)s?:\s+(?P<a>\d+)|(?P<b>\d+)\s+(?:peer)s?", re.IGNORECASE)


def _replace_entity(match: re.Match[str]) -> str:
    """XmlCleaner.ReplaceEntity: the first character of the decoded entity as ``&#N;``; an unknown name decodes
    to itself, whose first character is the ampersand, so it stays as text."""
    decoded = html.entities.html5.get(match.group(1) + ";") or html.entities.html5.get(match.group(1).lower() + ";")
    return f"&#{ord(decoded[0]) if decoded else ord('&')};" + ("" if decoded else match.group(1) + ";")


def declared_encoding(body: bytes) -> str:
    found = _DECLARED_ENCODING.match(body[:512])
    return found.group(1).decode("ascii") if found else "utf-8"


def clean_xml(body: bytes) -> str:
    """The document as text, with HTML entities replaced and XML-forbidden characters removed (XmlCleaner).
    The XML declaration's encoding decides the decoding (UTF-8 by default); undecodable bytes become U+FFFD."""
    encoding = declared_encoding(body)
    try:
        text = body.decode(encoding, errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff")
    return _NOT_XML_CHAR.sub("", _ENTITY.sub(_replace_entity, text))


def parse_size(text: str | None, default_to_binary: bool = True) -> int:
    """RssParser.ParseSize: bytes, 0 when nothing reads as a size."""
    if text is None or not text.strip():
        return 0
    if text.isdigit():
        return int(text)
    match = _SIZE.search(text)
    if match is None:
        return 0
    value = float(match.group("value").replace(",", ""))
    unit = match.group("unit").lower()
    power = _POWERS.get(unit)
    if power is None:  # pragma: no cover - the regex only lets these units through
        return int(value)
    binary = default_to_binary or unit.endswith("ib")
    return round(value * (1024 if binary else 1000) ** power)


def _number(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    if match is None:
        return None
    return int(match.group("a") or match.group("b"))


def description_seeders(text: str) -> int | None:
    """TorrentRssParser.GetSeeders with ParseSeedersInDescription: "Seeders: N", else peers minus leechers."""
    seeders = _number(_SEEDERS, text)
    if seeders is not None:
        return seeders
    peers, leechers = _number(_PEERS, text), _number(_LEECHERS, text)
    return peers - leechers if peers is not None and leechers is not None else None


def description_peers(text: str) -> int | None:
    """TorrentRssParser.GetPeers with ParseSeedersInDescription: "Peers: N", else seeders plus leechers."""
    peers = _number(_PEERS, text)
    if peers is not None:
        return peers
    seeders, leechers = _number(_SEEDERS, text), _number(_LEECHERS, text)
    return seeders + leechers if seeders is not None and leechers is not None else None
