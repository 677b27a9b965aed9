"""`radarr-pipeline queue`: the active downloads with progress, state and ETA; `queue fail` marks one failed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load, load_summary, warn
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
from radarr_pipeline.models import DownloadState
from radarr_pipeline.tracking.queue import format_eta
from radarr_pipeline.tracking.transitions import state_label

queue_app = typer.Typer(help="Downloads in progress.", invoke_without_command=True, rich_markup_mode=None)


@queue_app.callback()
def show_queue(
    ctx: typer.Context,
    movie: Annotated[int | None, typer.Option("--movie", help="Only this movie's downloads (its id)")] = None,
    state: Annotated[list[str] | None, typer.Option(
        help="Only downloads in this state: queued, downloading, stalled, warning, completed, import_blocked,"
             " failed_pending (repeatable)")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    output: FormatOption = OutputFormat.TABLE,
    config_file: ConfigOption = None,
) -> None:
    """List active downloads (as of the last refresh from the download client)."""
    if ctx.invoked_subcommand is not None:
        return
    from radarr_pipeline.services.listings import ListingError, queue_page
    from radarr_pipeline.store import StoreError

    summary = load_summary(config_file)
    try:
        page = queue_page(summary, page_window(output, limit, offset), movie_id=movie, states=tuple(state or ()))
    except (ListingError, StoreError) as exc:
        raise fail(exc) from None
    write_page(page, output, shown=QUEUE_VIEW, offset=offset, fold=True,
               empty="Nothing in the queue matches." if movie is not None or state else "The queue is empty.")


#: The queue's columns in a table and in plain lines (Radarr's words; JSON has every column, as stored).
QUEUE_VIEW = (
    Column("id", "id"),
    Column("download", "download"),
    Column("state", "state", lambda state: state_label(DownloadState(state))),
    Column("progress", "progress", lambda progress: f"{progress:.0%}"),
    Column("eta", "eta_seconds", format_eta),
    Column("hash", "hash", lambda infohash: infohash[:12]),
    Column("message", "message"),
)


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
