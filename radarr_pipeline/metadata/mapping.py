"""TMDB's JSON (as documented for API v3) turned into the library's MovieMetadata and MovieCandidate.

Release dates: TMDB lists them per country with a type (1 premiere, 2 limited theatrical, 3 theatrical,
4 digital, 5 physical, 6 TV). In cinemas is the region's first theatrical date (3, else 2), digital is type 4 and
physical type 5; a kind the region does not list comes from the earliest date anywhere (an open movie released
online lists one country). In cinemas falls back to the movie's own ``release_date``. The certification is the
region's first non-empty one, theatrical first (Radarr's CertificationCountry). A premiere in another year than
the release gives the secondary year releases may use (Radarr's SkyHookProxy.MapMovie).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from radarr_pipeline.metadata.errors import MetadataResponseError
from radarr_pipeline.models import MovieCandidate, MovieMetadata
from radarr_pipeline.values.ids import normalize_imdb_id
from radarr_pipeline.values.languages import iso_language_find
from radarr_pipeline.values.titles import is_control

PREMIERE, THEATRICAL_LIMITED, THEATRICAL, DIGITAL, PHYSICAL = 1, 2, 3, 4, 5
_TEXT_LIMIT = 1000  # characters kept of a title-like field; longer is not a title


def _text(value: object) -> str | None:
    """A text field: control characters (which no title has) become spaces, runs of spaces one, at most
    _TEXT_LIMIT characters; None when nothing is left."""
    if not isinstance(value, str):
        return None
    value = " ".join("".join(" " if is_control(c) else c for c in value[:_TEXT_LIMIT * 2]).split())
    return value[:_TEXT_LIMIT] if value else None


def _date(value: object) -> date | None:
    """TMDB dates: '2008-05-30' or an ISO datetime '2008-05-30T00:00:00.000Z'; '' or junk is unknown."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _section(document: dict[str, Any], key: str) -> dict[str, Any]:
    """An appended part (``release_dates``, ``external_ids``...): a JSON object, else empty."""
    value = document.get(key)
    return value if isinstance(value, dict) else {}


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def candidate(result: dict[str, Any]) -> MovieCandidate | None:
    """A search (or find, or collection part) result; None when it has no id or title."""
    tmdb_id, title = _int(result.get("id")), _text(result.get("title"))
    if tmdb_id is None or tmdb_id <= 0 or title is None:
        return None
    released = _date(result.get("release_date"))
    return MovieCandidate(tmdb_id=tmdb_id, title=title, year=released.year if released else None,
                          original_title=_text(result.get("original_title")))


def candidates(document: dict[str, Any], key: str = "results") -> list[MovieCandidate]:
    """The movies of a search page (``results``), a find answer (``movie_results``) or a collection (``parts``)."""
    if not isinstance(document.get(key), list):
        raise MetadataResponseError(f"TMDB's answer has no {key!r} list")
    found = (candidate(r) for r in _dicts(document[key]))
    return [c for c in found if c is not None]


def _release_dates(document: dict[str, Any]) -> list[tuple[str, int, date, str]]:
    """(country, type, date, certification) of every listed release."""
    result = []
    for country in _dicts(_section(document, "release_dates").get("results")):
        code = country.get("iso_3166_1")
        for release in _dicts(country.get("release_dates")):
            kind, when = _int(release.get("type")), _date(release.get("release_date"))
            if isinstance(code, str) and kind is not None and when is not None:
                result.append((code.upper(), kind, when, _text(release.get("certification")) or ""))
    return result


def _first(releases: list[tuple[str, int, date, str]], kinds: tuple[int, ...], region: str) -> date | None:
    for kind in kinds:
        here = [d for c, k, d, _ in releases if c == region and k == kind]
        if here:
            return min(here)
    anywhere = [d for _, k, d, _ in releases if k in kinds]
    return min(anywhere) if anywhere else None


def _certification(releases: list[tuple[str, int, date, str]], region: str) -> str | None:
    mine = sorted(((k != THEATRICAL, d), cert) for c, k, d, cert in releases if c == region and cert)
    return mine[0][1] if mine else None


def movie_metadata(document: dict[str, Any], region: str) -> MovieMetadata:
    """A ``/movie/{id}`` answer (with its appended parts) as MovieMetadata; MetadataResponseError when it is not
    a movie (no id, no title, no year)."""
    tmdb_id, title = _int(document.get("id")), _text(document.get("title"))
    if tmdb_id is None or tmdb_id <= 0 or title is None:
        raise MetadataResponseError("TMDB's answer is not a movie (no id or title)")
    releases = _release_dates(document)
    in_cinemas = _first(releases, (THEATRICAL, THEATRICAL_LIMITED), region) or _date(document.get("release_date"))
    premiere = _first(releases, (PREMIERE,), region)
    released = _date(document.get("release_date")) or in_cinemas or premiere
    if released is None:
        raise MetadataResponseError(f"TMDB movie {tmdb_id} ({title}) has no release date yet: its year is unknown")
    year = released.year
    language = _text(document.get("original_language"))
    iso = iso_language_find(language) if language else None
    external = _section(document, "external_ids")
    collection = _section(document, "belongs_to_collection")
    runtime = _int(document.get("runtime"))
    alternatives = _dicts(_section(document, "alternative_titles").get("titles"))
    translations = _dicts(_section(document, "translations").get("translations"))
    imdb = _text(document.get("imdb_id")) or _text(external.get("imdb_id"))
    return MovieMetadata(
        tmdb_id=tmdb_id,
        title=title,
        year=year,
        imdb_id=normalize_imdb_id(imdb) if imdb else None,
        original_title=_text(document.get("original_title")),
        original_language=iso.language if iso else None,
        secondary_year=premiere.year if premiere and premiere.year != year else None,
        runtime_minutes=runtime if runtime and runtime > 0 else None,
        genres=tuple(g for g in (_text(x.get("name")) for x in _dicts(document.get("genres"))) if g),
        status=_text(document.get("status")),
        collection_tmdb_id=_int(collection.get("id")),
        collection=_text(collection.get("name")),
        certification=_certification(releases, region),
        in_cinemas=in_cinemas,
        digital_release=_first(releases, (DIGITAL,), region),
        physical_release=_first(releases, (PHYSICAL,), region),
        alternative_titles=tuple(dict.fromkeys(
            t for t in (_text(a.get("title")) for a in alternatives) if t and t != title)),
        translations=tuple(dict.fromkeys(
            (str(t.get("iso_639_1")), name) for t in translations
            if isinstance(t.get("iso_639_1"), str)
            and (name := _text(_section(t, "data").get("title")))
        )),
        poster_path=_text(document.get("poster_path")),
    )
