"""Adding movies through the service every front door uses: one movie per film, one row per version."""

from __future__ import annotations

from pathlib import Path

import pytest

from radarr_pipeline.services.movies import (
    MovieExistsError,
    MovieRequestError,
    NewMovie,
    add_movie,
    list_movies,
)
from tests.cli.conftest import CliHome


def test_a_movie_without_ids_added_twice_is_one_movie(cli_home: CliHome) -> None:
    config = cli_home.config
    first = add_movie(config, NewMovie(title="The Matrix", year=1999))
    with pytest.raises(MovieExistsError, match="already in the library"):
        add_movie(config, NewMovie(title="  the matrix ", year=1999))
    assert [s.movie.id for s in list_movies(config)] == [first.movie.id]


def test_another_profile_or_root_folder_adds_a_version_of_the_same_movie(cli_home: CliHome) -> None:
    config = cli_home.config
    first = add_movie(config, NewMovie(title="The Matrix", year=1999))
    uhd = add_movie(config, NewMovie(title="The Matrix", year=1999, profile="UHD", root_folder=config.root_folders[1]))
    assert first.new_movie and not uhd.new_movie
    assert uhd.movie.id == first.movie.id and uhd.variant.id != first.variant.id
    rows = list_movies(config)
    assert {(s.movie.id, s.variant.quality_profile) for s in rows} == {(first.movie.id, "HD"), (first.movie.id, "UHD")}


def test_same_title_in_another_year_is_another_movie(cli_home: CliHome) -> None:
    config = cli_home.config
    a = add_movie(config, NewMovie(title="Dune", year=1984))
    b = add_movie(config, NewMovie(title="Dune", year=2021))
    assert a.movie.id != b.movie.id


def test_ids_find_the_movie_and_refuse_a_title_they_do_not_name(cli_home: CliHome) -> None:
    config = cli_home.config
    add_movie(config, NewMovie(title="Heat", year=1995, imdb_id="tt113277"))
    with pytest.raises(MovieExistsError):
        add_movie(config, NewMovie(title="HEAT", year=1995, imdb_id="tt0113277"))
    with pytest.raises(MovieRequestError, match="belongs to Heat"):
        add_movie(config, NewMovie(title="Alien", year=1979, imdb_id="tt0113277"))


@pytest.mark.parametrize(("request_", "said"), [
    (NewMovie(title="", year=2000), "empty or blank"),
    (NewMovie(title=" \t ", year=2000), "empty or blank"),
    (NewMovie(title="Bad\x1b[31m", year=2000), "control characters"),
    (NewMovie(title="Heat", year=1995, alternative_titles=("Heat\x07",)), "control characters"),
    (NewMovie(title="Heat", year=1995, imdb_id="tt²³"), "not an IMDb id"),
    (NewMovie(title="Heat", year=1995, profile="Nope"), "Nope"),
    (NewMovie(title="Heat", year=1995, root_folder=Path("/elsewhere")), "not a configured"),
])
def test_what_cannot_be_added_is_refused_before_anything_is_written(cli_home: CliHome, request_: NewMovie,
                                                                   said: str) -> None:
    with pytest.raises(MovieRequestError, match=said):
        add_movie(cli_home.config, request_)
    assert not cli_home.database.exists()
