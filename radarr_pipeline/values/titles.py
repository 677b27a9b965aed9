"""Movie titles given from outside: trimmed, never blank, never carrying control characters."""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides and isolates reorder what a terminal shows (a title could hide its tail).
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class InvalidTitleError(ValueError):
    """A title that cannot be a movie's; the message says why."""


def is_control(char: str) -> bool:
    """Control characters (C0, DEL, C1), line and paragraph separators, and bidirectional controls."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS


def movie_title(value: str) -> str:
    """The title with surrounding spaces removed; blank titles and control characters are refused."""
    title = value.strip()
    if not title:
        raise InvalidTitleError("a movie title cannot be empty or blank")
    controls = sorted({f"U+{ord(char):04X}" for char in title if is_control(char)})
    if controls:
        raise InvalidTitleError(f"a movie title cannot contain control characters (found {', '.join(controls)})")
    return title


def folded_title(title: str) -> str:
    """The title without case and Unicode compatibility forms: equal for titles that name the same thing."""
    return unicodedata.normalize("NFKC", title).casefold()


def same_title(a: str, b: str) -> bool:
    """Whether two titles name the same thing, ignoring case and Unicode compatibility forms."""
    return folded_title(a) == folded_title(b)
