"""`radarr-pipeline queue`: the active downloads with progress, state and ETA; `queue fail` marks one failed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load, warn
from radarr_pipeline.cli.display import cell, shown

queue_app = typer.Typer(help="Downloads in progress.", invoke_without_command=True, rich_markup_mode=None)

COLUMNS = ("id", "download", "state", "progress", "eta", "hash", "message")


@queue_app.callback()
def show_queue(ctx: typer.Context, config_file: ConfigOption = None) -> None:
    """List active downloads (as of the last refresh from the download client)."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from radarr_pipeline.services.queue import list_queue
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        rows = list_queue(config)
    except StoreError as exc:
        raise fail(exc) from None
    if not rows:
        console.print("The queue is empty.")
        return
    table = Table()
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(cell(row[key]) for key in COLUMNS))
    console.print(table)


@queue_app.command("fail")
def fail_download(
    reference: Annotated[str, typer.Argument(help="The download's id in the queue, or its infohash (6+ chars)")],
    config_file: ConfigOption = None,
) -> None:
    """Mark a download failed: blocklist its release, remove it (with its data) from the client, search again."""
    from radarr_pipeline.services.failed_downloads import QueueError, fail_download
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        failed = fail_download(config, reference, datetime.now(UTC))
    except (QueueError, StoreError) as exc:
        raise fail(exc) from None
    tracked = failed.download
    console.print(f"Marked failed and blocklisted: {shown(tracked.title)} [dim]({shown(tracked.download_id)})[/dim]")
    if not failed.removal_asked:
        return
    if failed.removal_error is not None:
        warn(f"not removed from the download client: {failed.removal_error}")
        raise typer.Exit(1)
    console.print("Removed from the download client with its data." if failed.removed
                  else "It was no longer in the download client.")
    console.print("The movie will be searched again at the next search.")
