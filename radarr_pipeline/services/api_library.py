"""The library as the HTTP API reads and changes it: movies as one API instance sees them (the version in its
root folders), tags by id, the queue and history of those versions; adding and editing through the same checks
as every other front door (services.movies, services.adding, services.movie_edits)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from radarr_pipeline.config import AppConfig
from radarr_pipeline.models import Availability
from radarr_pipeline.services.adding import AddChoices, add_by_reference, lookup_movies
from radarr_pipeline.services.movie_edits import set_minimum_availability, set_monitored, set_quality_profile
from radarr_pipeline.services.movies import MovieRequestError, NewMovie, add_movie
from radarr_pipeline.services.relocation import change_root_folder
from radarr_pipeline.store import Library, LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.api_views import ApiViewRepository, MovieView
from radarr_pipeline.values.references import MovieReference
from radarr_pipeline.values.tags import InvalidTagError, client_tag_label

T = TypeVar("T")


class UnknownRecordError(LookupError):
    """What the request names (a movie, a tag) is not in the library: exactly a 404."""


class RequestFieldError(ValueError):
    """A field of the request cannot be used; ``field`` names it as the client sent it."""

    def __init__(self, field: str, message: str, attempted: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.attempted = attempted


def _read(config: AppConfig, work: Callable[[Library], T], empty: T) -> T:
    """One read-only unit of work; no library yet reads as ``empty``."""
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return work(library)
    except LibraryNotCreatedError:
        return empty


def _write(config: AppConfig, work: Callable[[Library], T]) -> T:
    with LibraryStore(config.database).open() as library:
        return work(library)


def movies_in(config: AppConfig, roots: list[str], *, movie_id: int | None = None,
              tmdb_id: int | None = None, released_between: tuple[date, date] | None = None) -> list[MovieView]:
    return _read(config, lambda lib: ApiViewRepository(lib.conn).movies(
        roots, movie_id=movie_id, tmdb_id=tmdb_id, released_between=released_between), [])


def movie_in(config: AppConfig, roots: list[str], movie_id: int) -> MovieView:
    found = movies_in(config, roots, movie_id=movie_id)
    if not found:
        raise UnknownRecordError(f"movie {movie_id} does not exist")
    return found[0]


@dataclass(frozen=True)
class LookupView:
    tmdb_id: int
    title: str
    year: int | None
    original_title: str | None
    in_library: MovieView | None  # this instance's version, when the movie is in its root folders


def lookup(config: AppConfig, roots: list[str], term: str) -> list[LookupView]:
    """Candidates from the metadata source, each with this instance's version of it when it has one (so a
    client does not add it twice)."""
    found = lookup_movies(config, term)
    ids = [r.candidate.tmdb_id for r in found]
    none: list[MovieView] = []
    views = _read(config, lambda lib: ApiViewRepository(lib.conn).movies(roots, tmdb_ids=ids), none)
    by_tmdb = {v.tmdb_id: v for v in views}
    return [LookupView(r.candidate.tmdb_id, r.candidate.title, r.candidate.year, r.candidate.original_title,
                       by_tmdb.get(r.candidate.tmdb_id)) for r in found]


# --- tags ---

def _label(value: str) -> str:
    try:
        return client_tag_label(value)
    except InvalidTagError as exc:
        raise RequestFieldError("label", str(exc), value) from None


def list_tags(config: AppConfig) -> list[tuple[int, str, tuple[int, ...]]]:
    return _read(config, lambda lib: ApiViewRepository(lib.conn).tags(), [])


def create_tag(config: AppConfig, label: str) -> tuple[int, str]:
    checked = _label(label)
    return _write(config, lambda lib: ApiViewRepository(lib.conn).add_tag(checked)), checked


def rename_tag(config: AppConfig, tag_id: int, label: str) -> tuple[int, str]:
    checked = _label(label)

    def rename(library: Library) -> None:
        views = ApiViewRepository(library.conn)
        if any(other_label == checked and other != tag_id for other, other_label, _ in views.tags()):
            raise RequestFieldError("label", f"a tag {checked!r} exists already", label)
        if not views.rename_tag(tag_id, checked):
            raise UnknownRecordError(f"tag {tag_id} does not exist")

    _write(config, rename)
    return tag_id, checked


def delete_tag(config: AppConfig, tag_id: int) -> None:
    if not _write(config, lambda lib: ApiViewRepository(lib.conn).delete_tag(tag_id)):
        raise UnknownRecordError(f"tag {tag_id} does not exist")


def _check_tags(config: AppConfig, tag_ids: list[int]) -> None:
    if not tag_ids:
        return
    none: set[int] = set()
    known = _read(config, lambda lib: ApiViewRepository(lib.conn).known_tag_ids(tag_ids), none)
    unknown = sorted(set(tag_ids) - known)
    if unknown:
        raise RequestFieldError("tags", f"tag(s) {unknown} do not exist", tag_ids)


def _set_tags(config: AppConfig, movie_id: int, tag_ids: list[int]) -> None:
    _write(config, lambda lib: ApiViewRepository(lib.conn).set_movie_tags(movie_id, tag_ids))


# --- adding and editing ---

@dataclass(frozen=True)
class MovieChoices:
    """What a client asks for a movie: the version (profile, root folder) and how it is kept."""

    profile: str
    root_folder: Path
    minimum_availability: Availability
    monitored: bool
    tag_ids: list[int]


def add_from_client(config: AppConfig, roots: list[str], choices: MovieChoices, *, tmdb_id: int, title: str | None,
                    year: int | None) -> MovieView:
    """Add the movie with this TMDB id (filled from the metadata source when there is one, else from the title
    and year given), tagged and monitored as asked. A movie already here in that version: MovieExistsError."""
    _check_tags(config, choices.tag_ids)
    add_choices = AddChoices(choices.profile, choices.root_folder, choices.minimum_availability)
    if config.metadata is not None:
        added = add_by_reference(config, MovieReference("tmdb", tmdb_id=tmdb_id), add_choices)
    else:
        if not title or year is None:
            raise MovieRequestError("without a metadata source, a movie needs its title and year")
        added = add_movie(config, NewMovie(title=title, year=year, tmdb_id=tmdb_id, profile=choices.profile,
                                           root_folder=choices.root_folder,
                                           minimum_availability=choices.minimum_availability),
                          now=datetime.now(UTC))
    movie_id = added.movie.id
    if choices.tag_ids:
        _set_tags(config, movie_id, sorted(set(choices.tag_ids) | set(_tags_of(config, roots, movie_id))))
    if not choices.monitored:
        set_monitored(config, movie_id, False, datetime.now(UTC), variant_id=added.variant.id)
    return movie_in(config, roots, movie_id)


def _tags_of(config: AppConfig, roots: list[str], movie_id: int) -> tuple[int, ...]:
    found = movies_in(config, roots, movie_id=movie_id)
    return found[0].tag_ids if found else ()


def update_from_client(config: AppConfig, roots: list[str], movie_id: int, choices: MovieChoices) -> MovieView:
    """Apply what changed: monitored, profile, minimum availability, tags, and the root folder (its files are
    moved with it). Each change is recorded in the movie's history by the service that makes it."""
    current = movie_in(config, roots, movie_id)
    _check_tags(config, choices.tag_ids)
    now = datetime.now(UTC)
    if str(choices.root_folder) != current.root_folder:
        change_root_folder(config, movie_id, choices.root_folder, now, variant_id=current.variant_id)
    if choices.profile != current.quality_profile:
        set_quality_profile(config, movie_id, choices.profile, now, variant_id=current.variant_id)
    if choices.monitored != current.monitored:
        set_monitored(config, movie_id, choices.monitored, now, variant_id=current.variant_id)
    if str(choices.minimum_availability) != current.minimum_availability:
        set_minimum_availability(config, movie_id, choices.minimum_availability, now)
    if sorted(set(choices.tag_ids)) != list(current.tag_ids):
        _set_tags(config, movie_id, sorted(set(choices.tag_ids)))
    return movie_in(config, [*roots, str(choices.root_folder)], movie_id)


# --- queue and history ---

def queue_of(config: AppConfig, roots: list[str]) -> list[tuple]:
    return _read(config, lambda lib: ApiViewRepository(lib.conn).queue(roots), [])


def history_of(config: AppConfig, roots: list[str], movie_id: int | None, page: int,
               page_size: int) -> tuple[int, list[tuple]]:
    none: tuple[int, list[tuple]] = (0, [])
    return _read(config, lambda lib: ApiViewRepository(lib.conn).history(roots, movie_id, (page - 1) * page_size,
                                                                        page_size), none)
