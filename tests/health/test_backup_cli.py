"""`radarr-pipeline backup` and `restore` as a user runs them; restore asks the Dagster instance in
$DAGSTER_HOME for runs in progress (through dagster_project.runs_in_progress) and refuses while there is one."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
import yaml

from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.snapshot import summarise_file

from .library_rows import insert_representative_rows

REPO = Path(__file__).parents[2]


def cli(home: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "radarr_pipeline.cli", *args, "--config", str(home / "config.yaml")],
                          capture_output=True, text=True, env=env, timeout=180, check=False, cwd=REPO)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "movies").mkdir(parents=True)
    config = {"root_folders": ["movies"], "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:9"},
              "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}]}
    (home / "config.yaml").write_text(yaml.safe_dump(config))
    with LibraryStore(home / "library.duckdb").open() as library:
        insert_representative_rows(library.conn)
    return home


def test_backup_and_restore_from_the_command_line_wait_for_dagster_runs(home: Path, tmp_path: Path) -> None:
    dagster_home = tmp_path / "dagster_home"
    dagster_home.mkdir()
    shutil.copyfile(REPO / "data" / "dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "RADARR_PIPELINE_DB")}

    made = cli(home, "backup", env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    [archive] = (home / "backups").glob("radarr_pipeline_backup_manual_*.zip")
    assert f"to {archive}" in made.stdout
    _, original = summarise_file(home / "library.duckdb")
    with LibraryStore(home / "library.duckdb").open() as library:
        library.conn.execute("DELETE FROM movie_files")

    without_instance = cli(home, "restore", str(archive), env=env)
    assert without_instance.returncode == 1 and "DAGSTER_HOME is not set" in without_instance.stderr

    env["DAGSTER_HOME"] = str(dagster_home)
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        run = instance.add_run(dg.DagsterRun(job_name="rss_sync_job", run_id="0b5e0c4e-run-in-progress",
                                             status=dg.DagsterRunStatus.STARTED))
        busy = cli(home, "restore", str(archive), env=env)
        assert busy.returncode == 1, busy.stdout + busy.stderr
        assert "1 Dagster run(s) in progress (0b5e0c4e-run-in-progress)" in busy.stderr
        assert summarise_file(home / "library.duckdb")[1]["movie_files"].rows == 0  # untouched
        instance.report_run_failed(run)

    done = cli(home, "restore", str(archive), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert summarise_file(home / "library.duckdb")[1] == original
    assert "The database before the restore:" in done.stdout
    assert len(list(home.glob("library.duckdb.before-restore-*"))) == 1


def test_a_damaged_archive_is_refused_from_the_command_line(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "radarr_pipeline_backup_manual_2026.01.01_00.00.00.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    answer = cli(home, "restore", str(bad), "--no-run-check", env=dict(os.environ))
    assert answer.returncode == 1 and "is not a readable zip archive" in answer.stderr
