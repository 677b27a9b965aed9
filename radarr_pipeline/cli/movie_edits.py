"""`radarr-pipeline movies monitor|unmonitor|profile|availability|tag|move|delete|rename`: managing movies in
the library (the work is done by services.movie_edits, services.relocation and services.renaming)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import cell, shown
from radarr_pipeline.cli.movies import movies_app
from radarr_pipeline.models import Availability

if TYPE_CHECKING:
    from radarr_pipeline.services.movie_edits import EditResult

MovieId = Annotated[int, typer.Argument(help="The movie's id (see `movies list`)")]
VariantOption = Annotated[int | None, typer.Option("--variant", help="Which version, when the movie has several")]


def _errors() -> tuple[type[Exception], ...]:
    from radarr_pipeline.services.file_moves import FileOperationError
    from radarr_pipeline.services.movie_edits import MovieEditError
    from radarr_pipeline.store import StoreError

    return MovieEditError, StoreError, FileOperationError


def _show(result: EditResult) -> None:
    movie, changes = result.movie, result.changes
    head = f"{shown(movie.title)} ({movie.year})"
    console.print(f"{head}: " + ("; ".join(shown(c) for c in changes) if changes else "nothing to change"))


def _monitor(movie_id: int, monitored: bool, variant: int | None, config_file: Path | None) -> None:
    from radarr_pipeline.services.movie_edits import set_monitored

    config = load(config_file)
    try:
        _show(set_monitored(config, movie_id, monitored, datetime.now(UTC), variant))
    except _errors() as exc:
        raise fail(exc) from None


@movies_app.command("monitor")
def monitor(movie_id: MovieId, variant: VariantOption = None, config_file: ConfigOption = None) -> None:
    """Monitor the movie (all its versions, or the one given): it is wanted again."""
    _monitor(movie_id, True, variant, config_file)


@movies_app.command("unmonitor")
def unmonitor(movie_id: MovieId, variant: VariantOption = None, config_file: ConfigOption = None) -> None:
    """Stop wanting the movie (nothing is searched or grabbed for it); its files stay."""
    _monitor(movie_id, False, variant, config_file)


@movies_app.command("profile")
def profile(movie_id: MovieId, name: Annotated[str, typer.Argument(help="Quality profile")],
            variant: VariantOption = None, config_file: ConfigOption = None) -> None:
    """Change the quality profile of the movie's version."""
    from radarr_pipeline.services.movie_edits import set_quality_profile

    config = load(config_file)
    try:
        _show(set_quality_profile(config, movie_id, name, datetime.now(UTC), variant))
    except _errors() as exc:
        raise fail(exc) from None


@movies_app.command("availability")
def availability(movie_id: MovieId, value: Annotated[Availability, typer.Argument()],
                 config_file: ConfigOption = None) -> None:
    """Change when the movie may be grabbed: announced, in_cinemas or released."""
    from radarr_pipeline.services.movie_edits import set_minimum_availability

    config = load(config_file)
    try:
        _show(set_minimum_availability(config, movie_id, value, datetime.now(UTC)))
    except _errors() as exc:
        raise fail(exc) from None


@movies_app.command("tag")
def tag(movie_id: MovieId,
        add: Annotated[list[str] | None, typer.Option("--add", help="Tag to add (repeatable)")] = None,
        remove: Annotated[list[str] | None, typer.Option("--remove", help="Tag to remove (repeatable)")] = None,
        config_file: ConfigOption = None) -> None:
    """Add or remove the movie's tags; without options, show them."""
    from radarr_pipeline.services.movie_edits import edit_tags

    config = load(config_file)
    try:
        result, tags = edit_tags(config, movie_id, datetime.now(UTC), add=add or [], remove=remove or [])
    except _errors() as exc:
        raise fail(exc) from None
    if result.changes:
        _show(result)
    console.print(f"tags: {shown(', '.join(tags)) if tags else '(none)'}")


@movies_app.command("move")
def move(movie_id: MovieId, root_folder: Annotated[Path, typer.Argument(help="A configured root folder")],
         variant: VariantOption = None, config_file: ConfigOption = None) -> None:
    """Move the movie's version (its folder with it) to another root folder."""
    from radarr_pipeline.services.relocation import change_root_folder

    config = load(config_file)
    try:
        result = change_root_folder(config, movie_id, root_folder, datetime.now(UTC), variant)
    except _errors() as exc:
        raise fail(exc) from None
    for line in result.recovered:
        console.print(shown(line))
    console.print(f"{shown(result.movie.title)} ({result.movie.year}): {shown(result.summary)}")


@movies_app.command("delete")
def delete(movie_id: MovieId,
           delete_files: Annotated[bool, typer.Option("--delete-files", help="Move its files to the recycle bin")]
           = False,
           exclude: Annotated[bool, typer.Option("--exclude", help="Never add it again from an import list")]
           = False,
           config_file: ConfigOption = None) -> None:
    """Remove the movie from the library (files kept unless --delete-files)."""
    from radarr_pipeline.services.relocation import delete_movie

    config = load(config_file)
    try:
        result = delete_movie(config, movie_id, datetime.now(UTC), delete_files=delete_files, add_exclusion=exclude)
    except _errors() as exc:
        raise fail(exc) from None
    console.print(f"{shown(result.movie.title)} ({result.movie.year}): {shown(result.summary)}")


@movies_app.command("rename")
def rename(movie_id: Annotated[int | None, typer.Argument(help="Only this movie (default: all)")] = None,
           apply: Annotated[bool, typer.Option("--apply", help="Rename (default: only show the preview)")] = False,
           config_file: ConfigOption = None) -> None:
    """Show the files whose names the naming settings would change (old → new); --apply renames them."""
    from rich.table import Table

    from radarr_pipeline.services.renaming import preview_renames, rename_files

    config = load(config_file)
    try:
        if apply:
            result = rename_files(config, datetime.now(UTC), movie_id)
            renames, problems = result.renamed, result.problems
        else:
            plan = preview_renames(config, movie_id)
            renames, problems = plan.renames, plan.problems
    except _errors() as exc:
        raise fail(exc) from None
    if renames:
        table = Table("movie", "old", "new")
        for r in renames:
            table.add_row(cell(r.movie_id), cell(r.old), cell(r.new))
        console.print(table)
    for problem in problems:
        console.print(f"[yellow]not renamed:[/yellow] {shown(problem)}")
    verb = "Renamed" if apply else "Would rename"
    console.print(f"{verb} {len(renames)} file(s)." + ("" if apply or not renames else " Run with --apply."))
