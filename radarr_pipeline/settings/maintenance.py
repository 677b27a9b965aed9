"""`health:`, `backup:` and `logs:` the pipeline looking after itself (Radarr's System settings)."""

from pathlib import Path

from pydantic import Field

from radarr_pipeline.settings.base import Strict


class HealthSettings(Strict):
    #: Warn when a root folder or the download folder has less free space than this.
    free_space_warning_mb: int = Field(default=5 * 1024, ge=0)
    #: The library database held by another process for longer than this is an issue.
    store_locked_seconds: float = Field(default=60.0, gt=0)
    #: A Dagster daemon without a heartbeat for longer than this is not running.
    daemon_heartbeat_seconds: float = Field(default=300.0, gt=0)


class BackupSettings(Strict):
    """Radarr's Backup settings: a scheduled backup every ``interval_days``, kept ``retention_days``."""

    folder: Path = Path("backups")  # relative to the configuration file
    interval_days: int = Field(default=7, ge=1, le=7)
    retention_days: int = Field(default=28, ge=1, le=90)


class LogSettings(Strict):
    """The rotating log file of the CLI and other long-running processes."""

    folder: Path = Path("logs")  # relative to the configuration file
    max_bytes: int = Field(default=1_000_000, ge=10_000)
    files: int = Field(default=5, ge=1, le=50)
    level: str = Field(default="INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")
