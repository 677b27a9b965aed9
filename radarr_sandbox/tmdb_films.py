"""Real, freely licensed films (the Blender Foundation's open movies, CC BY) with their real TMDB and IMDb ids
and dates, in TMDB's API v3 shapes; and The Matrix (ids, dates and collection only: facts, no text) for the
examples Radarr users know (tmdb:603, imdb:tt0133093) and a real collection.

Sources: the ids are those TMDB and IMDb use (cross-checked in public code that queries TMDB: Jellyfin's test
fixtures, Stremio add-ons). Dates: premieres and online releases as the Blender Foundation announced them.
Values marked "unsure" are best knowledge, not verified against TMDB itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

NETHERLANDS_FILM = {"iso_3166_1": "NL", "name": "Netherlands"}


def _release(country: str, *dates: tuple[str, int, str]) -> dict[str, Any]:
    return {"iso_3166_1": country, "release_dates": [
        {"certification": cert, "descriptors": [], "iso_639_1": "", "note": "",
         "release_date": f"{day}T00:00:00.000Z", "type": kind}
        for day, kind, cert in dates
    ]}


def _film(tmdb_id: int, imdb_id: str, title: str, release_date: str, runtime: int, genres: list[tuple[int, str]],
          releases: list[dict[str, Any]], *, collection: dict[str, Any] | None = None,
          alternative_titles: Sequence[tuple[str, str]] = (),
          translations: Sequence[tuple[str, str, str]] = (),
          overview: str = "", original_language: str = "en",
          countries: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {
        "adult": False, "backdrop_path": None, "belongs_to_collection": collection, "budget": 0,
        "genres": [{"id": i, "name": n} for i, n in genres], "homepage": "", "id": tmdb_id, "imdb_id": imdb_id,
        "original_language": original_language, "original_title": title, "overview": overview,
        "popularity": 1.0, "poster_path": None, "production_companies": [],
        "production_countries": countries if countries is not None else [NETHERLANDS_FILM],
        "release_date": release_date, "revenue": 0, "runtime": runtime,
        "spoken_languages": [{"english_name": "English", "iso_639_1": "en", "name": "English"}],
        "status": "Released", "tagline": "", "title": title, "video": False, "vote_average": 0.0, "vote_count": 0,
        "alternative_titles": {"titles": [{"iso_3166_1": c, "title": t, "type": ""} for c, t in alternative_titles]},
        "translations": {"translations": [
            {"iso_3166_1": c, "iso_639_1": lang, "name": lang, "english_name": lang,
             "data": {"homepage": "", "overview": "", "runtime": 0, "tagline": "", "title": t}}
            for c, lang, t in translations
        ]},
        "release_dates": {"results": releases},
        "external_ids": {"imdb_id": imdb_id, "wikidata_id": None, "facebook_id": None, "instagram_id": None,
                         "twitter_id": None},
    }


ANIMATION, COMEDY, FANTASY, SCIENCE_FICTION, ACTION = (16, "Animation"), (35, "Comedy"), (14, "Fantasy"), \
    (878, "Science Fiction"), (28, "Action")
PREMIERE, THEATRICAL, DIGITAL, PHYSICAL = 1, 3, 4, 5

MATRIX_COLLECTION = {"id": 2344, "name": "The Matrix Collection", "poster_path": None, "backdrop_path": None}

FILMS: list[dict[str, Any]] = [
    # Project Orange: premiere in Amsterdam 2006-03-24; online release (CC BY) unsure: 2006-06.
    _film(9761, "tt0807840", "Elephants Dream", "2006-03-24", 11, [ANIMATION, SCIENCE_FICTION],
          [_release("NL", ("2006-03-24", PREMIERE, ""), ("2006-06-01", DIGITAL, ""))],
          alternative_titles=[("NL", "Project Orange")]),
    # Project Peach: premiere in Amsterdam 2008-04-10, online release 2008-05-30 (TMDB's release_date: unsure).
    _film(10378, "tt1254207", "Big Buck Bunny", "2008-05-30", 10, [ANIMATION, COMEDY],
          [_release("NL", ("2008-04-10", PREMIERE, ""), ("2008-05-30", DIGITAL, ""))],
          alternative_titles=[("NL", "Project Peach")], translations=[("DE", "de", "Big Buck Bunny")]),
    # Project Durian: premiere at the Netherlands Film Festival 2010-09-27, online 2010-09-30.
    _film(45745, "tt1727587", "Sintel", "2010-09-27", 15, [ANIMATION, FANTASY],
          [_release("NL", ("2010-09-27", PREMIERE, ""), ("2010-09-30", DIGITAL, ""))],
          alternative_titles=[("NL", "Durian")], translations=[("FR", "fr", "Sintel")]),
    # Project Mango: premiere in Amsterdam 2012-09-26, online the same day.
    _film(133701, "tt2285752", "Tears of Steel", "2012-09-26", 12, [SCIENCE_FICTION],
          [_release("NL", ("2012-09-26", PREMIERE, ""), ("2012-09-26", DIGITAL, ""))],
          alternative_titles=[("NL", "Project Mango")]),
    # The Matrix: US theatrical 1999-03-31 (rated R), US DVD 1999-09-21 (unsure); TMDB's release_date 1999-03-30.
    _film(603, "tt0133093", "The Matrix", "1999-03-30", 136, [ACTION, SCIENCE_FICTION],
          [_release("US", ("1999-03-31", THEATRICAL, "R"), ("1999-09-21", PHYSICAL, "R"))],
          collection=MATRIX_COLLECTION, countries=[{"iso_3166_1": "US", "name": "United States of America"}]),
]

#: The rest of The Matrix Collection (TMDB collection 2344), details served too so the collection can be added.
#: Ids, IMDb ids, dates and runtimes are best knowledge (unsure: not checked against TMDB itself); no text.
_US = [{"iso_3166_1": "US", "name": "United States of America"}]
MATRIX_SEQUELS: list[dict[str, Any]] = [
    # The Matrix Reloaded: US theatrical 2003-05-15 (rated R).
    _film(604, "tt0234215", "The Matrix Reloaded", "2003-05-15", 138, [ACTION, SCIENCE_FICTION],
          [_release("US", ("2003-05-15", THEATRICAL, "R"))], collection=MATRIX_COLLECTION, countries=_US),
    # The Matrix Revolutions: worldwide theatrical 2003-11-05 (rated R).
    _film(605, "tt0242653", "The Matrix Revolutions", "2003-11-05", 129, [ACTION, SCIENCE_FICTION],
          [_release("US", ("2003-11-05", THEATRICAL, "R"))], collection=MATRIX_COLLECTION, countries=_US),
    # The Matrix Resurrections: TMDB's release_date 2021-12-16 (unsure), US theatrical and streaming 2021-12-22.
    _film(624860, "tt10838180", "The Matrix Resurrections", "2021-12-16", 148, [ACTION, SCIENCE_FICTION],
          [_release("US", ("2021-12-22", THEATRICAL, "R"), ("2021-12-22", DIGITAL, "R"))],
          collection=MATRIX_COLLECTION, countries=_US),
]
