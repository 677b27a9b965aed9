import errno
import os
from pathlib import Path

import pytest

from radarr_pipeline.importing import transfer
from radarr_pipeline.importing.discovery import is_sample, video_candidates, without_samples
from radarr_pipeline.importing.transfer import TransferError, link_or_copy, partial_path


def test_hardlink_keeps_one_inode(tmp_path: Path) -> None:
    source = tmp_path / "dl" / "movie.mkv"
    source.parent.mkdir()
    source.write_bytes(b"x" * 1000)
    destination = tmp_path / "lib" / "Movie (2000)" / "Movie (2000).mkv"
    assert link_or_copy(source, destination) == "hardlink"
    assert destination.stat().st_ino == source.stat().st_ino
    assert source.stat().st_nlink == 2
    assert not partial_path(destination).exists()


def test_falls_back_to_copy_on_exdev(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "movie.mkv"
    source.write_bytes(b"y" * 4096)

    def cross_device(*_: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(transfer.os, "link", cross_device)
    destination = tmp_path / "lib" / "movie.mkv"
    assert link_or_copy(source, destination) == "copy"
    assert destination.read_bytes() == source.read_bytes()
    assert destination.stat().st_ino != source.stat().st_ino


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm tmpfs here")
def test_real_exdev_between_filesystems(tmp_path: Path) -> None:
    import tempfile

    source = tmp_path / "movie.mkv"
    source.write_bytes(os.urandom(8192))
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        if os.stat(other).st_dev == os.stat(tmp_path).st_dev:
            pytest.skip("/dev/shm is on the same filesystem here")
        destination = Path(other) / "lib" / "movie.mkv"
        assert link_or_copy(source, destination) == "copy"
        assert destination.read_bytes() == source.read_bytes()


def test_failure_leaves_no_partial_and_source_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "movie.mkv"
    source.write_bytes(b"z" * 100)

    def refuse(*_: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(transfer.os, "link", refuse)
    destination = tmp_path / "lib" / "movie.mkv"
    with pytest.raises(TransferError, match="Permission denied"):
        link_or_copy(source, destination)
    assert not destination.exists() and not partial_path(destination).exists()
    assert source.read_bytes() == b"z" * 100


def test_video_discovery_skips_samples(tmp_path: Path) -> None:
    release = tmp_path / "Movie.2000.1080p.BluRay.x264-GRP"
    (release / "Sample").mkdir(parents=True)
    (release / "movie.mkv").write_bytes(b"m" * 500)
    (release / "Sample" / "movie-sample.mkv").write_bytes(b"s" * 50)
    (release / "movie.nfo").write_text("info")
    assert without_samples(video_candidates(release, {".mkv"}), release) == [release / "movie.mkv"]
    assert is_sample(release / "Sample" / "movie-sample.mkv", release)
    assert not is_sample(release / "movie.mkv", release)
