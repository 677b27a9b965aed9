"""Helpers to run case-insensitive patterns fast in Python's ``re``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import reduce
from operator import or_


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


def literal_alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of ``words`` (literals) where one of them starts, grouped by first character
    ("a(?:bc|b)|x(?:yz)"): ``re`` then tests one character per group at each position instead of trying
    every word. A search finds the same leftmost start as the plain alternation (longer words first)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word)
    branches = (
        re.escape(first) + "(?:" + "|".join(re.escape(word[1:]) for word in group) + ")"
        for first, group in by_first.items()
    )
    return re.compile("|".join(branches))


# ASCII bytes with every non-word character (\W: not a letter, digit or '_') written as a space.
_ASCII_NON_WORD_TO_SPACE = bytes(
    code if chr(code).isalnum() or code == ord("_") else ord(" ") for code in range(128)
) + bytes(range(128, 256))


def ascii_words(title: str) -> list[str]:
    """The words (runs of \\w: letters, digits, '_') of an ASCII ``title``, in order, split by a byte translation:
    much faster than a pattern."""
    return title.encode("ascii").translate(_ASCII_NON_WORD_TO_SPACE).decode("ascii").split()


# Above this many stems, one scan finds them faster than a substring test for each.
_SCAN_FROM_STEMS = 20
# Patterns kept per PrunedAlternation; real titles use a few hundred combinations.
_MAX_COMPILED = 4096


class PrunedAlternation:
    """``prefix(?:A|B|...)suffix`` compiled with only the alternatives a text can match.

    Python's ``re`` tries every alternative at every position, and cannot skip one by its first
    character when it starts with a named group, so a long alternation of named groups is slow. Each
    alternative (its text holds its named group) comes with stems: literal pieces every match of it
    contains (or a compiled pattern when literals are not enough). Alternatives whose stems are all
    absent cannot match anywhere, so leaving them out gives exactly the same matches. Patterns are
    compiled once per set of alternatives.
    """

    def __init__(
        self,
        alternatives: list[tuple[str, tuple[str, ...] | re.Pattern[str]]],
        flags: int = 0,
        prefix: str = "",
        suffix: str = "",
    ) -> None:
        self._alternatives = alternatives
        self._flags = flags
        self._prefix = prefix
        self._suffix = suffix
        self._compiled: dict[int, re.Pattern[str] | None] = {}
        stem_bits: dict[str, int] = {}
        for index, (_, stems) in enumerate(alternatives):
            if isinstance(stems, tuple):
                for stem in stems:
                    stem_bits[stem] = stem_bits.get(stem, 0) | 1 << index
        # Each stem with the alternatives it stands for, tested as a substring of the text; or, for many
        # stems, found by one literal alternation searched again from each position where a stem starts
        # (it gives the longest stem there, which stands for the stems it starts with too).
        self._stem_bits = tuple(stem_bits.items())
        self._stem_scan = literal_alternation(stem_bits) if len(stem_bits) > _SCAN_FROM_STEMS else None
        self._prefix_closure = {
            stem: reduce(or_, (bits for other, bits in stem_bits.items() if stem.startswith(other)))
            for stem in stem_bits
        }
        self._stem_patterns = [
            (stems, 1 << index) for index, (_, stems) in enumerate(alternatives) if not isinstance(stems, tuple)
        ]
        self.full = self._compile(tuple(range(len(alternatives))))

    def _compile(self, present: tuple[int, ...]) -> re.Pattern[str] | None:
        if not present:
            return None
        body = "|".join(self._alternatives[index][0] for index in present)
        return re.compile(f"{self._prefix}(?:{body}){self._suffix}", self._flags)

    def _present(self, text: str) -> int:
        """Bit i set when alternative i may match ``text`` (one of its stems is there)."""
        present = 0
        if self._stem_scan is not None:
            closure, search = self._prefix_closure, self._stem_scan.search
            found = search(text)
            while found is not None:
                present |= closure[found.group()]
                found = search(text, found.start() + 1)
        else:
            for stem, bits in self._stem_bits:
                if stem in text:
                    present |= bits
        for pattern, bit in self._stem_patterns:
            if not present & bit and pattern.search(text) is not None:
                present |= bit
        return present

    def pattern_for(self, text: str) -> re.Pattern[str] | None:
        """The pattern holding the alternatives ``text`` may match, None when it can match none."""
        present = self._present(text)
        try:
            return self._compiled[present]
        except KeyError:
            if len(self._compiled) >= _MAX_COMPILED:
                self._compiled.clear()
            indexes = tuple(index for index in range(len(self._alternatives)) if present >> index & 1)
            pattern = self._compiled[present] = self._compile(indexes)
            return pattern

    def finditer(self, text: str) -> list[re.Match[str]]:
        pattern = self.pattern_for(text)
        return [] if pattern is None else list(pattern.finditer(text))
