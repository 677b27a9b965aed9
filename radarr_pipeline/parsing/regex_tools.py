"""Helpers to run case-insensitive patterns fast in Python's ``re``."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any, Final

# re's own parser and its opcodes (typed Any: no stubs), to read the characters a pattern's match can start with.
_sre_parser: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("re._constants")


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


class _NoFirstCharClass(Exception):
    """The pattern starts with something the guard does not read (a negated class, '.', a back-reference...)."""


_CATEGORY_CLASSES: Final = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}


def _literal_items(code: int, both_cases: bool) -> list[str]:
    char = chr(code)
    spellings = dict.fromkeys([char] + ([char.lower(), char.upper()] if both_cases else []))
    return [re.escape(spelling) for spelling in spellings if len(spelling) == 1]


def _class_items(items: Any, both_cases: bool) -> list[str]:
    """The items of a character class (IN), as class syntax."""
    out: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL:
            out += _literal_items(value, both_cases)
        elif op is _sre.RANGE and not both_cases:
            out.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif op is _sre.CATEGORY and value in _CATEGORY_CLASSES:
            out.append(_CATEGORY_CLASSES[value])
        else:
            raise _NoFirstCharClass(op)
    return out


def _first_chars(sequence: Any, both_cases: bool) -> tuple[list[str], bool]:
    """(class items covering every character a match of ``sequence`` can start with, whether it can match empty).

    Zero-width items (anchors, look-arounds) are passed over: the first character consumed comes after them.
    ``both_cases`` when a local (?i:...) applies inside a case-sensitive pattern."""
    out: list[str] = []
    for op, value in sequence:
        if op is _sre.LITERAL:
            return out + _literal_items(value, both_cases), False
        if op is _sre.IN:
            return out + _class_items(value, both_cases), False
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.SUBPATTERN:
            found, empty = _first_chars(value[3].data, both_cases or bool(value[1] & re.IGNORECASE))
        elif op is _sre.ATOMIC_GROUP:
            found, empty = _first_chars(value.data, both_cases)
        elif op is _sre.BRANCH:
            branches = [_first_chars(branch.data, both_cases) for branch in value[1]]
            found = [item for items, _ in branches for item in items]
            empty = any(branch_empty for _, branch_empty in branches)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            found, empty = _first_chars(value[2].data, both_cases)
            empty = empty or value[0] == 0
        else:
            raise _NoFirstCharClass(op)
        out += found
        if not empty:
            return out, False
    return out, True


def first_char_guarded(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` behind a look-ahead for the characters its matches can start with:
    ``(?=[...])(?:source)``, the same matches; the pattern as written when they cannot be listed (it can match empty,
    starts with '.'...).

    ``re`` scans for a match by its first character only when the pattern starts with a literal, a class, or an
    alternation of literals. Otherwise (an alternation of groups or classes, a '\\b' first, IGNORECASE letters) it
    enters the whole pattern at every position; the look-ahead then fails at once where no match can start, which
    often halves the time of such a search on a release title. Patterns that start with a literal are faster as they
    are.
    """
    try:
        items, empty = _first_chars(_sre_parser.parse(source, flags).data, False)
        if items and not empty:
            guard = f"(?=[{''.join(dict.fromkeys(items))}])(?:"
            end = "\n)" if flags & re.VERBOSE else ")"  # a VERBOSE pattern may end in a comment
            return re.compile(guard + source + end, flags)
    except (_NoFirstCharClass, re.error):  # re.error: inline global flags ("(?i)..."), which must come first
        pass
    return re.compile(source, flags)


# ASCII bytes with every non-word character (\W: not a letter, digit or '_') written as a space.
_ASCII_NON_WORD_TO_SPACE: Final = bytes(
    code if chr(code).isalnum() or code == ord("_") else ord(" ") for code in range(128)
) + bytes(range(128, 256))


def ascii_words(title: str) -> list[str]:
    """The words (runs of \\w: letters, digits, '_') of an ASCII ``title``, in order, split by a byte translation:
    much faster than a pattern."""
    return title.encode("ascii").translate(_ASCII_NON_WORD_TO_SPACE).decode("ascii").split()


# Above this many stems, one scan finds them faster than a substring test for each (compiled: the source words'
# 30 stems are faster tested one by one, the language tokens' 61 by the scan).
_SCAN_FROM_STEMS: Final = 40
# Patterns kept per PrunedAlternation; real titles use a few hundred combinations.
_MAX_COMPILED: Final = 4096


class PrunedAlternation:
    """``prefix(?:A|B|...)suffix`` compiled with only the alternatives a text can match.

    Python's ``re`` tries every alternative at every position, and cannot skip one by its first
    character when it starts with a named group, so a long alternation of named groups is slow. Each
    alternative (its text holds its named group) comes with stems: literal pieces every match of it
    contains (or a compiled pattern when literals are not enough). Alternatives whose stems are all
    absent cannot match anywhere, so leaving them out gives exactly the same matches. Patterns are
    compiled once per set of alternatives, behind :func:`first_char_guarded`'s look-ahead; ``full`` is the whole
    alternation as written, the reference they stand for.
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
        self.full = re.compile(self._source(tuple(range(len(alternatives)))), flags)

    def _source(self, present: tuple[int, ...]) -> str:
        body = "|".join(self._alternatives[index][0] for index in present)
        return f"{self._prefix}(?:{body}){self._suffix}"

    def _compile_guarded(self, present: tuple[int, ...]) -> re.Pattern[str] | None:
        return first_char_guarded(self._source(present), self._flags) if present else None

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
            pattern = self._compiled[present] = self._compile_guarded(indexes)
            return pattern

    def finditer(self, text: str) -> list[re.Match[str]]:
        pattern = self.pattern_for(text)
        return [] if pattern is None else list(pattern.finditer(text))
