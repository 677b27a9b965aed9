"""`radarr-pipeline health`, `backup` and `restore`: the pipeline looking after itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from radarr_pipeline.cli.common import ConfigOption, console, fail, load
from radarr_pipeline.cli.display import shown

#: The front door that knows the Dagster instance (the domain never imports Dagster): run as a process.
RUNS_IN_PROGRESS_MODULE = "dagster_project.runs_in_progress"


def health(config_file: ConfigOption = None) -> None:
    """Run every health check (except the Dagster daemon's, checked by the `health` asset) and print the issues;
    exit 1 when one is an error."""
    from radarr_pipeline.services.health import check_health

    config = load(config_file)
    report = check_health(config, datetime.now(UTC))
    for issue in report.issues:
        colour = "red" if issue.level.value == "error" else "yellow"
        console.print(f"[{colour}]{issue.level.value}[/{colour}] {issue.check}: {shown(issue.message)}",
                      highlight=False)
    if not report.issues:
        console.print(f"No issues ({len(report.evaluated)} checks).")
    if report.not_recorded:
        console.print(f"[dim]not recorded: {shown(report.not_recorded)}[/dim]", highlight=False)
    if report.errors:
        raise typer.Exit(1)


def _config_file(config_file: Path | None) -> Path:
    from radarr_pipeline.config import config_path

    return config_path(config_file).absolute()


def backup(config_file: ConfigOption = None) -> None:
    """Back up the library database and the configuration into one zip in `backup.folder`."""
    from radarr_pipeline.services.backup import BackupError, create_backup

    config = load(config_file)
    try:
        report = create_backup(config, _config_file(config_file), datetime.now(UTC), kind="manual")
    except BackupError as exc:
        raise fail(exc) from None
    rows = sum(summary.rows for summary in report.tables.values())
    console.print(f"Backed up {len(report.tables)} tables ({rows} rows) to {shown(report.archive)}", highlight=False)


def dagster_runs_in_progress() -> list[str]:
    """The Dagster runs in progress, asked of the instance in $DAGSTER_HOME by the Dagster front door."""
    if not os.environ.get("DAGSTER_HOME"):
        raise RuntimeError("DAGSTER_HOME is not set: set it to the Dagster instance folder (e.g. data/dagster_home) "
                           "so that restore can check that no run is in progress, or pass --no-run-check when no "
                           "Dagster is running")
    answer = subprocess.run([sys.executable, "-m", RUNS_IN_PROGRESS_MODULE], capture_output=True, text=True,
                            timeout=120, check=False)
    if answer.returncode != 0:
        last = (answer.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"cannot ask the Dagster instance for runs in progress: {last}")
    runs = json.loads(answer.stdout)
    return [str(run) for run in runs]


def restore(
    archive: Annotated[Path, typer.Argument(help="A backup zip made by `radarr-pipeline backup` or the schedule")],
    no_run_check: Annotated[bool, typer.Option("--no-run-check", help="Do not ask Dagster for runs in progress "
                                               "(only when no Dagster is running)")] = False,
    config_file: ConfigOption = None,
) -> None:
    """Restore a backup: verified first; refused while Dagster runs are in progress; the current database and
    configuration are kept beside the restored ones (*.before-restore-TIMESTAMP)."""
    from radarr_pipeline.services.backup import BackupError, restore_backup

    config = load(config_file)
    check = (lambda: []) if no_run_check else dagster_runs_in_progress
    try:
        report = restore_backup(config, _config_file(config_file), archive, datetime.now(UTC), check)
    except (BackupError, RuntimeError) as exc:
        raise fail(exc) from None
    rows = sum(summary.rows for summary in report.tables.values())
    console.print(f"Restored {len(report.tables)} tables ({rows} rows) into {shown(report.database)}",
                  highlight=False)
    if report.database_aside:
        console.print(f"The database before the restore: {shown(report.database_aside)}", highlight=False)
    if report.config_aside:
        console.print(f"The configuration before the restore: {shown(report.config_aside)}", highlight=False)
