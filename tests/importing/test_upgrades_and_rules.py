"""Upgrades (recycle bin, history), import decisions with their reasons, EXDEV, hostile names, scan, manual import."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from radarr_pipeline.models import DownloadState
from radarr_pipeline.services.importing.manual import manual_import
from radarr_pipeline.services.importing.media import refresh_media_info
from radarr_pipeline.services.importing.recycle import cleanup_recycle_bin
from radarr_pipeline.services.importing.scan import identify_folder, scan_root_folders

from .homes import NOW, Home

RELEASE = "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP"


def _history(home: Home, movie_id: int = 1) -> list:
    with home.store.open() as library:
        return library.history.for_movie(movie_id)


def test_upgrade_recycles_the_old_file_and_says_what_replaced_what(home: Home, make_movie: Callable[..., Path]) -> None:
    variant = home.add_movie()
    old = make_movie(home.downloads / "Big.Buck.Bunny.2008.720p.BluRay.x264-OLD.mkv", 1, "1280x720")
    home.completed(variant, old.stem, old)
    assert len(home.run().imported) == 1
    new = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(variant, RELEASE, new)

    report = home.run(NOW + timedelta(hours=1))

    assert report.imported[0]["replaced"].endswith("Big Buck Bunny (2008) Bluray-720p.mkv")
    recycled = home.path / "recycle" / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-720p.mkv"
    assert recycled.stat().st_ino == old.stat().st_ino
    event = _history(home)[-1]
    assert event.event == "imported" and event.data["replaced_quality"] == "Bluray-720p"
    assert event.data["recycled_to"] == str(recycled)
    with home.store.open() as library:
        assert [f.quality for f in library.files.all()] == ["Bluray-1080p"]
        events = [stored.event for stored in library.outbox.unrouted()]
    # the replaced file's On Movie File Delete (reason upgrade), then the import as an upgrade
    deleted = [e for e in events if e.kind == "movie_file_delete"]
    assert [e.kind for e in events].count("download") == 2 and len(deleted) == 1
    assert events.index(deleted[0]) < [i for i, e in enumerate(events) if e.kind == "download"][-1]
    facts = deleted[0].facts
    assert facts["deleteReason"] == "upgrade" and facts["movie"]["title"] == "Big Buck Bunny"
    assert facts["movieFile"]["path"] == report.imported[0]["replaced"] and facts["movieFile"]["id"] > 0
    assert facts["movieFile"]["quality"] == "Bluray-720p" and facts["movieFile"]["recycleBinPath"] == str(recycled)
    assert facts["movieFile"]["dateAdded"].startswith(NOW.date().isoformat())
    assert [e.facts["isUpgrade"] for e in events if e.kind == "download"] == [False, True]
    # retention: nothing goes before 7 days, then the recycled file is deleted
    assert cleanup_recycle_bin(home.store, 7, NOW + timedelta(days=6)).removed == []
    assert cleanup_recycle_bin(home.store, 7, NOW + timedelta(days=8)).removed == [str(recycled)]
    with home.store.open() as library:
        assert library.recycle_bin.all() == []
    assert not recycled.exists() and old.exists(), "only the recycled link goes; the download is untouched"


def test_not_an_upgrade_is_blocked_with_the_reason_in_history(home: Home, make_movie: Callable[..., Path]) -> None:
    variant = home.add_movie()
    first = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(variant, RELEASE, first)
    home.run()
    worse = make_movie(home.downloads / "Big.Buck.Bunny.2008.720p.BluRay.x264-W.mkv", 1, "1280x720")
    download = home.completed(variant, worse.stem, worse)
    report = home.run()
    reason = "Not an upgrade for existing movie file"
    assert reason in report.blocked[0]["reason"] and "Bluray-1080p" in report.blocked[0]["reason"]
    with home.store.open() as library:
        assert library.downloads.get(download.id).state == DownloadState.IMPORT_BLOCKED
        assert reason in (library.downloads.get(download.id).status_message or "")
    assert reason in _history(home)[-1].data["reason"]


def test_free_space_waits_unless_the_check_is_skipped(home: Home, make_movie: Callable[..., Path]) -> None:
    from radarr_pipeline.config import parse_config

    from .homes import config_data

    def configure(**decisions: object) -> None:
        data = config_data(home.root)
        data["decisions"] = {"minimum_free_space_mb": 1 << 40, **decisions}  # more than any disk here has
        home.config = parse_config(data, source="test", base_dir=home.path)

    movie = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(home.add_movie(), RELEASE, movie)
    configure()
    report = home.run()
    assert not report.imported and report.waiting[0]["reason"].startswith(f"not enough free space in {home.root}")
    configure(skip_free_space_check=True)
    assert len(home.run().imported) == 1, "Radarr's Skip Free Space Check"


def test_samples_unpacking_and_wrong_movie(home: Home, make_movie: Callable[..., Path]) -> None:
    short = home.add_movie("Sintel", 2010, runtime=15)
    clip = make_movie(home.downloads / "Sintel.2010.1080p.BluRay.x264-GRP.mkv", 2, "1920x1080")
    home.completed(short, clip.stem, clip)
    unpacking = home.downloads / "Tears.of.Steel.2012.1080p.BluRay.x264-GRP"
    make_movie(unpacking / "tos.mkv", 1, "1920x1080")
    (unpacking / "_UNPACK_tos").mkdir()
    home.completed(home.add_movie("Tears of Steel", 2012), unpacking.name, unpacking)
    wrong = make_movie(home.downloads / "Cosmos.Laundromat.2015.1080p.BluRay.x264-GRP.mkv", 1, "1920x1080")
    home.completed(home.add_movie("Elephants Dream", 2006), "Elephants.Dream.2006.1080p.BluRay.x264-GRP", wrong)

    report = home.run()

    reasons = {row["download"]: row["reason"] for row in report.blocked + report.waiting}
    assert reasons["Sintel.2010.1080p.BluRay.x264-GRP"].startswith("Sample: Sintel.2010.1080p.BluRay.x264-GRP.mkv runs")
    assert reasons[unpacking.name].startswith("unpack still running (_UNPACK_tos)")
    assert reasons["Elephants.Dream.2006.1080p.BluRay.x264-GRP"] == (
        "the file is Cosmos Laundromat (2015), not the grabbed movie Elephants Dream (2006)")
    with home.store.open() as library:
        waiting = library.downloads.in_states(DownloadState.COMPLETED)
    assert [d.title for d in waiting] == [unpacking.name], "an unpack in progress waits, it is not blocked"


def test_real_exdev_copies_and_verifies(tmp_path: Path, make_movie: Callable[..., Path]) -> None:
    with tempfile.TemporaryDirectory(dir="/dev/shm") as shm:
        if os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
            pytest.skip("/dev/shm is on the same filesystem as the temp folder here")
        from radarr_pipeline.config import parse_config

        from .homes import config_data

        root = Path(shm) / "library"
        root.mkdir()
        home = Home(tmp_path, root, tmp_path / "downloads",
                    parse_config(config_data(root), source="test", base_dir=tmp_path))
        source = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
        home.completed(home.add_movie(), RELEASE, source)
        report = home.run()
        final = root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
        assert report.imported[0]["mode"] == "copy"
        assert final.read_bytes() == source.read_bytes() and final.stat().st_dev != source.stat().st_dev
        assert not list(root.rglob("*.partial"))
        with home.store.open() as library:
            assert library.files.all()[0].import_mode == "copy"


@pytest.mark.parametrize("title", [
    "../../../../etc/Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP",
    "Big.Buck.Bunny/../../2008.1080p.BluRay.x264-GRP",
    "Big.Buck.Bunny.2008.1080p\x00\x1b[31m.BluRay.x264-G/R/P",
    "Big.Buck.Bunny.2008." + "A" * 5000 + ".1080p.BluRay.x264-GRP",
])
def test_hostile_release_names_never_write_outside_the_root(
    home: Home, make_movie: Callable[..., Path], title: str
) -> None:
    source = make_movie(home.downloads / "movie.mkv", 1, "1920x1080")
    home.completed(home.add_movie(), title, source)
    before = set(home.path.rglob("*"))
    report = home.run()
    created = set(home.path.rglob("*")) - before
    outside = [p for p in created if not p.resolve().is_relative_to(home.root.resolve())
               and p.name != "library.duckdb.wal"]
    assert outside == []
    assert len(report.imported) + len(report.blocked) == 1
    for row in report.imported:
        assert Path(str(row["file"])).resolve().is_relative_to(home.root.resolve())
        assert len(Path(str(row["file"])).name.encode()) <= 255


def test_unreadable_download_is_blocked_and_left_as_it_was(home: Home, make_movie: Callable[..., Path]) -> None:
    """A file the importer may not read: the import is blocked with a reason and the source stays as it was.

    Root reads everything, so as root the import process runs without the capabilities that bypass file
    permissions (setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), which makes a mode-000 file unreadable.
    """
    folder = home.downloads / RELEASE
    source = make_movie(folder / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(home.add_movie(), RELEASE, folder)
    source.chmod(0o000)
    child = Path(__file__).with_name("crash_child.py")
    config = home.path / "config.yaml"
    import yaml

    from .homes import config_data
    config.write_text(yaml.safe_dump(config_data(home.root)))
    command = [sys.executable, str(child), str(config)]
    if os.getuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv (util-linux) is needed to drop root's file-permission override")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    finally:
        source.chmod(0o644)
    assert result.returncode == 0, result.stderr
    assert "blocked=1" in result.stdout and "Permission denied" in result.stdout, result.stdout
    assert source.stat().st_nlink == 1 and not list(home.root.rglob("*.mkv"))


def test_identify_folder() -> None:
    assert identify_folder("The Matrix (1999)").title == "The Matrix"
    heat = identify_folder("Heat (1995) {tmdb-949}")
    assert (heat.title, heat.year, heat.tmdb_id) == ("Heat", 1995, 949)
    assert identify_folder("Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP").year == 2008
    assert identify_folder("random stuff") is None


def test_library_scan_matches_adds_and_records(home: Home, make_movie: Callable[..., Path]) -> None:
    home.add_movie("Big Buck Bunny", 2008)
    make_movie(home.root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv", 1, "1920x1080")
    make_movie(home.root / "Sintel (2010)" / "Sintel.2010.WEB-DL.mkv", 1, "1280x720")
    (home.root / "Not a movie").mkdir()
    report = scan_root_folders(home.config, NOW)
    with home.store.open() as library:
        titles = sorted(s.movie.title for s in library.movies.statuses())
        assert library.files.count_lacking_media_info() == 2, "the scan leaves MediaInfo to the background step"
    refreshed = refresh_media_info(home.store, NOW)
    with home.store.open() as library:
        files = {Path(f.path).name: f.quality for f in library.files.all()}
        runtimes = [row[0] for row in library.conn.execute("SELECT runtime_seconds FROM movie_files").fetchall()]
    assert (report.folders, report.matched, report.added, report.recorded) == (3, 1, 1, 2)
    assert (refreshed.read, refreshed.unreadable, refreshed.remaining) == (2, 0, 0)
    assert refreshed.requalified == [{"file": "Sintel.2010.WEB-DL.mkv", "named": "WEBDL-480p",
                                      "measured": "WEBDL-720p"}]
    assert files == {"Big Buck Bunny (2008) Bluray-1080p.mkv": "Bluray-1080p", "Sintel.2010.WEB-DL.mkv": "WEBDL-720p"}
    assert all(r and r > 0 for r in runtimes)
    assert titles == ["Big Buck Bunny", "Sintel"]
    assert report.unmatched == [{"folder": "Not a movie", "reason": "no title and year in the name"}]
    again = scan_root_folders(home.config, NOW)
    with home.store.open() as library:
        assert library.mediainfo_cache.count() == 2
    assert refresh_media_info(home.store, NOW).read == 0
    assert (again.unchanged, again.recorded, again.added) == (3, 0, 0)


def test_library_scan_uses_cached_media_info_and_adds_in_bulk(home: Home, make_movie: Callable[..., Path]) -> None:
    """A file whose MediaInfo is cached (same path, size, mtime) gets its measured quality in the scan itself;
    two folders naming the same new movie add it once; a second root folder gets its own version."""
    source = make_movie(home.root / "Sintel (2010)" / "Sintel.2010.WEB-DL.mkv", 1, "1280x720")
    (home.root / "Sintel [2010]").mkdir()
    assert refresh_media_info(home.store, NOW).read == 0  # nothing recorded yet: nothing read
    with home.store.open() as library:
        from radarr_pipeline.services.importing.media import cached_media_info
        cached_media_info(library, source, NOW)
    report = scan_root_folders(home.config, NOW)
    with home.store.open() as library:
        files = [(Path(f.path).name, f.quality) for f in library.files.all()]
        statuses = library.movies.statuses()
        assert library.files.count_lacking_media_info() == 0
    assert (report.added, report.matched, report.recorded) == (1, 1, 1)
    assert files == [("Sintel.2010.WEB-DL.mkv", "WEBDL-720p")]
    assert [(s.movie.title, s.movie.year) for s in statuses] == [("Sintel", 2010)]


def test_manual_import_by_cli_moves_a_folder(home: Home, make_movie: Callable[..., Path]) -> None:
    import yaml

    from .homes import config_data
    variant = home.add_movie()
    assert variant
    folder = home.downloads / RELEASE
    source = make_movie(folder / f"{RELEASE}.mkv", 1, "1920x1080")
    config = home.path / "config.yaml"
    config.write_text(yaml.safe_dump(config_data(home.root)))
    result = subprocess.run([sys.executable, "-m", "radarr_pipeline.cli", "import", str(folder), "--mode", "move",
                             "--config", str(config)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    final = home.root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-1080p.mkv"
    assert "Imported Big Buck Bunny (2008)" in result.stdout and final.is_file()
    assert not source.exists(), "moved: nothing seeds a folder imported by hand"
    again = subprocess.run([sys.executable, "-m", "radarr_pipeline.cli", "import", str(home.downloads / "nope"),
                            "--config", str(config)], capture_output=True, text=True, timeout=60, check=False)
    assert again.returncode == 1 and "does not exist" in again.stderr


def test_manual_import_in_process_names_the_rejection(home: Home, make_movie: Callable[..., Path]) -> None:
    home.add_movie()
    folder = home.downloads / RELEASE
    make_movie(folder / "Sample" / "sample.mkv", 1, "1920x1080")
    outcome = manual_import(home.config, folder, NOW)
    assert str(outcome) == "Sample: sample.mkv is named as a sample"


def test_media_info_job_reads_what_the_scan_recorded(home: Home, make_movie: Callable[..., Path]) -> None:
    """The background step as Dagster runs it: the scanned file gets MediaInfo and its measured quality."""
    import dagster as dg
    import yaml

    from dagster_project.defs.library_scan import library_media_info
    from dagster_project.resources import RadarrResource

    from .homes import config_data
    make_movie(home.root / "Sintel (2010)" / "Sintel.2010.WEB-DL.mkv", 1, "1280x720")
    config = home.path / "config.yaml"
    config.write_text(yaml.safe_dump(config_data(home.root)))
    scan_root_folders(home.config, NOW)
    result = dg.materialize([library_media_info], resources={"radarr": RadarrResource(config_path=str(config))})
    assert result.success
    with home.store.open() as library:
        assert [f.quality for f in library.files.all()] == ["WEBDL-720p"]
        assert library.files.count_lacking_media_info() == 0


def test_two_versions_never_share_a_file_name(home: Home, make_movie: Callable[..., Path]) -> None:
    """Two versions of one movie in one root folder, both completing as Bluray-1080p in the same run: the first
    is filed, the second is blocked with the reason, and the first file is left whole."""
    from radarr_pipeline.config import parse_config

    from .homes import config_data

    data = config_data(home.root)
    data["quality_profiles"].append({**data["quality_profiles"][0], "name": "Any"})
    home.config = parse_config(data, source="test", base_dir=home.path)
    first_variant = home.add_movie()
    with home.store.open() as library:
        second_variant = library.movies.add_variant(library.movies.variant(first_variant).movie_id,
                                                    quality_profile="Any", root_folder=str(home.root)).id
    first = make_movie(home.downloads / "A" / f"{RELEASE}.mkv", 1, "1920x1080")
    second = make_movie(home.downloads / "B" / f"{RELEASE}.mkv", 2, "1920x1080")
    home.completed(first_variant, RELEASE, first.parent, download_id="a" * 40)
    home.completed(second_variant, RELEASE, second.parent, download_id="b" * 40)

    report = home.run()

    assert len(report.imported) == 1
    assert [row["reason"] for row in report.blocked] == [
        "another version of this movie is being filed as Big Buck Bunny (2008) Bluray-1080p.mkv in this run; give "
        "the versions names that tell them apart (e.g. {Quality Full} or {Edition Tags} in the file format)"
    ]
    filed = next(home.root.rglob("*.mkv"))
    assert filed.stat().st_ino == first.stat().st_ino
    with home.store.open() as library:
        assert [f.path for f in library.files.all()] == [str(filed)]


def test_a_failed_upgrade_puts_the_old_file_back(home: Home, make_movie: Callable[..., Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename of the new file fails after the old one went to the recycle bin: the old file returns to its
    place, so the library's record of it stays true."""
    from radarr_pipeline.services.importing import operations

    variant = home.add_movie()
    old = make_movie(home.downloads / "Big.Buck.Bunny.2008.720p.BluRay.x264-OLD.mkv", 1, "1280x720")
    home.completed(variant, old.stem, old)
    assert len(home.run().imported) == 1
    filed = home.root / "Big Buck Bunny (2008)" / "Big Buck Bunny (2008) Bluray-720p.mkv"
    new = make_movie(home.downloads / f"{RELEASE}.mkv", 1, "1920x1080")
    home.completed(variant, RELEASE, new)
    real_replace = os.replace

    def refuse_final_rename(source: object, target: object) -> None:
        if str(target).endswith("Bluray-1080p.mkv"):
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(operations.os, "replace", refuse_final_rename)
    report = home.run(NOW + timedelta(hours=1))

    assert report.imported == [] and "Permission denied" in report.blocked[0]["reason"]
    assert filed.stat().st_ino == old.stat().st_ino, "the old file is back where the library records it"
    assert not list((home.path / "recycle").rglob("*.mkv"))
    with home.store.open() as library:
        assert [f.path for f in library.files.all()] == [str(filed)]


def test_library_scan_matches_folders_as_releases_are_matched(home: Home) -> None:
    """A folder named by an alternative title, or with the sequel's number written the other way, is the movie
    of the library (the rule releases are matched by), not a new one."""
    from radarr_pipeline.store.candidates import MovieDetailsRepository

    home.add_movie("Rocky II", 1979)
    home.add_movie("Le Fabuleux Destin d'Amélie Poulain", 2001)
    with home.store.open() as library:
        (amelie,) = [s.movie for s in library.movies.statuses() if s.movie.year == 2001]
        MovieDetailsRepository(library.conn).add_alternative_titles(amelie.id, ["Amélie"])
    (home.root / "Rocky 2 (1979)").mkdir()
    (home.root / "Amelie (2001)").mkdir()
    (home.root / "Rocky 2 (1985)").mkdir()  # another year: another film
    report = scan_root_folders(home.config, NOW)
    assert (report.matched, report.added) == (2, 1)
    with home.store.open() as library:
        titles = sorted((s.movie.title, s.movie.year) for s in library.movies.statuses())
    assert titles == [("Le Fabuleux Destin d'Amélie Poulain", 2001), ("Rocky 2", 1985), ("Rocky II", 1979)]
