"""The health checks: gather the facts (the store, the download client, the disks), judge them with the pure
checks of ``radarr_pipeline.decisions.health``, and record which issues appeared and which cleared.

Facts only the Dagster side can gather (the daemon's heartbeats) are passed in by it; from the command line
that check is not evaluated, and an issue it raised stays as it was.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from radarr_pipeline.config import AppConfig, ConfigError, QBittorrentConfig
from radarr_pipeline.decisions.health import (
    MB,
    BackupFacts,
    ClientFacts,
    DaemonFacts,
    FolderFacts,
    HealthFacts,
    HealthIssue,
    IndexerFacts,
    OutputFolder,
    ProviderFacts,
    ReportedContent,
    evaluate,
    evaluated_checks,
)
from radarr_pipeline.decisions.health_state import HealthChanges, health_changes
from radarr_pipeline.decisions.indexer_backoff import IndexerStatus
from radarr_pipeline.download_clients import DownloadClientError, DownloadStatus
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.backup import last_backup_error, list_backups
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.services.notifications.events import NotificationEvent, enqueue_event, health_event
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore, StoreError
from radarr_pipeline.store.health import HealthIssueRow
from radarr_pipeline.values.os_paths import mapping_for, remap_remote_to_local

_SEARCHLESS_KINDS = ("rss",)  # a plain RSS feed cannot be searched
log = logging.getLogger("radarr_pipeline.health")


@dataclass
class HealthReport:
    issues: list[HealthIssue]
    evaluated: tuple[str, ...]
    changes: HealthChanges | None = None  # None: the library was not reachable to record them
    not_recorded: str | None = None

    @property
    def errors(self) -> list[HealthIssue]:
        return [i for i in self.issues if i.level.value == "error"]

    def markdown(self) -> str:
        rows = [{"check": i.check, "level": i.level.value, "message": i.message} for i in self.issues]
        text = markdown_table(rows, empty="_no issues_")
        if self.changes is not None and (self.changes.appeared or self.changes.cleared):
            text += "\n\n" + "; ".join(
                [f"appeared: {i.check}" for i in self.changes.appeared]
                + [f"cleared: {c}" for c in self.changes.cleared]
            )
        if self.not_recorded:
            text += f"\n\n_not recorded: {self.not_recorded}_"
        return text


@dataclass
class _StoreFacts:
    statuses: dict[str, IndexerStatus] = field(default_factory=dict)
    failing_notifications: dict[str, str | None] = field(default_factory=dict)
    locked: bool = False
    error: str | None = None


def folder_facts(path: Path) -> FolderFacts:
    """What a folder is here: whether it exists and is writable, its filesystem, free space, read-only mount."""
    try:
        stat = path.stat()
    except OSError:
        return FolderFacts(str(path), exists=False)
    if not path.is_dir():
        return FolderFacts(str(path), exists=False)
    read_only = None
    free = None
    try:
        vfs = os.statvfs(path)
        free = vfs.f_bavail * vfs.f_frsize
        if vfs.f_flag & os.ST_RDONLY:
            read_only = str(_mount_point(path))
    except OSError:
        pass
    return FolderFacts(str(path), exists=True, writable=os.access(path, os.W_OK | os.X_OK),
                       read_only_mount=read_only, device=stat.st_dev, free_bytes=free)


def recycle_bin_facts(path: Path) -> FolderFacts:
    """The recycle bin is created on first use: a missing one is fine while it can be created (its nearest
    existing parent is a writable folder)."""
    facts = folder_facts(path)
    if facts.exists:
        return facts
    parent = path.absolute().parent
    while not parent.exists() and parent.parent != parent:
        parent = parent.parent
    creatable = parent.is_dir() and os.access(parent, os.W_OK | os.X_OK)
    return FolderFacts(str(path), exists=creatable, writable=creatable)


def _mount_point(path: Path) -> Path:
    path = path.absolute()
    device = path.stat().st_dev
    while path.parent != path and path.parent.stat().st_dev == device:
        path = path.parent
    return path


def _store_facts(config: AppConfig) -> _StoreFacts:
    store = LibraryStore(config.database, lock_timeout=config.health.store_locked_seconds)
    try:
        with store.open(read_only=True) as library:
            return _StoreFacts(statuses={s.indexer: s for s in library.indexer_status.all()},
                               failing_notifications=library.outbox.failing_connections())
    except LibraryNotCreatedError:
        return _StoreFacts()
    except StoreError as exc:
        if "lock" in str(exc).lower():
            return _StoreFacts(locked=True)
        return _StoreFacts(error=str(exc))


def _indexer_facts(config: AppConfig, statuses: dict[str, IndexerStatus]) -> tuple[IndexerFacts, ...]:
    facts = []
    for indexer in config.indexers:
        status = statuses.get(indexer.name, IndexerStatus(indexer.name))
        facts.append(IndexerFacts(
            name=indexer.name, enabled=indexer.enabled, rss=True, search=indexer.kind not in _SEARCHLESS_KINDS,
            disabled_until=status.disabled_until, last_error=status.last_error,
            last_success_at=status.last_success_at, consecutive_failures=status.consecutive_failures,
            initial_failure_at=status.initial_failure_at,
        ))
    return tuple(facts)


def client_facts(config: AppConfig) -> ClientFacts:
    """Ask the download client where it puts downloads and what it has; its paths mapped here (the mappings
    applied by hand, to name the one that applied)."""
    settings = config.download_client
    mappings = [m.mapping() for m in config.remote_path_mappings]
    host = (urlsplit(settings.url).hostname or "") if isinstance(settings, QBittorrentConfig) else "localhost"
    try:  # the client as it reports, unmapped: the mapping is applied below, to say which one applied
        client = download_client(config.model_copy(update={"remote_path_mappings": []}))
    except ConfigError as exc:
        return ClientFacts(settings.name, host, error=str(exc))
    try:
        remote_folders = [folder.remote for folder in client.output_folders()]
        downloads = client.downloads()
    except DownloadClientError as exc:
        return ClientFacts(settings.name, host, error=str(exc))
    finally:
        client.close()
    folders = tuple(
        OutputFolder(remote, folder_facts(Path(remap_remote_to_local(mappings, host, remote))),
                     mapping_for(mappings, host, remote))
        for remote in remote_folders
    )
    contents = []
    for download in downloads:
        if download.status is not DownloadStatus.COMPLETED or not download.content_path:
            continue
        local = remap_remote_to_local(mappings, host, download.content_path)
        contents.append(ReportedContent(download.name, download.content_path, local, Path(local).exists(),
                                        mapping_for(mappings, host, download.content_path)))
    return ClientFacts(settings.name, host, output_folders=folders, contents=tuple(contents))


def _backup_facts(config: AppConfig) -> BackupFacts:
    folder = config.backup.folder
    backups = list_backups(folder)
    return BackupFacts(str(folder), backups[0].created_at if backups else None, last_backup_error(folder),
                       timedelta(days=config.backup.interval_days))


def _connection_facts(name: str, failing: dict[str, str | None]) -> ProviderFacts:
    error = failing.get(name)
    return ProviderFacts(name, name in failing, error.removeprefix(f"{name}: ") if error else None)


def gather_facts(config: AppConfig, now: datetime, daemon: DaemonFacts | None = None) -> HealthFacts:
    """Every fact the checks judge. The store is read first and closed; the client and the disks after."""
    store = _store_facts(config)
    recycle = config.importing.recycle_bin
    return HealthFacts(
        now=now,
        indexers=_indexer_facts(config, store.statuses),
        root_folders=tuple(folder_facts(root) for root in config.root_folders),
        client=client_facts(config),
        completed_download_handling=config.download_handling.completed_download_handling,
        import_mode=config.importing.mode,
        recycle_bin=recycle_bin_facts(recycle) if recycle is not None else None,
        free_space_warning_bytes=config.health.free_space_warning_mb * MB,
        daemon=daemon,
        daemon_heartbeat_seconds=config.health.daemon_heartbeat_seconds,
        store_lock_seconds=config.health.store_locked_seconds,
        store_locked=store.locked,
        store_error=store.error,
        backup=_backup_facts(config),
        notifications=tuple(_connection_facts(c.name, store.failing_notifications)
                            for c in config.notifications.connections),
        # the indexers' back-off lives in the store: unknown while it cannot be read
        not_gathered=frozenset({"indexer_status", "indexer_long_term_status", "indexer_rss", "indexer_search",
                                "notifications"}
                               if store.locked or store.error else ()),
    )


def _pending_file(config: AppConfig) -> Path:
    return config.database.with_name(config.database.name + ".health-pending.json")


def _keep_pending(config: AppConfig, issues: list[HealthIssue], now: datetime) -> None:
    """Issues found while the library could not be opened (the store lock itself) wait in a file beside it, to
    be recorded (appeared at the time they were seen) by the next evaluation that can write."""
    path = _pending_file(config)
    pending = _read_pending(path)
    for issue in issues:
        pending.setdefault(issue.check, (issue.level.value, issue.message, now.isoformat()))
    path.write_text(json.dumps(pending), encoding="utf-8")


def _read_pending(path: Path) -> dict[str, tuple[str, str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): (str(v[0]), str(v[1]), str(v[2])) for k, v in data.items()} if isinstance(data, dict) else {}


def _health_events(seen_before: list[tuple[str, str, str, datetime]], changes: HealthChanges,
                   open_rows: dict[str, HealthIssueRow], pending: dict[str, tuple[str, str, str]],
                   ) -> list[NotificationEvent]:
    """On Health Issue for every issue recorded as appeared now (also those seen while the library was busy), and
    On Health Restored for every open issue that cleared, with the level and message it had."""
    appeared = [(check, level, message) for check, level, message, _ in seen_before]
    appeared += [(i.check, i.level.value, i.message) for i in changes.appeared if i.check not in pending]
    events = [health_event(restored=False, level=level, message=message, source=check)
              for check, level, message in appeared]
    for check in changes.cleared:
        row = open_rows.get(check)
        level, message = (row.level, row.message) if row else pending.get(check, ("warning", check, ""))[:2]
        events.append(health_event(restored=True, level=level, message=message, source=check))
    return events


def check_health(config: AppConfig, now: datetime, daemon: DaemonFacts | None = None) -> HealthReport:
    """Evaluate every check whose facts can be gathered, and record the issues that appeared and cleared."""
    facts = gather_facts(config, now, daemon)
    issues = evaluate(facts)
    evaluated = evaluated_checks(facts)
    report = HealthReport(issues, evaluated)
    for issue in issues:
        level = logging.ERROR if issue.level.value == "error" else logging.WARNING
        log.log(level, "%s: %s", issue.check, issue.message)
    log.info("health: %d checks, %d issues", len(evaluated), len(issues))
    if facts.store_locked or facts.store_error:
        report.not_recorded = "the library database could not be opened"
        _keep_pending(config, issues, now)
        return report
    started = time.monotonic()
    pending = _read_pending(_pending_file(config))
    try:
        with LibraryStore(config.database, lock_timeout=config.health.store_locked_seconds).open() as library:
            open_rows = {row.check_name: row for row in library.health_issues.open_issues()}
            seen_before = [(check, level, message, datetime.fromisoformat(at))
                           for check, (level, message, at) in pending.items() if check not in open_rows]
            library.health_issues.record(seen_before, [], [], now)
            changes = health_changes(set(open_rows) | set(pending), issues, evaluated)
            library.health_issues.record(
                [(i.check, i.level.value, i.message, now) for i in changes.appeared],
                [(i.check, i.level.value, i.message) for i in changes.still],
                list(changes.cleared), now,
            )
            enqueue_event(library, _health_events(seen_before, changes, open_rows, pending), now)
    except StoreError as exc:
        report.not_recorded = f"{exc} (after {time.monotonic() - started:.0f} s)"
        _keep_pending(config, issues, now)
        return report
    _pending_file(config).unlink(missing_ok=True)
    report.changes = changes
    for appeared in changes.appeared:
        log.info("health issue appeared: %s", appeared.check)
    for cleared in changes.cleared:
        log.info("health issue cleared: %s", cleared)
    return report
