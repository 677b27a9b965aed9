"""What every command shares: the --config option, loading it, and printing errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from radarr_pipeline.config import AppConfig, ConfigError, load_config

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Configuration file (default: $RADARR_PIPELINE_CONFIG or data/config.yaml)"),
]


def load(config_file: Path | None) -> AppConfig:
    """The configuration, or exit 2 with the message naming what is wrong in it."""
    try:
        return load_config(config_file)
    except ConfigError as exc:
        errors.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


def fail(message: str) -> typer.Exit:
    """Print the error; the caller raises what this returns (exit 1)."""
    errors.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(1)
