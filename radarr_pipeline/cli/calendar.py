"""`radarr-pipeline calendar`: the releases of the next four weeks (services.calendar)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import cell


def show_calendar(days: Annotated[int, typer.Option(min=1, max=3650, help="How many days ahead")] = 28,
                  unmonitored: Annotated[bool, typer.Option("--unmonitored", help="Include unmonitored movies")]
                  = False,
                  config_file: ConfigOption = None) -> None:
    """Cinema, digital and physical releases of your movies in the next four weeks."""
    from rich.table import Table

    from radarr_pipeline.services.calendar import calendar_events
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    today = datetime.now(UTC).date()
    try:
        events = calendar_events(config, today, today + timedelta(days=days), unmonitored=unmonitored or None)
    except StoreError as exc:
        raise fail(exc) from None
    if not events:
        console.print(f"No releases in the next {days} days.")
        return
    table = Table("date", "release")
    for e in events:
        table.add_row(cell(e.day.isoformat()), cell(e.summary))
    console.print(table)
