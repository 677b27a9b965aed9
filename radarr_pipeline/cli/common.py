"""What every command shares: the --config option, loading it, and printing errors.

Command modules import their services inside the command (and this module imports the configuration inside
``load``), so ``--help`` and the light commands do not load the whole domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from radarr_pipeline.cli.display import one_line, shown

if TYPE_CHECKING:
    from radarr_pipeline.config import AppConfig

# emoji=False: a title such as 'Movie :smile:' is shown as written.
console = Console(soft_wrap=True, emoji=False)
errors = Console(stderr=True, soft_wrap=True, emoji=False)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Configuration file (default: $RADARR_PIPELINE_CONFIG or data/config.yaml)"),
]


def load(config_file: Path | None) -> AppConfig:
    """The configuration, or exit 2 with the message naming what is wrong in it."""
    from radarr_pipeline.config import ConfigError, load_config
    from radarr_pipeline.services.logs import log_to_file

    try:
        config = load_config(config_file)
    except ConfigError as exc:
        errors.print(f"[red]error:[/red] {shown(exc, keep_newlines=True)}", highlight=False)
        raise typer.Exit(2) from None
    try:
        log_to_file(config)  # the command's log lines, secrets scrubbed, in the rotating file under logs.folder
    except OSError as exc:
        warn(f"no log file in {config.logs.folder}: {exc.strerror}")
    return config


def fail(message: object) -> typer.Exit:
    """Print the error (outside text, shown literally); the caller raises what this returns (exit 1)."""
    errors.print(f"[red]error:[/red] {shown(one_line(message))}", highlight=False)
    return typer.Exit(1)


def warn(message: object) -> None:
    errors.print(f"[yellow]warning:[/yellow] {shown(one_line(message))}", highlight=False)
