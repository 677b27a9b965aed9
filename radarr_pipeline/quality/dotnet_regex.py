"""Compile .NET regular expressions (as TRaSH Guides' custom formats use them) in Python.

The third-party ``regex`` module runs them: it accepts .NET's variable-width look-behinds, atomic groups
and possessive quantifiers, and, like Radarr's .NET Regex, supports a match timeout. On top of that,
patterns whose run time can explode (a quantified group holding an unbounded quantifier, e.g. ``(a+)+``)
are refused when they are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex

try:  # the parser behind re.compile; used only to inspect the pattern's structure
    from re import _constants as _sre_constants  # type: ignore[attr-defined]  # typeshed: re has no submodules
    from re import _parser as _sre_parser  # type: ignore[attr-defined]  # typeshed: re has no submodules
except ImportError:  # pragma: no cover - older or alternative Pythons
    _sre_parser = None
    _sre_constants = None


class UnsafeRegexError(ValueError):
    """A pattern that cannot be used: not valid, not supported by Python, or at risk of runaway matching."""


_NAMED_GROUP = re.compile(r"(?<!\\)\(\?(?:<(?![=!])(?P<a>[A-Za-z_][A-Za-z0-9_]*)>|'(?P<b>[A-Za-z_][A-Za-z0-9_]*)')")
_BACKREF = re.compile(r"\\k(?:<(?P<a>[A-Za-z_][A-Za-z0-9_]*)>|'(?P<b>[A-Za-z_][A-Za-z0-9_]*)')")
_INLINE_FLAGS = re.compile(r"\(\?([imsx]+)\)")
_DOTNET_ONLY = ((re.compile(r"\[[^\]]*-\["), "character-class subtraction is not supported"),)
MATCH_TIMEOUT_SECONDS = 0.1
_UNBOUNDED = 4294967295  # MAXREPEAT in CPython's sre
# A parsed sub-pattern: sre's (opcode, argument) nodes. The argument's shape depends on the opcode (an int, a
# tuple, nested sub-patterns), so it is read as Any once the opcode is known.
_SubPattern = Iterable[tuple[object, Any]]


def translate(pattern: str) -> str:
    """Rewrite the .NET syntax ``regex`` reads differently: named back-references, in-pattern flags."""
    for finder, reason in _DOTNET_ONLY:
        if finder.search(pattern):
            raise UnsafeRegexError(reason)
    translated = _NAMED_GROUP.sub(lambda m: f"(?P<{m.group('a') or m.group('b')}>", pattern)
    translated = _BACKREF.sub(lambda m: f"(?P={m.group('a') or m.group('b')})", translated)
    # Flags in the middle are errors in Python; i is already on, s/m/x apply to the whole pattern.
    flags = "".join(sorted({flag for found in _INLINE_FLAGS.findall(translated) for flag in found} - {"i"}))
    translated = _INLINE_FLAGS.sub("", translated)
    return f"(?{flags}){translated}" if flags else translated


def _is_repeat(op: object) -> bool:
    return _sre_constants is not None and op in (
        _sre_constants.MAX_REPEAT,
        _sre_constants.MIN_REPEAT,
        getattr(_sre_constants, "POSSESSIVE_REPEAT", None),
    )


def _children(op: object, av: Any) -> list[_SubPattern]:
    """Sub-patterns of one parsed node."""
    if _is_repeat(op):
        return [av[2]]
    if op is _sre_constants.SUBPATTERN:
        return [av[-1]]
    if op is _sre_constants.BRANCH:
        return list(av[1])
    if op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
        return [av[1]]
    if op is getattr(_sre_constants, "ATOMIC_GROUP", None):
        return [av]
    if op is _sre_constants.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def _holds_unbounded_repeat(subpattern: _SubPattern) -> bool:
    for op, av in subpattern:
        if _is_repeat(op) and av[1] == _UNBOUNDED:
            return True
        if any(_holds_unbounded_repeat(child) for child in _children(op, av)):
            return True
    return False


def _nested_quantifier(subpattern: _SubPattern) -> bool:
    """True when an unbounded (or large) repeat wraps a body that itself repeats without bound."""
    for op, av in subpattern:
        if _is_repeat(op) and (av[1] == _UNBOUNDED or av[1] > 10) and _holds_unbounded_repeat(av[2]):
            return True
        if any(_nested_quantifier(child) for child in _children(op, av)):
            return True
    return False


def _structure_is_safe(translated: str) -> bool:
    """False for nested unbounded quantifiers; patterns ``re`` cannot parse (e.g. variable look-behinds)
    are left to the match timeout."""
    if _sre_parser is None:
        return True
    try:
        parsed = _sre_parser.parse(translated, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return True
    return not _nested_quantifier(parsed)


@lru_cache(maxsize=4096)
def compile_dotnet_regex(pattern: str) -> regex.Pattern[str]:
    """Compile a .NET pattern case-insensitively; UnsafeRegexError says why it cannot be used."""
    if not isinstance(pattern, str) or not pattern:
        raise UnsafeRegexError("empty pattern")
    if len(pattern) > 10_000:
        raise UnsafeRegexError("pattern longer than 10000 characters")
    translated = translate(pattern)
    try:
        compiled = regex.compile(translated, regex.IGNORECASE)
    except regex.error as error:
        raise UnsafeRegexError(f"invalid regular expression: {error}") from None
    except (RecursionError, OverflowError):
        raise UnsafeRegexError("pattern too deeply nested") from None
    if not _structure_is_safe(translated):
        raise UnsafeRegexError("nested quantifiers (e.g. (a+)+) can make matching take forever")
    return compiled

