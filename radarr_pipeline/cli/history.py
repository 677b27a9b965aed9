"""`radarr-pipeline history`: what happened (grabs, imports, failures...), newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, fail, load_summary
from radarr_pipeline.cli.output import (
    Column,
    FormatOption,
    LimitOption,
    OffsetOption,
    OutputFormat,
    page_window,
    write_page,
)

SINCE_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def show_history(
    movie: Annotated[int | None, typer.Option("--movie", help="Only this movie's events (its id)")] = None,
    event: Annotated[list[str] | None, typer.Option(
        help="Only events of this type: grabbed, download_completed, imported, import_blocked, download_failed..."
             " (repeatable)")] = None,
    since: Annotated[datetime | None, typer.Option(
        formats=SINCE_FORMATS, help="Only events from this local date or time on, e.g. 2024-05-01 or "
                                    "2024-05-01T18:30")] = None,
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    output: FormatOption = OutputFormat.TABLE,
    config_file: ConfigOption = None,
) -> None:
    """List what happened to your movies, newest first."""
    from radarr_pipeline.services.listings import ListingError, history_page
    from radarr_pipeline.store import StoreError

    summary = load_summary(config_file)
    try:
        page = history_page(summary, page_window(output, limit, offset), movie_id=movie, events=tuple(event or ()),
                            since=since.astimezone() if since is not None else None)
    except (ListingError, StoreError) as exc:
        raise fail(exc) from None
    filtered = movie is not None or bool(event) or since is not None
    write_page(page, output, shown=HISTORY_VIEW, plain=HISTORY_LINES, offset=offset,
               empty="Nothing in the history matches." if filtered else "No history yet.")


def _local_time(utc: str) -> str:
    """A time in the local time zone, to the second (stored in UTC, given as ISO 8601 text)."""
    return datetime.fromisoformat(utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


#: The history's columns in a table (JSON has every column, the event's data too).
HISTORY_VIEW = (
    Column("id", "id"),
    Column("when", "occurred_at", _local_time),
    Column("event", "event"),
    Column("movie", "movie"),
    Column("release", "source_title"),
    Column("quality", "quality"),
)
#: In plain lines, the time as stored: ISO 8601 in UTC (the same for every reader, and quick for many lines).
HISTORY_LINES = (HISTORY_VIEW[0], Column("when", "occurred_at"), *HISTORY_VIEW[2:])
