"""Movie ids from outside (a user, a list, an indexer), checked strictly and normalised once."""

from __future__ import annotations

import re

# ASCII digits only: str.isdigit() also accepts '١٢٣' (Arabic-Indic) and '²³' (superscripts).
_IMDB_ID = re.compile(r"(?:tt)?([0-9]{1,10})", re.IGNORECASE)
TMDB_ID_MAX = 2**63 - 1  # the column is a BIGINT


class InvalidIdError(ValueError):
    """An id that is not one; the message says what was expected."""


def imdb_id(value: str) -> str:
    """'tt0133093', 'TT133093' or '0133093' as 'tt0133093' (at least seven digits, as IMDb writes them)."""
    normalized = normalize_imdb_id(value)
    if normalized is None:
        raise InvalidIdError(f"{value!r} is not an IMDb id (expected tt followed by digits, e.g. tt0133093)")
    return normalized


def normalize_imdb_id(value: str | int | None) -> str | None:
    """An IMDb id from a machine (an indexer's attribute, a stored row, a parsed title) in the one form the
    library uses ('tt' and at least seven digits: 133093, '0133093', 'TT0133093' -> 'tt0133093'); None for
    anything else, zero included."""
    if value is None:
        return None
    match = _IMDB_ID.fullmatch(str(value).strip())
    if match is None or int(match.group(1)) == 0:
        return None
    return f"tt{int(match.group(1)):07d}"


def imdb_digits(value: str | None) -> str | None:
    """The digits of an IMDb id, as Newznab's ``imdbid`` query parameter takes them ('tt0133093' -> '0133093')."""
    normalized = normalize_imdb_id(value)
    return normalized[2:] if normalized else None


def tmdb_id(value: int) -> int:
    """A TMDB id: a positive whole number that fits the store's 64-bit column."""
    if not 1 <= value <= TMDB_ID_MAX:
        raise InvalidIdError(f"{value} is not a TMDB id (expected a number from 1 to {TMDB_ID_MAX})")
    return value
