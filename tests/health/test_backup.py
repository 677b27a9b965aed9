"""Backups and restores: a backup then a restore reproduces the library exactly (row counts and a checksum per
table); a damaged or foreign archive, or a Dagster run in progress, refuses the restore and changes nothing."""

import hashlib
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

from radarr_pipeline.config import load_config
from radarr_pipeline.services.backup import (
    BackupError,
    create_backup,
    expired_backups,
    list_backups,
    restore_backup,
)
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.snapshot import summarise_file

from .library_rows import insert_representative_rows

NOW = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)


def no_runs() -> list[str]:
    return []


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "movies").mkdir()
    config = {"root_folders": ["movies"], "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:1"},
              "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
              "backup": {"retention_days": 14}}
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config))
    with LibraryStore(tmp_path / "library.duckdb").open() as library:
        insert_representative_rows(library.conn)
    return tmp_path


def test_backup_then_restore_reproduces_the_library_exactly(home: Path) -> None:
    config = load_config(home / "config.yaml")
    _, original = summarise_file(config.database)
    report = create_backup(config, home / "config.yaml", NOW)
    assert report.archive is not None and report.archive.parent == home / "backups"
    assert report.tables == original and original["movies"].rows == 2

    # the library changes after the backup: rows added, removed, a value edited; the config is edited too
    with LibraryStore(config.database).open() as library:
        library.conn.execute("DELETE FROM history")
        library.conn.execute("UPDATE movies SET title = 'Changed' WHERE id = 1")
        library.conn.execute("INSERT INTO wanted VALUES (2, 'cutoff unmet', now())")
    (home / "config.yaml").write_text((home / "config.yaml").read_text() + "\n# edited\n")
    assert summarise_file(config.database)[1] != original

    restored = restore_backup(config, home / "config.yaml", report.archive, NOW + timedelta(hours=1), no_runs)
    assert summarise_file(config.database)[1] == original
    with LibraryStore(config.database).open(read_only=True) as library:
        assert library.movies.get(1).title == "The Matrix"
    assert restored.database_aside is not None and restored.database_aside.exists()
    assert summarise_file(restored.database_aside)[1]["history"].rows == 0  # the database before the restore
    assert "# edited" not in (home / "config.yaml").read_text()
    assert restored.config_aside is not None and "# edited" in restored.config_aside.read_text()
    assert not list(home.glob(".restore-*"))


def test_the_archive_holds_the_database_the_config_and_a_manifest(home: Path) -> None:
    config = load_config(home / "config.yaml")
    archive = create_backup(config, home / "config.yaml", NOW).archive
    assert archive is not None
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == ["config.yaml", "library.duckdb", "manifest.json"]
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["schema_version"] == 85 or manifest["schema_version"] > 85
    assert manifest["tables"]["movies"]["rows"] == 2
    assert archive.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("damage", ["truncate", "foreign", "tampered_db"])
def test_a_bad_archive_is_refused_and_nothing_changes(home: Path, tmp_path: Path, damage: str) -> None:
    config = load_config(home / "config.yaml")
    archive = create_backup(config, home / "config.yaml", NOW).archive
    assert archive is not None
    bad = tmp_path / "bad.zip"
    if damage == "truncate":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    elif damage == "foreign":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("notes.txt", "hello")
    else:  # a database that is not the one the manifest describes (its hash recomputed to match)
        other = tmp_path / "other.duckdb"
        conn = duckdb.connect(str(other))
        conn.execute("CREATE TABLE movies (id INTEGER)")
        conn.close()
        with zipfile.ZipFile(archive) as src, zipfile.ZipFile(bad, "w") as out:
            manifest = json.loads(src.read("manifest.json"))
            manifest["sha256"]["library.duckdb"] = hashlib.sha256(other.read_bytes()).hexdigest()
            out.write(other, "library.duckdb")
            out.writestr("config.yaml", src.read("config.yaml"))
            out.writestr("manifest.json", json.dumps(manifest))
    before = summarise_file(config.database)[1]
    with pytest.raises(BackupError):
        restore_backup(config, home / "config.yaml", bad, NOW, no_runs)
    assert summarise_file(config.database)[1] == before
    assert not list(home.glob("library.duckdb.before-restore-*"))


def test_a_restore_is_refused_while_dagster_runs_are_in_progress(home: Path) -> None:
    config = load_config(home / "config.yaml")
    archive = create_backup(config, home / "config.yaml", NOW).archive
    assert archive is not None
    with pytest.raises(BackupError, match="1 Dagster run"):
        restore_backup(config, home / "config.yaml", archive, NOW, lambda: ["3f2a-run"])
    assert not list(home.glob("library.duckdb.before-restore-*"))


def test_scheduled_backups_are_made_when_due_and_kept_for_the_retention(home: Path) -> None:
    config = load_config(home / "config.yaml")
    made = [create_backup(config, home / "config.yaml", NOW + timedelta(days=d), kind="scheduled")
            for d in (0, 3, 7, 14, 21)]
    assert [r.archive is not None for r in made] == [True, False, True, True, True]
    assert "less than 7 day(s) old" in (made[1].skipped or "")
    kinds = [(b.kind, b.created_at) for b in list_backups(config.backup.folder)]
    assert kinds == [("scheduled", NOW + timedelta(days=d)) for d in (21, 14, 7)]  # day 0 expired (14 days)
    assert made[-2].removed == []  # 14 days old is within 14 days' retention
    assert [p.name for p in made[-1].removed] == ["radarr_pipeline_backup_scheduled_2026.11.30_04.00.00.zip"]
    manual = create_backup(config, home / "config.yaml", NOW + timedelta(days=22), kind="manual").archive
    assert manual is not None
    expired = expired_backups(list_backups(config.backup.folder), NOW + timedelta(days=99), timedelta(days=1))
    assert len(expired) == 2 and manual not in [b.path for b in expired]  # day 7 went at day 22; manual ones stay


def test_a_failed_backup_is_remembered_for_the_health_check(home: Path) -> None:
    config = load_config(home / "config.yaml")
    config.database.unlink()
    with pytest.raises(BackupError, match="nothing to back up"):
        create_backup(config, home / "config.yaml", NOW)
    assert "nothing to back up" in (config.backup.folder / ".last_backup_error").read_text()
