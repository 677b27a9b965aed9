"""first_char_guarded: the look-ahead lists every character a match can start with, or the pattern stays as it is."""

from __future__ import annotations

import re

import pytest

from radarr_pipeline.parsing.regex_tools import first_char_guarded


def unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern :func:`first_char_guarded` put behind its look-ahead, ``pattern`` itself when it has none. Every
    ']' or ')' inside the look-ahead's class is escaped, so the first "])(?:" ends it; a line break before the last
    ')' closes a VERBOSE one."""
    if not pattern.pattern.startswith("(?=["):
        return pattern
    inner = pattern.pattern.split("])(?:", 1)[1]
    return re.compile(inner[: -2 if pattern.flags & re.VERBOSE else -1], pattern.flags)


@pytest.mark.parametrize(
    ("pattern", "flags", "guard"),
    [
        (r"x264|h265", 0, "[xh]"),
        (r"\b(?:(?P<a>480p)|[xh]264)\b", 0, "[4xh]"),  # anchors pass, named groups and classes are read
        (r"a?b", 0, "[ab]"),  # an optional first item adds what follows it
        (r"(?:a|)c", 0, "[ac]"),  # an empty branch too
        (r"(?<=x)y", 0, "[y]"),  # look-arounds consume nothing
        (r"\d{2,3}th", 0, r"[\d]"),
        (r"[a-f]x", re.IGNORECASE, "[a-f]"),  # the guard keeps the pattern's flags
        (r"(?i:ab)c", 0, "[aA]"),  # a local IGNORECASE adds both cases
        (r"[\])]z", 0, r"[\]\)]"),
        (r"(a)\1", 0, "[a]"),  # only the items up to the first one that consumes are read
    ],
)
def test_the_guard_lists_the_first_characters(pattern: str, flags: int, guard: str) -> None:
    guarded = first_char_guarded(pattern, flags)
    assert guarded.pattern == f"(?={guard})(?:{pattern})"
    assert unguarded(guarded).pattern == pattern


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"a*", 0),  # can match empty, even where no character is left
        (r"(?:x|y?)", 0),
        (r"$", 0),
        (r".x", 0),  # any character
        (r"[^a]b", 0),  # a negated class
        (r"(?i)ab", 0),  # inline global flags must stay first
        (r"(?i:[a-f])x", 0),  # a range under a local IGNORECASE
    ],
)
def test_patterns_the_guard_cannot_read_stay_as_they_are(pattern: str, flags: int) -> None:
    guarded = first_char_guarded(pattern, flags)
    assert guarded == re.compile(pattern, flags)  # same source, same flags
    assert unguarded(guarded) is guarded


def test_a_verbose_pattern_ending_in_a_comment_is_closed_on_a_new_line() -> None:
    guarded = first_char_guarded("a b  # then c", re.VERBOSE)
    assert guarded.pattern == "(?=[a])(?:a b  # then c\n)"
    assert guarded.search("xab") is not None
    assert unguarded(guarded).pattern == "a b  # then c"


def test_guarded_patterns_find_the_same_matches() -> None:
    texts = ["", "x", "ab", "a.b.264", "X264 h265 x26", "Movie.2019.X264-GRP", "[4K] uhd UHD", "\u212a", "k"]
    for pattern, flags in [(r"\b(?:x264|h265)\b", re.IGNORECASE), (r"\bk\b|\[4k\]|\buhd\b", re.IGNORECASE),
                           (r"(?<=\.)b|\d+", 0)]:
        plain = re.compile(pattern, flags)
        guarded = first_char_guarded(pattern, flags)
        assert guarded.pattern != plain.pattern
        for text in texts:
            assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)], text
            assert guarded.sub("", text) == plain.sub("", text)
