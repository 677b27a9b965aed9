from __future__ import annotations

from radarr_pipeline.decisions.matching import (
    MovieIndex,
    ReleaseKey,
    match_one,
    match_releases,
    movie_key,
    numeral_variants,
    release_is_for_movie,
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
