"""`radarr-pipeline serve`: the Radarr-compatible HTTP API (radarr_pipeline.api) on uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import os

import typer

from radarr_pipeline.cli.common import ConfigOption, errors, load


def _loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _log_to_stderr() -> None:
    """The server's log lines on its standard error as well as in the log file (``load`` has already given the
    root logger the file's handler, so ``logging.basicConfig`` would do nothing)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)


def serve(config_file: ConfigOption = None) -> None:
    """Serve Radarr's API v3 (for Overseerr, Jellyseerr, pyarr, dashboards) at the configured address."""
    import uvicorn

    from radarr_pipeline.settings.validated_copy import CONFIG_ENV, config_path

    config = load(config_file)
    settings = config.api
    os.environ[CONFIG_ENV] = str(config_path(config_file).absolute())  # read by the app factory in this process
    _log_to_stderr()
    if not _loopback(settings.bind_address):
        logging.getLogger("radarr_pipeline.api").warning(
            "the API listens on %s, beyond this machine: every request needs the API key", settings.bind_address)
    bases = [settings.url_base, *(i.url_base for i in settings.instances)]
    errors.print(f"Radarr API v3 at http://{settings.bind_address}:{settings.port}{settings.url_base}/api/v3 "
                 f"(bases: {', '.join(b or '/' for b in bases)})", highlight=False)
    # access_log=False: uvicorn's access log would write ?apikey= into the log; the app logs paths only.
    uvicorn.run("radarr_pipeline.api.app:app_from_environment", factory=True, host=settings.bind_address,
                port=settings.port, access_log=False, log_level="info", server_header=False)
    raise typer.Exit(0)
