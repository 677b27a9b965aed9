"""Title forms behind the movie tokens: CleanTitle, TitleThe, CleanTitleThe, TitleFirstCharacter, truncation."""

from __future__ import annotations

import re

from radarr_pipeline.naming.textcase import dotnet_upper, is_letter_or_digit, remove_diacritics

# Where a truncated token lost text; turned into "..." once the whole component is cleaned, so the dots
# survive the trimming of leading/trailing dots. Control characters are stripped from every value and
# from the format first, so this marker can only come from truncation.
ELLIPSIS_MARK = "\x00"

_SCENIFY_REPLACE_CHARS = re.compile(r"[/]")
_SCENIFY_REMOVE_CHARS = re.compile(
    r"(?<=\s)(,|<|>|/|\\|;|:|'|\"|\||`|’|~|!|\?|@|$|%|^|\*|-|_|=){1}(?=\s)"
    r"|('|`|’|:|\?|,)(?=(?:(?:s|m|t|ve|ll|d|re)\s)|\s|$)"
    r"|(\(|\)|\[|\]|\{|\})",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(r"^(The|An|A) (.*?)((?: *\([^)]+\))*)$", re.IGNORECASE | re.DOTALL)


def clean_title(title: str) -> str:
    """Radarr's CleanTitle: "&" -> "and", "/" -> space, scene-unfriendly punctuation and brackets removed,
    accents folded ("Law & Order (UK)" -> "Law and Order UK")."""
    if not title or title.isspace():
        return ""
    title = title.replace("&", "and")
    title = _SCENIFY_REPLACE_CHARS.sub(" ", title)
    title = _SCENIFY_REMOVE_CHARS.sub("", title)
    return remove_diacritics(title)


def title_the(title: str) -> str:
    """Moves a leading article behind the title, before any trailing "(...)" groups:
    "The Flash (2010)" -> "Flash, The (2010)"."""
    if not title or title.isspace():
        return ""
    return _TITLE_PREFIX.sub(r"\2, \1\3", title, count=1)


def clean_title_the(title: str) -> str:
    """TitleThe on the clean title: "The Fixer (ZH) (2015)" -> "Fixer, The ZH 2015"."""
    if not title or title.isspace():
        return ""
    match = _TITLE_PREFIX.match(title)
    if match is None:
        return clean_title(title)
    article, rest, trailing = match.groups()
    return f"{clean_title(rest).strip()}, {article}{clean_title(trailing)}"


def title_first_character(title: str) -> str:
    """The first letter or digit of the title (looking at most two characters in), upper-cased and
    without accents; "_" when there is none. Radarr applies it to TitleThe, so "The Mist" -> "M"."""
    for char in title[:2]:
        if is_letter_or_digit(char):
            return remove_diacritics(dotnet_upper(char))[0]
    return "_"


def truncate_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``max_bytes`` (never splits a character)."""
    if max_bytes <= 0:
        return ""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def max_length_from_formatter(formatter: str | None) -> int:
    """The N of ``{Movie Title:N}`` / ``{Movie Title:-N}``; 0 (no limit) when the formatter is not a number."""
    if not formatter:
        return 0
    try:
        return int(formatter.strip())
    except ValueError:
        return 0


def truncate_title(text: str, max_length: int) -> str:
    """Radarr's Truncate: keep at most ``|max_length|`` characters, marking the cut with an ellipsis
    at the end (positive) or at the start (negative, keeping the end of the text). 0 keeps everything."""
    if not text or text.isspace():
        return ""
    if max_length == 0 or len(text) <= abs(max_length):
        return text
    keep = abs(max_length) - 3
    if max_length < 0:
        tail = truncate_utf8(text[::-1], keep)[::-1]
        return ELLIPSIS_MARK + tail.lstrip(" .")
    return truncate_utf8(text, keep).rstrip(" .") + ELLIPSIS_MARK
