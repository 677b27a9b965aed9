"""What a list names, and the error a list that cannot be read raises."""

from __future__ import annotations

from dataclasses import dataclass


class ImportListError(RuntimeError):
    """The list could not be fetched or read; the message says why (never with a secret in it)."""


@dataclass(frozen=True)
class ListedMovie:
    """A movie a list names: at least one id; title and year when the list gives them."""

    tmdb_id: int | None = None
    imdb_id: str | None = None
    title: str | None = None
    year: int | None = None

    @property
    def key(self) -> str:
        """Radarr's de-duplication key: the TMDB id, else the IMDb id, else the title."""
        if self.tmdb_id:
            return f"tmdb:{self.tmdb_id}"
        if self.imdb_id:
            return f"imdb:{self.imdb_id}"
        return f"title:{self.title}"
