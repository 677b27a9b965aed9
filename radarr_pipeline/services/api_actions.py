"""What the HTTP API does beyond reading and editing movies: interactive search (the recorded decisions on one
movie version, every reason kept) and grabbing one release by hand, parsing a title as the decisions do, the
blocklist, removing downloads from the queue, movies whose cutoff is unmet, and when each command last ran."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.format_facts import download_facts
from radarr_pipeline.decisions.formats import evaluate_formats
from radarr_pipeline.decisions.matching import MovieIndex, ReleaseKey, alternatives_by_movie, match_one, movie_key
from radarr_pipeline.models import Movie
from radarr_pipeline.parsing import ParsedRelease, parse_release_title
from radarr_pipeline.services.api_library import UnknownRecordError, movie_in
from radarr_pipeline.services.configured import download_client, indexer_secret, load_formats, quality_profiles
from radarr_pipeline.services.grabbing import grab_release
from radarr_pipeline.services.indexer_sync import sync_search
from radarr_pipeline.services.scoring import score
from radarr_pipeline.services.wanted import refresh_wanted
from radarr_pipeline.store import Library, LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.api_views import ApiViewRepository, MovieView
from radarr_pipeline.store.movie_json import MovieFilter


def _read(config: AppConfig, work: Any, empty: Any) -> Any:
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return work(library)
    except LibraryNotCreatedError:
        return empty


# --- interactive search ---

@dataclass(frozen=True)
class ReleaseChoice:
    """One recorded decision on the movie's version, with its release and the title as the parser reads it."""

    decision: dict[str, Any]
    parsed: ParsedRelease | None


def releases_for(config: AppConfig, roots: list[str], movie_id: int) -> tuple[MovieView, list[ReleaseChoice]]:
    """Every release the last scoring run judged for this instance's version of the movie, best first, each
    with its quality, formats, score, status and every rejection (services.scoring records them)."""
    view = movie_in(config, roots, movie_id)
    rows = _read(config, lambda lib: ApiViewRepository(lib.conn).decisions(view.variant_id), [])
    return view, [ReleaseChoice(row, parse_release_title(row["title"])) for row in rows]


def search_releases(config: AppConfig, roots: list[str], movie_id: int,
                    now: datetime) -> tuple[MovieView, list[ReleaseChoice]]:
    """Interactive search, as Radarr does it: the enabled indexers are asked for the movie now (the search a
    MoviesSearch command makes for it, the library closed while they answer), the wanted list refreshed and
    every release judged again; then every release judged for this instance's version (:func:`releases_for`),
    wanted or not: a movie that is unmonitored or whose file meets the cutoff has its releases listed with the
    rules that refuse them, as in Radarr. A failing indexer is recorded against it (its back-off) and the others'
    releases are shown."""
    view = movie_in(config, roots, movie_id)
    sync_search(LibraryStore(config.database), config.indexers, now, max_searches=1, movie_ids={view.id})
    refresh_wanted(config, now)
    score(config, now, also=[view.variant_id])
    return releases_for(config, roots, movie_id)


def grab_chosen(config: AppConfig, roots: list[str], *, guid: str, indexer: str, movie_id: int | None,
                now: datetime) -> dict[str, object]:
    """Grab the release with this guid from this indexer for the instance's version of the movie (the movie
    given, else the one the release was judged for)."""
    release_id = _read(config, lambda lib: ApiViewRepository(lib.conn).release_id(guid, indexer), None)
    if release_id is None:
        raise UnknownRecordError(f"no release {guid!r} from indexer {indexer!r}")
    if movie_id is None:
        movie_id = _read(config, lambda lib: ApiViewRepository(lib.conn).judged_movie(release_id, roots), None)
        if movie_id is None:
            raise UnknownRecordError(f"release {guid!r} was not found for any movie of this server")
    view = movie_in(config, roots, movie_id)
    return grab_release(LibraryStore(config.database), download_client(config), now, release_id=release_id,
                        variant_id=view.variant_id, secret_for=indexer_secret(config))


# --- parse ---

@dataclass(frozen=True)
class ParsedTitle:
    parsed: ParsedRelease | None
    movie: MovieView | None
    formats: list[str]
    score: int


def movie_named_by(config: AppConfig, roots: list[str], parsed: ParsedRelease) -> MovieView | None:
    """The instance's movie a parsed title names, as Radarr's parse endpoint maps it (no ids: by title and year,
    ParsingService.TryGetMovieByTitleAndOrYear), by the rule releases are matched with: every clean title of
    the movie (original and alternative titles, numeral variants) with its year or secondary year."""
    def read(library: Library) -> tuple[list[MovieView], list[tuple[int, str]]]:
        return ApiViewRepository(library.conn).movies(roots, MovieFilter()), library.movies.alternative_titles()

    views, titles = _read(config, read, ([], []))
    alternatives = alternatives_by_movie(titles)
    index = MovieIndex.build(movie_key(
        Movie(id=v.id, title=v.title, year=v.year, original_title=v.original_title),
        alternatives.get(v.id, ()), v.secondary_year) for v in views)
    found = match_one(ReleaseKey(None, None, parsed.movie_titles or (parsed.movie_title,), parsed.year), index)
    by_id = {v.id: v for v in views}
    return by_id[found[0][0]] if found else None


def parse_title(config: AppConfig, roots: list[str], title: str, profile: str | None) -> ParsedTitle:
    """The title as the decisions read it: the parse, the library's movie it names (see :func:`movie_named_by`),
    the custom formats it matches and their score under the movie's profile (else ``profile``)."""
    parsed = parse_release_title(title)
    if parsed is None:
        return ParsedTitle(None, None, [], 0)
    movie = movie_named_by(config, roots, parsed)
    profiles = quality_profiles(config)
    formats = load_formats(config, profiles)
    if not formats:
        return ParsedTitle(parsed, movie, [], 0)
    matches = evaluate_formats(formats, download_facts([title], [parsed.quality.quality.name], [0]))
    matched = [f.name for f, hit in zip(matches.formats, matches.matrix[0], strict=True) if hit]
    chosen = profiles.get(movie.quality_profile if movie else profile or "")
    score = chosen.format_score(matched) if chosen else 0
    return ParsedTitle(parsed, movie, matched, score)


# --- blocklist, queue, wanted, tasks ---

def blocklist_page(config: AppConfig, roots: list[str], page: int, size: int) -> tuple[int, list[tuple]]:
    none: tuple[int, list[tuple]] = (0, [])
    return _read(config, lambda lib: ApiViewRepository(lib.conn).blocklist(roots, (page - 1) * size, size), none)


def unblock(config: AppConfig, ids: list[int]) -> list[int]:
    """Take these entries off the blocklist; the ids that were on it."""
    with LibraryStore(config.database).open() as library:
        return ApiViewRepository(library.conn).delete_blocklisted(ids)


def last_commands(config: AppConfig) -> dict[str, datetime]:
    """When each command (by name) was last sent through the API."""
    return _read(config, lambda lib: ApiViewRepository(lib.conn).last_commands(), {})
