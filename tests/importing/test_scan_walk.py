"""The library scan's walk of one movie folder: the largest video below it, samples and hidden files left out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from radarr_pipeline.config import parse_config
from radarr_pipeline.importing.discovery import is_sample, is_sample_relative
from radarr_pipeline.services.importing import library_walk
from radarr_pipeline.services.importing.library_walk import (
    FOLDERS_PER_BATCH,
    WalkError,
    WalkHere,
    WalkInChild,
    _child_environment,
    movie_folders,
)
from radarr_pipeline.services.importing.library_walk import largest_video as _largest_video
from radarr_pipeline.services.importing.scan import UNSTORABLE_FOLDER, UNSTORABLE_VIDEO, scan_root_folders

from .homes import NOW, config_data

EXTENSIONS = {".mkv", ".mp4"}


def _file(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    return path


def test_largest_video_leaves_out_samples_hidden_files_and_other_extensions(tmp_path: Path) -> None:
    folder = tmp_path / "Movie (2000)"
    _file(folder / "Movie (2000).mkv", 100)
    _file(folder / "Sample" / "movie.mkv", 500)  # a sample folder
    _file(folder / "movie-sample.mkv", 400)  # a sample by name
    _file(folder / ".hidden.mkv", 600)
    _file(folder / "movie.nfo", 700)
    expected = _file(folder / "extras" / "deep" / "Movie.Cut.mp4", 200)
    path, stat = _largest_video(str(folder), EXTENSIONS)
    assert path == str(expected) and stat is not None and stat[0] == 200
    assert _largest_video(str(tmp_path / "missing"), EXTENSIONS) == (None, None)


def test_sample_by_relative_text_is_sample_by_path(tmp_path: Path) -> None:
    for relative in ("a.mkv", "Sample/a.mkv", "x/sample.mkv", "x/y/a-sample.mkv", "samples/a.mkv", "Resample/a.mkv",
                     "a_sample_b.mkv", "x/SAMPLE"):
        assert is_sample_relative(relative) == is_sample(tmp_path / relative, tmp_path), relative


def _odd_library(root: Path) -> None:
    """Movie folders of every kind a walk meets: plain, nested, with samples and hidden files only, empty, hidden,
    a file beside them, a name that is not UTF-8, a symlink to a folder."""
    _file(root / "Plain (2000)" / "Plain (2000) Bluray-1080p.mkv", 30)
    _file(root / "Nested (2001)" / "disc" / "deep" / "Nested.mp4", 20)
    _file(root / "Nested (2001)" / "Sample" / "big.mkv", 900)
    _file(root / "Only Samples (2002)" / "movie-sample.mkv", 10)
    _file(root / "Only Samples (2002)" / ".hidden.mkv", 10)
    (root / "Empty (2003)").mkdir()
    _file(root / ".Hidden (2004)" / "Hidden.mkv", 10)
    _file(root / "loose file.mkv", 10)
    odd = os.fsencode(root) + b"/Caf\xe9 (2005)"
    os.mkdir(odd)
    with open(odd + b"/Caf\xe9 (2005).mkv", "wb") as video:
        video.write(b"\0" * 40)
    (root / "Linked (2006)").symlink_to(root / "Plain (2000)")


def test_the_walk_in_a_child_is_the_walk_in_this_process(tmp_path: Path) -> None:
    """Every folder, its time and its video, skipped or not, read the same by a child process and in this one."""
    root = tmp_path / "library"
    _odd_library(root)
    folders = movie_folders(str(root))
    assert len(folders) == 5, "hidden folders, loose files and symlinks are no movie folders"
    plain = next(f for f in folders if f[1] == "Plain (2000)")
    for known in ({}, {plain[0]: plain[2]}, {plain[0]: plain[2] + 1}):
        walk_here = WalkHere(str(root), EXTENSIONS)
        here = [folder for batch in walk_here.folders(known) for folder in batch]
        walk = WalkInChild(str(root), EXTENSIONS)
        try:
            there = [folder for batch in walk.folders(known) for folder in batch]
        finally:
            walk.close()
        assert there == here and walk.totals == walk_here.totals, known
        assert walk_here.totals == (5, 1 if known.get(plain[0]) == plain[2] else 0)
    videos = {name: (video and Path(video).name, stat and stat[0]) for _path, name, _mtime, video, stat in here}
    assert videos["Nested (2001)"] == ("Nested.mp4", 20) and videos["Only Samples (2002)"] == (None, None)
    assert videos["Empty (2003)"] == (None, None) and videos["Caf\udce9 (2005)"] == ("Caf\udce9 (2005).mkv", 40)


def test_a_walk_that_fails_in_its_child_says_why_and_a_stopped_one_leaves_no_child(tmp_path: Path) -> None:
    _file(tmp_path / "library" / "Plain (2000)" / "Plain (2000).mkv", 10)
    walk = WalkInChild(str(tmp_path / "library"), EXTENSIONS)
    with pytest.raises(WalkError, match=r"the walk of .*library failed: AttributeError: .* has no attribute 'get'"):
        list(walk.folders(["not", "a", "mapping"]))  # type: ignore[arg-type]  # what a broken parent would send
    walk.close()
    for n in range(3 * FOLDERS_PER_BATCH):
        (tmp_path / "big" / f"Movie {n} (2000)").mkdir(parents=True)
    walk = WalkInChild(str(tmp_path / "big"), EXTENSIONS)
    batches = walk.folders({})
    assert len(next(batches)) == FOLDERS_PER_BATCH
    walk.close()  # the caller stopped reading: the child is stopped, not left walking
    assert walk._child.returncode is not None


def test_the_child_runs_the_code_its_parent_runs() -> None:
    """The folder this package was imported from comes first on the child's path, whatever the environment says."""
    package = Path(library_walk.__file__).resolve().parents[2]
    assert _child_environment()["PYTHONPATH"].split(os.pathsep)[0] == str(package.parent)


def test_a_scan_walks_in_its_own_process_when_no_child_can_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "library"
    _odd_library(root)
    config = parse_config(config_data(root), source="test", base_dir=tmp_path)
    monkeypatch.setattr(library_walk.sys, "executable", str(tmp_path / "no-python-here"))
    report = scan_root_folders(config, NOW)
    assert "cannot start a process to walk" in caplog.text
    assert (report.folders, report.added, report.recorded) == (5, 4, 2)
    assert report.unmatched == [{"folder": "Caf\\xe9 (2005)", "reason": UNSTORABLE_FOLDER}]
    monkeypatch.undo()
    again = scan_root_folders(config, NOW)
    assert (again.unchanged, again.unmatched) == (4, report.unmatched), "walked in a child, the others are settled"


def test_a_video_whose_name_is_not_utf8_leaves_its_folder_unmatched_with_the_reason(tmp_path: Path) -> None:
    root = tmp_path / "library"
    folder = root / "Movie (2000)"
    folder.mkdir(parents=True)
    with open(os.fsencode(folder) + b"/Movie (2000) \xff.mkv", "wb") as video:
        video.write(b"\0" * 10)
    config = parse_config(config_data(root), source="test", base_dir=tmp_path)
    report = scan_root_folders(config, NOW)
    assert (report.added, report.recorded) == (0, 0)
    assert report.unmatched == [{"folder": "Movie (2000)", "reason": f"{UNSTORABLE_VIDEO}: Movie (2000) \\xff.mkv"}]
    assert scan_root_folders(config, NOW).unchanged == 1, "recorded as unmatched: skipped until it changes"
