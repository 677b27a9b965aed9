"""Each list kind's response, read into ListedMovies (ported from Radarr's ImportLists parsers, 1b9662d5).

A response of the wrong shape is an ImportListError naming what was expected; an item without any id is
skipped (Radarr skips it too: it cannot be matched to a movie).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from radarr_pipeline.import_lists.model import ImportListError, ListedMovie
from radarr_pipeline.values.ids import normalize_imdb_id

_YEAR = re.compile(r"^(\d{4})-\d{2}-\d{2}")
_ID_LINE = re.compile(r"^(?:(?P<imdb>tt\d{1,10})|(?:tmdb:)?(?P<tmdb>\d{1,10}))$", re.IGNORECASE)
MAX_TITLE = 1000


def _array(data: object, what: str) -> list[object]:
    if not isinstance(data, list):
        raise ImportListError(f"expected {what} (a JSON array), got a JSON {type(data).__name__}")
    return data


def _object(data: object, what: str) -> dict[str, object]:
    if not isinstance(data, dict):
        raise ImportListError(f"expected {what} (a JSON object), got a JSON {type(data).__name__}")
    return data


def _tmdb(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 2**31 else None


def _imdb(value: object) -> str | None:
    return normalize_imdb_id(value) if isinstance(value, str) and value.strip().lower().startswith("tt") else None


def _title(value: object) -> str | None:
    return value[:MAX_TITLE] if isinstance(value, str) and value.strip() else None


def _year(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1800 < value < 3000:
        return value
    if isinstance(value, str):
        match = _YEAR.match(value.strip())
        if match:
            return int(match.group(1))
        if value.strip().isascii() and value.strip().isdigit():
            return _year(int(value.strip()))
    return None


def _movies(items: Iterable[ListedMovie | None]) -> list[ListedMovie]:
    return [m for m in items if m is not None and (m.tmdb_id or m.imdb_id)]


def _tmdb_result(item: object) -> ListedMovie | None:
    """TMDB's MovieResultResource (TMDbParser.MapListMovie): id, title, release_date."""
    if not isinstance(item, dict):
        return None
    return ListedMovie(tmdb_id=_tmdb(item.get("id")), imdb_id=_imdb(item.get("imdb_id")),
                       title=_title(item.get("title")), year=_year(item.get("release_date")))


def parse_radarr_list(data: object) -> list[ListedMovie]:
    """Radarr's custom list (RadarrListParser): an array of TMDB-shaped movies; an object with ``errors`` is the
    list's own error message."""
    if isinstance(data, dict) and data.get("errors"):
        raise ImportListError(f"the list reported an error: {str(data['errors'])[:300]}")
    return _movies(_tmdb_result(item) for item in _array(data, "a list of movies"))


def parse_stevenlu(data: object) -> list[ListedMovie]:
    """StevenLu's shape (StevenLuParser): [{"title": ..., "imdb_id": "tt...", "poster_url": ...}]."""
    return _movies(
        ListedMovie(imdb_id=_imdb(item.get("imdb_id")), title=_title(item.get("title")))
        for item in _array(data, "a list of movies") if isinstance(item, dict)
    )


def parse_ids(text: str) -> list[ListedMovie]:
    """A plain list of ids, one a line: ``tt0133093``, ``tmdb:603`` or ``603``; ``#`` starts a comment."""
    movies = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _ID_LINE.match(line)
        if not match:
            raise ImportListError(f"line {number} is not an IMDb id (tt...) or a TMDB id: {line[:80]!r}")
        movies.append(ListedMovie(imdb_id=_imdb(match.group("imdb")), tmdb_id=_tmdb(match.group("tmdb"))))
    return _movies(movies)


def parse_radarr_v3(data: object) -> list[ListedMovie]:
    """Another Radarr's /api/v3/movie (RadarrImport): tmdbId, imdbId, title, year of each movie."""
    return _movies(
        ListedMovie(tmdb_id=_tmdb(item.get("tmdbId")), imdb_id=_imdb(item.get("imdbId")),
                    title=_title(item.get("title")), year=_year(item.get("year")))
        for item in _array(data, "the server's movies") if isinstance(item, dict)
    )


def tmdb_page(data: object) -> tuple[list[ListedMovie], int]:
    """A paged TMDB answer (list, discover by keyword or company): the movies and ``total_pages``. A list's
    items that are not movies, and movies without a release date, are left out (TMDbListParser)."""
    page = _object(data, "a TMDB page")
    results = _array(page.get("results", []), "TMDB results")
    movies = _movies(
        _tmdb_result(item) for item in results
        if isinstance(item, dict) and item.get("media_type", "movie") == "movie" and item.get("release_date")
    )
    total = page.get("total_pages")
    return movies, total if isinstance(total, int) and not isinstance(total, bool) and total > 0 else 1


def parse_tmdb_collection(data: object) -> list[ListedMovie]:
    """A TMDB collection: its ``parts``."""
    return _movies(_tmdb_result(item) for item in _array(_object(data, "a TMDB collection").get("parts", []),
                                                        "the collection's parts"))


def parse_tmdb_person(data: object, departments: tuple[str, ...] = ("Directing",)) -> list[ListedMovie]:
    """A person's movie_credits (TMDbPersonParser): cast, and crew of the chosen departments; credits without a
    release date left out."""
    credits_ = _object(data, "a person's movie credits")
    cast = _array(credits_.get("cast", []), "cast credits")
    crew = [c for c in _array(credits_.get("crew", []), "crew credits")
            if isinstance(c, dict) and c.get("department") in departments]
    return _movies(_tmdb_result(c) for c in [*cast, *crew] if isinstance(c, dict) and c.get("release_date"))


def parse_trakt(data: object) -> list[ListedMovie]:
    """Trakt (TraktParser): list items and watchlists wrap the movie (``{"movie": {...}}``); popular lists give
    movies themselves (TraktPopularParser)."""
    movies = []
    for item in _array(data, "Trakt items"):
        if not isinstance(item, dict):
            continue
        movie = item.get("movie", item)
        if not isinstance(movie, dict):
            continue
        ids = movie.get("ids") if isinstance(movie.get("ids"), dict) else {}
        assert isinstance(ids, dict)
        movies.append(ListedMovie(tmdb_id=_tmdb(ids.get("tmdb")), imdb_id=_imdb(ids.get("imdb")),
                                  title=_title(movie.get("title")), year=_year(movie.get("year"))))
    return _movies(movies)


def parse_imdb_csv(text: str) -> list[ListedMovie]:
    """An IMDb list or watchlist export: ``Const`` (the tt id), ``Title``, ``Year``, ``Title Type``; series and
    episodes left out."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames or "Const" not in reader.fieldnames:
        raise ImportListError("not an IMDb list export: the CSV has no 'Const' column")
    movies = []
    try:
        for row in reader:
            kind = (row.get("Title Type") or "").lower()
            if "series" in kind or "episode" in kind:
                continue
            movies.append(ListedMovie(imdb_id=_imdb(row.get("Const")), title=_title(row.get("Title")),
                                      year=_year(row.get("Year"))))
    except csv.Error as exc:
        raise ImportListError(f"the IMDb export is not valid CSV: {exc}") from None
    return _movies(movies)


def parse_plex_watchlist(data: object) -> list[ListedMovie]:
    """Plex's watchlist (PlexParser): MediaContainer.Metadata[] with ``Guid`` ids ``tmdb://603``, ``imdb://tt...``."""
    container = _object(_object(data, "a Plex answer").get("MediaContainer"), "a Plex MediaContainer")
    movies = []
    for item in _array(container.get("Metadata", []), "Plex metadata"):
        if not isinstance(item, dict) or item.get("type", "movie") != "movie":
            continue
        guids = [str(g["id"]) for g in item.get("Guid") or [] if isinstance(g, dict) and isinstance(g.get("id"), str)]
        tmdb = next((g.removeprefix("tmdb://") for g in guids if g.startswith("tmdb://")), None)
        imdb = next((g.removeprefix("imdb://") for g in guids if g.startswith("imdb://")), None)
        movies.append(ListedMovie(tmdb_id=_tmdb(tmdb), imdb_id=_imdb(imdb), title=_title(item.get("title")),
                                  year=_year(item.get("year"))))
    return _movies(movies)
