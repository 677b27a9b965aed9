"""Radarr's CleanMovieTitle: the matching key for movie titles."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

# Common words are dropped except at the start or end, and a lone "a" inside an acronym (A.N.K.L.E) stays.
_NORMALIZE: Final = re.compile(
    r"((?:\b|_)(?<!^)(?<![^a-zA-Z0-9_']\w[^a-zA-Z0-9_'])"
    r"(a(?!$|[^a-zA-Z0-9_']\w[^a-zA-Z0-9_'])|à|an|the|and|or|of)(?!$)(?:\b|_))|\W|_",
    re.IGNORECASE,
)
_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_LONG: Final = re.compile(r"^[+-]?\d+$")


def remove_accent(text: str) -> str:
    """Drop combining marks after canonical decomposition ('é' -> 'e')."""
    if text.isascii():  # nothing to decompose (most titles)
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    )


def _is_long_integer(title: str) -> bool:
    stripped = title.strip()
    return bool(_LONG.match(stripped)) and -(2**63) <= int(stripped) < 2**63


@lru_cache(maxsize=65536)
def clean_movie_title(title: str) -> str:
    """Lower case, no punctuation, no inner articles/conjunctions, umlauts spelled out, no accents."""
    if not title or not title.strip():
        return ""
    if _is_long_integer(title):
        return title
    return remove_accent(_NORMALIZE.sub("", title).lower().translate(_UMLAUTS))
