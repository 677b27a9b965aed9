"""DuckDB parse cache: its own file beside the library's, keyed by title and parser version, bulk lookups, misses
parsed once."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import radarr_pipeline.services.scoring as scoring
import radarr_pipeline.store.parse_cache as parse_cache
from radarr_pipeline.parsing import PARSER_VERSION, parse_release_title
from radarr_pipeline.services.scoring import parse_through_cache
from radarr_pipeline.store import LibraryStore, StoreError
from radarr_pipeline.store.parse_cache import ParseCache, cache_path


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    with ParseCache(tmp_path / "x.parse-cache.duckdb").connection() as connection:
        yield connection


def test_the_cache_is_a_file_beside_the_library_and_the_library_keeps_no_parses(tmp_path: Path) -> None:
    store = LibraryStore(tmp_path / "data" / "library.duckdb")
    with store.open() as library:
        assert library.parse_cache.path == tmp_path / "data" / "library.parse-cache.duckdb"
        assert library.conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'parsed_releases'").fetchall() == [(0,)]
    assert cache_path(tmp_path / "media" / "home.duckdb") == tmp_path / "media" / "home.parse-cache.duckdb"


def test_a_cache_not_written_yet_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "none.parse-cache.duckdb")
    with cache.connection(read_only=True) as conn:
        assert parse_cache.cached_parses(conn, ["Movie.2019.1080p.BluRay.x264-GRP"]) == {}
    assert cache.path is not None and not cache.path.exists()


def test_a_cache_of_another_layout_is_emptied_and_set_up_again(tmp_path: Path) -> None:
    path = tmp_path / "old.parse-cache.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute("CREATE TABLE parsed_releases (title VARCHAR, parsed JSON)")
        old.execute("INSERT INTO parsed_releases VALUES ('Movie.2019.1080p.BluRay.x264-GRP', '{}')")
    cache = ParseCache(path)
    with cache.connection(read_only=True) as conn:  # read as empty, not as a wrong parse, and left as it is
        assert parse_cache.cached_parses(conn, ["Movie.2019.1080p.BluRay.x264-GRP"]) == {}
    with cache.connection() as conn:
        assert _rows(conn) == []
        parse_through_cache(conn, ["Movie.2019.1080p.BluRay.x264-GRP"])
    with cache.connection(read_only=True) as conn:
        assert _rows(conn) == [("Movie.2019.1080p.BluRay.x264-GRP", PARSER_VERSION, False)]


def _rows(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    return conn.execute("SELECT title, parser_version, parsed IS NULL FROM parsed_releases ORDER BY title").fetchall()


def test_parse_titles_stores_results_and_not_a_release(conn: duckdb.DuckDBPyConnection) -> None:
    titles = ["Movie.2019.1080p.BluRay.x264-GRP", "0e895c37245186812cb08aab1529cf8ee389dd05"]
    results = parse_through_cache(conn, titles + titles)
    assert list(results) == titles
    assert results[titles[0]] == parse_release_title(titles[0])
    assert results[titles[1]] is None
    assert _rows(conn) == [(titles[1], PARSER_VERSION, True), (titles[0], PARSER_VERSION, False)]


def test_cached_results_are_reused_without_parsing(conn, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Movie.2019.720p.WEB-DL.x264-GRP"
    first = parse_through_cache(conn, [title])
    monkeypatch.setattr(scoring, "parse_many", lambda _titles: pytest.fail("parsed again"))
    assert parse_through_cache(conn, [title]) == first


def test_new_parser_version_reparses(conn, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Movie.2019.720p.WEB-DL.x264-GRP"
    parse_through_cache(conn, [title])
    assert parse_cache.cached_parses(conn, [title], "another-version") == {}
    calls: list[str] = []
    monkeypatch.setattr(scoring, "PARSER_VERSION", "another-version")
    monkeypatch.setattr(scoring, "parse_many", lambda ts: [calls.append(t) or parse_release_title(t) for t in ts])
    parse_through_cache(conn, [title])
    assert calls == [title]
    assert _rows(conn) == [(title, "another-version", False)]


def test_bulk_lookup_is_one_query_per_batch(conn, monkeypatch: pytest.MonkeyPatch) -> None:
    titles = [f"Movie.{n}.2019.1080p.WEB-DL-GRP" for n in range(3000)]
    parse_through_cache(conn, titles)
    executed: list[str] = []
    real_execute = conn.execute

    class Spy:
        def execute(self, sql: str, *args: object):  # type: ignore[no-untyped-def]
            executed.append(sql)
            return real_execute(sql, *args)

    found = parse_cache.cached_parses(Spy(), titles)  # type: ignore[arg-type]
    assert len(found) == 3000 and len(executed) == 1


def test_titles_duckdb_cannot_store_are_still_parsed(conn: duckdb.DuckDBPyConnection) -> None:
    odd = "Movie\ud800.2019.1080p.WEB-DL-GRP"
    results = parse_through_cache(conn, [odd])
    assert odd in results
    assert _rows(conn) == []


TYPED = ", ".join(f'"{c}"' for c in parse_cache.PARSE_COLUMNS)
VARIED = ["Movie.2019.1080p.BluRay.x264-GRP", "Le.Film.AKA.The.Movie.2001.MULTi.2160p.UHD.BluRay.REMUX.HDR-FGT",
          "Some.Movie.2010.PROPER.REAL.720p.HDTV.x264", "Movie.tt0133093.1999.German.DL.1080p.WEB-DL.h264-XYZ",
          "0e895c37245186812cb08aab1529cf8ee389dd05", "Film {tmdb-603} 1999 Directors Cut 1080p"]


def test_typed_columns_are_the_parse(conn: duckdb.DuckDBPyConnection) -> None:
    """What scoring reads from the typed columns is the parse itself (lists joined by LIST_SEPARATOR)."""
    parse_through_cache(conn, VARIED)
    rows = {r[0]: r[1:] for r in conn.execute(f"SELECT title, {TYPED} FROM parsed_releases").fetchall()}
    for title in VARIED:
        parsed = parse_release_title(title)
        expected = parse_cache.parse_columns(parsed) if parsed else (None,) * len(parse_cache.PARSE_COLUMNS)
        assert rows[title] == expected, title


def test_rows_stored_without_their_json_are_misses_for_full_parses(conn, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring stores the typed columns only: a caller wanting the full parse parses the title again (and keeps
    its JSON); a title that is not a release stays a hit (None)."""
    release, not_release = "Movie.2019.1080p.BluRay.x264-GRP", "0e895c37245186812cb08aab1529cf8ee389dd05"
    parsed = {title: parse_release_title(title) for title in (release, not_release)}
    parse_cache.store_parse_rows(conn, PARSER_VERSION, parse_cache.parse_rows(parsed, full=False))
    assert _rows(conn) == [(not_release, PARSER_VERSION, True), (release, PARSER_VERSION, True)]
    assert parse_cache.cached_parses(conn, [release, not_release]) == {not_release: None}
    calls: list[str] = []
    monkeypatch.setattr(scoring, "parse_many", lambda ts: [calls.append(t) or parse_release_title(t) for t in ts])
    assert parse_through_cache(conn, [release, not_release]) == parsed
    assert calls == [release]
    assert _rows(conn) == [(not_release, PARSER_VERSION, True), (release, PARSER_VERSION, False)]


def test_a_cache_file_that_is_not_a_database_is_named_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "library.parse-cache.duckdb"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match=r"parse cache .*deleting the file is safe"), ParseCache(path).connection(
            read_only=True):
        pass


def test_a_unit_that_fails_leaves_no_parse_behind(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "x.parse-cache.duckdb")
    with pytest.raises(RuntimeError), cache.connection() as conn:
        parse_through_cache(conn, ["Movie.2019.1080p.BluRay.x264-GRP"])
        raise RuntimeError("stopped")
    with cache.connection(read_only=True) as conn:
        assert _rows(conn) == []
