"""What every indexer adapter offers, and the small value types they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from radarr_pipeline.models import IndexerRelease, Movie

#: Radarr's indexer flags (name -> bit), as TRaSH custom formats' IndexerFlagSpecification values use them.
INDEXER_FLAGS: dict[str, int] = {
    "G_Freeleech": 1,
    "G_Halfleech": 2,
    "G_DoubleUpload": 4,
    "PTP_Golden": 8,
    "PTP_Approved": 16,
    "G_Internal": 32,
    "G_Scene": 128,
    "G_Freeleech75": 256,
    "G_Freeleech25": 512,
    "Nuked": 2048,
}


def flags_from_volume_factors(download: float | None, upload: float | None) -> tuple[str, ...]:
    """Radarr's rule: download factor 0 is freeleech, 0.5 halfleech, 0.25/0.75 partial; upload 2 is double."""
    flags: list[str] = []
    if download is not None:
        if download == 0:
            flags.append("G_Freeleech")
        elif download == 0.5:
            flags.append("G_Halfleech")
        elif download == 0.25:
            flags.append("G_Freeleech75")
        elif download == 0.75:
            flags.append("G_Freeleech25")
    if upload is not None and upload == 2:
        flags.append("G_DoubleUpload")
    return tuple(flags)


def flags_mask(flags: tuple[str, ...]) -> int:
    """The Radarr bit mask of flag names (unknown names are ignored)."""
    mask = 0
    for name in flags:
        mask |= INDEXER_FLAGS.get(name, 0)
    return mask


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
