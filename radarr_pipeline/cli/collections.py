"""`radarr-pipeline movies collection add|monitor|unmonitor|list`: TMDB collections (the work is done by
services.collections)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import cell, shown
from radarr_pipeline.cli.movies import movies_app
from radarr_pipeline.models import Availability

collection_app = typer.Typer(help="TMDB collections: add their movies, follow them.", no_args_is_help=True,
                             rich_markup_mode=None)
movies_app.add_typer(collection_app, name="collection")

CollectionArgument = Annotated[str | None, typer.Argument(help="The collection: tmdb:N (e.g. tmdb:2344)")]
MovieOption = Annotated[int | None, typer.Option("--movie", help="Or: the collection of this library movie (its id)")]


def _collection_id(reference: str | None, movie: int | None, config_file: Path | None) -> int:
    from radarr_pipeline.services.collections import collection_id, collection_of_movie

    if (reference is None) == (movie is None):
        raise fail("name the collection: tmdb:N, or --movie ID for the collection of a movie in the library")
    if reference is not None:
        return collection_id(reference)
    assert movie is not None
    return collection_of_movie(load(config_file), movie)[0]


@collection_app.command("add")
def add_collection(
    reference: CollectionArgument = None,
    movie: MovieOption = None,
    monitor: Annotated[bool, typer.Option("--monitor", help="Also add the members TMDB lists later")] = False,
    profile: Annotated[str | None, typer.Option(help="Quality profile (default: the configured default)")] = None,
    root_folder: Annotated[Path | None, typer.Option(help="Root folder (default: the first configured)")] = None,
    minimum_availability: Annotated[Availability, typer.Option()] = Availability.RELEASED,
    search: Annotated[bool, typer.Option("--search", help="Search for the added movies first at the next search")]
    = False,
    config_file: ConfigOption = None,
) -> None:
    """Add the collection's movies that are missing from the library (--monitor: and those it gains later)."""
    from radarr_pipeline.config import ConfigError
    from radarr_pipeline.services.adding import AddChoices
    from radarr_pipeline.services.collections import add_collection as add
    from radarr_pipeline.services.movies import MovieRequestError
    from radarr_pipeline.store import StoreError

    try:
        tmdb_id = _collection_id(reference, movie, config_file)
        report = add(load(config_file), tmdb_id, datetime.now(UTC),
                     AddChoices(profile, root_folder, minimum_availability, search), monitor=monitor)
    except (MovieRequestError, StoreError, ConfigError) as exc:
        raise fail(exc) from None
    console.print(shown(report.line()) + (" [dim](monitored)[/dim]" if monitor else ""))


def _set_monitored(reference: str | None, movie: int | None, monitored: bool, config_file: Path | None) -> None:
    from radarr_pipeline.services.collections import set_collection_monitored
    from radarr_pipeline.services.movies import MovieRequestError
    from radarr_pipeline.store import StoreError

    try:
        tmdb_id = _collection_id(reference, movie, config_file)
        known = set_collection_monitored(load(config_file), tmdb_id, monitored, datetime.now(UTC))
    except (MovieRequestError, StoreError) as exc:
        raise fail(exc) from None
    if not known:
        raise fail(f"collection tmdb:{tmdb_id} is not known: add it first (`movies collection add tmdb:{tmdb_id}`)")
    console.print(f"Collection tmdb:{tmdb_id} {'monitored' if monitored else 'unmonitored'}.")


@collection_app.command("monitor")
def monitor_collection(reference: CollectionArgument = None, movie: MovieOption = None,
                       config_file: ConfigOption = None) -> None:
    """Follow a known collection: the metadata refresh adds its new members."""
    _set_monitored(reference, movie, True, config_file)


@collection_app.command("unmonitor")
def unmonitor_collection(reference: CollectionArgument = None, movie: MovieOption = None,
                         config_file: ConfigOption = None) -> None:
    """Stop following a collection (its movies stay)."""
    _set_monitored(reference, movie, False, config_file)


@collection_app.command("list")
def list_collections(config_file: ConfigOption = None) -> None:
    """The collections added or followed, with how their new members are added."""
    from rich.table import Table

    from radarr_pipeline.services.collections import list_collections as collections

    found = collections(load(config_file))
    if not found:
        console.print("No collections yet.")
        return
    table = Table("collection", "tmdb id", "monitored", "profile", "root folder", "availability", "synced")
    for c in found:
        table.add_row(cell(c.title), cell(f"tmdb:{c.tmdb_id}"), cell("yes" if c.monitored else "no"),
                      cell(c.quality_profile or "(default)"), cell(c.root_folder or "(default)"),
                      cell(c.minimum_availability), cell(f"{c.synced_at:%Y-%m-%d %H:%M}" if c.synced_at else "never"))
    console.print(table)
