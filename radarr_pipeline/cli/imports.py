"""`radarr-pipeline import <folder>`: import a folder or file by hand (Radarr's Manual Import)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import shown


def import_folder(
    path: Annotated[Path, typer.Argument(help="The folder (or file) to import")],
    movie_id: Annotated[int | None, typer.Option("--movie-id", help="The movie it is (default: from its name)")] = None,
    mode: Annotated[str | None, typer.Option(help="hardlink, copy or move (default: the configured mode)")] = None,
    config_file: ConfigOption = None,
) -> None:
    """Import a folder or file into the library under its clean name, with the same rules as a download."""
    from radarr_pipeline.services.importing.manual import ManualImportError, ManualImportResult, manual_import
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    if mode is not None and mode not in ("hardlink", "copy", "move"):
        raise fail(f"--mode must be hardlink, copy or move, not {mode!r}")
    if not path.exists():
        raise fail(f"{path} does not exist")
    try:
        outcome = manual_import(config, path, datetime.now(UTC), movie_id=movie_id, mode=mode)
    except (StoreError, ManualImportError) as exc:
        raise fail(exc) from None
    if not isinstance(outcome, ManualImportResult):
        raise fail(f"not imported: {outcome.message}")
    if outcome.report.blocked:
        raise fail(f"not imported: {outcome.report.blocked[0]['reason']}")
    for row in outcome.report.imported:
        console.print(f"Imported {shown(row['movie'])} -> {shown(row['file'])} "
                      f"[dim]({shown(row['mode'])}, {shown(row['quality'])})[/dim]")
