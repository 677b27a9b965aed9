"""The library scan's walk of one movie folder: the largest video below it, samples and hidden files left out."""

from __future__ import annotations

from pathlib import Path

from radarr_pipeline.importing.discovery import is_sample, is_sample_relative
from radarr_pipeline.services.importing.scan import _largest_video

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
    assert path == str(expected) and stat is not None and stat.st_size == 200
    assert _largest_video(str(tmp_path / "missing"), EXTENSIONS) == (None, None)


def test_sample_by_relative_text_is_sample_by_path(tmp_path: Path) -> None:
    for relative in ("a.mkv", "Sample/a.mkv", "x/sample.mkv", "x/y/a-sample.mkv", "samples/a.mkv", "Resample/a.mkv",
                     "a_sample_b.mkv", "x/SAMPLE"):
        assert is_sample_relative(relative) == is_sample(tmp_path / relative, tmp_path), relative
