"""Which wanted movie a release is for: ids first, then the clean title and year, as Radarr maps releases.

``match_releases`` works in bulk: movies are indexed by IMDb id, TMDB id and every clean title (title, original
title, alternative titles, and their Roman/Arabic numeral variants), then each release costs a few dict
look-ups, never a scan of the movies. ``release_is_for_movie`` is the one-pair form of the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.parsing import ParsedRelease, clean_movie_title
from radarr_pipeline.values.ids import normalize_imdb_id

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
          "xvii", "xviii", "xix", "xx")
_ROMAN_TO_ARABIC = {roman: str(number) for number, roman in enumerate(_ROMAN, start=1)}
_ARABIC_TO_ROMAN = {arabic: roman for roman, arabic in _ROMAN_TO_ARABIC.items()}
_WORD = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9]+")
# A word numeral_variants may turn into another numeral; a title without one has no variant (most titles).
_NUMERAL_WORD = re.compile("(?<![A-Za-z0-9])(?:" + "|".join(sorted({*_ROMAN_TO_ARABIC, *_ARABIC_TO_ROMAN}, key=len,
                                                                  reverse=True)) + ")(?![A-Za-z0-9])", re.IGNORECASE)


def numeral_variants(title: str) -> set[str]:
    """The title with its numbers as Roman numerals and as Arabic ones ("Rocky II" <-> "Rocky 2").

    A lone "I" is only read as a number at the end of the title ("Part I"), never "I, Robot"."""
    if not _NUMERAL_WORD.search(title):  # no word to turn: the title alone (what the loop below finds too)
        return {title}
    return word_by_word_variants(title)


def word_by_word_variants(title: str) -> set[str]:
    """numeral_variants without its shortcut, every word looked at."""
    parts = _WORD.findall(title)
    words = [i for i, part in enumerate(parts) if part[0].isalnum()]
    to_arabic, to_roman = list(parts), list(parts)
    for position in words:
        word = parts[position].lower()
        if word in _ROMAN_TO_ARABIC and (word != "i" or position == words[-1]) and position != words[0]:
            to_arabic[position] = _ROMAN_TO_ARABIC[word]
        if word in _ARABIC_TO_ROMAN and position != words[0]:
            to_roman[position] = _ARABIC_TO_ROMAN[word].upper()
    return {title, "".join(to_arabic), "".join(to_roman)}


def movie_clean_titles(movie: Movie, alternative_titles: Iterable[str] = ()) -> set[str]:
    """Every clean title a release may use for the movie."""
    titles = {movie.title, *alternative_titles}
    if movie.original_title:
        titles.add(movie.original_title)
    return _clean_titles(titles)


def _clean_titles(titles: Iterable[str]) -> set[str]:
    """The clean forms of these titles and of their numeral variants, the empty one left out."""
    cleaned = {clean_movie_title(variant) for title in titles for variant in numeral_variants(title)}
    cleaned.discard("")
    return cleaned


@dataclass(frozen=True)
class MovieKey:
    """What matching needs to know about a wanted movie."""

    movie_id: int
    imdb_id: str | None
    tmdb_id: int | None
    year: int
    secondary_year: int | None
    clean_titles: frozenset[str]


@dataclass(frozen=True)
class ReleaseKey:
    """What matching needs to know about a release: ids (from the indexer or the title) and the parse."""

    imdb_id: str | None
    tmdb_id: int | None
    titles: tuple[str, ...]
    year: int | None


@dataclass
class MovieIndex:
    by_imdb: dict[str, int] = field(default_factory=dict)
    by_tmdb: dict[int, int] = field(default_factory=dict)
    by_title: dict[str, list[int]] = field(default_factory=dict)
    movies: dict[int, MovieKey] = field(default_factory=dict)

    @classmethod
    def build(cls, movies: Iterable[MovieKey]) -> MovieIndex:
        index = cls()
        for movie in movies:
            index.add(movie)
        return index

    def add(self, movie: MovieKey) -> None:
        self.movies[movie.movie_id] = movie
        if movie.imdb_id:
            self.by_imdb[movie.imdb_id] = movie.movie_id
        if movie.tmdb_id:
            self.by_tmdb[movie.tmdb_id] = movie.movie_id
        for title in movie.clean_titles:
            self.by_title.setdefault(title, []).append(movie.movie_id)


def _ids_contradict(imdb_id: str | None, tmdb_id: int | None, movie: MovieKey) -> bool:
    """The release carries an id and the movie another one: the same title is then another film."""
    if imdb_id and movie.imdb_id:
        return imdb_id != movie.imdb_id
    if tmdb_id and movie.tmdb_id:
        return tmdb_id != movie.tmdb_id
    return False


def year_matches(year: int | None, movie: MovieKey) -> bool:
    """No year in the release, the movie's year, or its secondary year (Radarr's rule)."""
    return year is None or year == movie.year or (movie.secondary_year is not None and year == movie.secondary_year)


def match_one(release: ReleaseKey, index: MovieIndex) -> list[tuple[int, str]]:
    """(movie id, how) pairs for one release: by IMDb id, else by TMDB id, else by clean title and year."""
    return _matches(release.imdb_id, release.tmdb_id, release.titles, release.year, index)


def match_title(imdb_id: str | None, tmdb_id: int | None, title: str, year: int | None, index: MovieIndex
                ) -> list[tuple[int, str]]:
    """``match_one`` for a release of one title (a library folder's), without building its key (a library scan
    matches every folder: tens of thousands)."""
    return _matches(imdb_id, tmdb_id, (title,), year, index)


def _matches(imdb_id: str | None, tmdb_id: int | None, titles: tuple[str, ...], year: int | None, index: MovieIndex
             ) -> list[tuple[int, str]]:
    """:func:`match_one` for the release of these ids, titles and year."""
    if imdb_id and imdb_id in index.by_imdb:
        return [(index.by_imdb[imdb_id], "imdb")]
    if tmdb_id and tmdb_id in index.by_tmdb:
        return [(index.by_tmdb[tmdb_id], "tmdb")]
    found: dict[int, str] = {}
    for title in titles:
        for movie_id in index.by_title.get(clean_movie_title(title), ()):
            movie = index.movies[movie_id]
            if year_matches(year, movie) and not _ids_contradict(imdb_id, tmdb_id, movie):
                found.setdefault(movie_id, "title")
    return list(found.items())


@dataclass(frozen=True)
class ReleaseColumns:
    """What matching needs to know about many releases, as columns: ids (None / 0 when unknown), the year (-1
    when unknown), and the parsed titles as a code (-1: none) into ``titles`` (releases share few titles)."""

    imdb_ids: Sequence[str | None]
    tmdb_ids: np.ndarray
    years: np.ndarray
    title_codes: np.ndarray
    titles: Sequence[Sequence[str]]


def _title_pairs(releases: ReleaseColumns, rows: np.ndarray, index: MovieIndex) -> pd.DataFrame:
    """(release position, movie id) for every release in ``rows`` that shares a clean title with a movie, in
    match_one's order (the release's titles, then the index's order)."""
    cleaned: dict[str, str] = {}
    code_rows = [(code, order, cleaned.setdefault(title, clean_movie_title(title)))
                 for code, titles in enumerate(releases.titles) for order, title in enumerate(titles)]
    by_code = pd.DataFrame(code_rows, columns=["code", "order", "clean"])
    by_title = pd.DataFrame([(title, rank, movie_id) for title, ids in index.by_title.items()
                             for rank, movie_id in enumerate(ids)], columns=["clean", "rank", "movie_id"])
    titled = rows[releases.title_codes[rows] >= 0]
    pairs = (pd.DataFrame({"position": titled, "code": releases.title_codes[titled]})
             .merge(by_code, on="code").merge(by_title, on="clean")
             .sort_values(["position", "order", "rank"], kind="stable"))
    return pairs[["position", "movie_id"]]


def match_columns(releases: ReleaseColumns, index: MovieIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (release position, movie id, how) match for many releases at once: match_one's rule, in bulk."""
    by_imdb = np.array([index.by_imdb.get(i, -1) if i else -1 for i in releases.imdb_ids], dtype=np.int64)
    by_tmdb = np.array([index.by_tmdb.get(int(t), -1) if t else -1 for t in releases.tmdb_ids.tolist()],
                       dtype=np.int64)
    imdb_rows = np.flatnonzero(by_imdb >= 0)
    tmdb_rows = np.flatnonzero((by_imdb < 0) & (by_tmdb >= 0))
    pairs = _title_pairs(releases, np.flatnonzero((by_imdb < 0) & (by_tmdb < 0)), index)
    movies = list(index.movies.values())
    movie_row = pd.Index([m.movie_id for m in movies]).get_indexer(pd.Index(pairs["movie_id"]))
    position = pairs["position"].to_numpy(dtype=np.int64)
    year = releases.years[position]
    movie_year = np.array([m.year for m in movies], dtype=np.int64)[movie_row]
    secondary = np.array([m.secondary_year if m.secondary_year is not None else -1 for m in movies],
                         dtype=np.int64)[movie_row]
    year_ok = (year < 0) | (year == movie_year) | ((secondary >= 0) & (year == secondary))
    release_imdb = np.array([releases.imdb_ids[p] or "" for p in position.tolist()], dtype=object)
    movie_imdb = np.array([m.imdb_id or "" for m in movies], dtype=object)[movie_row]
    release_tmdb = releases.tmdb_ids[position]
    movie_tmdb = np.array([m.tmdb_id or 0 for m in movies], dtype=np.int64)[movie_row]
    by_imdb_ids = (release_imdb != "") & (movie_imdb != "")
    contradict = np.where(by_imdb_ids, release_imdb != movie_imdb,
                          (release_tmdb != 0) & (movie_tmdb != 0) & (release_tmdb != movie_tmdb))
    titled = pairs[year_ok & ~contradict].drop_duplicates()
    found = pd.DataFrame({
        "position": np.concatenate([imdb_rows, tmdb_rows, titled["position"].to_numpy(dtype=np.int64)]),
        "movie_id": np.concatenate([by_imdb[imdb_rows], by_tmdb[tmdb_rows],
                                    titled["movie_id"].to_numpy(dtype=np.int64)]),
        "how": np.array(["imdb"] * len(imdb_rows) + ["tmdb"] * len(tmdb_rows) + ["title"] * len(titled),
                        dtype=object),
    }).sort_values("position", kind="stable")
    return (found["position"].to_numpy(dtype=np.int64), found["movie_id"].to_numpy(dtype=np.int64),
            found["how"].to_numpy(dtype=object))


def release_columns(releases: Sequence[ReleaseKey]) -> ReleaseColumns:
    codes: dict[tuple[str, ...], int] = {}
    title_codes = np.array([codes.setdefault(tuple(r.titles), len(codes)) if r.titles else -1 for r in releases],
                           dtype=np.int64)
    return ReleaseColumns(
        imdb_ids=[r.imdb_id for r in releases],
        tmdb_ids=np.array([r.tmdb_id or 0 for r in releases], dtype=np.int64),
        years=np.array([r.year if r.year is not None else -1 for r in releases], dtype=np.int64),
        title_codes=title_codes, titles=list(codes),
    )


def match_releases(releases: Sequence[ReleaseKey], index: MovieIndex) -> tuple[list[int], list[int], list[str]]:
    """Every (release position, movie id, how) match, as three parallel lists."""
    positions, movie_ids, how = match_columns(release_columns(releases), index)
    return positions.tolist(), movie_ids.tolist(), how.tolist()


def release_key(release: IndexerRelease, parsed: ParsedRelease | None) -> ReleaseKey:
    return ReleaseKey(
        imdb_id=normalize_imdb_id(release.imdb_id or (parsed.imdb_id if parsed else None)),
        tmdb_id=release.tmdb_id or (parsed.tmdb_id if parsed else None),
        titles=(parsed.movie_titles or (parsed.movie_title,)) if parsed else (),
        year=parsed.year if parsed else None,
    )


def alternatives_by_movie(rows: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    """The alternative titles of each movie, from (movie id, title) rows as the store reads them."""
    alternatives: dict[int, list[str]] = {}
    for movie_id, title in rows:
        alternatives.setdefault(movie_id, []).append(title)
    return alternatives


def movie_key(movie: Movie, alternative_titles: Iterable[str] = (), secondary_year: int | None = None) -> MovieKey:
    return MovieKey(
        movie_id=movie.id, imdb_id=normalize_imdb_id(movie.imdb_id), tmdb_id=movie.tmdb_id, year=movie.year,
        secondary_year=secondary_year, clean_titles=frozenset(movie_clean_titles(movie, alternative_titles)),
    )


def titled_movie_key(movie_id: int, title: str, year: int, tmdb_id: int | None, imdb_id: str | None) -> MovieKey:
    """``movie_key(Movie(movie_id, title, year, tmdb_id, imdb_id))`` without building the movie (a library scan
    keys every movie it adds: tens of thousands): no original or alternative title, no secondary year."""
    return MovieKey(movie_id=movie_id, imdb_id=normalize_imdb_id(imdb_id), tmdb_id=tmdb_id, year=year,
                    secondary_year=None, clean_titles=frozenset(_clean_titles((title,))))


def release_is_for_movie(release: IndexerRelease, parsed: ParsedRelease | None, movie: Movie) -> bool:
    """The one-pair form (slow: builds an index of one movie). Used by tests and the benchmark's baseline."""
    return bool(match_one(release_key(release, parsed), MovieIndex.build([movie_key(movie)])))
