"""`radarr-pipeline movies`: add and list the movies you want (the work is done by services.movies)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import cell, shown
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
def list_movies(config_file: ConfigOption = None) -> None:
    """List movies with their status: missing, queued, downloading, completed, downloaded..."""
    from rich.table import Table

    from radarr_pipeline.services.movies import list_movies
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        statuses = list_movies(config)
    except StoreError as exc:
        raise fail(exc) from None
    if not statuses:
        console.print("No movies yet: add one with `radarr-pipeline movies add`.")
        return
    table = Table("id", "title", "year", "profile", "status", "quality", "file")
    for s in statuses:
        table.add_row(*map(cell, (s.movie.id, s.movie.title, s.movie.year, s.variant.quality_profile, s.status,
                                  s.quality, s.file_path)))
    console.print(table)
