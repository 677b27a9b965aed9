"""Backups and restores (Radarr's System > Backup): the library database and the configuration in one zip.

A backup holds ``library.duckdb`` (a consistent copy: ``radarr_pipeline.store.snapshot`` says why),
``config.yaml`` and ``manifest.json`` (schema version, DuckDB version, SHA-256 of each file, and each table's row
count and checksum). Scheduled backups are kept ``backup.retention_days``; manual ones until removed by hand.

A restore verifies the archive (zip CRCs, file hashes, then the database itself: each table's rows against the
manifest) before touching anything, refuses while Dagster runs are in progress (the front door says which, see
``active_runs``), keeps the current database and configuration beside the restored ones, and puts the restored
files in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import duckdb

from radarr_pipeline.config import AppConfig
from radarr_pipeline.store import LibraryStore, StoreError
from radarr_pipeline.store.schema import available_migrations
from radarr_pipeline.store.snapshot import TableSummary, summarise_file

DATABASE_ENTRY = "library.duckdb"
CONFIG_ENTRY = "config.yaml"
MANIFEST_ENTRY = "manifest.json"
ERROR_MARKER = ".last_backup_error"
_NAME = re.compile(r"^radarr_pipeline_backup_(scheduled|manual)_(\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2})\.zip$")

BackupKind = Literal["scheduled", "manual"]


class BackupError(RuntimeError):
    """A backup could not be made, or an archive cannot be restored; the message says why."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    created_at: datetime


@dataclass
class BackupReport:
    archive: Path | None = None
    skipped: str | None = None  # why no backup was made (a scheduled one not yet due)
    tables: dict[str, TableSummary] = field(default_factory=dict)
    removed: list[Path] = field(default_factory=list)

    def markdown(self) -> str:
        if self.archive is None:
            return f"No backup: {self.skipped}"
        lines = [f"Backup **{self.archive.name}** in `{self.archive.parent}`", "", "| table | rows |", "|---|---|"]
        lines += [f"| {name} | {summary.rows} |" for name, summary in sorted(self.tables.items())]
        if self.removed:
            lines += ["", f"Removed {len(self.removed)} scheduled backup(s) past retention."]
        return "\n".join(lines)


@dataclass(frozen=True)
class RestoreReport:
    archive: Path
    database: Path
    database_aside: Path | None
    config: Path
    config_aside: Path | None
    tables: dict[str, TableSummary]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def list_backups(folder: Path) -> list[BackupFile]:
    """The archives in the backup folder, newest first (only names this service writes)."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match and entry.is_file():
            created = datetime.strptime(match.group(2), "%Y.%m.%d_%H.%M.%S").replace(tzinfo=UTC)
            found.append(BackupFile(entry, match.group(1), created))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def last_backup_error(folder: Path) -> str | None:
    marker = folder / ERROR_MARKER
    try:
        return marker.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def scheduled_backup_due(backups: list[BackupFile], now: datetime, interval: timedelta) -> bool:
    """Radarr's scheduled backup: due once the newest scheduled backup is ``interval`` old (a little slack for
    the schedule's own timing)."""
    newest = next((b for b in backups if b.kind == "scheduled"), None)
    return newest is None or now - newest.created_at >= interval - timedelta(hours=1)


def expired_backups(backups: list[BackupFile], now: datetime, retention: timedelta) -> list[BackupFile]:
    """Scheduled backups older than the retention (Radarr's CleanupOldBackups); manual ones are kept."""
    return [b for b in backups if b.kind == "scheduled" and now - b.created_at > retention]


def create_backup(config: AppConfig, config_file: Path, now: datetime, kind: BackupKind = "manual") -> BackupReport:
    """Back up the library database and the configuration file; a scheduled backup only when due. A failure is
    remembered in the backup folder (the health check reports it) and raised."""
    folder = config.backup.folder
    backups = list_backups(folder)
    if kind == "scheduled" and not scheduled_backup_due(backups, now, timedelta(days=config.backup.interval_days)):
        return BackupReport(skipped=f"the last scheduled backup is less than {config.backup.interval_days} day(s) old")
    try:
        report = _write_backup(config, config_file, now, kind)
    except (OSError, BackupError, duckdb.Error) as exc:
        message = str(exc) if isinstance(exc, BackupError) else f"{type(exc).__name__}: {exc}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ERROR_MARKER).write_text(f"{now.isoformat()} {message}\n", encoding="utf-8")
        raise BackupError(f"backup failed: {message}") from exc
    (folder / ERROR_MARKER).unlink(missing_ok=True)
    for expired in expired_backups(list_backups(folder), now, timedelta(days=config.backup.retention_days)):
        expired.path.unlink(missing_ok=True)
        report.removed.append(expired.path)
    return report


def _write_backup(config: AppConfig, config_file: Path, now: datetime, kind: BackupKind) -> BackupReport:
    folder = config.backup.folder
    folder.mkdir(parents=True, exist_ok=True)
    name = f"radarr_pipeline_backup_{kind}_{now.astimezone(UTC).strftime('%Y.%m.%d_%H.%M.%S')}.zip"
    archive = folder / name
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as scratch:
        copy = Path(scratch) / DATABASE_ENTRY
        try:
            version, tables = LibraryStore(config.database).snapshot(copy)
        except StoreError as exc:
            raise BackupError(str(exc)) from None
        manifest = {
            "created_at": now.isoformat(), "kind": kind, "schema_version": version,
            "duckdb_version": duckdb.__version__, "database": str(config.database), "config_file": str(config_file),
            "sha256": {DATABASE_ENTRY: _sha256(copy), CONFIG_ENTRY: _sha256(config_file)},
            "tables": {table: asdict(summary) for table, summary in tables.items()},
        }
        partial = Path(scratch) / name
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as out:
            out.write(copy, DATABASE_ENTRY)
            out.write(config_file, CONFIG_ENTRY)
            out.writestr(MANIFEST_ENTRY, json.dumps(manifest, indent=2, sort_keys=True))
        os.replace(partial, archive)  # never a half-written archive under the final name
    os.chmod(archive, 0o600)  # the library and the configuration are their owner's business
    return BackupReport(archive=archive, tables=tables)


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST_ENTRY))
    except KeyError:
        raise BackupError(f"{path} is not a backup of this pipeline (no {MANIFEST_ENTRY})") from None
    except ValueError:
        raise BackupError(f"{path}: {MANIFEST_ENTRY} is not valid JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        raise BackupError(f"{path}: {MANIFEST_ENTRY} does not describe the backup's tables")
    return manifest


def verify_archive(path: Path, scratch: Path) -> tuple[dict, Path, Path]:
    """Check an archive through and through; returns its manifest and the extracted database and config."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path} is not a readable zip archive: {exc}") from None
    with archive:
        names = set(archive.namelist())
        if names != {DATABASE_ENTRY, CONFIG_ENTRY, MANIFEST_ENTRY}:
            raise BackupError(f"{path} does not hold exactly {DATABASE_ENTRY}, {CONFIG_ENTRY} and {MANIFEST_ENTRY}")
        try:
            broken = archive.testzip()
        except (OSError, zipfile.BadZipFile, EOFError) as exc:
            raise BackupError(f"{path} is damaged: {exc}") from None
        if broken is not None:
            raise BackupError(f"{path} is damaged: {broken} fails its CRC check")
        manifest = _manifest(archive, path)
        database = scratch / DATABASE_ENTRY
        config = scratch / CONFIG_ENTRY
        for entry, target in ((DATABASE_ENTRY, database), (CONFIG_ENTRY, config)):
            with archive.open(entry) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
            if _sha256(target) != manifest.get("sha256", {}).get(entry):
                raise BackupError(f"{path}: {entry} does not match the checksum in its manifest")
    newest = max((m.version for m in available_migrations()), default=0)
    try:
        version, tables = summarise_file(database)
    except duckdb.Error as exc:
        raise BackupError(f"{path}: the database in it cannot be opened: {exc}") from None
    if version != manifest.get("schema_version") or version > newest:
        raise BackupError(f"{path}: its database is at schema version {version}, the manifest says "
                          f"{manifest.get('schema_version')} and this version of the pipeline knows up to {newest}")
    expected = {name: TableSummary(int(t["rows"]), str(t["checksum"])) for name, t in manifest["tables"].items()}
    if tables != expected:
        differing = sorted(set(tables) ^ set(expected) | {n for n in tables if tables[n] != expected.get(n)})
        raise BackupError(f"{path}: the database does not match its manifest (tables {differing})")
    return manifest, database, config


def restore_backup(config: AppConfig, config_file: Path, archive: Path, now: datetime,
                   active_runs: Callable[[], list[str]]) -> RestoreReport:
    """Restore an archive over the current library database and configuration, both kept aside.

    ``active_runs`` names the Dagster runs in progress (asked by the front door, which knows the instance); any
    run in progress refuses the restore, as does an archive that fails verification."""
    database = config.database
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    database.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=database.parent, prefix=".restore-") as scratch:
        manifest, restored_db, restored_config = verify_archive(archive, Path(scratch))
        running = active_runs()
        if running:
            raise BackupError(f"{len(running)} Dagster run(s) in progress ({', '.join(running[:5])}): wait for them "
                              "to finish (or stop the daemon) before restoring")
        db_aside = database.with_name(f"{database.name}.before-restore-{stamp}") if database.exists() else None
        try:
            LibraryStore(database).replace_with(restored_db, db_aside)
        except StoreError as exc:
            raise BackupError(f"not restored: {exc}") from None
        config_aside = None
        if config_file.exists() and config_file.read_bytes() != restored_config.read_bytes():
            config_aside = config_file.with_name(f"{config_file.name}.before-restore-{stamp}")
            os.replace(config_file, config_aside)
        if config_aside is not None or not config_file.exists():
            os.replace(restored_config, config_file)
    tables = {name: TableSummary(int(t["rows"]), str(t["checksum"])) for name, t in manifest["tables"].items()}
    return RestoreReport(archive, database, db_aside, config_file, config_aside, tables)
