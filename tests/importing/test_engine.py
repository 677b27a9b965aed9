"""The import engine end to end on real ffmpeg-made files: quality from name + MediaInfo, naming, extras."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from radarr_pipeline.models import DownloadState
from radarr_pipeline.services.importing import operations

from .homes import Home

RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"


def test_folder_download_is_hardlinked_named_and_its_extras_follow(home: Home, make_movie: Callable[..., Path]) -> None:
    folder = home.downloads / RELEASE
    source = make_movie(folder / f"{RELEASE}.mkv", 3, "1920x1080")
    make_movie(folder / "Sample" / "sample.mkv", 1, "1920x1080")
    (folder / f"{RELEASE}.nfo").write_text("nfo")
    (folder / "Subs").mkdir()
    (folder / "Subs" / "English.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n")
    (folder / "Subs" / "movie.fr.forced.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nsalut\n")
    variant = home.add_movie()
    home.completed(variant, RELEASE, folder)

    report = home.run()

    assert report.blocked == [] and len(report.imported) == 1
    final = home.root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
    assert final.stat().st_ino == source.stat().st_ino
    names = sorted(p.name for p in final.parent.iterdir())
    assert names == sorted([final.name, "Big Buck Bunny (2008) Bluray-1080p.nfo",
                            "Big Buck Bunny (2008) Bluray-1080p.en.srt",
                            "Big Buck Bunny (2008) Bluray-1080p.fr.forced.srt"])
    with home.store.open() as library:
        (download,) = library.downloads.in_states(DownloadState.IMPORTED)
        files = library.files.all()
        extras = library.extra_files.for_variant(variant)
        assert library.import_journal.unfinished() == []
    assert download.title == RELEASE
    assert [(f.path, f.quality, f.import_mode) for f in files] == [(str(final), "Bluray-1080p", "hardlink")]
    assert {(Path(e.path).name.split(".", 1)[1], e.language) for e in extras} == {
        ("nfo", None), ("en.srt", "english"), ("fr.forced.srt", "french")}


def test_media_info_resolution_wins_over_the_name(home: Home, make_movie: Callable[..., Path]) -> None:
    source = make_movie(home.downloads / f"{RELEASE}.mkv", 3, "1280x720")
    home.completed(home.add_movie(), RELEASE, source)
    report = home.run()
    assert report.imported[0]["quality"] == "Bluray-720p"
    assert Path(str(report.imported[0]["file"])).name == "Big Buck Bunny (2008) Bluray-720p.mkv"


def test_media_info_tokens_in_the_name(home: Home, make_movie: Callable[..., Path]) -> None:
    home.reconfigure()
    home.config = home.config.model_copy(update={"naming": replace(
        home.config.naming,
        standard_movie_format="{Movie Title} ({Release Year}) {Quality Full} {MediaInfo VideoCodec} "
        "{MediaInfo AudioCodec} {MediaInfo AudioChannels} {[MediaInfo VideoDynamicRangeType]}")})
    source = make_movie(home.downloads / "Big.Buck.Bunny.2008.2160p.UHD.BluRay.x265-GRP.mkv", 1, "3840x2160",
                        video_codec="hevc", hdr10=True, audio_codec="eac3", audio_channels=6)
    home.completed(home.add_movie(), "Big.Buck.Bunny.2008.2160p.UHD.BluRay.x265-GRP", source)
    report = home.run()
    assert report.blocked == []
    # 2160p is not in the HD-1080p profile but it was grabbed: the import files it under its real quality.
    name = Path(str(report.imported[0]["file"])).name
    assert name == "Big Buck Bunny (2008) Bluray-2160p x265 EAC3 5.1 [HDR10].mkv"


# Another process writing the library: it fails at once with DuckDB's lock error while any process holds the file.
WRITER = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); c.execute('CHECKPOINT'); c.close()"


@pytest.mark.parametrize("mode", ["copy", "hardlink"])
def test_the_library_is_closed_while_files_are_placed(home: Home, make_movie: Callable[..., Path],
                                                      monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """A 50 GB remux copied to a slow disk must not lock every other process out: while the movie file and its
    extras are written, another process can open the library for writing."""
    home.config = home.config.model_copy(update={"importing": home.config.importing.model_copy(update={"mode": mode})})
    folder = home.downloads / RELEASE
    make_movie(folder / f"{RELEASE}.mkv", 1, "1920x1080")
    (folder / f"{RELEASE}.nfo").write_text("nfo")
    home.completed(home.add_movie(), RELEASE, folder)
    probes: list[tuple[str, int, str]] = []

    def probing(original: Callable[..., object], step: str) -> Callable[..., object]:
        def probe(*args: object, **kwargs: object) -> object:
            other = subprocess.run([sys.executable, "-c", WRITER, str(home.config.database)],
                                   capture_output=True, text=True, timeout=120, check=False)
            probes.append((step, other.returncode, other.stderr.strip()[-200:]))
            return original(*args, **kwargs)
        return probe

    monkeypatch.setattr(operations, "write_partial", probing(operations.write_partial, "movie file"))
    monkeypatch.setattr(operations, "link_or_copy", probing(operations.link_or_copy, "extra file"))
    report = home.run()

    assert len(report.imported) == 1 and report.blocked == []
    assert probes == [("movie file", 0, ""), ("extra file", 0, "")]


def test_completed_download_handling_off_leaves_completed_downloads_for_a_manual_import(
        home: Home, make_movie: Callable[..., Path]) -> None:
    home.config = home.config.model_copy(update={"download_handling": home.config.download_handling.model_copy(
        update={"completed_download_handling": False})})
    source = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(home.add_movie(), RELEASE, source)

    report = home.run()

    assert report.imported == [] and report.blocked == [] and report.waiting == []
    assert list(home.root.iterdir()) == []
    with home.store.open() as library:
        assert [d.title for d in library.downloads.in_states(DownloadState.COMPLETED)] == [RELEASE]


def test_a_missing_root_folder_is_never_created_by_an_import(home: Home, make_movie: Callable[..., Path]) -> None:
    """A network share that is not mounted: the import waits with the reason, and files nothing on the local
    disk; once the folder is back, the download is imported."""
    source = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(home.add_movie(), RELEASE, source)
    home.root.rmdir()

    report = home.run()

    assert report.imported == [] and not home.root.exists()
    assert report.waiting == [{"download": RELEASE, "reason": f"root folder {home.root} does not exist (is its disk "
                                                              "or network share mounted?)"}]
    home.root.mkdir()
    assert len(home.run().imported) == 1


def test_an_empty_root_folder_that_should_hold_files_waits(home: Home, make_movie: Callable[..., Path]) -> None:
    variant = home.add_movie("Sintel", 2010)
    with home.store.open() as library:
        library.files.record(variant_id=variant, path=str(home.root / "Sintel (2010)" / "Sintel (2010).mkv"),
                             size=1, quality="Bluray-1080p", import_mode="copy", at=datetime.now(UTC))
    source = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(home.add_movie(), RELEASE, source)
    report = home.run()
    assert report.imported == [] and "is empty but the library has files in it" in str(report.waiting[0]["reason"])


def test_one_downloads_os_error_does_not_hold_up_the_others(home: Home, make_movie: Callable[..., Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A download whose files cannot be examined (permissions, a name the filesystem refuses) is blocked with the
    reason; every other completed download is imported in the same run."""
    from radarr_pipeline.services.importing import plan

    broken = home.downloads / "Sintel.2010.1080p.BluRay.x264-GRP"
    make_movie(broken / f"{broken.name}.mkv", 1, "1920x1080")
    fine = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(home.add_movie("Sintel", 2010), broken.name, broken)
    home.completed(home.add_movie(), RELEASE, fine)
    real = plan.unpacking_entries

    def refusing(content: Path) -> list[str]:
        if content == broken:
            raise PermissionError(13, "Permission denied", str(broken))
        return real(content)

    monkeypatch.setattr(plan, "unpacking_entries", refusing)
    report = home.run()
    assert [row["movie"] for row in report.imported] == ["Big Buck Bunny (2008)"]
    assert report.blocked == [{"download": broken.name, "reason": f"cannot examine {broken}: Permission denied"}]


def test_every_name_an_import_writes_fits_the_filesystem(home: Home, make_movie: Callable[..., Path]) -> None:
    """Long names, and names allowed up to the filesystem's 255 bytes: the movie's name is cut so that its
    subtitle ('.en.forced.srt') and the partial names used while writing ('.<name>.partial') fit too."""
    title = ("Ä Very Long Title " * 6).strip()
    home.config = home.config.model_copy(update={"naming": replace(
        home.config.naming, standard_movie_format="{Movie Title} ({Release Year}) {Quality Full} {Movie Title}",
        max_file_name_bytes=255)})
    release = f"{title.replace(' ', '.')}.2008.1080p.BluRay.x264-GRP"
    folder = home.downloads / release
    make_movie(folder / f"{release}.mkv", 1, "1920x1080")
    (folder / "movie.en.forced.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n")
    home.completed(home.add_movie(title, 2008), release, folder)

    report = home.run()

    assert report.blocked == [] and len(report.imported) == 1
    written = [p for p in home.root.rglob("*") if p.is_file()]
    assert sorted(p.suffix for p in written) == [".mkv", ".srt"]
    assert max(len(f".{p.name}.partial".encode()) for p in written) <= 255
