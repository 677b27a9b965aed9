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
    match = _IMDB_ID.fullmatch(value.strip())
    if match is None:
        raise InvalidIdError(f"{value!r} is not an IMDb id (expected tt followed by digits, e.g. tt0133093)")
    return f"tt{match.group(1).zfill(7)}"


def tmdb_id(value: int) -> int:
    """A TMDB id: a positive whole number that fits the store's 64-bit column."""
    if not 1 <= value <= TMDB_ID_MAX:
        raise InvalidIdError(f"{value} is not a TMDB id (expected a number from 1 to {TMDB_ID_MAX})")
    return value
