"""GET /api/v3/parse's mapping: the instance's movie a title names, by the rule releases are matched with."""

from __future__ import annotations

from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.services.api_actions import movie_named_by
from radarr_pipeline.services.movies import NewMovie, add_movie
from tests.cli.conftest import CliHome


def named(cli_home: CliHome, title: str, roots: list[str] | None = None) -> str | None:
    config = cli_home.config
    parsed = parse_release_title(title)
    assert parsed is not None
    movie = movie_named_by(config, roots or [str(r) for r in config.root_folders], parsed)
    return f"{movie.title} ({movie.year})" if movie else None


def test_titles_numerals_alternative_titles_and_years(cli_home: CliHome) -> None:
    config = cli_home.config
    add_movie(config, NewMovie(title="Rocky II", year=1979, tmdb_id=1367))
    add_movie(config, NewMovie(title="Amélie", year=2001, secondary_year=2002,
                               alternative_titles=("Le Fabuleux Destin d'Amélie Poulain",)))
    add_movie(config, NewMovie(title="Dune", year=1984))
    add_movie(config, NewMovie(title="Dune", year=2021, root_folder=config.root_folders[1]))

    assert named(cli_home, "Rocky.2.1979.1080p.BluRay.x264-GRP") == "Rocky II (1979)"
    assert named(cli_home, "Amelie.2002.1080p.BluRay.x264-GRP") == "Amélie (2001)", "the secondary year"
    assert named(cli_home, "Le.Fabuleux.Destin.d.Amelie.Poulain.2001.1080p.BluRay.x264-GRP") == "Amélie (2001)"
    assert named(cli_home, "Dune.2021.2160p.WEB-DL.DDP5.1.H.265-FLUX") == "Dune (2021)"
    assert named(cli_home, "Rocky.II.1985.1080p.BluRay.x264-GRP") is None, "another year is another film"
    # only this instance's root folders: the 2021 film is in the other one
    assert named(cli_home, "Dune.2021.2160p.WEB-DL.DDP5.1.H.265-FLUX", [str(config.root_folders[0])]) is None
    # as Radarr's endpoint, ids in the title are not used (Map with no ids): the title decides
    assert named(cli_home, "Heat.1995.1080p.BluRay.x264-GRP {tmdb-1367}") is None
