"""What every command shares: the --config option, loading it, and printing errors.

Command modules import their services inside the command (and this module imports the configuration inside
``load``), so ``--help`` and the light commands do not load the whole domain. The consoles are made when first
printed to: ``--help`` and the commands that write only plain lines or JSON never import Rich's console.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from radarr_pipeline.cli.display import one_line, shown

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from radarr_pipeline.config import AppConfig
    from radarr_pipeline.settings.validated_copy import ConfigSummary


class LazyConsole:
    """A Rich console made when first printed to (emoji=False: a title such as 'Movie :smile:' is shown as
    written). Rich reads $COLUMNS when a console is made: it is made again if $COLUMNS has changed since."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._made: tuple[str | None, Console] | None = None

    def print(self, *objects: RenderableType, highlight: bool | None = None) -> None:
        columns = os.environ.get("COLUMNS")
        if self._made is None or self._made[0] != columns:
            from rich.console import Console

            self._made = (columns, Console(stderr=self._stderr, soft_wrap=True, emoji=False))
        self._made[1].print(*objects, highlight=highlight)


console = LazyConsole()
errors = LazyConsole(stderr=True)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Configuration file (default: $RADARR_PIPELINE_CONFIG or data/config.yaml)"),
]


def load(config_file: Path | None) -> AppConfig:
    """The configuration, or exit 2 with the message naming what is wrong in it."""
    from radarr_pipeline.config import ConfigError, load_config

    try:
        config = load_config(config_file, cached=True)
    except ConfigError as exc:
        errors.print(f"[red]error:[/red] {shown(exc, keep_newlines=True)}", highlight=False)
        raise typer.Exit(2) from None
    _log_to_file(config.summary())
    return config


def load_summary(config_file: Path | None) -> ConfigSummary:
    """What a command that only reads the library needs of the configuration: read from the validated copy when
    it is current, without importing the settings models (a fifth of a second); else the file is validated now
    (:func:`load`, exit 2 when it is wrong)."""
    from radarr_pipeline.settings.validated_copy import config_path, read_summary

    summary = read_summary(config_path(config_file))
    if summary is None:
        return load(config_file).summary()
    _log_to_file(summary)
    return summary


def _log_to_file(summary: ConfigSummary) -> None:
    """The command's log lines, secrets scrubbed, in the rotating file under logs.folder."""
    from radarr_pipeline.services.logs import log_to_file

    try:
        log_to_file(summary)
    except OSError as exc:
        warn(f"no log file in {summary.logs.folder}: {exc.strerror}")


def fail(message: object) -> typer.Exit:
    """Print the error (outside text, shown literally); the caller raises what this returns (exit 1)."""
    errors.print(f"[red]error:[/red] {shown(one_line(message))}", highlight=False)
    return typer.Exit(1)


def warn(message: object) -> None:
    errors.print(f"[yellow]warning:[/yellow] {shown(one_line(message))}", highlight=False)
