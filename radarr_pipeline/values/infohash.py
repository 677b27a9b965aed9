"""BitTorrent v1 info hashes: as lower-case hex, from hex or base32, from a magnet link."""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qs, urlsplit

_HEX40 = re.compile(r"^[0-9a-fA-F]{40}$")
_BASE32 = re.compile(r"^[A-Za-z2-7]{32}$")


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
