"""The library as the HTTP API reads and changes it: movies as one API instance sees them (the version in its
root folders), tags by id, the queue and history of those versions; adding and editing through the same checks
as every other front door (services.movies, services.adding, services.movie_edits)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from radarr_pipeline.config import AppConfig
from radarr_pipeline.models import Availability
from radarr_pipeline.services.adding import AddChoices, add_by_reference, lookup_movies
from radarr_pipeline.services.movie_edits import (
    minimum_availability_in,
    monitored_in,
    movie_of,
    quality_profile_in,
    set_monitored,
)
from radarr_pipeline.services.movies import MovieRequestError, NewMovie, add_movie
from radarr_pipeline.services.relocation import change_root_folder
from radarr_pipeline.store import Library, LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.api_views import ApiViewRepository, MovieView
from radarr_pipeline.store.movie_json import MovieFacts, MovieFilter, MovieJson, MovieJsonRepository
from radarr_pipeline.values.references import MovieReference
from radarr_pipeline.values.tags import InvalidTagError, client_tag_label

T = TypeVar("T")
# the API's rules over the movies read: per movie (in the order given) the values the store does not hold, as
# columns (store.movie_json.DERIVED_COLUMNS, and ``id``)
Derive = Callable[[list[MovieFacts]], Mapping[str, Sequence[object]]]


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


def movies_in(config: AppConfig, roots: list[str], *, movie_id: int | None = None) -> list[MovieView]:
    where = MovieFilter(movie_ids=None if movie_id is None else [movie_id])
    return _read(config, lambda lib: ApiViewRepository(lib.conn).movies(roots, where), [])


def _resources(library: Library, roots: list[str], derive: Derive, where: MovieFilter) -> list[MovieJson]:
    """The API's resources of the movies ``where`` names: what the store holds, read once for the API's rules
    (``derive``) and once laid out as JSON with their results."""
    repository = MovieJsonRepository(library.conn)
    facts = repository.facts(roots, where)
    if not facts:
        return []
    return repository.resources({**derive(facts), "variant_id": [f.variant_id for f in facts]})


#: Movies whose resources one read unit lays out: a list of a whole library holds the file a unit at a time.
RESOURCE_UNIT = 5_000


def movie_resources(config: AppConfig, roots: list[str], derive: Derive,
                    where: MovieFilter | None = None) -> list[MovieJson]:
    """The movies (``where`` names, by default every one) with a version in ``roots``, as the API's JSON
    resources: their facts read in one unit, the API's rules (``derive``) run with the file closed, the resources
    laid out :data:`RESOURCE_UNIT` movies a unit, in id order. A movie removed between two units is left out."""
    none: list[MovieFacts] = []
    facts = _read(config, lambda lib: MovieJsonRepository(lib.conn).facts(roots, where or MovieFilter()), none)
    if not facts:
        return []
    derived = {**derive(facts), "variant_id": [f.variant_id for f in facts]}
    found: list[MovieJson] = []
    for start in range(0, len(facts), RESOURCE_UNIT):
        found += _laid_out(config, {name: list(values[start:start + RESOURCE_UNIT])
                                    for name, values in derived.items()})
    return found


def _laid_out(config: AppConfig, derived: Mapping[str, Sequence[object]]) -> list[MovieJson]:
    """One read unit: the resources of the movies ``derived`` has a row for."""
    return _read(config, lambda lib: MovieJsonRepository(lib.conn).resources(derived), [])


def movie_resource(config: AppConfig, roots: list[str], derive: Derive, movie_id: int) -> MovieJson:
    found = movie_resources(config, roots, derive, MovieFilter(movie_ids=[movie_id]))
    if not found:
        raise UnknownRecordError(f"movie {movie_id} does not exist")
    return found[0]


def movie_resource_page(config: AppConfig, roots: list[str], derive: Derive, where: MovieFilter,
                        page: int, page_size: int) -> tuple[int, list[MovieJson]]:
    """(how many movies ``where`` names, the resources of one page of them)."""
    paged = replace(where, offset=(page - 1) * page_size, limit=page_size)

    def read(library: Library) -> tuple[int, list[MovieJson]]:
        return MovieJsonRepository(library.conn).count(roots, where), _resources(library, roots, derive, paged)

    none: tuple[int, list[MovieJson]] = (0, [])
    return _read(config, read, none)


def movie_in(config: AppConfig, roots: list[str], movie_id: int) -> MovieView:
    return movies_named(config, roots, [movie_id])[0]


@dataclass(frozen=True)
class LookupView:
    tmdb_id: int
    title: str
    year: int | None
    original_title: str | None
    in_library: MovieJson | None  # this instance's version, when the movie is in its root folders


def lookup(config: AppConfig, roots: list[str], term: str, derive: Derive) -> list[LookupView]:
    """Candidates from the metadata source, each with this instance's version of it when it has one (so a
    client does not add it twice)."""
    found = lookup_movies(config, term)
    ids = [r.candidate.tmdb_id for r in found]
    by_tmdb = {v.tmdb_id: v for v in movie_resources(config, roots, derive, MovieFilter(tmdb_ids=ids))}
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


def add_from_client(config: AppConfig, roots: list[str], choices: MovieChoices, derive: Derive, *, tmdb_id: int,
                    title: str | None, year: int | None) -> MovieJson:
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
    return movie_resource(config, roots, derive, movie_id)


def _tags_of(config: AppConfig, roots: list[str], movie_id: int) -> tuple[int, ...]:
    found = movies_in(config, roots, movie_id=movie_id)
    return found[0].tag_ids if found else ()


def update_from_client(config: AppConfig, roots: list[str], movie_id: int, choices: MovieChoices,
                       derive: Derive) -> MovieJson:
    """Apply what changed: monitored, profile, minimum availability, tags, and the root folder (its files are
    moved with it). Each change is recorded in the movie's history by the service that makes it."""
    return update_many_from_client(config, roots, {movie_id: choices}, derive)[0]


def movies_named(config: AppConfig, roots: list[str], movie_ids: Sequence[int]) -> list[MovieView]:
    """These movies (by id, in the order given), in one read; an id that is not in the instance is refused."""
    none: list[MovieView] = []
    found = {v.id: v for v in _read(config, lambda lib: ApiViewRepository(lib.conn).movies(
        roots, MovieFilter(movie_ids=list(movie_ids))), none)}
    missing = [movie_id for movie_id in movie_ids if movie_id not in found]
    if missing:
        raise UnknownRecordError(f"movie {missing[0]} does not exist" if len(missing) == 1
                                 else f"movies {missing} do not exist")
    return [found[movie_id] for movie_id in movie_ids]


def update_many_from_client(config: AppConfig, roots: list[str], choices: Mapping[int, MovieChoices],
                            derive: Derive) -> list[MovieJson]:
    """:func:`update_from_client` for many movies at once (the movie editor): a root folder change first, movie
    by movie (its files are moved); then every other change of every movie in one unit of the library, all of
    them or, when one cannot be made, none; the resources read back in one query, in the order given."""
    currents = movies_named(config, roots, list(choices))
    _check_tags(config, sorted({tag for chosen in choices.values() for tag in chosen.tag_ids}))
    now = datetime.now(UTC)
    for current in currents:
        if str(choices[current.id].root_folder) != current.root_folder:
            change_root_folder(config, current.id, choices[current.id].root_folder, now,
                               variant_id=current.variant_id)
    with LibraryStore(config.database).open() as library:
        for current in currents:
            _apply_choices(config, library, current, choices[current.id], now)
    roots = [*roots, *sorted({str(chosen.root_folder) for chosen in choices.values()})]
    by_id = {m.id: m for m in movie_resources(config, roots, derive, MovieFilter(movie_ids=list(choices)))}
    return [by_id[movie_id] for movie_id in choices]


def _apply_choices(config: AppConfig, library: Library, current: MovieView, choices: MovieChoices,
                   now: datetime) -> None:
    movie = movie_of(library, current.id)
    if choices.profile != current.quality_profile:
        quality_profile_in(config, library, movie, choices.profile, now, variant_id=current.variant_id)
    if choices.monitored != current.monitored:
        monitored_in(library, movie, choices.monitored, now, variant_id=current.variant_id)
    if str(choices.minimum_availability) != current.minimum_availability:
        minimum_availability_in(library, movie, choices.minimum_availability, now)
    if sorted(set(choices.tag_ids)) != list(current.tag_ids):
        ApiViewRepository(library.conn).set_movie_tags(current.id, sorted(set(choices.tag_ids)))


# --- queue and history ---

def queue_of(config: AppConfig, roots: list[str]) -> list[tuple]:
    return _read(config, lambda lib: ApiViewRepository(lib.conn).queue(roots)[1], [])


def queue_page(config: AppConfig, roots: list[str], page: int, page_size: int) -> tuple[int, list[tuple]]:
    """(how many downloads are active, one page of them)."""
    none: tuple[int, list[tuple]] = (0, [])
    return _read(config, lambda lib: ApiViewRepository(lib.conn).queue(roots, (page - 1) * page_size, page_size),
                 none)


def history_of(config: AppConfig, roots: list[str], movie_id: int | None, page: int,
               page_size: int) -> tuple[int, list[tuple]]:
    none: tuple[int, list[tuple]] = (0, [])
    return _read(config, lambda lib: ApiViewRepository(lib.conn).history(roots, movie_id, (page - 1) * page_size,
                                                                        page_size), none)
