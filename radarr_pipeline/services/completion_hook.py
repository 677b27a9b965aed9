"""qBittorrent tells us when a torrent finishes: its "Run external program on torrent finished" runs
``radarr-pipeline hook download-finished``, which asks Dagster (its GraphQL API) for the import run at once,
without waiting for the download sensor's next poll. The poll stays the safety net: a request that cannot reach
Dagster is not lost, the sensor sees the completion on its next tick.

The hook never opens the library database (a run may be writing it) and never fails qBittorrent: it only
submits a run. Setting it up never replaces a program the user already has qBittorrent run; it says so.
"""

from __future__ import annotations

import ipaddress
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from radarr_pipeline.config import AppConfig, QBittorrentConfig

if TYPE_CHECKING:
    from radarr_pipeline.download_clients.qbittorrent import QBittorrentClient, RunOnFinish

#: The job the hook submits; the download sensor requests the same one (dagster_project.defs.sensors).
IMPORT_JOB = "download_import_job"
DOWNLOAD_TAG = "radarr/download"
STATUS_TAG = "radarr/status"
TRIGGER_TAG = "radarr/trigger"
HOOK_TRIGGER = "download-finished"
#: What marks a qBittorrent program line as ours (an older one of ours is replaced, anyone else's is kept).
HOOK_MARK = "hook download-finished"
_INFOHASH = re.compile(r"^[0-9a-fA-F]{40}$")
_CONFIG_ARGUMENT = re.compile(r'--config "([^"]*)"')


class HookSetupError(ValueError):
    """The hook's command line cannot be written for qBittorrent; the message says why."""


@dataclass(frozen=True)
class HookSetup:
    action: Literal["installed", "kept", "left", "removed", "off"]
    message: str


def completion_hook_wanted(settings: QBittorrentConfig) -> bool:
    """The setting, else on when qBittorrent runs on this machine: the program it runs is ours, on our disk."""
    if settings.completion_hook is not None:
        return settings.completion_hook
    return is_this_machine(settings.url)


def is_this_machine(url: str) -> bool:
    """A loopback address or localhost (a Docker container's port published on 127.0.0.1 counts too: the
    program then has to exist inside the container, else qBittorrent cannot start it and polling does the work)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _quoted(part: str) -> str:
    """One argument of the command line qBittorrent splits (Qt's splitCommand: double quotes group words)."""
    if '"' in part:
        raise HookSetupError(f"the path {part!r} holds a double quote, which qBittorrent's command line cannot carry")
    return f'"{part}"'


def hook_program(config_file: Path) -> str:
    """The command line for qBittorrent: this installation's radarr-pipeline, this configuration file, and the
    finished torrent's v1 info hash (%I) and category (%L). qBittorrent runs it without a shell."""
    script = Path(sys.executable).with_name("radarr-pipeline")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "radarr_pipeline.cli"]
    quoted = [_quoted(part) for part in command]
    return " ".join([*quoted, HOOK_MARK, "--config", _quoted(str(config_file.absolute())),
                     '--hash "%I" --category "%L"'])


def is_our_program(program: str) -> bool:
    return HOOK_MARK in program


def run_on_finish_step(current: RunOnFinish, ours: str, *, wanted: bool = True) -> HookSetup:
    """What to do with qBittorrent's "run on torrent finished": install ours when the slot is free or holds an
    older line of ours; leave anyone else's program alone (and say how to have both). Not ``wanted`` (the setting
    switched off): take out a line of ours for this configuration file, and leave anything else alone."""
    program = current.program.strip()
    if not wanted:
        return _switched_off_step(program, ours)
    if current.enabled and program == ours:
        return HookSetup("kept", "qBittorrent already runs radarr-pipeline when a torrent finishes")
    if not program or is_our_program(program):
        return HookSetup("installed", "qBittorrent now runs radarr-pipeline when a torrent finishes: imports start "
                                      "at once instead of at the download sensor's next poll")
    state = "runs" if current.enabled else "has (switched off)"
    return HookSetup("left", f"qBittorrent already {state} another program on torrent finished ({program!r}); "
                             "it is left as it is and imports wait for the download sensor's poll. To have both, "
                             f"make that program also run: {ours}")


def _config_file_of(program: str) -> str | None:
    found = _CONFIG_ARGUMENT.search(program)
    return found.group(1) if found else None


def _switched_off_step(program: str, ours: str) -> HookSetup:
    """Only a line of ours for the same configuration file is taken out (another installation's is not ours)."""
    if is_our_program(program) and _config_file_of(program) == _config_file_of(ours):
        return HookSetup("removed", "completion_hook is off: qBittorrent no longer runs radarr-pipeline when a "
                                    "torrent finishes; imports wait for the download sensor's poll")
    return HookSetup("off", "completion_hook is off: imports wait for the download sensor's poll")


def install_completion_hook(client: QBittorrentClient, config_file: Path, *, wanted: bool = True) -> HookSetup:
    """Point qBittorrent's "run on torrent finished" at the hook, unless it runs someone else's program; not
    ``wanted``, take our line out."""
    ours = hook_program(config_file)
    step = run_on_finish_step(client.run_on_finish(), ours, wanted=wanted)
    if step.action == "installed":
        client.set_run_on_finish(ours)
    elif step.action == "removed":
        client.set_run_on_finish("", enabled=False)
    return step


def set_up_completion_hook(config: AppConfig, config_file: Path) -> HookSetup:
    """The setup step (``radarr-pipeline hook setup``): install the hook in the configured qBittorrent."""
    from radarr_pipeline.services.configured import download_client

    settings = config.download_client
    if not isinstance(settings, QBittorrentConfig):
        return HookSetup("off", f"the download client {settings.name!r} is a {settings.kind}, not qBittorrent: "
                                "completions are found by the download sensor's poll")
    if settings.completion_hook is False:
        return HookSetup("off", "completion_hook is false in the configuration, so the download sensor would take "
                                "the hook out again: set it to true (or remove the line) first")
    from radarr_pipeline.download_clients import QBittorrentClient

    client = download_client(config)
    assert isinstance(client, QBittorrentClient)
    try:
        return install_completion_hook(client, config_file)
    finally:
        client.close()


def hook_run_tags(download_id: str) -> dict[str, str]:
    return {DOWNLOAD_TAG: download_id.lower(), STATUS_TAG: "completed", TRIGGER_TAG: HOOK_TRIGGER}


@dataclass(frozen=True)
class ImportRequest:
    run_id: str
    new: bool  # False: a run that had not started yet takes this completion along


def request_import(config: AppConfig, download_id: str, category: str) -> ImportRequest | None:
    """Make sure an import run will see a torrent qBittorrent says has finished. None when the torrent is not in
    our category (nothing is asked of Dagster).

    An import run that is queued or starting reads the client after this completion, so it takes it along: a
    burst of completions makes one run, not a queue of them. Otherwise a new run is submitted.
    DagsterUnreachableError when Dagster cannot be asked: the download sensor's poll will find the completion.
    The library database is not opened."""
    from radarr_pipeline.dagster_runs import DagsterRuns

    settings = config.download_client
    if not isinstance(settings, QBittorrentConfig) or category != settings.category:
        return None
    if not _INFOHASH.match(download_id):
        raise ValueError(f"{download_id!r} is not a v1 info hash (40 hex digits)")
    api = config.api
    runs = DagsterRuns(api.dagster_url, api.dagster_location, min(api.dagster_timeout_seconds, 10.0))
    waiting = runs.waiting(IMPORT_JOB)
    if waiting:
        return ImportRequest(waiting[0], new=False)
    return ImportRequest(runs.submit(IMPORT_JOB, hook_run_tags(download_id)), new=True)
