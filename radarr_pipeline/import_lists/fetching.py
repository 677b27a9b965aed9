"""Fetching one configured list: its address, its secret (from the environment), its pages, its parser."""

from __future__ import annotations

from pathlib import Path

from radarr_pipeline.config import read_secret
from radarr_pipeline.import_lists.http import address_of, decode_json, get_bytes, get_json
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
from radarr_pipeline.settings.import_lists import SERVICE_URLS, ImportListConfig

MAX_PAGES = 50  # TMDB lists and discover results: at most this many pages (20 movies each)
PLEX_PAGE = 50
PLEX_MAX_PAGES = 10  # as Radarr's PlexListRequestGenerator


def _text(entry: ImportListConfig, secret: str | None = None) -> str:
    """A local file's text, or a URL's body, bounded by the list's byte limit."""
    if entry.path is not None:
        try:
            size = entry.path.stat().st_size
            if size > entry.max_bytes:
                raise ImportListError(f"{entry.path} is {size} bytes, more than the limit of {entry.max_bytes}")
            return entry.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ImportListError(f"cannot read {entry.path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ImportListError(f"{entry.path} is not UTF-8 text") from None
    assert entry.url is not None
    body = get_bytes(entry.url, timeout=entry.timeout_seconds, max_bytes=entry.max_bytes, secret=secret)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ImportListError(f"{address_of(entry.url)} did not send UTF-8 text") from None


def _json(entry: ImportListConfig, url: str, *, headers: dict[str, str] | None = None,
          params: dict[str, str | int] | None = None, secret: str | None = None) -> object:
    return get_json(url, timeout=entry.timeout_seconds, max_bytes=entry.max_bytes, headers=headers,
                    params=params, secret=secret)


def _tmdb_auth(secret: str) -> tuple[dict[str, str], dict[str, str | int]]:
    """A read-access token (a JWT, with dots) goes in the Authorization header; a v3 key in ``api_key``."""
    if "." in secret:
        return {"Authorization": f"Bearer {secret}", "Accept": "application/json"}, {}
    return {"Accept": "application/json"}, {"api_key": secret}


def _tmdb(entry: ImportListConfig, secret: str) -> list[ListedMovie]:
    base = (entry.url or SERVICE_URLS["tmdb"]).rstrip("/")
    headers, auth = _tmdb_auth(secret)
    if entry.kind == "tmdb_collection":
        return parse_tmdb_collection(_json(entry, f"{base}/collection/{entry.list_id}", headers=headers,
                                           params=auth, secret=secret))
    if entry.kind == "tmdb_person":
        return parse_tmdb_person(_json(entry, f"{base}/person/{entry.list_id}/movie_credits", headers=headers,
                                       params=auth, secret=secret))
    url, extra = {
        "tmdb_list": (f"{base}/list/{entry.list_id}", {}),
        "tmdb_keyword": (f"{base}/discover/movie", {"with_keywords": str(entry.list_id)}),
        "tmdb_company": (f"{base}/discover/movie", {"with_companies": str(entry.list_id)}),
    }[entry.kind]
    movies: list[ListedMovie] = []
    page, total = 1, 1
    while page <= min(total, MAX_PAGES):
        found, total = tmdb_page(_json(entry, url, headers=headers, params={**auth, **extra, "page": page},
                                       secret=secret))
        movies += found
        page += 1
    return movies


def _trakt(entry: ImportListConfig, client_id: str) -> list[ListedMovie]:
    base = (entry.url or SERVICE_URLS["trakt"]).rstrip("/")
    headers = {"Content-Type": "application/json", "trakt-api-version": "2", "trakt-api-key": client_id}
    path = {
        "trakt_list": f"/users/{entry.username}/lists/{entry.list_id}/items/movies",
        "trakt_watchlist": f"/users/{entry.username}/watchlist/movies",
        "trakt_popular": "/movies/popular",
    }[entry.kind]
    return parse_trakt(_json(entry, base + path, headers=headers, params={"limit": entry.limit}, secret=client_id))


def _plex(entry: ImportListConfig, token: str) -> list[ListedMovie]:
    base = (entry.url or SERVICE_URLS["plex"]).rstrip("/")
    movies: list[ListedMovie] = []
    for page in range(PLEX_MAX_PAGES):
        found = parse_plex_watchlist(_json(
            entry, f"{base}/library/sections/watchlist/all",
            headers={"Accept": "application/json", "X-Plex-Token": token},
            params={"includeGuids": "1", "X-Plex-Container-Start": page * PLEX_PAGE,
                    "X-Plex-Container-Size": PLEX_PAGE}, secret=token))
        movies += found
        if len(found) < PLEX_PAGE:
            break
    return movies


def fetch_list(entry: ImportListConfig) -> list[ListedMovie]:
    """The movies the list names now, or an ImportListError (a ConfigError when its secret is not set)."""
    secret = read_secret(entry.api_key_env, f"import_lists.lists[{entry.name}].api_key_env")
    kind = entry.kind
    if kind == "ids":
        return parse_ids(_text(entry))
    if kind == "imdb_list":
        return parse_imdb_csv(_text(entry))
    if kind in ("radarr_list", "stevenlu"):
        where = str(entry.path) if entry.path else address_of(entry.url or "")
        data = decode_json(_text(entry).encode("utf-8"), where)
        return parse_radarr_list(data) if kind == "radarr_list" else parse_stevenlu(data)
    assert secret is not None  # the settings require api_key_env for every kind below
    if kind == "radarr":
        assert entry.url is not None
        return parse_radarr_v3(_json(entry, entry.url.rstrip("/") + "/api/v3/movie",
                                     headers={"X-Api-Key": secret, "Accept": "application/json"},
                                     params={"excludeLocalCovers": "true"}, secret=secret))
    if kind.startswith("tmdb_"):
        return _tmdb(entry, secret)
    if kind.startswith("trakt_"):
        return _trakt(entry, secret)
    if kind == "plex_watchlist":
        return _plex(entry, token=secret)
    raise ImportListError(f"unknown list kind {kind!r}")


def describe(entry: ImportListConfig) -> str:
    """Where the list comes from, safe to show."""
    if entry.path is not None:
        return str(Path(entry.path))
    return address_of(entry.url) if entry.url else f"{entry.kind} {entry.list_id or entry.username or ''}".strip()
