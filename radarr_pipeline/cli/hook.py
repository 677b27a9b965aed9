"""`radarr-pipeline hook`: qBittorrent's "run on torrent finished" asks for the import at once.

``hook download-finished`` is what qBittorrent runs (``hook setup`` writes it into qBittorrent's preferences): it
submits the import run to Dagster and returns, without opening the library database. It always exits 0, so
qBittorrent never sees a failure; what happened goes to stderr and the log file. Everything is imported inside
the commands: qBittorrent starts a process per finished torrent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption

hook_app = typer.Typer(help="qBittorrent's run-on-finish hook: imports start when a torrent finishes.",
                       no_args_is_help=True)


@hook_app.command("download-finished")
def download_finished(
    download_hash: Annotated[str, typer.Option("--hash", help="The torrent's v1 info hash (qBittorrent's %I)")],
    category: Annotated[str, typer.Option("--category", help="The torrent's category (qBittorrent's %L)")] = "",
    config_file: ConfigOption = None,
) -> None:
    """Ask Dagster for the import run of a torrent that just finished (torrents outside our category are ignored).
    Never fails: when Dagster cannot be reached, the download sensor's poll finds the completion."""
    import logging
    from contextlib import suppress

    log = logging.getLogger("radarr_pipeline.hook")
    try:
        from radarr_pipeline.config import load_config
        from radarr_pipeline.services.completion_hook import request_import
        from radarr_pipeline.services.logs import log_to_file

        config = load_config(config_file)
        with suppress(OSError):  # no log file: stderr still says what happened
            log_to_file(config.summary())
        request = request_import(config, download_hash.strip().lower(), category)
    except Exception as exc:  # the hook reports and exits 0: polling is the safety net
        message = f"download-finished {download_hash}: no import run requested ({exc}); the poll will find it"
        log.warning(message)
        typer.echo(message, err=True)
        return
    if request is None:
        message = f"download-finished {download_hash}: category {category!r} is not ours, nothing to do"
    elif request.new:
        message = f"download-finished {download_hash}: import run {request.run_id} requested"
    else:
        message = f"download-finished {download_hash}: import run {request.run_id}, not started yet, takes it along"
    log.info(message)
    typer.echo(message, err=True)


@hook_app.command("setup")
def setup(config_file: ConfigOption = None) -> None:
    """Make qBittorrent run `radarr-pipeline hook download-finished` when a torrent finishes (a program it
    already runs for someone else is left alone: this says so)."""
    from radarr_pipeline.cli.common import errors, fail, load
    from radarr_pipeline.config import config_path
    from radarr_pipeline.download_clients import DownloadClientError
    from radarr_pipeline.services.completion_hook import HookSetupError, set_up_completion_hook

    config = load(config_file)
    try:
        step = set_up_completion_hook(config, Path(config_path(config_file)))
    except (DownloadClientError, HookSetupError) as exc:
        raise fail(exc) from None
    errors.print(step.message, highlight=False)
    if step.action == "left":
        raise typer.Exit(1)
