"""Each list kind read from its real response shape; wrong shapes and hostile content give clear errors."""

from __future__ import annotations

import pytest

from radarr_pipeline.import_lists.model import ImportListError, ListedMovie
from radarr_pipeline.import_lists.parsers import (
    parse_ids,
    parse_imdb_csv,
    parse_plex_watchlist,
    parse_radarr_list,
    parse_radarr_v3,
    parse_stevenlu,
    parse_tmdb_collection,
    parse_tmdb_person,
    parse_trakt,
    tmdb_page,
)
from radarr_sandbox.list_server import radarr_v3_movie, tmdb_movie


def test_radarr_custom_list_reads_tmdb_shaped_movies() -> None:
    data = [tmdb_movie(45745, "Sintel", "2010-09-27", "tt1727587"), tmdb_movie(0, "No id", "2000-01-01"),
            {"id": "10378", "title": "Big Buck Bunny", "release_date": ""}]
    assert parse_radarr_list(data) == [ListedMovie(45745, "tt1727587", "Sintel", 2010),
                                       ListedMovie(10378, None, "Big Buck Bunny", None)]


def test_radarr_custom_list_error_object_and_wrong_shape() -> None:
    with pytest.raises(ImportListError, match="reported an error"):
        parse_radarr_list({"errors": ["list not found"]})
    with pytest.raises(ImportListError, match="expected a list of movies"):
        parse_radarr_list({"movies": []})


def test_stevenlu_shape() -> None:
    data = [{"title": "Sintel", "imdb_id": "tt1727587", "poster_url": "https://x/p.jpg"}, {"title": "no id"}]
    assert parse_stevenlu(data) == [ListedMovie(imdb_id="tt1727587", title="Sintel")]


def test_ids_file_reads_imdb_and_tmdb_ids_and_names_a_bad_line() -> None:
    assert parse_ids("# mine\ntt1727587\ntmdb:10378\n 133701 # tears\n\n") == [
        ListedMovie(imdb_id="tt1727587"), ListedMovie(tmdb_id=10378), ListedMovie(tmdb_id=133701)]
    with pytest.raises(ImportListError, match="line 2 is not an IMDb id"):
        parse_ids("tt1727587\n../../etc/passwd\n")


def test_radarr_v3_movies() -> None:
    data = [radarr_v3_movie(45745, "Sintel", 2010, "tt1727587", "/movies/Sintel (2010)")]
    assert parse_radarr_v3(data) == [ListedMovie(45745, "tt1727587", "Sintel", 2010)]


def test_tmdb_pages_collections_and_people() -> None:
    page = {"page": 1, "total_pages": 3, "total_results": 41, "results": [
        {**tmdb_movie(45745, "Sintel", "2010-09-27"), "media_type": "movie"},
        {"id": 1399, "name": "A series", "media_type": "tv", "first_air_date": "2011-04-17"},
        {**tmdb_movie(1, "Unreleased", ""), "media_type": "movie"}]}
    assert tmdb_page(page) == ([ListedMovie(45745, None, "Sintel", 2010)], 3)
    collection = {"id": 10, "name": "Blender", "parts": [tmdb_movie(10378, "Big Buck Bunny", "2008-05-30")]}
    assert parse_tmdb_collection(collection) == [ListedMovie(10378, None, "Big Buck Bunny", 2008)]
    credits_ = {"id": 5, "cast": [tmdb_movie(45745, "Sintel", "2010-09-27")],
                "crew": [{**tmdb_movie(133701, "Tears of Steel", "2012-09-26"), "department": "Directing"},
                         {**tmdb_movie(9761, "Elephants Dream", "2006-03-24"), "department": "Sound"}]}
    assert [m.tmdb_id for m in parse_tmdb_person(credits_)] == [45745, 133701]


def test_trakt_list_items_and_popular_movies() -> None:
    item = {"rank": 1, "id": 101, "listed_at": "2024-01-01T00:00:00.000Z", "type": "movie",
            "movie": {"title": "Sintel", "year": 2010, "ids": {"trakt": 1, "slug": "sintel-2010",
                                                              "imdb": "tt1727587", "tmdb": 45745}}}
    popular = {"title": "Big Buck Bunny", "year": 2008, "ids": {"trakt": 2, "imdb": "tt1254207", "tmdb": 10378}}
    assert parse_trakt([item, popular]) == [ListedMovie(45745, "tt1727587", "Sintel", 2010),
                                            ListedMovie(10378, "tt1254207", "Big Buck Bunny", 2008)]


def test_imdb_export_csv() -> None:
    text = ("\ufeffPosition,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,Runtime (mins),"
            "Year,Genres,Num Votes,Release Date,Directors\n"
            "1,tt1727587,2024-01-01,2024-01-01,,\"Sintel, the film\",https://www.imdb.com/title/tt1727587/,Movie,"
            "7.4,14,2010,Animation,1000,2010-09-27,Colin Levy\n"
            "2,tt0903747,2024-01-01,2024-01-01,,Breaking Bad,https://x,TV Series,9.5,49,2008,Drama,1,2008-01-20,\n")
    assert parse_imdb_csv(text) == [ListedMovie(imdb_id="tt1727587", title="Sintel, the film", year=2010)]
    with pytest.raises(ImportListError, match="no 'Const' column"):
        parse_imdb_csv("a,b\n1,2\n")


def test_plex_watchlist() -> None:
    data = {"MediaContainer": {"size": 1, "Metadata": [
        {"ratingKey": "5d77", "type": "movie", "title": "Sintel", "year": 2010,
         "Guid": [{"id": "imdb://tt1727587"}, {"id": "tmdb://45745"}, {"id": "tvdb://1"}]},
        {"ratingKey": "5d78", "type": "show", "title": "A show", "year": 2011, "Guid": [{"id": "tmdb://1"}]}]}}
    assert parse_plex_watchlist(data) == [ListedMovie(45745, "tt1727587", "Sintel", 2010)]


def test_hostile_titles_are_kept_as_data_and_bounded() -> None:
    data = [tmdb_movie(1, "../../etc/passwd\x1b[31m", "2001-01-01"), tmdb_movie(2, "x" * 100_000, "2002-01-01")]
    movies = parse_radarr_list(data)
    assert movies[0].title == "../../etc/passwd\x1b[31m"  # refused later by the add service, never a path here
    assert len(movies[1].title or "") == 1000
