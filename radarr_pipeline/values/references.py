"""How a user (or a list) names a movie to add: ``tmdb:603``, ``imdb:tt0133093`` (or a bare ``tt0133093``), or
a title with an optional year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from radarr_pipeline.values.ids import InvalidIdError, imdb_id, tmdb_id

_TMDB = re.compile(r"tmdb:\s*([0-9]{1,19})", re.IGNORECASE)
_IMDB = re.compile(r"(?:imdb:\s*)?(tt[0-9]{1,10})|imdb:\s*([0-9]{1,10})", re.IGNORECASE)


@dataclass(frozen=True)
class MovieReference:
    kind: Literal["tmdb", "imdb", "title"]
    tmdb_id: int | None = None
    imdb_id: str | None = None
    title: str | None = None
    year: int | None = None

    def __str__(self) -> str:
        if self.kind == "tmdb":
            return f"tmdb:{self.tmdb_id}"
        if self.kind == "imdb":
            return f"imdb:{self.imdb_id}"
        return f"{self.title!r}" + (f" ({self.year})" if self.year is not None else "")


def movie_reference(text: str, year: int | None = None) -> MovieReference:
    """``text`` as a reference; a malformed id (``tmdb:abc``, ``imdb:tt``) is an InvalidIdError, anything else
    not shaped like an id is a title."""
    stripped = text.strip()
    if stripped.lower().startswith("tmdb:"):
        match = _TMDB.fullmatch(stripped)
        if match is None:
            raise InvalidIdError(f"{text!r} is not a TMDB reference (expected tmdb: and a number, e.g. tmdb:603)")
        return MovieReference("tmdb", tmdb_id=tmdb_id(int(match.group(1))), year=year)
    imdb = _IMDB.fullmatch(stripped)
    if imdb is not None:
        return MovieReference("imdb", imdb_id=imdb_id(imdb.group(1) or imdb.group(2)), year=year)
    if stripped.lower().startswith("imdb:"):
        raise InvalidIdError(f"{text!r} is not an IMDb reference (expected e.g. imdb:tt0133093)")
    return MovieReference("title", title=text, year=year)
