"""The result of parsing a release title, serialisable to and from JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
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


def _descriptor_init(cls: type) -> Callable[..., None]:
    """An ``__init__`` for the frozen, slotted dataclass ``cls``, with the generated one's signature, that writes each
    field through its slot's descriptor. The generated one calls ``object.__setattr__`` for each field (the class
    refuses plain assignment), about twice the cost, and the parser builds a ParsedRelease for every title."""
    namespace: dict[str, Any] = {}
    parameters = []
    for item in fields(cls):
        assert item.default_factory is MISSING, "a default factory needs the generated __init__"
        namespace[f"_set_{item.name}"] = getattr(cls, item.name).__set__
        if item.default is MISSING:
            parameters.append(item.name)
        else:
            namespace[f"_default_{item.name}"] = item.default
            parameters.append(f"{item.name}=_default_{item.name}")
    body = "".join(f"\n    _set_{item.name}(self, {item.name})" for item in fields(cls))
    exec(f"def __init__(self, {', '.join(parameters)}):{body}", namespace)  # as dataclasses builds its own
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


ParsedRelease.__init__ = _descriptor_init(ParsedRelease)  # type: ignore[method-assign]
