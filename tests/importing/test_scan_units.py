"""The library scan writes a unit of work per batch of folders: a scan stopped between two picks up where it
stopped, adding no movie twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from radarr_pipeline.services.importing import scan
from radarr_pipeline.store import Library

from .homes import Home

NOW = datetime(2026, 6, 1, tzinfo=UTC)


class Stopped(Exception):
    """The scan stopped (a crash, a kill) before its second unit of work."""


def _folders(home: Home) -> None:
    for n in range(5):
        folder = home.root / f"Movie Number {n} ({2000 + n})"
        folder.mkdir()
        (folder / f"Movie Number {n} ({2000 + n}).mkv").write_bytes(b"\0" * 10)
    (home.root / f"Movie Number 0 [{2000}]").mkdir()  # the same new movie again, in a later unit


def _counts(home: Home) -> tuple[int, int, int, int]:
    with home.store.open() as library:
        counts = [library.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
                  for table in ("movies", "variants", "movie_files", "library_folders")]
    return tuple(c[0] for c in counts if c is not None)  # type: ignore[return-value]


def test_a_scan_stopped_between_units_resumes_without_duplicates(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    _folders(home)
    monkeypatch.setattr(scan, "MAX_UNIT", 2)
    monkeypatch.setattr(scan, "FOLDERS_PER_UNIT", 2)
    real = scan._record
    calls: list[int] = []

    def stops_at_the_second_unit(library: Library, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Stopped
        real(library, *args, **kwargs)  # type: ignore[arg-type]  # forwarded as given

    monkeypatch.setattr(scan, "_record", stops_at_the_second_unit)
    with pytest.raises(Stopped):
        scan.scan_root_folders(home.config, NOW)
    movies, _variants, _files, folders = _counts(home)
    assert folders == 2 and 1 <= movies <= 2, "the first unit (two folders, their movies and files) is kept"
    monkeypatch.setattr(scan, "_record", real)
    again = scan.scan_root_folders(home.config, NOW)
    assert (again.unchanged, movies + again.added) == (2, 5)
    assert _counts(home) == (5, 5, 5, 6), "each movie once; the second folder of movie 0 recorded, its file not"
    assert scan.scan_root_folders(home.config, NOW).unchanged == 6


def test_units_grow_to_hold_the_file_about_half_a_second_within_bounds() -> None:
    assert scan.next_unit_size(2_000, 0.05) == 8_000, "at most four times the last unit"
    assert scan.next_unit_size(2_000, 0.2) == 5_000
    assert scan.next_unit_size(4_000, 0.25) == 8_000
    assert scan.next_unit_size(8_000, 0.01) == scan.MAX_UNIT
    assert scan.next_unit_size(20_000, 3.0) == scan.FOLDERS_PER_UNIT, "never below the floor"
    assert scan.next_unit_size(2_000, 0.0) == 8_000


def test_a_library_larger_than_a_page_is_read_page_after_page(home: Home, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first pages are read with the other facts, the rest page after page: every folder and movie is known."""
    _folders(home)
    scan.scan_root_folders(home.config, NOW)
    monkeypatch.setattr(scan, "PAGE_ROWS", 2)
    pages: list[int] = []
    real = scan.read_pages

    def counted(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]  # forwarded as given
        for page in real(*args, **kwargs):  # type: ignore[arg-type]
            pages.append(len(page))
            yield page

    monkeypatch.setattr(scan, "read_pages", counted)
    facts = scan._Facts.load(home.store)
    assert len(facts.known_folders) == 6 and len(facts.movies) == 5
    assert pages == [2, 1, 2, 2, 0], "movies (5) and folders (6) past their first page of 2 read in pages of 2"
    again = scan.scan_root_folders(home.config, NOW)
    assert (again.unchanged, again.added, again.recorded) == (6, 0, 0)
