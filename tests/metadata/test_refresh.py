"""The movie_metadata refresh: due movies first, bounded per run, changes written where naming and the
availability rule read them; and hostile metadata becomes clean names inside the root folder."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb

from radarr_pipeline.decisions.frame import available_from
from radarr_pipeline.models import Movie, Variant
from radarr_pipeline.naming.models import MovieFileInfo, NamingConfig
from radarr_pipeline.services.importing.plan import destination_for
from radarr_pipeline.services.metadata_refresh import refresh_metadata
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.tmdb import TmdbServer
from tests.cli.conftest import CliHome

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def rows(home: CliHome, sql: str) -> list[tuple]:
    with duckdb.connect(str(home.database), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def age_everything(home: CliHome, days: int) -> None:
    with duckdb.connect(str(home.database)) as conn:
        conn.execute("UPDATE movies SET metadata_refreshed_at = ?", [NOW - timedelta(days=days)])


def library_movie(home: CliHome, movie_id: int) -> Movie:
    with LibraryStore(home.database).open(read_only=True) as library:
        return library.movies.get(movie_id)


def test_a_changed_title_year_and_collection_reach_naming(tmdb_home: CliHome, tmdb_server: TmdbServer) -> None:
    assert tmdb_home.run("movies", "add", "tmdb:10378").exit_code == 0
    changed = copy.deepcopy(tmdb_server.movies[10378])
    changed.update(title="Big Buck Bunny: Director's Cut", release_date="2009-01-01",
                   belongs_to_collection={"id": 1, "name": "Blender Open Movies", "poster_path": None,
                                          "backdrop_path": None})
    tmdb_server.add_movie(changed)
    age_everything(tmdb_home, 200)
    report = refresh_metadata(tmdb_home.config, NOW)
    assert (report.refreshed, report.errors, report.remaining) == (1, [], 0)
    [(movie_name, what)] = report.changed
    assert movie_name == "Big Buck Bunny (2008)" and "title: Big Buck Bunny -> Big Buck Bunny: Director's Cut" in what
    assert "year: 2008 -> 2009" in what and "collection: None -> Blender Open Movies" in what
    movie = library_movie(tmdb_home, 1)
    naming = NamingConfig(movie_folder_format="{Movie Collection}/{Movie Title} ({Release Year})")
    path = destination_for(movie, Variant(1, 1, "HD", "/lib"), MovieFileInfo(quality_name="Bluray-1080p"), ".mkv",
                           naming)
    assert path.parts[:4] == ("/", "lib", "Blender Open Movies", "Big Buck Bunny - Director's Cut (2009)")
    assert rows(tmdb_home, "SELECT metadata_refreshed_at FROM movies") == [(NOW,)]


def test_refresh_is_bounded_and_takes_due_movies_first(tmdb_home: CliHome, tmdb_server: TmdbServer) -> None:
    for reference in ("tmdb:603", "tmdb:45745", "tmdb:133701"):
        assert tmdb_home.run("movies", "add", reference).exit_code == 0
    with duckdb.connect(str(tmdb_home.database)) as conn:  # Sintel: recent, Tears of Steel: long ago
        conn.execute("UPDATE movies SET metadata_refreshed_at = ? WHERE tmdb_id = 603", [NOW - timedelta(days=1)])
        conn.execute("UPDATE movies SET metadata_refreshed_at = ? WHERE tmdb_id = 45745", [NOW - timedelta(days=300)])
        conn.execute("UPDATE movies SET metadata_refreshed_at = NULL WHERE tmdb_id = 133701")
    assert tmdb_home.run("movies", "add", "Home Movie", "--year", "2020", "--no-metadata").exit_code == 0
    tmdb_server.requests.clear()
    first = refresh_metadata(tmdb_home.config, NOW, limit=1)
    assert (first.due, first.refreshed, first.remaining) == (2, 1, 1)  # The Matrix: not due; no ids: never asked
    assert [r.path for r in tmdb_server.requests] == ["/3/movie/133701"]  # never refreshed goes first
    second = refresh_metadata(tmdb_home.config, NOW, limit=10)
    assert (second.due, second.refreshed) == (1, 1)
    assert tmdb_server.requests[-1].path == "/3/movie/45745"
    assert refresh_metadata(tmdb_home.config, NOW).due == 0


def test_errors_are_reported_per_movie_and_a_refused_key_stops_the_run(tmdb_home: CliHome,
                                                                        tmdb_server: TmdbServer, monkeypatch) -> None:
    for reference in ("tmdb:603", "tmdb:45745"):
        assert tmdb_home.run("movies", "add", reference).exit_code == 0
    age_everything(tmdb_home, 200)
    del tmdb_server.movies[603]
    report = refresh_metadata(tmdb_home.config, NOW)
    assert report.refreshed == 1 and [m for m, _ in report.errors] == ["The Matrix (1999)"]
    assert "HTTP 404" in report.errors[0][1] and "1 error(s)" in report.markdown()
    age_everything(tmdb_home, 200)
    monkeypatch.setenv("TEST_TMDB_API_KEY", "revoked-key-123")
    stopped = refresh_metadata(tmdb_home.config, NOW)
    assert stopped.refreshed == 0 and stopped.stopped and "HTTP 401" in stopped.stopped
    assert stopped.requests == 1 and "revoked-key-123" not in stopped.markdown()


def test_the_availability_rule_reads_the_real_dates(tmdb_home: CliHome) -> None:
    assert tmdb_home.run("movies", "add", "tmdb:603").exit_code == 0
    [(cinemas, digital, physical)] = rows(tmdb_home, "SELECT in_cinemas, digital_release, physical_release FROM movies")
    assert available_from("in_cinemas", 1999, cinemas, digital, physical) == date(1999, 3, 31)
    assert available_from("released", 1999, cinemas, digital, physical) == date(1999, 9, 21)  # the DVD


HOSTILE_TITLE = "../../etc/passwd\x00\x1b[31m Evil/Movie\\Name\r\n: Part\u202e2"


def test_hostile_metadata_becomes_clean_names_inside_the_root_folder(tmdb_home: CliHome,
                                                                     tmdb_server: TmdbServer) -> None:
    hostile = copy.deepcopy(tmdb_server.movies[45745])
    hostile.update(id=4242, imdb_id="tt0004242", title=HOSTILE_TITLE, original_title="/" * 300,
                   overview="A" * 10_240, belongs_to_collection={"id": 7, "name": "../..", "poster_path": None})
    hostile["alternative_titles"] = {"titles": [{"iso_3166_1": "US", "title": "x\x07y/../z", "type": ""}]}
    tmdb_server.add_movie(hostile)
    result = tmdb_home.run("movies", "add", "tmdb:4242")
    assert result.exit_code == 0, result.output
    movie = library_movie(tmdb_home, 1)
    assert not any(ord(c) < 32 or c == "\u202e" for c in movie.title)
    root = tmdb_home.config.root_folders[0]
    for folder_format in ("{Movie Title} ({Release Year})", "{Movie Collection}/{Movie OriginalTitle}"):
        naming = NamingConfig(movie_folder_format=folder_format, standard_movie_format="{Movie Title} {Quality Full}")
        path = destination_for(movie, Variant(1, 1, "HD", str(root)), MovieFileInfo(quality_name="WEBDL-1080p"),
                               ".mkv", naming)
        resolved = Path(path).resolve()
        assert resolved.is_relative_to(root.resolve()), path
        assert len(resolved.relative_to(root.resolve()).parts) <= 3
        assert all(part != ".." for part in path.parts)
