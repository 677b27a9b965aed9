"""Literal prefilters for regular expressions: substrings that any match must contain.

Custom formats are mostly alternations of words (``\\b(x265|HEVC)\\b``). Checking a few lower-case substrings is
far cheaper than running the regex, so the regex runs only on titles that pass the pattern's prefilter: a few
sets of literals, where the title must contain a literal from *every* set. A pattern with no such literal
(``^.{3}$``) gets no prefilter and always runs. A prefilter never decides a match on its own: it only skips
titles that cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

try:  # the parser behind re.compile: only used to read the pattern's structure
    from re import _constants as _sre  # type: ignore[attr-defined]  # typeshed: re has no submodules
    from re import _parser as _sre_parser  # type: ignore[attr-defined]  # typeshed: re has no submodules
except ImportError:  # pragma: no cover - other Pythons
    _sre = None
    _sre_parser = None

Requirement = frozenset[str]  # the title contains at least one of these (lower-case) strings
_MAX_STRINGS = 64
_MAX_CLASS = 8
_KEEP = 3
# A parsed sub-pattern: sre's (opcode, argument) nodes. The argument's shape depends on the opcode (a code
# point, a tuple, nested sub-patterns), so it is read as Any once the opcode is known.
_SubPattern = Iterable[tuple[object, Any]]


def _strength(requirement: Requirement) -> tuple[int, int]:
    return (min(len(s) for s in requirement), -len(requirement))


def _cross(left: set[str], right: frozenset[str]) -> set[str] | None:
    product = {a + b for a in left for b in right}
    return product if len(product) <= _MAX_STRINGS else None


def _exact(op: object, av: Any) -> frozenset[str] | None:
    """Every string this node can match, when they are few and fixed; None otherwise."""
    if op is _sre.LITERAL:
        return frozenset({chr(av).lower()}) if av < 128 else None
    if op is _sre.AT:
        return frozenset({""})
    if op is _sre.IN:
        members = list(av)
        if len(members) > _MAX_CLASS or any(kind is not _sre.LITERAL or value >= 128 for kind, value in members):
            return None
        return frozenset(chr(value).lower() for _, value in members)
    if op is _sre.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is _sre.BRANCH:
        strings: set[str] = set()
        for branch in av[1]:
            found = _exact_sequence(branch)
            if found is None:
                return None
            strings |= found
        return frozenset(strings) if len(strings) <= _MAX_STRINGS else None
    return None


def _exact_sequence(items: _SubPattern) -> frozenset[str] | None:
    strings: set[str] | None = {""}
    for op, av in items:
        part = _exact(op, av)
        if part is None or strings is None:
            return None
        strings = _cross(strings, part)
    return frozenset(strings) if strings is not None else None


def _sequence(items: _SubPattern) -> list[Requirement]:
    """Requirements every match of this sequence satisfies (all of them at once)."""
    found: list[Requirement] = []
    run: set[str] = {""}

    def close_run() -> None:
        nonlocal run
        if run and all(run):
            found.append(frozenset(run))
        run = {""}

    for op, av in items:
        part = _exact(op, av)
        if part is not None:
            crossed = _cross(run, part)
            if crossed is not None:
                run = crossed
                continue
            close_run()
            crossed = _cross(run, part)
            run = crossed if crossed is not None else {""}
            continue
        close_run()
        found.extend(_node(op, av))
    close_run()
    return found


def _node(op: object, av: Any) -> list[Requirement]:
    if op is _sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is _sre.BRANCH:
        alternatives = [_sequence(branch) for branch in av[1]]
        if any(not alternative for alternative in alternatives):
            return []
        merged = frozenset().union(*(max(a, key=_strength) for a in alternatives))
        return [merged] if len(merged) <= _MAX_STRINGS else []
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        minimum, _, body = av
        return _sequence(body) if minimum >= 1 else []
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is _sre.ASSERT:  # a positive look-ahead or look-behind: its text is in the title too
        return _sequence(av[1])
    return []


@lru_cache(maxsize=4096)
def necessary_literals(pattern: str) -> tuple[Requirement, ...]:
    """Sets of lower-case strings such that every (case-insensitive) match of ``pattern`` contains a string of
    each set. Empty when nothing can be derived: the regex must then run on every title. ``pattern`` is in
    Python syntax (see ``dotnet_regex.translate``); what Python's ``re`` cannot parse gets no prefilter."""
    if _sre_parser is None:
        return ()
    try:
        parsed = _sre_parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return ()
    unique = sorted(set(_sequence(parsed)), key=_strength, reverse=True)
    return tuple(unique[:_KEEP])
