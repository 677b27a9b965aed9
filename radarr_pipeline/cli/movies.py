"""`radarr-pipeline movies`: add and list the movies you want (the work is done by services.movies)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load, load_summary
from radarr_pipeline.cli.display import cell, shown
from radarr_pipeline.cli.output import (
    Column,
    FormatOption,
    LimitOption,
    OffsetOption,
    OutputFormat,
    page_window,
    write_page,
)
from radarr_pipeline.models import Availability

if TYPE_CHECKING:
    from radarr_pipeline.config import AppConfig
    from radarr_pipeline.services.movies import AddedMovie, NewMovie

movies_app = typer.Typer(help="The movies you want.", no_args_is_help=True, rich_markup_mode=None)


@movies_app.command("add")
def add_movie(
    reference: Annotated[str | None, typer.Argument(
        help="tmdb:603, imdb:tt0133093, or a title (with --year): filled from the metadata source")] = None,
    title: Annotated[str | None, typer.Option(help="Add by hand: the movie's title (with --year)")] = None,
    year: Annotated[int | None, typer.Option(help="Year of release")] = None,
    no_metadata: Annotated[bool, typer.Option(
        "--no-metadata", help="Add by hand even when a metadata source is configured")] = False,
    tmdb_id: Annotated[int | None, typer.Option("--tmdb-id", help="TMDB id (by hand)")] = None,
    imdb_id: Annotated[str | None, typer.Option("--imdb-id", help="IMDb id, e.g. tt0133093 (by hand)")] = None,
    profile: Annotated[str | None, typer.Option(help="Quality profile (default: the configured default)")] = None,
    root_folder: Annotated[Path | None, typer.Option(help="Root folder (default: the first configured)")] = None,
    runtime: Annotated[int | None, typer.Option(help="Runtime in minutes")] = None,
    minimum_availability: Annotated[Availability, typer.Option()] = Availability.RELEASED,
    in_cinemas: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Cinema release date")] = None,
    digital_release: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Digital release date")] = None,
    physical_release: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Disc release date")] = None,
    secondary_year: Annotated[int | None, typer.Option(help="Another year releases use")] = None,
    alternative_title: Annotated[list[str] | None, typer.Option(help="Another title releases use (repeatable)")] = None,
    search: Annotated[bool, typer.Option("--search", help="Search for it first at the next search run")] = False,
    config_file: ConfigOption = None,
) -> None:
    """Add a movie to the wanted list (a second profile or root folder adds another version of it).

    `movies add tmdb:603`, `movies add imdb:tt0133093` or `movies add "The Matrix" --year 1999` fill everything
    from the metadata source; `--title ... --year ...` (or --no-metadata, or no metadata source) adds by hand."""
    from radarr_pipeline.config import ConfigError
    from radarr_pipeline.services.adding import AddChoices, MovieLookupError, add_by_reference
    from radarr_pipeline.services.movies import MovieRequestError, NewMovie
    from radarr_pipeline.store import StoreError
    from radarr_pipeline.values.ids import InvalidIdError
    from radarr_pipeline.values.references import movie_reference

    config = load(config_file)
    if (reference is None) == (title is None):
        raise fail("give what to add: a reference (tmdb:603, imdb:tt0133093, a title) or --title and --year")
    try:
        parsed = movie_reference(reference, year) if reference is not None else None
        if parsed is None or no_metadata or config.metadata is None:  # by hand
            if year is None or (parsed is not None and parsed.kind != "title"):
                raise MovieRequestError("adding by hand (no metadata source, or --no-metadata) needs a title and "
                                        "--year (ids go in --tmdb-id and --imdb-id)")
            added = _add_by_hand(config, NewMovie(
                title=title if title is not None else reference or "", year=year, tmdb_id=tmdb_id, imdb_id=imdb_id,
                profile=profile, root_folder=root_folder, runtime_minutes=runtime,
                minimum_availability=minimum_availability, in_cinemas=_day(in_cinemas),
                digital_release=_day(digital_release), physical_release=_day(physical_release),
                secondary_year=secondary_year, alternative_titles=tuple(alternative_title or ()),
            ), search)
        else:
            added = add_by_reference(config, parsed, AddChoices(profile, root_folder, minimum_availability, search))
    except MovieLookupError as exc:
        if exc.candidates:
            _candidates_table([(c.candidate.title, c.candidate.year, c.candidate.tmdb_id, None)
                               for c in exc.candidates])
        raise fail(exc) from None
    except (MovieRequestError, InvalidIdError, StoreError, ConfigError) as exc:
        raise fail(exc) from None
    _print_added(added, search)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _add_by_hand(config: AppConfig, new: NewMovie, search: bool) -> AddedMovie:
    """Add the movie as given (no metadata source), searched first at the next search run when asked."""
    from radarr_pipeline.services.adding import request_search
    from radarr_pipeline.services.movies import add_movie as add_by_hand

    added = add_by_hand(config, new)
    if search:
        request_search(config, [added.movie.id], datetime.now(UTC))
    return added


def _print_added(added: AddedMovie, search: bool) -> None:
    movie, variant = added.movie, added.variant
    what = "Added" if added.new_movie else "Added another version of"
    console.print(f"{what} {shown(movie.title)} ({movie.year}) [dim]movie {movie.id}, variant {variant.id}: "
                  f"{shown(variant.quality_profile)} in {shown(variant.root_folder)}[/dim]"
                  + (" [dim](searched first at the next search run)[/dim]" if search else ""))


def _candidates_table(rows: list[tuple[str, int | None, int, int | None]]) -> None:
    from rich.table import Table

    table = Table("title", "year", "tmdb id", "in library")
    for title, year, tmdb_id, movie_id in rows:
        table.add_row(cell(title), cell(year), cell(f"tmdb:{tmdb_id}"),
                      cell(f"yes (movie {movie_id})" if movie_id is not None else "no"))
    console.print(table)


@movies_app.command("lookup")
def lookup_movie(
    term: Annotated[str, typer.Argument(help="A title (or tmdb:N, imdb:ttN) to look up on the metadata source")],
    year: Annotated[int | None, typer.Option(help="Year of release")] = None,
    config_file: ConfigOption = None,
) -> None:
    """Look a movie up on the metadata source (TMDB): title, year, TMDB id, and whether it is in the library."""
    from radarr_pipeline.config import ConfigError
    from radarr_pipeline.services.adding import lookup_movies
    from radarr_pipeline.services.movies import MovieRequestError
    from radarr_pipeline.store import StoreError
    from radarr_pipeline.values.ids import InvalidIdError

    config = load(config_file)
    try:
        found = lookup_movies(config, term, year)
    except (MovieRequestError, InvalidIdError, StoreError, ConfigError) as exc:
        raise fail(exc) from None
    if not found:
        console.print(f"Nothing found for {shown(term)}.")
        return
    _candidates_table([(r.candidate.title, r.candidate.year, r.candidate.tmdb_id, r.library_movie_id)
                       for r in found])


@movies_app.command("list")
def list_movies(
    status: Annotated[list[str] | None, typer.Option(
        help="Only versions in this status: downloaded, missing, unmonitored, or a download's state such as"
             " queued or downloading (repeatable)")] = None,
    profile: Annotated[list[str] | None, typer.Option(help="Only versions with this quality profile (repeatable)")]
    = None,
    tag: Annotated[list[str] | None, typer.Option(help="Only movies with this tag (repeatable: any of them)")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    output: FormatOption = OutputFormat.TABLE,
    config_file: ConfigOption = None,
) -> None:
    """List movies with their status: missing, queued, downloading, completed, downloaded..."""
    from radarr_pipeline.services.listings import ListingError, movie_page
    from radarr_pipeline.store import StoreError

    summary = load_summary(config_file)
    try:
        page = movie_page(summary, page_window(output, limit, offset), statuses=tuple(status or ()),
                          profiles=tuple(profile or ()), tags=tuple(tag or ()))
    except (ListingError, StoreError) as exc:
        raise fail(exc) from None
    filtered = bool(status or profile or tag)
    write_page(page, output, shown=MOVIE_VIEW, offset=offset,
               empty="No movies match." if filtered else "No movies yet: add one with `radarr-pipeline movies add`.")


#: The movie list's columns in a table and in plain lines (JSON has every column).
MOVIE_VIEW = tuple(Column(name, name) for name in ("id", "title", "year", "profile", "status", "quality", "file"))
