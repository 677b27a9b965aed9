from __future__ import annotations

from radarr_pipeline.decisions.matching import (
    MovieIndex,
    ReleaseKey,
    match_one,
    match_releases,
    match_title,
    movie_key,
    numeral_variants,
    release_is_for_movie,
    titled_movie_key,
)
from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.parsing import parse_release_title

ROCKY = Movie(id=1, title="Rocky II", year=1979, imdb_id="tt0079817")
HEAT = Movie(id=2, title="Heat", year=1995, imdb_id="tt0113277", tmdb_id=949)
AMELIE = Movie(id=3, title="Le Fabuleux Destin d'Amélie Poulain", year=2001)


def index(*keys) -> MovieIndex:
    return MovieIndex.build(keys)


def key(title: str, *, imdb: str | None = None, tmdb: int | None = None) -> ReleaseKey:
    parsed = parse_release_title(title)
    assert parsed is not None
    return ReleaseKey(imdb, tmdb, parsed.movie_titles or (parsed.movie_title,), parsed.year)


def test_numeral_variants() -> None:
    assert numeral_variants("Rocky II") == {"Rocky II", "Rocky 2"}
    assert numeral_variants("Part 1") == {"Part 1", "Part I"}
    assert numeral_variants("I, Robot") == {"I, Robot"}


def test_title_year_numerals_alternative_titles_and_secondary_year() -> None:
    movies = index(movie_key(ROCKY), movie_key(HEAT), movie_key(AMELIE, ["Amelie"], secondary_year=2002))
    assert match_one(key("Rocky.2.1979.1080p.BluRay.x264-GRP"), movies) == [(1, "title")]
    assert match_one(key("Rocky.II.1980.1080p.BluRay.x264-GRP"), movies) == []
    assert match_one(key("Amelie.2002.1080p.BluRay.x264-GRP"), movies) == [(3, "title")]
    assert match_one(key("Heat.1995.1080p.BluRay.x264-GRP"), movies) == [(2, "title")]


def test_ids_first_and_contradicting_ids_never_match_by_title() -> None:
    movies = index(movie_key(HEAT), movie_key(ROCKY))
    assert match_one(key("Heat.1995.1080p.BluRay.x264-GRP", imdb="tt0079817"), movies) == [(1, "imdb")]
    assert match_one(key("Heat.1995.1080p.BluRay.x264-GRP", tmdb=949), movies) == [(2, "tmdb")]
    assert match_one(key("Heat.1995.1080p.BluRay.x264-GRP", imdb="tt9999999"), movies) == []
    positions, movie_ids, how = match_releases([key("Heat.1995.720p.HDTV-G"), key("Other.2001.720p.HDTV-G")], movies)
    assert (positions, movie_ids, how) == ([0], [2], ["title"])


def test_one_pair_form() -> None:
    title = "The.Matrix.1999.1080p.BluRay.x264-GRP"
    release = IndexerRelease(guid="g", title=title, indexer="i")
    assert release_is_for_movie(release, parse_release_title(title), Movie(id=1, title="The Matrix", year=1999))
    assert not release_is_for_movie(release, parse_release_title(title), Movie(id=1, title="The Matrix", year=2021))


def test_a_titled_key_is_the_key_of_the_movie_it_describes() -> None:
    for movie in (ROCKY, HEAT, AMELIE, Movie(id=-4, title="The", year=2000), Movie(id=5, title="...", year=2000)):
        assert titled_movie_key(movie.id, movie.title, movie.year, movie.tmdb_id, movie.imdb_id) == movie_key(movie)
    assert titled_movie_key(6, "Rocky", 1976, None, "79817").imdb_id == "tt0079817", "the id normalised"


def test_match_title_is_match_one_for_a_release_of_one_title() -> None:
    movies = index(movie_key(ROCKY), movie_key(HEAT), movie_key(AMELIE, ["Amelie"], secondary_year=2002))
    releases = [("Rocky 2", 1979, None, None), ("Rocky II", 1980, None, None), ("Amelie", 2002, None, None),
                ("Heat", 1995, "tt0079817", None), ("Heat", 1995, None, 949), ("Heat", 1995, "tt9999999", None),
                ("Unknown", 1995, None, None), ("Unknown", 1995, "tt0113277", None), ("Unknown", 1995, None, 1),
                ("Heat", None, None, None), ("", 1995, None, None)]
    for title, year, imdb, tmdb in releases:
        assert match_title(imdb, tmdb, title, year, movies) == match_one(ReleaseKey(imdb, tmdb, (title,), year),
                                                                         movies), title
