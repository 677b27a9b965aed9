"""Radarr's health checks (``HealthCheck/Checks`` at 1b9662d5) and a few of ours, as named pure functions over a
snapshot of facts gathered by ``radarr_pipeline.services.health``. Each returns the issues it finds; the message
is what the user sees (Radarr's wording where Radarr has the check) and says what to do.

Facts that cannot be gathered from where the checks run (the Dagster daemon, from the command line) are None,
and their check is reported as not evaluated: an open issue is then neither confirmed nor cleared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from radarr_pipeline.values.os_paths import OsPath, PathMapping

#: Radarr's IndexerStatusCheck / IndexerLongTermStatusCheck split.
LONG_TERM_FAILURE = timedelta(hours=6)
MB = 1024 * 1024


class Level(Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class HealthIssue:
    check: str
    level: Level
    message: str


@dataclass(frozen=True)
class IndexerFacts:
    name: str
    enabled: bool
    rss: bool
    search: bool
    disabled_until: datetime | None = None
    last_error: str | None = None
    last_success_at: datetime | None = None
    consecutive_failures: int = 0
    initial_failure_at: datetime | None = None  # when its current run of failures began


@dataclass(frozen=True)
class FolderFacts:
    path: str
    exists: bool
    writable: bool = False
    read_only_mount: str | None = None  # the read-only mount point the folder is on
    device: int | None = None  # st_dev: two folders on different devices cannot be hardlinked
    free_bytes: int | None = None


@dataclass(frozen=True)
class OutputFolder:
    """A folder the download client reports it puts downloads in."""

    remote: str
    folder: FolderFacts  # the local path (after mapping) and what it is here
    mapping: PathMapping | None = None


@dataclass(frozen=True)
class ReportedContent:
    """A completed download's content as the client reports it, and whether it exists here."""

    title: str
    remote: str
    local: str
    exists: bool
    mapping: PathMapping | None = None


@dataclass(frozen=True)
class ClientFacts:
    name: str
    host: str
    error: str | None = None  # the client could not be reached or failed
    output_folders: tuple[OutputFolder, ...] = ()
    contents: tuple[ReportedContent, ...] = ()


@dataclass(frozen=True)
class ProviderFacts:
    """An import list or a notification connection, and whether it is failing (backing off)."""

    name: str
    failing: bool
    error: str | None = None


@dataclass(frozen=True)
class DaemonFacts:
    """Each daemon the Dagster instance requires, with the age of its last heartbeat (None: never seen)."""

    heartbeat_ages: dict[str, float | None]


@dataclass(frozen=True)
class BackupFacts:
    folder: str
    newest_at: datetime | None
    last_error: str | None
    interval: timedelta


@dataclass(frozen=True)
class HealthFacts:
    now: datetime
    indexers: tuple[IndexerFacts, ...] = ()
    root_folders: tuple[FolderFacts, ...] = ()
    client: ClientFacts | None = None
    completed_download_handling: bool = True
    import_mode: str = "hardlink"
    recycle_bin: FolderFacts | None = None  # None: the default (a .recycle folder in the root folder)
    import_lists: tuple[ProviderFacts, ...] = ()  # no import lists yet: nothing to fail
    notifications: tuple[ProviderFacts, ...] = ()  # filled once notification connections exist
    free_space_warning_bytes: int = 5 * 1024 * MB
    daemon: DaemonFacts | None = None
    daemon_heartbeat_seconds: float = 300.0
    store_lock_seconds: float = 60.0
    store_locked: bool | None = False  # None: not checked
    store_error: str | None = None
    backup: BackupFacts | None = None
    not_gathered: frozenset[str] = field(default_factory=frozenset)


def _names(items: list[str]) -> str:
    return ", ".join(items)


def _backing_off(indexer: IndexerFacts, now: datetime) -> bool:
    return indexer.disabled_until is not None and now < indexer.disabled_until


def _enabled(facts: HealthFacts) -> list[IndexerFacts]:
    return [i for i in facts.indexers if i.enabled]


def no_indexers(facts: HealthFacts) -> list[HealthIssue]:
    if _enabled(facts):
        return []
    return [HealthIssue("no_indexers", Level.ERROR,
                        "No indexers are enabled: nothing will be found or grabbed. Add one under `indexers:` in "
                        "the configuration (or set `enabled: true` on one)")]


def indexer_rss(facts: HealthFacts) -> list[HealthIssue]:
    """IndexerRssCheck."""
    rss = [i for i in _enabled(facts) if i.rss]
    if not _enabled(facts):
        return []  # no_indexers says it
    if not rss:
        return [HealthIssue("indexer_rss", Level.ERROR,
                            "No indexers available with RSS sync enabled, the pipeline will not grab new releases "
                            "automatically")]
    if all(_backing_off(i, facts.now) for i in rss):
        return [HealthIssue("indexer_rss", Level.WARNING,
                            "All rss-capable indexers are temporarily unavailable due to recent indexer errors")]
    return []


def indexer_search(facts: HealthFacts) -> list[HealthIssue]:
    """IndexerSearchCheck (automatic search: an `rss` feed cannot be searched)."""
    if not _enabled(facts):
        return []
    search = [i for i in _enabled(facts) if i.search]
    if not search:
        return [HealthIssue("indexer_search", Level.WARNING,
                            "No indexers available with Automatic Search enabled, the pipeline will not provide any "
                            "automatic search results (plain RSS feeds cannot be searched: add a Torznab indexer)")]
    if all(_backing_off(i, facts.now) for i in search):
        return [HealthIssue("indexer_search", Level.WARNING,
                            "All search-capable indexers are temporarily unavailable due to recent indexer errors")]
    return []


def _failing_since_long(indexer: IndexerFacts, now: datetime) -> bool:
    """Radarr compares the run of failures' InitialFailure with 6 hours ago; a status recorded before that was
    kept falls back on the last success (an indexer that never answered counts as failing recently)."""
    since = indexer.initial_failure_at or indexer.last_success_at
    return since is not None and now - since > LONG_TERM_FAILURE


def _failing(indexer: IndexerFacts, now: datetime) -> str:
    until = indexer.disabled_until.strftime("%Y-%m-%d %H:%M UTC") if indexer.disabled_until else "?"
    error = f": {indexer.last_error}" if indexer.last_error else ""
    return f"{indexer.name} (backing off until {until} after {indexer.consecutive_failures} failure(s){error})"


def _status_issue(check: str, failing: list[IndexerFacts], enabled: list[IndexerFacts], now: datetime,
                  every: str, some: str) -> list[HealthIssue]:
    if not failing:
        return []
    details = _names([_failing(i, now) for i in failing])
    if len(failing) == len(enabled):
        return [HealthIssue(check, Level.ERROR, f"{every}: {details}")]
    return [HealthIssue(check, Level.WARNING, f"{some}: {details}")]


def indexer_status(facts: HealthFacts) -> list[HealthIssue]:
    """IndexerStatusCheck: indexers backing off after recent failures (within the last 6 hours)."""
    enabled = _enabled(facts)
    failing = [i for i in enabled if _backing_off(i, facts.now) and not _failing_since_long(i, facts.now)]
    return _status_issue("indexer_status", failing, enabled, facts.now,
                         "All indexers are unavailable due to failures", "Indexers unavailable due to failures")


def indexer_long_term_status(facts: HealthFacts) -> list[HealthIssue]:
    """IndexerLongTermStatusCheck: indexers backing off with no success for more than 6 hours."""
    enabled = _enabled(facts)
    failing = [i for i in enabled if _backing_off(i, facts.now) and _failing_since_long(i, facts.now)]
    return _status_issue("indexer_long_term_status", failing, enabled, facts.now,
                         "All indexers are unavailable due to failures for more than 6 hours",
                         "Indexers unavailable due to failures for more than 6 hours")


def download_client(facts: HealthFacts) -> list[HealthIssue]:
    """DownloadClientCheck: the client cannot be reached, or fails."""
    client = facts.client
    if client is None or client.error is None:
        return []
    return [HealthIssue("download_client", Level.ERROR, f"Unable to communicate with {client.name}. {client.error}")]


def root_folders_exist(facts: HealthFacts) -> list[HealthIssue]:
    """RootFolderCheck."""
    missing = [f.path for f in facts.root_folders if not f.exists]
    if not missing:
        return []
    if len(missing) == 1:
        return [HealthIssue("root_folders_exist", Level.ERROR,
                            f"Missing root folder: {missing[0]} (create it, mount it, or fix `root_folders:`)")]
    return [HealthIssue("root_folders_exist", Level.ERROR,
                        f"Multiple root folders are missing: {' | '.join(missing)}")]


def root_folders_writable(facts: HealthFacts) -> list[HealthIssue]:
    unwritable = [f.path for f in facts.root_folders if f.exists and not f.writable and not f.read_only_mount]
    if not unwritable:
        return []
    return [HealthIssue("root_folders_writable", Level.ERROR,
                        f"Root folder(s) not writable by this user: {' | '.join(unwritable)}; imports will fail "
                        "until its permissions allow writing")]


def read_only_mount(facts: HealthFacts) -> list[HealthIssue]:
    """MountCheck."""
    mounts = sorted({f"{f.read_only_mount} ({f.path})" for f in facts.root_folders if f.read_only_mount})
    if not mounts:
        return []
    return [HealthIssue("read_only_mount", Level.ERROR,
                        f"Mount containing a movie path is mounted read-only: {', '.join(mounts)}")]


def completed_download_handling(facts: HealthFacts) -> list[HealthIssue]:
    """ImportMechanismCheck."""
    if facts.completed_download_handling:
        return []
    return [HealthIssue("completed_download_handling", Level.WARNING,
                        "Enable Completed Download Handling (`download_handling.completed_download_handling`): "
                        "finished downloads are not imported")]


def _mapping_advice(client: ClientFacts, remote: str, mapping: PathMapping | None, local: str) -> str:
    if mapping is not None:
        return (f"the remote path mapping (host {mapping.host}, {mapping.remote_path} -> {mapping.local_path}) "
                f"gives {local}, which does not exist here: check its local_path")
    return (f"no remote path mapping for host {client.host} covers it: add one under `remote_path_mappings:` "
            f"(host: {client.host}, remote_path: {remote}, local_path: the same folder as seen here)")


def remote_path_mapping(facts: HealthFacts) -> list[HealthIssue]:
    """RemotePathMappingCheck: a download folder, or the files of a completed download, that the client reports
    and that do not exist here. Not evaluated while completed download handling is off or the client fails."""
    client = facts.client
    if client is None or client.error is not None or not facts.completed_download_handling:
        return []
    issues: list[HealthIssue] = []
    for output in client.output_folders:
        if output.folder.exists:
            continue
        issues.append(HealthIssue(
            "remote_path_mapping", Level.ERROR,
            f"Download client {client.name} places downloads in {output.remote} but this directory does not appear "
            f"to exist: {_mapping_advice(client, output.remote, output.mapping, output.folder.path)}"))
    for content in client.contents:
        if content.exists:
            continue
        issues.append(HealthIssue(
            "remote_path_mapping", Level.ERROR,
            f"Download client {client.name} reported files in {content.remote} (for {content.title}) but this "
            f"directory does not appear to exist: "
            f"{_mapping_advice(client, content.remote, content.mapping, content.local)}"))
    return issues


def download_client_root_folder(facts: HealthFacts) -> list[HealthIssue]:
    """DownloadClientRootFolderCheck: the client downloads into a root folder (or below one), where a library
    scan would take its unfinished downloads for movies."""
    client = facts.client
    if client is None or client.error is not None:
        return []
    for output in client.output_folders:
        inside = OsPath.of(output.folder.path)
        for root in facts.root_folders:
            if OsPath.of(root.path).contains(inside):
                return [HealthIssue("download_client_root_folder", Level.WARNING,
                                    f"Download client {client.name} places downloads in the root folder {root.path}. "
                                    "You should not download to a root folder.")]
    return []


def recycle_bin(facts: HealthFacts) -> list[HealthIssue]:
    """RecyclingBinCheck."""
    bin_ = facts.recycle_bin
    if bin_ is None or (bin_.exists and bin_.writable):
        return []
    return [HealthIssue("recycle_bin", Level.ERROR,
                        f"Unable to write to configured recycling bin folder: {bin_.path}. Ensure this path exists "
                        "and is writable by the user running the pipeline")]


def _providers(check: str, providers: tuple[ProviderFacts, ...], every: str, some: str) -> list[HealthIssue]:
    failing = [p for p in providers if p.failing]
    if not failing:
        return []
    details = _names([f"{p.name}{f' ({p.error})' if p.error else ''}" for p in failing])
    if len(failing) == len(providers):
        return [HealthIssue(check, Level.ERROR, f"{every}: {details}")]
    return [HealthIssue(check, Level.WARNING, f"{some}: {details}")]


def import_lists(facts: HealthFacts) -> list[HealthIssue]:
    """ImportListStatusCheck."""
    return _providers("import_lists", facts.import_lists, "All lists are unavailable due to failures",
                      "Lists unavailable due to failures")


def notifications(facts: HealthFacts) -> list[HealthIssue]:
    """NotificationStatusCheck."""
    return _providers("notifications", facts.notifications, "All notifications are unavailable due to failures",
                      "Notifications unavailable due to failures")


def hardlinks_possible(facts: HealthFacts) -> list[HealthIssue]:
    """Ours: with `importing.mode: hardlink`, a download folder on another filesystem than a root folder means
    every import is a copy (twice the space, and the time of a copy)."""
    client = facts.client
    if facts.import_mode != "hardlink" or client is None:
        return []
    issues = []
    for output in client.output_folders:
        if output.folder.device is None:
            continue
        apart = [r.path for r in facts.root_folders if r.device is not None and r.device != output.folder.device]
        if apart:
            issues.append(HealthIssue(
                "hardlinks_possible", Level.WARNING,
                f"The download folder {output.folder.path} is on a different filesystem than the root folder(s) "
                f"{' | '.join(apart)}: hardlinks are impossible, every import will copy and double the space used. "
                "Put downloads and the library on one filesystem (one mount in a container)"))
    return issues


def free_space(facts: HealthFacts) -> list[HealthIssue]:
    """Ours: a root folder or the download folder below `health.free_space_warning_mb`."""
    folders = list(facts.root_folders)
    if facts.client is not None:
        folders += [o.folder for o in facts.client.output_folders]
    low = sorted({f"{f.path} ({f.free_bytes // MB} MB free)" for f in folders
                  if f.free_bytes is not None and f.free_bytes < facts.free_space_warning_bytes})
    if not low:
        return []
    return [HealthIssue("free_space", Level.WARNING,
                        f"Low free space (below {facts.free_space_warning_bytes // MB} MB): {', '.join(low)}")]


def dagster_daemon(facts: HealthFacts) -> list[HealthIssue]:
    """Ours: schedules and sensors stop silently without the Dagster daemon."""
    if facts.daemon is None:
        return []
    stale = sorted(name for name, age in facts.daemon.heartbeat_ages.items()
                   if age is None or age > facts.daemon_heartbeat_seconds)
    if not stale:
        return []
    return [HealthIssue("dagster_daemon", Level.ERROR,
                        f"The Dagster daemon is not running (no heartbeat within {facts.daemon_heartbeat_seconds:.0f}"
                        f" s from: {', '.join(stale)}): schedules and sensors have stopped. Start `dagster-daemon run`"
                        " (or `dagster dev`)")]


def store_lock(facts: HealthFacts) -> list[HealthIssue]:
    """Ours: the library database held by another process for longer than `health.store_locked_seconds`."""
    if facts.store_error is not None:
        return [HealthIssue("store_lock", Level.ERROR, f"The library database cannot be read: {facts.store_error}")]
    if not facts.store_locked:
        return []
    return [HealthIssue("store_lock", Level.ERROR,
                        f"The library database has been locked by another process for more than "
                        f"{facts.store_lock_seconds:.0f} s: every run that needs it waits. Look for a stuck run or "
                        "command (`dagster` UI, `ps`) and stop it")]


def backups(facts: HealthFacts) -> list[HealthIssue]:
    """Ours: the last backup failed, or the newest is older than its interval and a day."""
    backup = facts.backup
    if backup is None:
        return []
    if backup.last_error:
        return [HealthIssue("backups", Level.ERROR, f"The last backup failed: {backup.last_error}")]
    if backup.newest_at is not None and facts.now - backup.newest_at > backup.interval + timedelta(days=1):
        age = (facts.now - backup.newest_at).days
        return [HealthIssue("backups", Level.WARNING,
                            f"The newest backup in {backup.folder} is {age} days old: is the backup schedule "
                            "running?")]
    return []


CHECKS: tuple[Callable[[HealthFacts], list[HealthIssue]], ...] = (
    no_indexers, indexer_rss, indexer_search, indexer_status, indexer_long_term_status, download_client,
    root_folders_exist, root_folders_writable, read_only_mount, completed_download_handling, remote_path_mapping,
    download_client_root_folder, recycle_bin, import_lists, notifications, hardlinks_possible, free_space,
    dagster_daemon, store_lock, backups,
)
CHECK_NAMES: tuple[str, ...] = tuple(check.__name__ for check in CHECKS)

#: Checks whose facts may be missing (None), and the facts field that says so.
_NEEDS = {"dagster_daemon": "daemon", "store_lock": "store_locked"}
_CLIENT_CHECKS = ("download_client", "remote_path_mapping", "hardlinks_possible", "download_client_root_folder")


def evaluated_checks(facts: HealthFacts) -> tuple[str, ...]:
    """The checks whose facts were gathered this time (the others neither raise nor clear an issue)."""
    skipped = set(facts.not_gathered)
    skipped |= {name for name, attr in _NEEDS.items() if getattr(facts, attr) is None}
    if facts.client is None:
        skipped |= set(_CLIENT_CHECKS)
    return tuple(name for name in CHECK_NAMES if name not in skipped)


def evaluate(facts: HealthFacts) -> list[HealthIssue]:
    """Every issue of every evaluated check, errors first."""
    evaluated = set(evaluated_checks(facts))
    issues = [issue for check in CHECKS if check.__name__ in evaluated for issue in check(facts)]
    return sorted(issues, key=lambda i: (i.level is not Level.ERROR, CHECK_NAMES.index(i.check)))
