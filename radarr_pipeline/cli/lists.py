"""`radarr-pipeline lists`: sync the import lists now, and manage the exclusion list (services.import_lists)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load, warn
from radarr_pipeline.cli.display import cell, shown

lists_app = typer.Typer(help="Import lists and their exclusions.", no_args_is_help=True, rich_markup_mode=None)


@lists_app.command("sync")
def sync(force: Annotated[bool, typer.Option("--force", help="Sync lists that are not due yet too")] = False,
         config_file: ConfigOption = None) -> None:
    """Fetch the lists that are due, add their new movies, clean the library if configured (and safe)."""
    from rich.table import Table

    from radarr_pipeline.services.import_lists import sync_import_lists
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        report = sync_import_lists(config, datetime.now(UTC), force=force)
    except StoreError as exc:
        raise fail(exc) from None
    table = Table("list", "kind", "fetched", "new", "present", "excluded", "errors")
    for r in report.lists:
        table.add_row(*map(cell, (r.name, r.kind, r.fetched, r.new, r.already_present, r.excluded,
                                  "; ".join(r.errors) or r.note)))
    console.print(table)
    if report.added:
        console.print("Added: " + ", ".join(shown(t) for t in report.added))
    console.print(f"Clean library ({report.clean_level}): {shown(report.clean_action or 'nothing to do')}")
    for warning in report.warnings:
        warn(warning)


@lists_app.command("exclusions")
def exclusions(config_file: ConfigOption = None) -> None:
    """Show the movies lists never add."""
    from rich.table import Table

    from radarr_pipeline.services.import_lists import list_exclusions
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        rows = list_exclusions(config)
    except StoreError as exc:
        raise fail(exc) from None
    if not rows:
        console.print("No exclusions.")
        return
    table = Table("title", "year", "tmdb", "imdb")
    for e in rows:
        table.add_row(*map(cell, (e.title, e.year, e.tmdb_id, e.imdb_id)))
    console.print(table)


@lists_app.command("exclude")
def exclude(title: Annotated[str, typer.Option(help="The movie's title")],
            tmdb_id: Annotated[int | None, typer.Option("--tmdb-id")] = None,
            imdb_id: Annotated[str | None, typer.Option("--imdb-id")] = None,
            year: Annotated[int | None, typer.Option()] = None, config_file: ConfigOption = None) -> None:
    """Never add this movie from a list."""
    from radarr_pipeline.services.import_lists import add_exclusion
    from radarr_pipeline.services.movies import MovieRequestError
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        added = add_exclusion(config, title=title, year=year, tmdb_id=tmdb_id, imdb_id=imdb_id,
                              now=datetime.now(UTC))
    except (MovieRequestError, StoreError) as exc:
        raise fail(exc) from None
    console.print(f"{shown(title)}: " + ("excluded" if added else "already excluded"))


@lists_app.command("unexclude")
def unexclude(tmdb_id: Annotated[int | None, typer.Option("--tmdb-id")] = None,
              imdb_id: Annotated[str | None, typer.Option("--imdb-id")] = None,
              config_file: ConfigOption = None) -> None:
    """Let lists add this movie again."""
    from radarr_pipeline.services.import_lists import remove_exclusion
    from radarr_pipeline.services.movies import MovieRequestError
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    if tmdb_id is None and imdb_id is None:
        raise fail("give --tmdb-id or --imdb-id")
    try:
        removed = remove_exclusion(config, tmdb_id=tmdb_id, imdb_id=imdb_id)
    except (MovieRequestError, StoreError) as exc:
        raise fail(exc) from None
    console.print(f"{removed} exclusion(s) removed")
