from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from radarr_pipeline.models import DownloadState, HistoryEvent, IndexerRelease
from radarr_pipeline.store import LibraryStore, StoreError, schema
from radarr_pipeline.store import library as store_library
from radarr_pipeline.store.movies import DuplicateMovieError
from radarr_pipeline.store.schema import Migration, available_migrations

NOW = datetime(2026, 11, 28, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    return LibraryStore(tmp_path / "lib.duckdb", lock_timeout=0.5)


def test_migrations_are_recorded_once(store: LibraryStore) -> None:
    with store.open() as library:
        versions = [r[0] for r in library.conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    with store.open() as library:
        again = [r[0] for r in library.conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    assert versions == again == [m.version for m in available_migrations()]
    assert 1 in versions


def test_pending_migrations_apply_whole_or_not_at_all(store: LibraryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two pending migrations, the second broken: the first is not left applied alone, and the error names the
    broken one; once it is fixed, both apply."""
    with store.open():
        pass
    current = available_migrations()
    last = current[-1].version
    added = Migration(last + 1, "add_a_table", "CREATE TABLE added_by_a_test (id INTEGER)")
    broken = Migration(last + 2, "broken", "ALTER TABLE no_such_table ADD COLUMN x INTEGER")
    monkeypatch.setattr(schema, "available_migrations", lambda: [*current, added, broken])
    monkeypatch.setattr(store_library, "_CURRENT_SCHEMA", {})  # as a process started after the upgrade
    with pytest.raises(StoreError, match=rf"migration {last + 2:04d}_broken: .*no_such_table"), store.open():
        pass
    with duckdb.connect(str(store.path), read_only=True) as conn:
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone() == (last,)
        assert conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'added_by_a_test'"
                            ).fetchone() == (0,), "the migration before the broken one was rolled back with it"
    fixed = Migration(last + 2, "fixed", "ALTER TABLE added_by_a_test ADD COLUMN x INTEGER")
    monkeypatch.setattr(schema, "available_migrations", lambda: [*current, added, fixed])
    with store.open() as library:
        assert library.conn.execute("SELECT max(version) FROM schema_migrations").fetchone() == (last + 2,)


def test_movie_with_two_variants(store: LibraryStore) -> None:
    with store.open() as library:
        movie = library.movies.add(title="Blade Runner 2049", year=2017, tmdb_id=335984, imdb_id="tt1856101")
        hd = library.movies.add_variant(movie.id, quality_profile="HD-1080p", root_folder="/m")
        uhd = library.movies.add_variant(movie.id, quality_profile="Ultra-HD", root_folder="/m4k")
        assert library.movies.add_variant(movie.id, quality_profile="HD-1080p", root_folder="/m") == hd
        statuses = library.movies.statuses()
    assert [(s.variant.id, s.status) for s in statuses] == [(hd.id, "missing"), (uhd.id, "missing")]


def test_duplicate_movie_is_refused(store: LibraryStore) -> None:
    with store.open() as library:
        library.movies.add(title="Heat", year=1995, tmdb_id=949)
    with pytest.raises(DuplicateMovieError, match=r"Heat \(1995\) is already in the library"), store.open() as lib:
        lib.movies.add(title="Heat", year=1995, tmdb_id=949)


def test_error_rolls_back_the_whole_unit_of_work(store: LibraryStore) -> None:
    with pytest.raises(RuntimeError), store.open() as library:
        library.movies.add(title="Alien", year=1979, tmdb_id=348)
        raise RuntimeError("boom")
    with store.open() as library:
        assert library.movies.statuses() == []


def test_releases_deduplicated_by_guid_and_infohash(store: LibraryStore) -> None:
    a = IndexerRelease(guid="g1", title="Heat.1995.1080p.BluRay.x264-GRP", indexer="one", infohash="a" * 40)
    same_hash = IndexerRelease(guid="g2", title="Heat.1995.1080p.BluRay.x264-GRP", indexer="two", infohash="a" * 40)
    other = IndexerRelease(guid="g3", title="Heat.1995.720p.BluRay.x264-GRP", indexer="two")
    with store.open() as library:
        assert [r.release.guid for r in library.releases.add_new([a, same_hash], NOW)] == ["g1"]
    with store.open() as library:
        assert library.releases.add_new([a, same_hash], NOW) == []
        assert [r.release.guid for r in library.releases.add_new([other, a], NOW)] == ["g3"]
        assert library.releases.count() == 2


def test_download_lifecycle_and_history(store: LibraryStore) -> None:
    with store.open() as library:
        movie = library.movies.add(title="Heat", year=1995)
        variant = library.movies.add_variant(movie.id, quality_profile="HD", root_folder="/m")
        tracked = library.downloads.track(variant_id=variant.id, release_id=None, client="qbittorrent",
                                          download_id="ABC", title="Heat", quality="Bluray-1080p", size=1, at=NOW)
        assert tracked.download_id == "abc"
        assert library.downloads.active_variant_ids() == {variant.id}
        library.downloads.update(tracked.id, state=DownloadState.COMPLETED, at=NOW, progress=1.0)
        assert library.downloads.get(tracked.id).completed_at is not None
        library.history.add(HistoryEvent("grabbed", movie_id=movie.id, data={"indexer": "x"}), NOW)
        assert library.history.for_movie(movie.id)[0].data == {"indexer": "x"}


def test_locked_database_gives_a_clear_error(store: LibraryStore, tmp_path: Path) -> None:
    import subprocess
    import sys

    with store.open():
        pass
    with subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(store.path)!r}); print('ok', flush=True); "
         "time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    ) as holder:  # the with-block closes the pipe and waits for the killed holder
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
            with pytest.raises(StoreError, match=r"cannot open library database .*lock"), store.open():
                pass
        finally:
            holder.kill()


def test_tables_written_through_the_store_have_short_row_groups(store: LibraryStore) -> None:
    """A unit of work that fills a row group rewrites it at its checkpoint: short groups keep that hold short."""
    from radarr_pipeline.store.library import ROW_GROUP_SIZE

    rows = ROW_GROUP_SIZE * 2 + 10
    with store.open() as library:
        library.conn.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(?)", [rows])
    with store.open() as library:  # written again in a second unit, to the file's groups
        library.conn.execute("INSERT INTO numbers SELECT range FROM range(?)", [rows])
    with store.connection(read_only=True) as conn:
        groups = conn.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('numbers')").fetchall()
        assert conn.execute("SELECT count(*) FROM numbers").fetchall() == [(2 * rows,)]
    assert groups == [(5,)]


def test_a_unit_joins_a_connection_this_process_already_has_open(store: LibraryStore) -> None:
    """DuckDB refuses to attach a file that a direct connection of the same process has open: the unit joins it."""
    import duckdb

    with store.open():
        pass
    held = duckdb.connect(str(store.path))
    try:
        with store.open() as library:
            library.conn.execute("CREATE TABLE shared AS SELECT 7 AS n")
        assert held.execute("SELECT n FROM shared").fetchall() == [(7,)]
    finally:
        held.close()
