"""Where the domain's log lines go, with no secret in them.

- In Dagster runs, the instance captures the ``radarr_pipeline`` loggers (``python_logs.managed_python_loggers``
  in dagster.yaml) and shows them in the run's log in the UI.
- The CLI and other long-running processes write a rotating log file under the data folder (``logs.folder``).

Either way every log record passes :func:`protect_logs`' record factory first: the secrets the configuration
names (read from the environment) and secret query parameters are replaced before any handler sees the message,
whatever logger (ours, httpx's, Dagster's capture) it came from.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from radarr_pipeline.settings.validated_copy import ConfigSummary
from radarr_pipeline.values.secrets import MIN_SECRET_LENGTH, redact

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_secrets: set[str] = set()
_installed: list[Callable[..., logging.LogRecord]] = []
_file_handlers: list[RotatingFileHandler] = []  # this process's one log file (the last configured)


def configured_secrets(config: ConfigSummary) -> set[str]:
    """The values of every environment variable the configuration names for a secret (those that are set)."""
    values = {os.environ.get(name) for name in config.secret_envs}
    return {value for value in values if value and len(value) >= MIN_SECRET_LENGTH}


def _redacting_factory(original: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make(*args: object, **kwargs: object) -> logging.LogRecord:
        record = original(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: logging reports it itself
            return record
        cleaned = redact(message, tuple(_secrets))
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return record
    return make


def protect_logs(config: ConfigSummary) -> None:
    """Scrub the configuration's secrets from every log record of this process (idempotent)."""
    _secrets.update(configured_secrets(config))
    if not _installed:
        original = logging.getLogRecordFactory()
        _installed.append(original)
        logging.setLogRecordFactory(_redacting_factory(original))


def log_file(config: ConfigSummary, name: str = "radarr-pipeline") -> Path:
    return config.logs.folder / f"{name}.log"


def log_to_file(config: ConfigSummary, name: str = "radarr-pipeline") -> Path:
    """Send this process's log records (the domain's and the libraries') to a rotating file; returns it."""
    protect_logs(config)
    path = log_file(config, name)
    root = logging.getLogger()
    if _file_handlers and Path(_file_handlers[0].baseFilename) == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=config.logs.max_bytes, backupCount=config.logs.files,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(config.logs.level)
    while _file_handlers:  # another configuration in the same process (tests): its file is closed
        old = _file_handlers.pop()
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    _file_handlers.append(handler)
    if root.level == logging.NOTSET or root.level > logging.getLevelName(config.logs.level):
        root.setLevel(config.logs.level)
    return path
