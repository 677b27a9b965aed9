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

    limit_max: int = 100
    limit_default: int = 100
    search_available: bool = True
    movie_search_available: bool = True
    movie_search_params: frozenset[str] = frozenset({"q"})

    def supports_movie_id(self, param: str) -> bool:
        return self.movie_search_available and param in self.movie_search_params


@runtime_checkable
class Indexer(Protocol):
    name: str
    priority: int

    def search(self, movie: Movie) -> list[IndexerRelease]: ...

    def fetch_rss_result(self) -> FetchResult: ...

    def search_result(self, movie: Movie) -> FetchResult: ...

    def close(self) -> None: ...


def movie_query(movie: Movie) -> str:
    """The free-text fallback query: "Title Year", punctuation that search engines choke on removed."""
    cleaned = "".join(ch if ch.isalnum() or ch in " .'-&" else " " for ch in movie.title)
    return " ".join(f"{cleaned} {movie.year}".split())


