"""Helpers to run case-insensitive patterns fast in Python's ``re``."""

from __future__ import annotations

import re


def lowercase_pattern(pattern: str) -> str:
    """The same pattern with its literals lower-cased (escapes, group names and (?-i:...) kept).

    Matching a lower-cased text with it is equivalent to IGNORECASE matching but much faster: sre only
    skips alternatives by their first character when that character is an exact literal.
    """
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern[index] == "\\":
            out.append(pattern[index : index + 2])
            index += 2
        elif pattern.startswith(("(?P<", "(?P="), index):
            out.append(pattern[index : index + 4])
            index += 4
        elif pattern.startswith("(?-i:", index):
            end = pattern.index(")", index)
            out.append(pattern[index : end + 1])
            index = end + 1
        else:
            out.append(pattern[index].lower())
            index += 1
    return "".join(out)


def lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-sensitive copy of an IGNORECASE ``pattern`` for use on ``text.lower()``.

    Valid only where ``len(text.lower()) == len(text)`` (callers check), so spans stay the same.
    """
    return re.compile(lowercase_pattern(pattern.pattern), pattern.flags & ~re.IGNORECASE)
