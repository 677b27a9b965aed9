"""Editing a movie in the library: monitoring, quality profile, minimum availability, tags. Each change is
recorded in the history with what it was before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from radarr_pipeline.config import AppConfig, ConfigError
from radarr_pipeline.models import Availability, HistoryEvent, Movie
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.movie_edits import MovieEditRepository
from radarr_pipeline.values.tags import InvalidTagError
from radarr_pipeline.values.tags import tag_label as checked_tag


class MovieEditError(ValueError):
    """The edit cannot be made; the message says why."""


@dataclass(frozen=True)
class VariantRow:
    id: int
    quality_profile: str
    root_folder: str
    monitored: bool


@dataclass(frozen=True)
class EditResult:
    movie: Movie
    changes: list[str]  # what changed, as the user reads it; empty when nothing did


def movie_of(library: Library, movie_id: int) -> Movie:
    try:
        return library.movies.get(movie_id)
    except KeyError:
        raise MovieEditError(f"there is no movie {movie_id} in the library") from None


def variants_of(library: Library, movie: Movie, variant_id: int | None) -> list[VariantRow]:
    """The movie's versions, or the one asked for (which must be the movie's)."""
    rows = [VariantRow(*r) for r in MovieEditRepository(library.conn).variants_of(movie.id)]
    if variant_id is None:
        return rows
    chosen = [r for r in rows if r.id == variant_id]
    if not chosen:
        raise MovieEditError(f"{movie.title} ({movie.year}) has no version {variant_id} "
                             f"(its versions: {', '.join(str(r.id) for r in rows) or 'none'})")
    return chosen


def one_variant(library: Library, movie: Movie, variant_id: int | None) -> VariantRow:
    rows = variants_of(library, movie, variant_id)
    if len(rows) != 1:
        described = "; ".join(f"{r.id}: {r.quality_profile} in {r.root_folder}" for r in rows)
        raise MovieEditError(f"{movie.title} ({movie.year}) has {len(rows)} versions ({described}): "
                             "say which with --variant")
    return rows[0]


def tag_label(value: str) -> str:
    """A tag as Radarr keeps it: lower-case letters, digits and hyphens."""
    try:
        return checked_tag(value)
    except InvalidTagError as exc:
        raise MovieEditError(str(exc)) from None


def _edited(movie: Movie, variant_id: int | None, field: str, before: object, after: object) -> HistoryEvent:
    return HistoryEvent(event="movie_edited", movie_id=movie.id, variant_id=variant_id, source_title=movie.title,
                        data={"field": field, "from": before, "to": after})


def set_monitored(config: AppConfig, movie_id: int, monitored: bool, now: datetime,
                  variant_id: int | None = None) -> EditResult:
    """Monitor or unmonitor the movie's versions (all of them, or the one given)."""
    with LibraryStore(config.database).open() as library:
        return monitored_in(library, movie_of(library, movie_id), monitored, now, variant_id)


def monitored_in(library: Library, movie: Movie, monitored: bool, now: datetime,
                 variant_id: int | None = None) -> EditResult:
    """:func:`set_monitored` inside a unit of work the caller holds (the movie editor's, for many movies)."""
    changing = [v for v in variants_of(library, movie, variant_id) if v.monitored != monitored]
    MovieEditRepository(library.conn).set_monitored([v.id for v in changing], monitored)
    library.history.add_many([_edited(movie, v.id, "monitored", v.monitored, monitored) for v in changing], now)
    word = "monitored" if monitored else "unmonitored"
    return EditResult(movie, [f"version {v.id} ({v.quality_profile}) {word}" for v in changing])


def set_quality_profile(config: AppConfig, movie_id: int, profile: str, now: datetime,
                        variant_id: int | None = None) -> EditResult:
    with LibraryStore(config.database).open() as library:
        return quality_profile_in(config, library, movie_of(library, movie_id), profile, now, variant_id)


def quality_profile_in(config: AppConfig, library: Library, movie: Movie, profile: str, now: datetime,
                       variant_id: int | None = None) -> EditResult:
    """:func:`set_quality_profile` inside a unit of work the caller holds."""
    try:
        config.profile(profile)
    except ConfigError as exc:
        raise MovieEditError(str(exc)) from None
    variant = one_variant(library, movie, variant_id)
    if variant.quality_profile == profile:
        return EditResult(movie, [])
    if library.movies.find_variant(movie.id, quality_profile=profile, root_folder=variant.root_folder):
        raise MovieEditError(f"{movie.title} ({movie.year}) already has a version with profile {profile} in "
                             f"{variant.root_folder}")
    MovieEditRepository(library.conn).set_quality_profile(variant.id, profile)
    library.history.add(_edited(movie, variant.id, "quality_profile", variant.quality_profile, profile), now)
    return EditResult(movie, [f"version {variant.id}: profile {variant.quality_profile} → {profile}"])


def set_minimum_availability(config: AppConfig, movie_id: int, availability: Availability,
                             now: datetime) -> EditResult:
    with LibraryStore(config.database).open() as library:
        return minimum_availability_in(library, movie_of(library, movie_id), availability, now)


def minimum_availability_in(library: Library, movie: Movie, availability: Availability,
                            now: datetime) -> EditResult:
    """:func:`set_minimum_availability` inside a unit of work the caller holds."""
    if movie.minimum_availability == availability:
        return EditResult(movie, [])
    MovieEditRepository(library.conn).set_minimum_availability(movie.id, str(availability))
    library.history.add(_edited(movie, None, "minimum_availability", str(movie.minimum_availability),
                                str(availability)), now)
    return EditResult(movie, [f"minimum availability {movie.minimum_availability} → {availability}"])


def edit_tags(config: AppConfig, movie_id: int, now: datetime, *, add: Sequence[str] = (),
              remove: Sequence[str] = ()) -> tuple[EditResult, list[str]]:
    """Add and remove tags; the result and the movie's tags afterwards."""
    adding, removing = sorted({tag_label(t) for t in add}), sorted({tag_label(t) for t in remove})
    with LibraryStore(config.database).open() as library:
        movie = movie_of(library, movie_id)
        edits = MovieEditRepository(library.conn)
        before = edits.tags_of(movie.id)
        edits.remove_tags(movie.id, removing)
        edits.add_tags([movie.id], adding)
        after = edits.tags_of(movie.id)
        if after != before:
            library.history.add(_edited(movie, None, "tags", before, after), now)
    changes = [f"tag {t} added" for t in after if t not in before] + \
        [f"tag {t} removed" for t in before if t not in after]
    return EditResult(movie, changes), after
