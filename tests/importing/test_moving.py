"""Moving a library file: one rename on a filesystem, copy → rename → unlink across one (a real EXDEV between
/tmp and the /dev/shm tmpfs); moving again after a crash finishes the job."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from radarr_pipeline.importing.moving import move_whole, remove_empty_folders
from radarr_pipeline.importing.transfer import TransferError


@pytest.fixture
def other_filesystem(tmp_path: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        if os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
            pytest.skip("/dev/shm is on the same filesystem as the temp folder here")
        yield Path(shm)


def test_move_on_one_filesystem_keeps_the_inode(tmp_path: Path) -> None:
    source = tmp_path / "a" / "movie.mkv"
    source.parent.mkdir()
    source.write_bytes(b"m" * 100)
    inode = source.stat().st_ino
    destination = tmp_path / "b" / "Movie (2000)" / "movie.mkv"
    move_whole(source, destination, 100)
    assert destination.stat().st_ino == inode and not source.exists()
    move_whole(source, destination, 100)  # again (after a crash): already done
    remove_empty_folders(source.parent, tmp_path)
    assert not (tmp_path / "a").exists() and tmp_path.exists()


def test_move_across_filesystems_copies_then_removes_the_source(tmp_path: Path, other_filesystem: Path) -> None:
    source = tmp_path / "movie.mkv"
    source.write_bytes(b"m" * 5000)
    destination = other_filesystem / "lib" / "movie.mkv"
    move_whole(source, destination, 5000)
    assert destination.read_bytes() == b"m" * 5000 and not source.exists()
    assert not list(destination.parent.glob(".*.partial"))


def test_a_whole_destination_beside_its_source_means_the_crash_came_after_the_rename(tmp_path: Path) -> None:
    source, destination = tmp_path / "s.mkv", tmp_path / "d.mkv"
    source.write_bytes(b"m" * 10)
    destination.write_bytes(b"m" * 10)
    move_whole(source, destination, 10)
    assert not source.exists() and destination.exists()


def test_something_else_in_the_way_is_refused(tmp_path: Path) -> None:
    source, destination = tmp_path / "s.mkv", tmp_path / "d.mkv"
    source.write_bytes(b"m" * 10)
    destination.write_bytes(b"other")
    with pytest.raises(TransferError, match="is in the way"):
        move_whole(source, destination, 10)
    assert source.exists()


_COPY_THEN_DIE = """
import sys
from pathlib import Path
from radarr_pipeline.importing.moving import move_whole
move_whole(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
"""


def test_killed_during_a_copy_leaves_the_source_whole_and_no_final_name(tmp_path: Path,
                                                                       other_filesystem: Path) -> None:
    source = tmp_path / "movie.mkv"
    source.write_bytes(b"m" * 4096)
    destination = other_filesystem / "movie.mkv"
    env = {**os.environ, "RADARR_PIPELINE_CRASH_AT": "written"}
    run = subprocess.run([sys.executable, "-c", _COPY_THEN_DIE, str(source), str(destination), "4096"], env=env,
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == -9, run.stderr
    assert source.read_bytes() == b"m" * 4096 and not destination.exists()
    move_whole(source, destination, 4096)  # the next operation finishes it
    assert destination.read_bytes() == b"m" * 4096 and not source.exists()
