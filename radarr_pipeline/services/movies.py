"""Adding the movies a user wants (a movie, or another version of one) and listing them with their status.

Every front door (the CLI, the HTTP API to come) calls these: the checks on what is asked live here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig, ConfigError
from radarr_pipeline.models import Availability, Movie, MovieMetadata, Variant
from radarr_pipeline.services.notifications.events import enqueue_event, movie_added_event
from radarr_pipeline.store import Library, LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.candidates import MovieDetailsRepository
from radarr_pipeline.store.metadata import MetadataRepository
from radarr_pipeline.store.movies import MovieStatus
from radarr_pipeline.values.ids import InvalidIdError, imdb_id, tmdb_id
from radarr_pipeline.values.titles import InvalidTitleError, movie_title, same_title

YEARS = range(1870, 2201)
RUNTIME_MAX_MINUTES = 2**31 - 1  # the column is an INTEGER


class MovieRequestError(ValueError):
    """What was asked cannot be added; the message says why (a front door shows it as is)."""


class MovieExistsError(MovieRequestError):
    """The movie is in the library already, in the version asked for."""


@dataclass(frozen=True)
class NewMovie:
    """A movie (or another version of one) to add, as a user gives it."""

    title: str
    year: int
    tmdb_id: int | None = None
    imdb_id: str | None = None
    profile: str | None = None  # default: the configured default profile
    root_folder: Path | None = None  # default: the first configured root folder
    runtime_minutes: int | None = None
    minimum_availability: Availability = Availability.RELEASED
    in_cinemas: date | None = None
    digital_release: date | None = None
    physical_release: date | None = None
    secondary_year: int | None = None
    alternative_titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddedMovie:
    movie: Movie
    variant: Variant
    new_movie: bool  # False: another version of a movie already in the library


def checked_request(config: AppConfig, request: NewMovie) -> NewMovie:
    """The request with its title trimmed, ids normalised, profile and root folder resolved; or the reason
    it cannot be added (a MovieRequestError)."""
    try:
        title = movie_title(request.title)
        alternatives = tuple(movie_title(t) for t in request.alternative_titles if t.strip())
        imdb = imdb_id(request.imdb_id) if request.imdb_id is not None else None
        tmdb = tmdb_id(request.tmdb_id) if request.tmdb_id is not None else None
    except (InvalidTitleError, InvalidIdError) as exc:
        raise MovieRequestError(str(exc)) from None
    for label, year in (("year", request.year), ("secondary year", request.secondary_year)):
        if year is not None and year not in YEARS:
            raise MovieRequestError(f"{label} {year} is not a movie's year ({YEARS.start} to {YEARS.stop - 1})")
    if request.runtime_minutes is not None and not 1 <= request.runtime_minutes <= RUNTIME_MAX_MINUTES:
        raise MovieRequestError(f"a runtime of {request.runtime_minutes} minutes is not possible "
                                f"(1 to {RUNTIME_MAX_MINUTES})")
    profile = request.profile or config.default_profile.name
    try:
        config.profile(profile)
    except ConfigError as exc:
        raise MovieRequestError(str(exc)) from None
    root = (request.root_folder or config.root_folders[0]).absolute()
    if root not in config.root_folders:
        raise MovieRequestError(
            f"{root} is not a configured root folder ({', '.join(map(str, config.root_folders))})"
        )
    if not root.is_dir():
        raise MovieRequestError(f"root folder {root} does not exist: create it (or mount its disk) first")
    return replace(request, title=title, alternative_titles=alternatives, imdb_id=imdb, tmdb_id=tmdb,
                   profile=profile, root_folder=root)


def same_movie(request: NewMovie, candidates: list[Movie]) -> Movie | None:
    """The movie of ``request`` among movies of its year by title and year, when one side has no id (a movie
    added by hand, then asked for by its TMDB id, is the same movie: it gains the id)."""
    asked_ids = request.tmdb_id is not None or request.imdb_id is not None
    return next((m for m in candidates if m.year == request.year and same_title(m.title, request.title)
                 and not (asked_ids and (m.tmdb_id is not None or m.imdb_id is not None))), None)


def _existing(library: Library, request: NewMovie) -> Movie | None:
    by_id = library.movies.find(tmdb_id=request.tmdb_id, imdb_id=request.imdb_id)
    if by_id is not None:
        if by_id.year != request.year or not same_title(by_id.title, request.title):
            raise MovieRequestError(f"that id belongs to {by_id.title} ({by_id.year}) already")
        return by_id
    return same_movie(request, library.movies.of_year(request.year))


def add_movie(
    config: AppConfig,
    request: NewMovie,
    *,
    metadata: MovieMetadata | None = None,
    answers: Sequence[tuple[str, str]] = (),
    now: datetime | None = None,
) -> AddedMovie:
    """Add the movie, or another version of it (another profile or root folder). The same version twice is an
    error (MovieExistsError), whether the movie was given with ids or by title and year.

    ``metadata``: what the metadata source says of it (services.adding fills ``request`` from it), written with
    the movie; ``answers``: the source's answers (request key, JSON text) kept in its cache."""
    request = checked_request(config, request)
    assert request.profile is not None and request.root_folder is not None
    profile, root = request.profile, str(request.root_folder)
    with LibraryStore(config.database).open() as library:
        movie = _existing(library, request)
        if movie is not None and library.movies.find_variant(movie.id, quality_profile=profile, root_folder=root):
            raise MovieExistsError(f"{movie.title} ({movie.year}) is already in the library with profile "
                                   f"{profile} in {root} (movie {movie.id})")
        new_movie = movie is None
        if movie is None:
            movie = library.movies.add(
                title=request.title, year=request.year, tmdb_id=request.tmdb_id, imdb_id=request.imdb_id,
                runtime_minutes=request.runtime_minutes, minimum_availability=request.minimum_availability,
            )
        details = MovieDetailsRepository(library.conn)
        details.set_details(movie.id, in_cinemas=request.in_cinemas, digital_release=request.digital_release,
                            physical_release=request.physical_release, secondary_year=request.secondary_year)
        details.add_alternative_titles(movie.id, list(request.alternative_titles))
        facts = MetadataRepository(library.conn)
        if not new_movie and movie.tmdb_id is None and movie.imdb_id is None:
            facts.set_ids(movie.id, tmdb_id=request.tmdb_id, imdb_id=request.imdb_id)
        at = now or datetime.now(UTC)
        if metadata is not None:
            facts.apply([(movie.id, metadata)], at)
        facts.cache(list(answers), at)
        movie = library.movies.get(movie.id)
        variant = library.movies.add_variant(movie.id, quality_profile=profile, root_folder=root)
        if new_movie:
            enqueue_event(library, movie_added_event(movie, variant), datetime.now(UTC))
    return AddedMovie(movie, variant, new_movie)


def list_movies(config: AppConfig) -> list[MovieStatus]:
    """Every version of every movie with its status, read without writing; none when there is no library yet."""
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return library.movies.statuses()
    except LibraryNotCreatedError:
        return []
