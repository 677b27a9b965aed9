"""Does a release belong to a movie? Ids first, then the clean title and year, as Radarr maps releases."""

from __future__ import annotations

from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.parsing import ParsedRelease, clean_movie_title


def normalize_imdb_id(value: str | None) -> str | None:
    """'tt0133093', '0133093' and '133093' are the same IMDb id."""
    if not value:
        return None
    digits = value.lower().removeprefix("tt").lstrip("0")
    return f"tt{digits.zfill(7)}" if digits.isdigit() else None


def ids_identify(release: IndexerRelease, parsed: ParsedRelease | None, movie: Movie) -> bool | None:
    """True or False when an id settles it; None when neither side gives a comparable id."""
    imdb = normalize_imdb_id(release.imdb_id or (parsed.imdb_id if parsed else None))
    if imdb and movie.imdb_id:
        return imdb == normalize_imdb_id(movie.imdb_id)
    tmdb = release.tmdb_id or (parsed.tmdb_id if parsed else None)
    if tmdb and movie.tmdb_id:
        return tmdb == movie.tmdb_id
    return None


def title_and_year_match(parsed: ParsedRelease, movie: Movie) -> bool:
    """The release names the movie: one of its titles cleans to the movie's, and the year agrees."""
    wanted_titles = {clean_movie_title(movie.title)}
    if movie.original_title:
        wanted_titles.add(clean_movie_title(movie.original_title))
    titles = {clean_movie_title(t) for t in parsed.movie_titles or (parsed.movie_title,)}
    if not titles & wanted_titles:
        return False
    return parsed.year is None or parsed.year == movie.year


def release_is_for_movie(release: IndexerRelease, parsed: ParsedRelease | None, movie: Movie) -> bool:
    by_id = ids_identify(release, parsed, movie)
    if by_id is not None:
        return by_id
    return parsed is not None and title_and_year_match(parsed, movie)
