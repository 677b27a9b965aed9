"""`radarr-pipeline queue`: the active downloads with progress, state and ETA; `queue fail` marks one failed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import duckdb
import typer
from rich.table import Table

from radarr_pipeline.cli.common import ConfigOption, console, errors, fail, load
from radarr_pipeline.config import ConfigError
from radarr_pipeline.download_clients import DownloadClientError
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.services.failed_downloads import handle_failed
from radarr_pipeline.store import LibraryStore, StoreError
from radarr_pipeline.tracking.queue import queue_rows
from radarr_pipeline.tracking.transitions import mark_failed

queue_app = typer.Typer(help="Downloads in progress.", invoke_without_command=True)


@queue_app.callback()
def show_queue(ctx: typer.Context, config_file: ConfigOption = None) -> None:
    """List active downloads (as of the last refresh from the download client)."""
    if ctx.invoked_subcommand is not None:
        return
    config = load(config_file)
    if not config.database.exists():
        console.print("The queue is empty.")
        return
    try:
        with LibraryStore(config.database).open() as library:
            rows = queue_rows(library.downloads.active())
    except (StoreError, duckdb.Error) as exc:
        raise fail(str(exc)) from None
    if not rows:
        console.print("The queue is empty.")
        return
    table = Table()
    for column in ("id", "download", "state", "progress", "eta", "hash", "message"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row[key]) for key in ("id", "download", "state", "progress", "eta", "hash", "message")))
    console.print(table)


@queue_app.command("fail")
def fail_download(
    reference: Annotated[str, typer.Argument(help="The download's id in the queue, or its infohash (6+ chars)")],
    config_file: ConfigOption = None,
) -> None:
    """Mark a download failed: blocklist its release, remove it (with its data) from the client, search again."""
    config = load(config_file)
    now = datetime.now(UTC)
    try:
        with LibraryStore(config.database).open() as library:
            found = library.downloads.matching(reference)
            if not found:
                raise fail(f"no tracked download matches {reference!r} (give its queue id or infohash)")
            if len(found) > 1:
                raise fail(f"{reference!r} matches {len(found)} downloads; give more of the infohash")
            tracked = found[0]
            try:
                transition = mark_failed(tracked)
            except ValueError as exc:
                raise fail(str(exc)) from None
            action = handle_failed(library, tracked, transition.message or "marked as failed", now,
                                   remove_from_client=config.download_handling.remove_failed_downloads)
    except StoreError as exc:
        raise fail(str(exc)) from None
    console.print(f"Marked failed and blocklisted: {tracked.title} [dim]({tracked.download_id})[/dim]")
    if action is None:
        return
    try:
        removed = download_client(config).remove(action.download_id, delete_files=action.delete_files)
    except (DownloadClientError, ConfigError) as exc:
        errors.print(f"[yellow]warning:[/yellow] not removed from the download client: {exc}", highlight=False)
        raise typer.Exit(1) from None
    console.print("Removed from the download client with its data." if removed
                  else "It was no longer in the download client.")
    console.print("The movie will be searched again at the next search.")
