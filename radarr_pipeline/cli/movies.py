"""`radarr-pipeline movies`: add and list the movies you want."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.config import ConfigError
from radarr_pipeline.models import Availability
from radarr_pipeline.store import LibraryStore, StoreError
from radarr_pipeline.store.candidates import MovieDetailsRepository
from radarr_pipeline.store.movies import DuplicateMovieError

movies_app = typer.Typer(help="The movies you want.", no_args_is_help=True)


def _imdb_id(value: str | None) -> str | None:
    if value is None:
        return None
    digits = value.lower().removeprefix("tt")
    if not digits.isdigit() or not 1 <= len(digits) <= 10:
        raise typer.BadParameter(f"{value!r} is not an IMDb id (expected tt followed by digits, e.g. tt0133093)")
    return f"tt{digits.zfill(7)}"


@movies_app.command("add")
def add_movie(
    title: Annotated[str, typer.Option(help="The movie's title")],
    year: Annotated[int, typer.Option(min=1870, max=2200, help="Year of release")],
    tmdb_id: Annotated[int | None, typer.Option("--tmdb-id", min=1, help="TMDB id")] = None,
    imdb_id: Annotated[str | None, typer.Option("--imdb-id", help="IMDb id, e.g. tt0133093")] = None,
    profile: Annotated[str | None, typer.Option(help="Quality profile (default: the configured default)")] = None,
    root_folder: Annotated[Path | None, typer.Option(help="Root folder (default: the first configured)")] = None,
    runtime: Annotated[int | None, typer.Option(min=1, help="Runtime in minutes")] = None,
    minimum_availability: Annotated[Availability, typer.Option()] = Availability.RELEASED,
    in_cinemas: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Cinema release date")] = None,
    digital_release: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Digital release date")] = None,
    physical_release: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Disc release date")] = None,
    secondary_year: Annotated[int | None, typer.Option(min=1870, max=2200, help="Another year releases use")] = None,
    alternative_title: Annotated[list[str] | None, typer.Option(help="Another title releases use (repeatable)")] = None,
    config_file: ConfigOption = None,
) -> None:
    """Add a movie to the wanted list (a second profile or root folder adds another version of it)."""
    config = load(config_file)
    imdb = _imdb_id(imdb_id)
    profile_name = profile or config.default_profile.name
    try:
        config.profile(profile_name)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    root = (root_folder or config.root_folders[0]).absolute()
    if root not in config.root_folders:
        raise fail(f"{root} is not a configured root folder ({', '.join(map(str, config.root_folders))})")
    try:
        with LibraryStore(config.database).open() as library:
            movie = library.movies.find(tmdb_id=tmdb_id, imdb_id=imdb)
            if movie is None:
                movie = library.movies.add(
                    title=title, year=year, tmdb_id=tmdb_id, imdb_id=imdb, runtime_minutes=runtime,
                    minimum_availability=minimum_availability,
                )
            elif (movie.title, movie.year) != (title, year):
                raise fail(f"that id belongs to {movie.title} ({movie.year}) already")
            details = MovieDetailsRepository(library.conn)
            details.set_details(
                movie.id, in_cinemas=in_cinemas.date() if in_cinemas else None,
                digital_release=digital_release.date() if digital_release else None,
                physical_release=physical_release.date() if physical_release else None, secondary_year=secondary_year,
            )
            details.add_alternative_titles(movie.id, alternative_title or [])
            variant = library.movies.add_variant(movie.id, quality_profile=profile_name, root_folder=str(root))
    except (StoreError, DuplicateMovieError) as exc:
        raise fail(str(exc)) from None
    console.print(f"Added {movie.title} ({movie.year}) [dim]movie {movie.id}, variant {variant.id}: "
                  f"{profile_name} in {root}[/dim]")


@movies_app.command("list")
def list_movies(config_file: ConfigOption = None) -> None:
    """List movies with their status: missing, queued, downloading, completed, downloaded..."""
    config = load(config_file)
    if not config.database.exists():
        console.print("No movies yet: add one with `radarr-pipeline movies add`.")
        return
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            statuses = library.movies.statuses()
    except StoreError as exc:
        raise fail(str(exc)) from None
    table = Table("id", "title", "year", "profile", "status", "quality", "file")
    for s in statuses:
        table.add_row(str(s.movie.id), s.movie.title, str(s.movie.year), s.variant.quality_profile, s.status,
                      s.quality or "", s.file_path or "")
    console.print(table)
