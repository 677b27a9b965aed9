"""Adding a movie by reference: ``tmdb:603``, ``imdb:tt0133093`` or a title (and year), filled from the metadata
source; or by hand when there is none (or it is not wanted). Every front door (CLI, import lists, the HTTP API)
adds through :func:`add_by_reference`.

Work order: ask TMDB with the library closed, then add in one short write (services.movies.add_movie, which
refuses the same version of a movie twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.metadata import MetadataError, MetadataNotFoundError, TmdbClient
from radarr_pipeline.metadata.mapping import candidates, movie_metadata
from radarr_pipeline.models import Availability, MovieCandidate, MovieMetadata
from radarr_pipeline.services.metadata_source import as_json, details_request, metadata_client
from radarr_pipeline.services.movies import AddedMovie, MovieRequestError, NewMovie, add_movie
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.collections import SearchRequestRepository
from radarr_pipeline.store.metadata import MetadataRepository
from radarr_pipeline.values.references import MovieReference, movie_reference
from radarr_pipeline.values.titles import same_title

LOOKUP_LIMIT = 20


class MovieLookupError(MovieRequestError):
    """The metadata source could not say which movie was meant (an error, none found, or several candidates)."""

    def __init__(self, message: str, candidates: tuple[LookupResult, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class LookupResult:
    """A candidate from the metadata source and whether (and as which movie) it is in the library."""

    candidate: MovieCandidate
    library_movie_id: int | None

    @property
    def in_library(self) -> bool:
        return self.library_movie_id is not None


@dataclass(frozen=True)
class AddChoices:
    """How the movie is wanted (every field optional, as services.movies.NewMovie's defaults)."""

    profile: str | None = None
    root_folder: Path | None = None
    minimum_availability: Availability = Availability.RELEASED
    search: bool = False  # search for it before anything else at the next search run


def request_search(config: AppConfig, movie_ids: list[int], now: datetime) -> None:
    """Mark movies to be searched first at the next search run (the mark clears once they are searched)."""
    if movie_ids:
        with LibraryStore(config.database).open() as library:
            SearchRequestRepository(library.conn).request(movie_ids, now)


def _library_ids(config: AppConfig, tmdb_ids: list[int]) -> dict[int, int]:
    """TMDB id -> library movie id for those in the library (read-only; no library yet: none)."""
    if not tmdb_ids:
        return {}
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return MetadataRepository(library.conn).movie_ids_by_tmdb_id(tmdb_ids)
    except LibraryNotCreatedError:
        return {}


def _client(config: AppConfig) -> TmdbClient:
    client = metadata_client(config)
    if client is None:
        raise MovieLookupError("no metadata source is configured (add a `metadata:` section with TMDB's "
                               "api_key_env or access_token_env), so movies can only be added by title and year")
    return client


def lookup_movies(config: AppConfig, term: str, year: int | None = None) -> list[LookupResult]:
    """Search the metadata source by title (and year): the candidates, best first as TMDB ranks them, each with
    whether it is in the library. ``term`` may also be ``tmdb:N`` or an IMDb id."""
    reference = movie_reference(term, year)
    with _client(config) as client:
        found = _candidates(client, reference)
    in_library = _library_ids(config, [c.tmdb_id for c in found])
    return [LookupResult(c, in_library.get(c.tmdb_id)) for c in found]


def _candidates(client: TmdbClient, reference: MovieReference) -> list[MovieCandidate]:
    try:
        if reference.kind == "tmdb":
            assert reference.tmdb_id is not None
            meta = movie_metadata(client.movie(reference.tmdb_id), client.settings.region)
            return [MovieCandidate(meta.tmdb_id, meta.title, meta.year, meta.original_title)]
        if reference.kind == "imdb":
            assert reference.imdb_id is not None
            return candidates(client.find_by_imdb_id(reference.imdb_id), "movie_results")
        assert reference.title is not None
        return candidates(client.search_movies(reference.title.strip(), reference.year))[:LOOKUP_LIMIT]
    except MetadataNotFoundError:
        return []
    except MetadataError as exc:
        raise MovieLookupError(str(exc)) from None


def _chosen(found: list[MovieCandidate], reference: MovieReference) -> MovieCandidate:
    """The one candidate a title (and year) names: the only result, else the only one with that exact title
    (and year); otherwise the candidates are the error."""
    if reference.kind != "title":
        if not found:
            raise MovieLookupError(f"TMDB knows no movie {reference}")
        return found[0]
    if len(found) == 1:
        return found[0]
    assert reference.title is not None
    exact = [c for c in found if (same_title(c.title, reference.title.strip())
                                  or (c.original_title and same_title(c.original_title, reference.title.strip())))
             and (reference.year is None or c.year == reference.year)]
    if len(exact) == 1:
        return exact[0]
    if not found:
        raise MovieLookupError(f"TMDB found no movie for {reference}")
    raise MovieLookupError(
        f"{reference} matches {len(exact) or len(found)} movies on TMDB: add it by its TMDB id (tmdb:N) or give "
        "the year", tuple(LookupResult(c, None) for c in (exact or found)),
    )


def resolve_metadata(config: AppConfig, reference: MovieReference) -> tuple[MovieMetadata, list[tuple[str, str]]]:
    """The movie a reference names, from the metadata source, and the answers to cache. Network only."""
    with _client(config) as client:
        try:
            chosen = _chosen(_candidates(client, reference), reference)
            document = client.movie(chosen.tmdb_id)
            metadata = movie_metadata(document, client.settings.region)
        except MetadataError as exc:
            raise MovieLookupError(str(exc)) from None
    return metadata, [(details_request(config, metadata.tmdb_id), as_json(document))]


def add_by_reference(
    config: AppConfig,
    reference: MovieReference,
    choices: AddChoices = AddChoices(),
    *,
    use_metadata: bool = True,
    now: datetime | None = None,
) -> AddedMovie:
    """Add the movie a reference names. With a metadata source (and ``use_metadata``), everything is filled
    from it; without, a title and year are needed and ids are kept as given. A movie already in the library
    in that version is refused (MovieExistsError); another profile or root folder adds another version."""
    if use_metadata and config.metadata is not None:
        metadata, answers = resolve_metadata(config, reference)
        request = NewMovie(
            title=metadata.title, year=metadata.year, tmdb_id=metadata.tmdb_id, imdb_id=metadata.imdb_id,
            profile=choices.profile, root_folder=choices.root_folder, runtime_minutes=metadata.runtime_minutes,
            minimum_availability=choices.minimum_availability, in_cinemas=metadata.in_cinemas,
            digital_release=metadata.digital_release, physical_release=metadata.physical_release,
            secondary_year=metadata.secondary_year, alternative_titles=metadata.alternative_titles,
        )
        added = add_movie(config, request, metadata=metadata, answers=answers, now=now or datetime.now(UTC))
    else:
        added = _add_by_hand(config, reference, choices, now)
    if choices.search:
        request_search(config, [added.movie.id], now or datetime.now(UTC))
    return added


def _add_by_hand(config: AppConfig, reference: MovieReference, choices: AddChoices, now: datetime | None
                 ) -> AddedMovie:
    if reference.kind != "title" or reference.year is None:
        raise MovieRequestError(
            f"adding {reference} without a metadata source needs a title and a year "
            "(e.g. `movies add \"The Matrix\" --year 1999 --tmdb-id 603`)")
    assert reference.title is not None
    return add_movie(config, NewMovie(
        title=reference.title, year=reference.year, profile=choices.profile, root_folder=choices.root_folder,
        minimum_availability=choices.minimum_availability,
    ), now=now)
