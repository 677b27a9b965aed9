"""What every indexer adapter offers, and the small value types they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from radarr_pipeline.models import IndexerRelease, Movie


def add_counts(into: dict[str, int], more: dict[str, int]) -> dict[str, int]:
    """``into`` with ``more``'s counts added (a new dict)."""
    total = dict(into)
    for reason, count in more.items():
        total[reason] = total.get(reason, 0) + count
    return total



@dataclass(frozen=True)
class ReleaseDetails:
    """What an indexer tells about a release beyond :class:`IndexerRelease` (HDBits' typed fields)."""

    guid: str
    indexer: str
    category: str | None = None
    codec: str | None = None
    medium: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """One fetch from one indexer: the releases, any extra details, and how many requests it took."""

    releases: list[IndexerRelease]
    details: list[ReleaseDetails] = field(default_factory=list)
    requests: int = 1
    #: Items left out of the answer, by reason ("no valid download link": count).
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Capabilities:
    """What a Torznab/Newznab server says it can do (``t=caps``)."""

    server_title: str | None = None
    limit_max: int = 100
    limit_default: int = 100
    search_available: bool = True
    movie_search_available: bool = True
    movie_search_params: frozenset[str] = frozenset({"q"})
    categories: dict[int, str] = field(default_factory=dict)

    def supports_movie_id(self, param: str) -> bool:
        return self.movie_search_available and param in self.movie_search_params

    def movie_categories(self) -> list[int]:
        """Categories in the Movies range (2000-2999), as the server lists them."""
        return sorted(c for c in self.categories if 2000 <= c < 3000)


@runtime_checkable
class Indexer(Protocol):
    name: str
    priority: int

    def fetch_rss(self) -> list[IndexerRelease]: ...

    def search(self, movie: Movie) -> list[IndexerRelease]: ...

    def fetch_rss_result(self) -> FetchResult: ...

    def search_result(self, movie: Movie) -> FetchResult: ...

    def close(self) -> None: ...


def movie_query(movie: Movie) -> str:
    """The free-text fallback query: "Title Year", punctuation that search engines choke on removed."""
    cleaned = "".join(ch if ch.isalnum() or ch in " .'-&" else " " for ch in movie.title)
    return " ".join(f"{cleaned} {movie.year}".split())


def imdb_number(imdb_id: str | None) -> str | None:
    """"tt0133093" -> "0133093" (Newznab's imdbid takes the digits only); None when it is not an IMDb id."""
    if not imdb_id:
        return None
    digits = imdb_id.strip().lower().removeprefix("tt")
    return digits if digits.isdigit() else None


def imdb_id_from_number(value: str | int | None) -> str | None:
    """"133093" / 133093 / "tt0133093" -> "tt0133093"; None for empty, zero or non-numeric values."""
    if value is None:
        return None
    text = str(value).strip().lower().removeprefix("tt")
    if not text.isdigit() or int(text) == 0:
        return None
    return f"tt{int(text):07d}"
