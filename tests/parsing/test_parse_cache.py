"""DuckDB parse cache: keyed by title and parser version, bulk lookups, misses parsed once."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import radarr_pipeline.services.scoring as scoring
import radarr_pipeline.store.parse_cache as parse_cache
from radarr_pipeline.parsing import PARSER_VERSION, parse_release_title
from radarr_pipeline.services.scoring import parse_through_cache

MIGRATION = Path(parse_cache.__file__).with_name("migrations") / "0010_parse_cache.sql"


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "x.duckdb"))
    connection.execute(MIGRATION.read_text(encoding="utf-8"))
    yield connection
    connection.close()


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
