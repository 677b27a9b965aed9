"""The result of parsing a release title, serialisable to and from JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from radarr_pipeline.quality.qualities import QualityModel


@dataclass(frozen=True, slots=True)
class ParsedRelease:
    """What a release title says about the movie and the file (Radarr's ParsedMovieInfo)."""

    release_title: str
    movie_title: str
    movie_titles: tuple[str, ...]
    year: int | None
    edition: str | None
    quality: QualityModel
    release_group: str | None
    languages: tuple[str, ...]
    hardcoded_subs: str | None
    imdb_id: str | None
    tmdb_id: int | None
    release_hash: str | None = None
    simple_release_title: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_title": self.release_title,
            "movie_title": self.movie_title,
            "movie_titles": list(self.movie_titles),
            "year": self.year,
            "edition": self.edition,
            "quality": self.quality.to_dict(),
            "release_group": self.release_group,
            "languages": list(self.languages),
            "hardcoded_subs": self.hardcoded_subs,
            "imdb_id": self.imdb_id,
            "tmdb_id": self.tmdb_id,
            "release_hash": self.release_hash,
            "simple_release_title": self.simple_release_title,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedRelease:
        return cls(
            release_title=data["release_title"],
            movie_title=data["movie_title"],
            movie_titles=tuple(data["movie_titles"]),
            year=data["year"],
            edition=data["edition"],
            quality=QualityModel.from_dict(data["quality"]),
            release_group=data["release_group"],
            languages=tuple(data["languages"]),
            hardcoded_subs=data["hardcoded_subs"],
            imdb_id=data["imdb_id"],
            tmdb_id=data["tmdb_id"],
            release_hash=data.get("release_hash"),
            simple_release_title=data.get("simple_release_title", ""),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ParsedRelease:
        return cls.from_dict(json.loads(text))
