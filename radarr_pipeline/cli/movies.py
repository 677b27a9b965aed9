"""`radarr-pipeline movies`: add and list the movies you want (the work is done by services.movies)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import shown
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

movies_app = typer.Typer(help="The movies you want.", no_args_is_help=True, rich_markup_mode=None)


@movies_app.command("add")
def add_movie(
    title: Annotated[str, typer.Option(help="The movie's title")],
    year: Annotated[int, typer.Option(help="Year of release")],
    tmdb_id: Annotated[int | None, typer.Option("--tmdb-id", help="TMDB id")] = None,
    imdb_id: Annotated[str | None, typer.Option("--imdb-id", help="IMDb id, e.g. tt0133093")] = None,
    profile: Annotated[str | None, typer.Option(help="Quality profile (default: the configured default)")] = None,
    root_folder: Annotated[Path | None, typer.Option(help="Root folder (default: the first configured)")] = None,
    runtime: Annotated[int | None, typer.Option(help="Runtime in minutes")] = None,
    minimum_availability: Annotated[Availability, typer.Option()] = Availability.RELEASED,
    in_cinemas: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Cinema release date")] = None,
    digital_release: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Digital release date")] = None,
    physical_release: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Disc release date")] = None,
    secondary_year: Annotated[int | None, typer.Option(help="Another year releases use")] = None,
    alternative_title: Annotated[list[str] | None, typer.Option(help="Another title releases use (repeatable)")] = None,
    config_file: ConfigOption = None,
) -> None:
    """Add a movie to the wanted list (a second profile or root folder adds another version of it)."""
    from radarr_pipeline.services.movies import MovieRequestError, NewMovie, add_movie
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    request = NewMovie(
        title=title, year=year, tmdb_id=tmdb_id, imdb_id=imdb_id, profile=profile, root_folder=root_folder,
        runtime_minutes=runtime, minimum_availability=minimum_availability,
        in_cinemas=in_cinemas.date() if in_cinemas else None,
        digital_release=digital_release.date() if digital_release else None,
        physical_release=physical_release.date() if physical_release else None,
        secondary_year=secondary_year, alternative_titles=tuple(alternative_title or ()),
    )
    try:
        added = add_movie(config, request)
    except (MovieRequestError, StoreError) as exc:
        raise fail(exc) from None
    movie, variant = added.movie, added.variant
    what = "Added" if added.new_movie else "Added another version of"
    console.print(f"{what} {shown(movie.title)} ({movie.year}) [dim]movie {movie.id}, variant {variant.id}: "
                  f"{shown(variant.quality_profile)} in {shown(variant.root_folder)}[/dim]")


@movies_app.command("list")
def list_movies(
    status: Annotated[list[str] | None, typer.Option(
        help="Only versions in this status: downloaded, missing, unmonitored, or a download's state such as"
             " queued or downloading (repeatable)")] = None,
    profile: Annotated[list[str] | None, typer.Option(help="Only versions with this quality profile (repeatable)")]
    = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    output: FormatOption = OutputFormat.TABLE,
    config_file: ConfigOption = None,
) -> None:
    """List movies with their status: missing, queued, downloading, completed, downloaded..."""
    from radarr_pipeline.services.listings import ListingError, movie_page
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        page = movie_page(config, page_window(output, limit, offset), statuses=tuple(status or ()),
                          profiles=tuple(profile or ()))
    except (ListingError, StoreError) as exc:
        raise fail(exc) from None
    filtered = bool(status or profile)
    write_page(page, output, shown=MOVIE_VIEW, offset=offset,
               empty="No movies match." if filtered else "No movies yet: add one with `radarr-pipeline movies add`.")


#: The movie list's columns in a table and in plain lines (JSON has every column).
MOVIE_VIEW = tuple(Column(name, name) for name in ("id", "title", "year", "profile", "status", "quality", "file"))
