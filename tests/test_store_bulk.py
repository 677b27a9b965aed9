"""Bulk write paths of the store, the schema checked once per process, and the record of how long a file is held."""

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radarr_pipeline.models import DownloadState, IndexerRelease
from radarr_pipeline.store import LibraryStore, StoreError, bulk
from radarr_pipeline.store import library as library_module
from radarr_pipeline.store.bulk import bulk_rows, bulk_select, reserve_ids
from radarr_pipeline.store.downloads import FollowedUpdate, NewDownload
from radarr_pipeline.store.files import ScannedFiles
from radarr_pipeline.store.indexer_status import StoredReleaseDetails
from radarr_pipeline.store.library import recorded_holds
from radarr_pipeline.store.paging import read_pages

NOW = datetime(2026, 11, 28, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> LibraryStore:
    return LibraryStore(tmp_path / "lib.duckdb", lock_timeout=0.5)


@pytest.fixture(autouse=True, params=["as lists", "as a frame"])
def rows_passed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bulk path both ways: a few rows go as list parameters, many as a registered frame."""
    threshold = 10**12 if request.param == "as lists" else 0
    monkeypatch.setattr(bulk, "FRAME_VALUES", threshold)
    monkeypatch.setattr(bulk, "FRAME_VALUES_WITH_PANDAS_LOADED", threshold)


def _release(i: int, *, infohash: str | None = None, **extra: object) -> IndexerRelease:
    return IndexerRelease(guid=f"g{i}", title=f"Movie.{i}.2010.1080p.BluRay.x264-GRP", indexer="one",
                          infohash=infohash, **extra)  # type: ignore[arg-type]


def test_many_releases_in_one_call_keep_their_order_and_every_field(store: LibraryStore) -> None:
    published = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    rich = _release(0, infohash="c" * 40, size=2**40, seeders=None, peers=3, tmdb_id=603, imdb_id="tt0133093",
                    categories=(2000, 2040), indexer_flags=("freeleech",), languages=("french",),
                    published_at=published, download_volume_factor=0.0, protocol="torrent")
    releases = [rich, *(_release(i) for i in range(1, 3000))]
    with store.open() as library:
        stored = library.releases.add_new(releases, NOW)
        assert [s.release.guid for s in stored] == [r.guid for r in releases]
        assert [s.id for s in stored] == sorted(s.id for s in stored)
        again = library.releases.get(stored[0].id).release
    assert again.size == 2**40 and again.seeders is None and again.peers == 3 and again.tmdb_id == 603
    assert again.categories == (2000, 2040) and again.indexer_flags == ("freeleech",)
    assert again.languages == ("french",) and again.published_at == published
    assert again.download_volume_factor == 0.0
    assert stored[1].release.categories == () and stored[1].release.published_at is None


def test_adding_the_same_releases_again_adds_nothing_and_later_ids_follow(store: LibraryStore) -> None:
    with store.open() as library:
        first = library.releases.add_new([_release(i) for i in range(100)], NOW)
    with store.open() as library:
        assert library.releases.add_new([_release(i) for i in range(100)], NOW) == []
        later = library.releases.add_new([_release(i) for i in range(90, 110)], NOW)
        assert library.releases.count() == 110
    assert [r.release.guid for r in later] == [f"g{i}" for i in range(100, 110)]
    assert later[0].id == first[-1].id + 1


def test_a_known_infohash_under_a_new_guid_is_not_new_but_an_empty_one_is_no_infohash(store: LibraryStore) -> None:
    with store.open() as library:
        library.releases.add_new([_release(1, infohash="a" * 40), _release(2, infohash="")], NOW)
        fresh = library.releases.add_new([_release(3, infohash="a" * 40), _release(4, infohash="")], NOW)
    assert [r.release.guid for r in fresh] == ["g4"]


def test_wanted_list_replaced_in_bulk(store: LibraryStore) -> None:
    with store.open() as library:
        movies = library.movies.add_many([{"title": f"M{i}", "year": 2000, "tmdb_id": i} for i in range(50)])
        variants = library.movies.add_variants_many([(m.id, "HD-1080p", "/m") for m in movies])
        library.movies.replace_wanted([(v.id, "missing") for v in variants], NOW)
        library.movies.replace_wanted([(v.id, "cutoff unmet") for v in variants[:10]], NOW)
        wanted = library.movies.wanted()
    assert [(w.variant.id, w.reason) for w in wanted] == sorted((v.id, "cutoff unmet") for v in variants[:10])


def test_a_wanted_list_written_range_by_range_leaves_the_rows_outside_the_range(store: LibraryStore) -> None:
    with store.open() as library:
        movies = library.movies.add_many([{"title": f"M{i}", "year": 2000, "tmdb_id": i} for i in range(30)])
        ids = sorted(v.id for v in library.movies.add_variants_many([(m.id, "HD-1080p", "/m") for m in movies]))
        library.movies.replace_wanted([(i, "missing") for i in ids], NOW)
        library.movies.replace_wanted_between(ids[9], ids[19], [(ids[12], "cutoff unmet")], NOW)
        first = sorted((w.variant.id, w.reason) for w in library.movies.wanted())
        library.movies.replace_wanted_between(ids[19], None, [], NOW)
        library.movies.replace_wanted_between(None, ids[9], [(ids[0], "cutoff unmet")], NOW)
        second = sorted((w.variant.id, w.reason) for w in library.movies.wanted())
    missing = [(i, "missing") for i in ids[:10] + ids[20:]]
    assert first == sorted([*missing, (ids[12], "cutoff unmet")])
    assert second == [(ids[0], "cutoff unmet"), (ids[12], "cutoff unmet")]


def test_a_table_read_in_pages_is_every_row_once_each_page_its_own_hold(store: LibraryStore) -> None:
    with store.open() as library:
        movies = library.movies.add_many([{"title": f"M{i}", "year": 2000, "tmdb_id": i} for i in range(25)])
        library.movies.add_variants_many([(m.id, "HD-1080p", "/m") for m in movies])
        whole = library.movies.monitored_variant_rows()
    with recorded_holds() as holds:
        pages = list(read_pages(store, lambda library, after, limit: library.movies.monitored_variant_rows(
            after, limit), key=lambda row: row[0], rows=10))
    assert [len(page) for page in pages] == [10, 10, 5]
    assert [row for page in pages for row in page] == whole
    assert len(holds) == 3


def test_release_details_keep_the_first_of_a_guid(store: LibraryStore) -> None:
    first = StoredReleaseDetails("g1", "hd", "Movie", "x264", "Blu-ray", "Scene")
    second = StoredReleaseDetails("g1", "hd", "Movie", "HEVC", "Encode", None)
    with store.open() as library:
        assert library.release_details.add([first, second], NOW) == 2
        library.release_details.add([second], NOW)
        assert library.release_details.get("g1") == first


def test_searches_recorded_together_count_as_recorded_one_by_one(store: LibraryStore, tmp_path: Path) -> None:
    searches = [("one", 1, 3), ("two", 1, 0), ("one", 1, 5), ("one", 2, 1)]
    other = LibraryStore(tmp_path / "other.duckdb")
    with store.open() as library:
        library.movie_searches.record_many(searches, NOW)
        library.movie_searches.record_many([("one", 2, 4)], NOW + timedelta(hours=1))
        bulk = library.conn.execute("SELECT * FROM movie_searches ORDER BY ALL").fetchall()
    with other.open() as library:
        for indexer, movie_id, found in searches:
            library.movie_searches.record(indexer, movie_id, NOW, found)
        library.movie_searches.record("one", 2, NOW + timedelta(hours=1), 4)
        single = library.conn.execute("SELECT * FROM movie_searches ORDER BY ALL").fetchall()
    assert bulk == single


def test_followed_downloads_updated_together_as_one_by_one(store: LibraryStore, tmp_path: Path) -> None:
    other = LibraryStore(tmp_path / "other.duckdb")
    later = NOW + timedelta(minutes=5)
    updates = [
        FollowedUpdate(1, DownloadState.DOWNLOADING, progress=0.5, content_path="/dl/a", client_state="downloading",
                       eta_seconds=60),
        FollowedUpdate(2, DownloadState.COMPLETED, progress=1.0, status_message="done", stalled_since=None),
        FollowedUpdate(3, DownloadState.STALLED, stalled_since=NOW),
    ]
    tables = []
    for target, together in ((store, True), (other, False)):
        with target.open() as library:
            for n in range(1, 4):
                library.downloads.track(variant_id=n, release_id=None, client="qbittorrent", download_id=f"{n}" * 40,
                                        title=f"t{n}", quality="Bluray-1080p", size=None, at=NOW)
            library.downloads.update(3, state=DownloadState.DOWNLOADING, at=NOW, progress=0.2,
                                     content_path="/dl/c", client_state="stalledDL")
            if together:
                library.downloads.update_followed_many(updates, later)
            else:
                for u in updates:
                    library.downloads.update(u.download_pk, state=u.state, at=later, progress=u.progress,
                                             content_path=u.content_path, status_message=u.status_message,
                                             client_state=u.client_state, eta_seconds=u.eta_seconds,
                                             stalled_since=u.stalled_since)
            tables.append(library.conn.execute("SELECT * FROM downloads ORDER BY id").fetchall())
    assert tables[0] == tables[1]
    assert tables[0][2][9] == 0.2  # progress not reported: kept, as update() keeps it


def test_bulk_rows_keep_types_and_nulls_and_leave_nothing_behind(store: LibraryStore) -> None:
    with store.open() as library:
        with bulk_rows(library.conn, {"a": [1, None, 2**60], "b": ["x", None, None], "c": [[1], [], None]}) as rows:
            found = library.conn.execute(
                f"SELECT a::BIGINT, b::VARCHAR, c::INTEGER[] FROM {rows.sql} WHERE a IS NULL OR a > ?",
                [*rows.params, 0]).fetchall()  # the FROM item comes first here
        assert sorted(found, key=str) == sorted([(1, "x", [1]), (None, None, []), (2**60, None, None)], key=str)
        views = library.conn.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchall()
        assert views == [(0,)]
        with pytest.raises(ValueError, match="different lengths"), bulk_rows(library.conn, {"a": [1], "b": []}):
            pass


def test_reserved_ids_follow_each_other_and_are_not_given_again(store: LibraryStore) -> None:
    with store.open() as library:
        first = reserve_ids(library.conn, "releases_id_seq", 1000)
        assert reserve_ids(library.conn, "releases_id_seq", 1) == first + 1000


class _Counted:
    def __init__(self, wrapped):  # type: ignore[no-untyped-def]
        self.wrapped, self.calls = wrapped, 0

    def __call__(self, *args):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.wrapped(*args)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[_Counted, _Counted]:
    """The migration (write) and schema check (read-only) of LibraryStore, counted; a fresh process's memory."""
    monkeypatch.setattr(library_module, "_CURRENT_SCHEMA", {})
    migrate, pending = _Counted(library_module.migrate), _Counted(library_module.pending_migrations)
    monkeypatch.setattr(library_module, "migrate", migrate)
    monkeypatch.setattr(library_module, "pending_migrations", pending)
    return migrate, pending


def test_the_schema_is_checked_once_per_process_and_file(counted: tuple[_Counted, _Counted], tmp_path: Path) -> None:
    migrate, pending = counted
    store = LibraryStore(tmp_path / "lib.duckdb")
    for _ in range(3):
        with store.open() as library:
            library.movies.add(title=f"M{migrate.calls}{pending.calls}{_}", year=2000)
        with store.open(read_only=True):
            pass
    with LibraryStore(tmp_path / "." / "lib.duckdb").open(read_only=True):  # the same file by another path
        pass
    assert (migrate.calls, pending.calls) == (1, 0)
    with LibraryStore(tmp_path / "other.duckdb").open():
        pass
    assert migrate.calls == 2


def test_a_file_replaced_at_the_same_path_is_checked_again(counted: tuple[_Counted, _Counted], tmp_path: Path) -> None:
    migrate, _ = counted
    store = LibraryStore(tmp_path / "lib.duckdb")
    with store.open() as library:
        library.movies.add(title="Heat", year=1995)
    shutil.copy(store.path, tmp_path / "backup.duckdb")
    with store.open() as library:
        library.movies.add(title="Alien", year=1979)
    assert migrate.calls == 1
    shutil.copy(tmp_path / "backup.duckdb", store.path)  # a restored backup: same path, same inode, other content
    with store.open() as library:
        assert [m.movie.title for m in library.movies.statuses()] == []  # no variants; the file opened fine
        assert library.movies.of_year(1979) == []
    assert migrate.calls == 2
    store.path.unlink()
    with store.open() as library:  # a new, empty file where the old one was: set up again
        library.movies.add(title="Heat", year=1995)
    assert migrate.calls == 3


def test_holds_are_recorded_only_while_someone_listens(store: LibraryStore) -> None:
    with store.open():
        pass
    with recorded_holds() as holds:
        with store.open() as library:
            library.movies.add(title="Heat", year=1995)
        with store.open(read_only=True):
            pass
    with store.open():
        pass
    assert [(h.path, h.read_only) for h in holds] == [(str(store.path), False), (str(store.path), True)]
    assert all(0 < h.seconds < 60 for h in holds)
    assert library_module.HOLD_LISTENERS == []


def test_downloads_tracked_together_as_one_by_one_and_a_known_one_refused(store: LibraryStore) -> None:
    new = [NewDownload(variant_id=n, release_id=n * 10, client="qbittorrent", download_id=f"{n:x}".upper() * 40,
                       title=f"t{n}", quality="Bluray-1080p", size=None if n == 2 else n) for n in (1, 2, 3)]
    with store.open() as library:
        ids = library.downloads.track_many(new, NOW)
        single = library.downloads.track(variant_id=4, release_id=None, client="qbittorrent", download_id="4" * 40,
                                         title="t4", quality="Bluray-1080p", size=4, at=NOW)
        tracked = [library.downloads.get(i) for i in ids]
    assert ids == sorted(ids) and single.id == ids[-1] + 1
    assert [(d.variant_id, d.release_id, d.download_id, d.size, d.state, d.grabbed_at) for d in tracked] == [
        (n, n * 10, f"{n:x}" * 40, None if n == 2 else n, DownloadState.QUEUED, NOW) for n in (1, 2, 3)]
    with pytest.raises(StoreError), store.open() as library:
        library.downloads.track_many([new[0], NewDownload(5, None, "qbittorrent", "5" * 40, "t5", "Bluray-1080p", 5)],
                                     NOW)
    with store.open() as library:
        assert len(library.downloads.active()) == 4


def test_bulk_select_sends_a_column_of_one_repeated_value_once_and_keeps_the_rows() -> None:
    import duckdb

    conn = duckdb.connect()
    columns = [("id", [1, 2, 3], "BIGINT"), ("mode", ["x", "x", "x"], "VARCHAR"),
               ("gap", [None, None, None], "INTEGER"), ("name", ["a", None, "c"], "VARCHAR")]
    with bulk_select(conn, columns) as selected:
        assert selected.items == ['"id"::BIGINT', "?::VARCHAR", "?::INTEGER", '"name"::VARCHAR']
        assert selected.constants == ["x", None]
        rows = conn.execute(f"SELECT {', '.join(selected.items)}, ? FROM {selected.rows.sql}",
                            [*selected.constants, "between", *selected.rows.params]).fetchall()
    assert sorted(rows) == [(1, "x", None, "a", "between"), (2, "x", None, None, "between"),
                            (3, "x", None, "c", "between")]
    with bulk_select(conn, [("n", [7, 7], "BIGINT"), ("s", ["a", "a"], "VARCHAR")]) as selected:  # the last listed
        assert conn.execute(f"SELECT {', '.join(selected.items)} FROM {selected.rows.sql}",
                            [*selected.constants, *selected.rows.params]).fetchall() == [(7, "a"), (7, "a")]


def test_recorded_files_replace_the_row_of_their_variant_or_their_path(store: LibraryStore) -> None:
    """A file recorded (imported, or found by a scan) replaces the row of the same variant and the row at the same
    path; the others stay. Both writers, both ways of passing the rows."""
    with store.open() as library:
        variants = [library.movies.add_variant(library.movies.add(title=f"Movie {n}", year=2000 + n).id,
                                               quality_profile="HD", root_folder="/m").id for n in range(4)]
        library.files.record_many([{"variant_id": v, "path": f"/m/{n}.mkv", "size": 1, "quality": "HDTV-720p",
                                    "import_mode": "hardlink"} for n, v in enumerate(variants)], NOW)
        library.files.record_existing(ScannedFiles.from_rows(
            [variants[0], variants[3]],
            [("/m/0-new.mkv", 2, "Bluray-1080p", "GRP", None, 2, None, None),  # variant 0: a new file
             ("/m/1.mkv", 3, "Bluray-1080p", None, None, 1, None, None)]),      # variant 1's path, now variant 3's
            NOW)
        by_variant = {f.variant_id: (f.path, f.size, f.quality, f.import_mode) for f in library.files.all()}
        library.files.record_many([{"variant_id": variants[2], "path": "/m/0-new.mkv", "size": 4,
                                    "quality": "WEBDL-1080p", "import_mode": "move"}], NOW)
        after_import = {f.variant_id: f.path for f in library.files.all()}
    assert by_variant == {variants[0]: ("/m/0-new.mkv", 2, "Bluray-1080p", "existing"),
                          variants[2]: ("/m/2.mkv", 1, "HDTV-720p", "hardlink"),
                          variants[3]: ("/m/1.mkv", 3, "Bluray-1080p", "existing")}
    assert after_import == {variants[2]: "/m/0-new.mkv", variants[3]: "/m/1.mkv"}
