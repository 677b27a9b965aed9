"""Looking movies up and adding them through the real CLI, with the local TMDB-shaped server as the metadata
source: everything is filled from it, a movie already in the library is refused, and adding by hand stays
possible."""

from __future__ import annotations

from datetime import date

import duckdb

from radarr_pipeline.services.adding import AddChoices, add_by_reference
from radarr_pipeline.services.movies import MovieExistsError
from radarr_pipeline.values.references import movie_reference
from radarr_sandbox.tmdb import TmdbServer
from tests.cli.conftest import CliHome


def rows(home: CliHome, sql: str) -> list[tuple]:
    with duckdb.connect(str(home.database), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_lookup_shows_candidates_and_whether_they_are_in_the_library(tmdb_home: CliHome) -> None:
    before = tmdb_home.run("movies", "lookup", "the matrix")
    assert before.exit_code == 0, before.output
    assert "The Matrix" in before.output and "1999" in before.output and "tmdb:603" in before.output
    assert "no" in before.output
    assert tmdb_home.run("movies", "add", "tmdb:603").exit_code == 0
    after = tmdb_home.run("movies", "lookup", "the matrix")
    assert "yes (movie 1)" in after.output


def test_add_by_tmdb_id_fills_everything_from_tmdb(tmdb_home: CliHome) -> None:
    result = tmdb_home.run("movies", "add", "tmdb:603")
    assert result.exit_code == 0, result.output
    assert "Added The Matrix (1999)" in result.output
    [movie] = rows(tmdb_home, "SELECT tmdb_id, imdb_id, title, year, original_title, original_language,"
                              " runtime_minutes, collection, collection_tmdb_id, certification, genres, tmdb_status,"
                              " in_cinemas, digital_release, physical_release, metadata_refreshed_at IS NOT NULL"
                              " FROM movies")
    assert movie == (603, "tt0133093", "The Matrix", 1999, "The Matrix", "english", 136, "The Matrix Collection",
                     2344, "R", ["Action", "Science Fiction"], "Released", date(1999, 3, 31), None,
                     date(1999, 9, 21), True)
    [(request, fetched)] = rows(tmdb_home, "SELECT request, fetched_at IS NOT NULL FROM metadata_cache")
    assert request.startswith("movie/603?") and "api_key" not in request and fetched


def test_add_by_imdb_id_and_by_title_and_year(tmdb_home: CliHome) -> None:
    assert tmdb_home.run("movies", "add", "imdb:tt1727587").exit_code == 0
    assert tmdb_home.run("movies", "add", "Big Buck Bunny", "--year", "2008").exit_code == 0
    assert rows(tmdb_home, "SELECT tmdb_id, title, year, secondary_year FROM movies ORDER BY id") == [
        (45745, "Sintel", 2010, None), (10378, "Big Buck Bunny", 2008, None)]
    titles = rows(tmdb_home, "SELECT m.title, a.title FROM movie_alternative_titles a JOIN movies m"
                             " ON m.id = a.movie_id ORDER BY 1")
    assert titles == [("Big Buck Bunny", "Project Peach"), ("Sintel", "Durian")]  # the release matcher reads them


def test_a_movie_already_in_the_library_is_refused_however_it_is_named(tmdb_home: CliHome) -> None:
    assert tmdb_home.run("movies", "add", "tmdb:603").exit_code == 0
    for reference in (["tmdb:603"], ["imdb:tt0133093"], ["tt0133093"], ["The Matrix", "--year", "1999"]):
        result = tmdb_home.run("movies", "add", *reference)
        assert result.exit_code == 1, reference
        assert "already in the library" in result.output
    assert rows(tmdb_home, "SELECT count(*) FROM movies") == [(1,)]
    assert rows(tmdb_home, "SELECT count(*) FROM variants") == [(1,)]


def test_a_second_version_only_with_another_profile_or_root_folder(tmdb_home: CliHome) -> None:
    assert tmdb_home.run("movies", "add", "tmdb:603").exit_code == 0
    uhd = tmdb_home.run("movies", "add", "tmdb:603", "--profile", "UHD", "--root-folder",
                        str(tmdb_home.folder / "library/uhd"))
    assert uhd.exit_code == 0 and "Added another version of The Matrix" in uhd.output
    assert rows(tmdb_home, "SELECT count(*), count(DISTINCT movie_id) FROM variants") == [(2, 1)]


def test_an_ambiguous_title_lists_the_candidates_and_adds_nothing(tmdb_home: CliHome,
                                                                   tmdb_server: TmdbServer) -> None:
    tmdb_server.add_synthetic(3)  # "Synthetic Movie 0", "... 1", "... 2"
    result = tmdb_home.run("movies", "add", "Synthetic Movie")
    assert result.exit_code == 1
    assert "matches 3 movies" in result.output and "tmdb:9000001" in result.output
    assert not tmdb_home.database.exists() or rows(tmdb_home, "SELECT count(*) FROM movies") == [(0,)]
    assert tmdb_home.run("movies", "add", "Synthetic Movie 1").exit_code == 0  # one exact title


def test_unknown_movies_and_bad_references_are_one_clear_line(tmdb_home: CliHome) -> None:
    for reference, said in (("tmdb:999999", "TMDB knows no movie tmdb:999999"),
                            ("imdb:tt9999999", "TMDB knows no movie imdb:tt9999999"),
                            ("No Such Film Anywhere", "found no movie"),
                            ("tmdb:abc", "not a TMDB reference"), ("imdb:x1", "not an IMDb reference")):
        result = tmdb_home.run("movies", "add", reference)
        assert result.exit_code == 1, reference
        assert said in result.output, result.output


def test_a_refused_key_is_said_without_the_key(tmdb_home: CliHome, monkeypatch) -> None:
    monkeypatch.setenv("TEST_TMDB_API_KEY", "a-wrong-but-secret-key")
    result = tmdb_home.run("movies", "add", "tmdb:603")
    assert result.exit_code == 1 and "HTTP 401" in result.output
    assert "a-wrong-but-secret-key" not in result.output
    monkeypatch.delenv("TEST_TMDB_API_KEY")
    unset = tmdb_home.run("movies", "lookup", "sintel")
    assert unset.exit_code == 1 and "TEST_TMDB_API_KEY is not set" in unset.output


def test_adding_by_hand_stays_possible(tmdb_home: CliHome) -> None:
    by_hand = tmdb_home.run("movies", "add", "Home Movie", "--year", "2020", "--no-metadata")
    assert by_hand.exit_code == 0, by_hand.output
    assert tmdb_home.run("movies", "add", "--title", "Another", "--year", "2021").exit_code == 0
    assert rows(tmdb_home, "SELECT title, tmdb_id, metadata_refreshed_at FROM movies ORDER BY id") == [
        ("Home Movie", None, None), ("Another", None, None)]
    needs_year = tmdb_home.run("movies", "add", "tmdb:603", "--no-metadata")
    assert needs_year.exit_code == 1 and "needs a title and --year" in needs_year.output


def test_without_a_metadata_source_a_title_and_year_are_added_by_hand(cli_home: CliHome) -> None:
    assert cli_home.run("movies", "add", "Sintel", "--year", "2010").exit_code == 0
    lookup = cli_home.run("movies", "lookup", "sintel")
    assert lookup.exit_code == 1 and "no metadata source is configured" in lookup.output


def test_a_movie_added_by_hand_gains_its_ids_instead_of_a_duplicate(tmdb_home: CliHome) -> None:
    assert tmdb_home.run("movies", "add", "The Matrix", "--year", "1999", "--no-metadata").exit_code == 0
    config = tmdb_home.config
    uhd = add_by_reference(config, movie_reference("tmdb:603"),
                           AddChoices(profile="UHD", root_folder=config.root_folders[1]))
    assert not uhd.new_movie and uhd.movie.tmdb_id == 603 and uhd.movie.collection == "The Matrix Collection"
    assert rows(tmdb_home, "SELECT count(*) FROM movies") == [(1,)]
    try:
        add_by_reference(config, movie_reference("imdb:tt0133093"))
    except MovieExistsError as exc:
        assert "already in the library" in str(exc)
    else:
        raise AssertionError("the same version was added twice")
