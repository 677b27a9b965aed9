"""`radarr-pipeline notify`: test a connection, list the dead-letter deliveries, send them again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import cell, shown

notify_app = typer.Typer(help="Notifications (Radarr's Connect).", no_args_is_help=True, rich_markup_mode=None)

COLUMNS = ("id", "connection", "event", "event id", "created", "attempts", "last error")


@notify_app.command("test")
def test_connection(
    name: Annotated[str, typer.Argument(help="The connection's name in the configuration")],
    config_file: ConfigOption = None,
) -> None:
    """Send Radarr's test message on one connection, now."""
    from radarr_pipeline.services.notifications.delivery import NotifyError, send_test

    config = load(config_file)
    try:
        console.print(shown(send_test(config, name)))
    except NotifyError as exc:
        raise fail(exc) from None


@notify_app.command("failed")
def list_failed(config_file: ConfigOption = None) -> None:
    """The deliveries that failed every attempt (the dead-letter list)."""
    from rich.table import Table

    from radarr_pipeline.services.notifications.delivery import failed_deliveries
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        rows = failed_deliveries(config)
    except StoreError as exc:
        raise fail(exc) from None
    if not rows:
        console.print("No failed notifications.")
        return
    table = Table()
    for column in COLUMNS:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(cell(row[key]) for key in COLUMNS))
    console.print(table)


@notify_app.command("retry")
def retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Delivery ids from `notify failed` (default: all)")] = None,
    config_file: ConfigOption = None,
) -> None:
    """Send failed notifications again (at the next delivery run, with their attempts reset)."""
    from radarr_pipeline.services.notifications.delivery import retry_failed
    from radarr_pipeline.store import StoreError

    config = load(config_file)
    try:
        count = retry_failed(config, ids or None, datetime.now(UTC))
    except StoreError as exc:
        raise fail(exc) from None
    console.print(f"{count} notification(s) will be sent again.")
