"""Radarr's Parser.ToUrlSlug: the URL-friendly form of a title ("Test Result!" -> "test-result")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WHITESPACE = re.compile(r"\s")
_INVALID_SLUG_CHARS = re.compile(r"[^a-z0-9\s\-_]")


def remove_accent(text: str) -> str:
    """Radarr's RemoveAccent: decompose, drop every non-spacing mark, recompose ("têst" -> "test")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def to_url_slug(
    value: str,
    invalid_dash_replacement: bool = False,
    trim_end_chars: str = "-_",
    deduplicate_chars: str = "-_",
) -> str:
    """Lower case, accents removed, whitespace to "-", anything else outside [a-z0-9-_] removed (or made
    a dash), ``trim_end_chars`` trimmed from both ends, runs of ``deduplicate_chars`` reduced to their
    last character."""
    value = remove_accent(value.lower())
    value = _WHITESPACE.sub("-", value)
    value = _INVALID_SLUG_CHARS.sub("-" if invalid_dash_replacement else "", value)
    if trim_end_chars:
        value = value.strip(trim_end_chars)
    if deduplicate_chars:
        value = _repeated_chars(deduplicate_chars).sub(r"\1", value)
    return value


@lru_cache(maxsize=32)
def _repeated_chars(chars: str) -> re.Pattern[str]:
    """A run of two or more of ``chars`` (compiled once per character set)."""
    char_class = "".join(re.escape(char) for char in chars)
    return re.compile(f"([{char_class}]){{2,}}")
