"""The wanted list read and written in pages of variants: the same list as one page gives, every hold one page's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from radarr_pipeline.services import wanted as wanted_service
from radarr_pipeline.services.wanted import refresh_wanted, wanted_units
from radarr_pipeline.store import LibraryStore, paging
from radarr_pipeline.store.library import recorded_holds
from tests.cli.conftest import CliHome

NOW = datetime(2026, 11, 28, tzinfo=UTC)


def _library(home: CliHome) -> list[int]:
    root = str(home.config.root_folders[0])
    with LibraryStore(home.config.database).open() as library:
        movies = library.movies.add_many([{"title": f"Movie {i}", "year": 2000, "tmdb_id": i} for i in range(23)])
        variants = library.movies.add_variants_many([(m.id, "HD", root) for m in movies])
        library.files.record_many([{"variant_id": v.id, "path": f"/m/{v.id}.mkv", "size": 4 << 30, "import_mode":
                                    "hardlink", "quality": "Bluray-1080p" if n % 2 else "Bluray-720p"}
                                   for n, v in enumerate(variants[:8])], NOW)
        library.movies.replace_wanted([(variants[0].id, "stale"), (10**9, "gone")], NOW)
    return [v.id for v in variants]


def test_the_wanted_list_in_pages_is_the_list_in_one_page(cli_home: CliHome,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _library(cli_home)
    with recorded_holds() as one_page:
        whole = refresh_wanted(cli_home.config, NOW)
    with LibraryStore(cli_home.config.database).open(read_only=True) as library:
        expected = sorted((w.variant.id, w.reason) for w in library.movies.wanted())
    monkeypatch.setattr(paging.read_pages, "__kwdefaults__", {**paging.read_pages.__kwdefaults__, "rows": 5})
    with LibraryStore(cli_home.config.database).open() as library:
        library.movies.replace_wanted([(ids[0], "stale"), (10**9, "gone")], NOW)
    with recorded_holds() as paged:
        report = refresh_wanted(cli_home.config, NOW)
    with LibraryStore(cli_home.config.database).open(read_only=True) as library:
        got = sorted((w.variant.id, w.reason) for w in library.movies.wanted())
    assert got == expected
    assert sum(1 for _, r in expected if r == "cutoff unmet") == 4  # the 720p files
    assert ids[0] in dict(expected) and dict(expected)[ids[0]] != "stale"
    assert report.rows == whole.rows
    assert len(expected) > 15 and 10**9 not in dict(expected)
    assert len(one_page) == 2 and len(paged) >= 2 * -(-len(expected) // 5)  # a read and a write a page of 5
    assert wanted_service.read_pages is paging.read_pages


def test_the_units_cover_every_variant_id_once() -> None:
    wanted = [(1, "missing"), (4, "missing"), (5, "cutoff unmet"), (9, "missing"), (12, "missing")]
    units = wanted_units(wanted, [4, 8, 12])
    assert units == [(None, 4, wanted[:2]), (4, 8, [wanted[2]]), (8, None, wanted[3:])]
    assert wanted_units([], []) == [(None, None, [])]
