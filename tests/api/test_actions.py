"""Interactive search, grabbing by hand, queue removal with blocklisting, the blocklist, parse, exclusions,
import lists, the movie editor, wanted/cutoff, system/task and the iCal feed, against a running `serve` (pyarr
where it has the call, httpx otherwise); the library is seeded through the services the pipeline runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pyarr import RadarrAPI

from radarr_pipeline.config import load_config
from radarr_pipeline.models import IndexerRelease
from radarr_pipeline.services.scoring import score
from radarr_pipeline.services.wanted import refresh_wanted
from radarr_pipeline.store import LibraryStore
from tests.api.conftest import ApiServer

pytestmark = pytest.mark.integration

NOW = datetime.now(UTC)
HASHES = {"good": "1" * 40, "x265": "2" * 40, "uhd": "3" * 40, "other": "4" * 40}
TITLES = {"good": "The.Matrix.1999.1080p.BluRay.x264-GOOD", "x265": "The.Matrix.1999.720p.BluRay.x265-OTHER",
          "uhd": "The.Matrix.1999.2160p.BluRay.x264-UHD", "other": "Heat.1995.1080p.BluRay.x264-GRP"}


def _release(key: str) -> IndexerRelease:
    return IndexerRelease(guid=f"guid-{key}", title=TITLES[key], indexer="Sandbox", size=8 * 1024**3, seeders=20,
                          peers=25, published_at=NOW - timedelta(hours=5),
                          magnet_url=f"magnet:?xt=urn:btih:{HASHES[key]}&dn={TITLES[key]}")


def _add_matrix(server: ApiServer) -> int:
    [found] = server.get("/api/v3/movie/lookup", params={"term": "tmdb:603"}).json()
    added = server.request("POST", "/api/v3/movie", json={
        **found, "qualityProfileId": 1, "rootFolderPath": str(server.folder / "library/movies"), "monitored": True,
        "addOptions": {"searchForMovie": False}})
    assert added.status_code == 201, added.text
    return int(added.json()["id"])


def _sent(server: ApiServer) -> list[str]:
    """What the blackhole client was given (its own bookkeeping folder aside)."""
    return sorted(p.name for p in (server.folder / "watch").iterdir() if not p.name.startswith("."))


def _seed_decisions(server: ApiServer) -> None:
    """Releases as an RSS sync stores them, then the wanted and scoring steps (services, as the assets call them)."""
    config = load_config(server.folder / "config.yaml")
    with LibraryStore(config.database).open() as library:
        library.releases.add_new([_release(k) for k in TITLES], NOW)
    refresh_wanted(config, NOW)
    score(config, NOW)


def _validation(answer: httpx.Response, field: str) -> None:
    assert answer.status_code == 400, answer.text
    [item] = answer.json()
    assert set(item) == {"propertyName", "errorMessage", "attemptedValue", "severity"}
    assert item["propertyName"] == field


def _error(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status, answer.text
    assert set(answer.json()) == {"message", "description"}


def test_interactive_search_grab_and_queue_removal(action_server: ApiServer) -> None:
    movie_id = _add_matrix(action_server)
    _seed_decisions(action_server)
    radarr = RadarrAPI(action_server.url, action_server.key)

    found = radarr.get_release(movie_id)
    by_title = {r["title"]: r for r in found}
    assert set(by_title) == {TITLES["good"], TITLES["x265"], TITLES["uhd"]}  # Heat is not this movie
    good, x265, uhd = by_title[TITLES["good"]], by_title[TITLES["x265"]], by_title[TITLES["uhd"]]
    assert found[0] is good or found[0] == good  # the approved release first
    assert good["approved"] is True and good["rejected"] is False and good["rejections"] == []
    assert good["quality"]["quality"]["name"] == "Bluray-1080p" and good["indexerId"] == 1
    assert good["indexer"] == "Sandbox" and good["mappedMovieId"] == movie_id and good["seeders"] == 20
    assert good["leechers"] == 5 and good["protocol"] == "torrent" and good["releaseGroup"] == "GOOD"
    assert good["movieTitles"] == ["The Matrix"] and good["ageHours"] >= 4.9 and good["downloadAllowed"] is True
    assert [f["name"] for f in x265["customFormats"]] == ["x265"] and x265["customFormatScore"] == -50
    assert x265["rejected"] is True and any("-50" in r for r in x265["rejections"])
    assert uhd["rejected"] is True and uhd["rejections"] and uhd["quality"]["quality"]["name"] == "Bluray-2160p"
    assert set(good) >= {"guid", "quality", "customFormats", "customFormatScore", "title", "size", "indexer",
                         "rejected", "rejections", "approved", "downloadAllowed", "seeders", "leechers", "protocol",
                         "publishDate", "mappedMovieId", "age", "infoHash", "languages"}

    grabbed = radarr.post_release(good["guid"], good["indexerId"])
    assert grabbed["infoHash"] == HASHES["good"], grabbed
    assert _sent(action_server) == [f"{TITLES['good']}.magnet"]
    [queued] = radarr.get_queue()["records"]
    assert queued["movieId"] == movie_id and queued["title"] == TITLES["good"]
    # a second grab while the first download is active is refused, and nothing more is sent
    _error(action_server.request("POST", "/api/v3/release", json={"guid": uhd["guid"], "indexerId": 1}), 409)
    assert len(_sent(action_server)) == 1

    removed = action_server.request("DELETE", f"/api/v3/queue/{queued['id']}",  # pyarr omits a false flag
                                    params={"removeFromClient": "false", "blocklist": "true"})
    assert removed.status_code == 200 and _sent(action_server) == [f"{TITLES['good']}.magnet"]
    assert radarr.get_queue()["records"] == []
    [blocked] = radarr.get_blocklist()["records"]
    assert blocked["sourceTitle"] == TITLES["good"] and blocked["movieId"] == movie_id and blocked["indexer"]
    events = [h["eventType"] for h in action_server.get("/api/v3/history").json()["records"]]
    assert events[:2] == ["downloadFailed", "grabbed"]
    radarr.del_blocklist(blocked["id"])
    assert radarr.get_blocklist()["totalRecords"] == 0
    _error(action_server.request("DELETE", f"/api/v3/blocklist/{blocked['id']}"), 404)

    # bad input: Radarr's shapes, nothing grabbed
    _validation(action_server.get("/api/v3/release"), "MovieId")
    _error(action_server.get("/api/v3/release", params={"movieId": 999}), 404)
    _validation(action_server.request("POST", "/api/v3/release", json={"guid": good["guid"], "indexerId": 7}),
                "IndexerId")
    _validation(action_server.request("POST", "/api/v3/release", json={"guid": 5, "indexerId": 1}), "Guid")
    _error(action_server.request("POST", "/api/v3/release", json={"guid": "nope", "indexerId": 1}), 404)
    _error(action_server.request("DELETE", "/api/v3/queue/999"), 404)
    _validation(action_server.request("DELETE", "/api/v3/queue/bulk", json={"ids": [999]}), "Ids")
    assert len(_sent(action_server)) == 1


def test_queue_bulk_removal_without_blocklist(action_server: ApiServer) -> None:
    movie_id = _add_matrix(action_server)
    _seed_decisions(action_server)
    radarr = RadarrAPI(action_server.url, action_server.key)
    radarr.post_release("guid-uhd", 1)  # rejected by the profile, grabbed by hand as Radarr allows
    [queued] = radarr.get_queue()["records"]
    assert queued["quality"]["quality"]["name"] == "Bluray-2160p"
    radarr.del_queue_bulk([queued["id"]], remove_from_client=True, blocklist=False)
    assert radarr.get_queue()["records"] == [] and radarr.get_blocklist()["totalRecords"] == 0
    assert _sent(action_server) == []  # removed from the client
    [ignored, *_] = action_server.get("/api/v3/history/movie", params={"movieId": movie_id}).json()
    assert ignored["eventType"] == "downloadIgnored"


def test_parse_exclusions_lists_editor_cutoff_tasks_and_feed(action_server: ApiServer) -> None:
    movie_id = _add_matrix(action_server)
    radarr = RadarrAPI(action_server.url, action_server.key)

    parsed = action_server.get("/api/v3/parse", params={"title": TITLES["x265"]}).json()
    info = parsed["parsedMovieInfo"]
    assert info["movieTitles"] == ["The Matrix"] and info["year"] == 1999 and info["releaseGroup"] == "OTHER"
    assert info["quality"]["quality"]["name"] == "Bluray-720p" and parsed["movie"]["id"] == movie_id
    assert [f["name"] for f in parsed["customFormats"]] == ["x265"] and parsed["customFormatScore"] == -50
    unknown = action_server.get("/api/v3/parse", params={"title": "Heat.1995.1080p.BluRay.x264-GRP"}).json()
    assert unknown["movie"] is None and unknown["customFormats"] == []
    _validation(action_server.get("/api/v3/parse"), "Title")

    added = action_server.request("POST", "/api/v3/exclusions",
                                  json={"tmdbId": 949, "movieTitle": "Heat", "movieYear": 1995})
    assert added.status_code == 201 and added.json()["id"] == 949
    assert action_server.get("/api/v3/exclusions").json() == [
        {"id": 949, "tmdbId": 949, "imdbId": None, "movieTitle": "Heat", "movieYear": 1995}]
    assert action_server.request("DELETE", "/api/v3/exclusions/949").status_code == 200
    _error(action_server.request("DELETE", "/api/v3/exclusions/949"), 404)
    _validation(action_server.request("POST", "/api/v3/exclusions", json={"tmdbId": "949"}), "TmdbId")
    assert action_server.get("/api/v3/exclusions").json() == []

    tag = radarr.create_tag("lists")
    [listed] = radarr.get_import_list()
    assert listed["name"] == "Favourites" and listed["implementation"] == "ids" and listed["tags"] == [tag["id"]]
    assert listed["qualityProfileId"] == 1 and radarr.get_import_list(1)["name"] == "Favourites"
    _error(action_server.get("/api/v3/importlist/5"), 404)

    edited = radarr.upd_movies({"movieIds": [movie_id], "monitored": False, "tags": [tag["id"]],
                                "applyTags": "add"})
    assert edited[0]["monitored"] is False and edited[0]["tags"] == [tag["id"]]
    again = radarr.get_movie(movie_id)
    assert again["monitored"] is False and again["tags"] == [tag["id"]]
    removed = action_server.request("PUT", "/api/v3/movie/editor",
                                    json={"movieIds": [movie_id], "tags": [tag["id"]], "applyTags": "remove"})
    assert removed.status_code == 202 and removed.json()[0]["tags"] == []
    _validation(action_server.request("PUT", "/api/v3/movie/editor", json={"movieIds": []}), "MovieIds")
    _validation(action_server.request("PUT", "/api/v3/movie/editor",
                                      json={"movieIds": [movie_id], "qualityProfileId": 9}), "QualityProfileId")
    _error(action_server.request("DELETE", "/api/v3/movie/editor", json={"movieIds": [movie_id, 999]}), 404)
    assert radarr.get_movie(movie_id)["id"] == movie_id  # all or none

    # a file below the cutoff (720p in HD, cutoff 1080p): wanted/cutoff lists the movie once it is monitored
    config = load_config(action_server.folder / "config.yaml")
    radarr.upd_movies({"movieIds": [movie_id], "monitored": True})
    with LibraryStore(config.database).open() as library:
        variant = library.conn.execute("SELECT id FROM variants WHERE movie_id = ?", [movie_id]).fetchone()[0]
        library.files.record(variant_id=variant, path=str(action_server.folder / "library/movies/m.mkv"),
                             size=1, quality="Bluray-720p", import_mode="move", at=NOW)
        library.conn.execute("UPDATE movies SET in_cinemas = ? WHERE id = ?", [NOW.date() + timedelta(days=3),
                                                                               movie_id])
    refresh_wanted(config, NOW)
    cutoff = action_server.get("/api/v3/wanted/cutoff").json()
    assert cutoff["totalRecords"] == 1 and cutoff["records"][0]["id"] == movie_id
    assert action_server.get("/api/v3/wanted/missing").json()["totalRecords"] == 0

    tasks = {t["taskName"]: t for t in radarr.get_task()}
    assert {"rsssync", "moviessearch", "refreshmonitoreddownloads"} <= set(tasks)
    assert tasks["rsssync"]["lastExecution"] is None

    feed = httpx.get(f"{action_server.url}/feed/v3/calendar/Radarr.ics",
                     params={"apikey": action_server.key, "pastDays": 1, "futureDays": 7})
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:The Matrix (Theatrical Release)" in feed.text
    assert f"UID:radarr-pipeline_movie_{movie_id}_cinemas" in feed.text
    narrow = httpx.get(f"{action_server.url}/feed/v3/calendar/Radarr.ics",
                       params={"apikey": action_server.key, "pastDays": 0, "futureDays": 1})
    assert "BEGIN:VEVENT" not in narrow.text
    _error(httpx.get(f"{action_server.url}/feed/v3/calendar/Radarr.ics"), 401)
    _validation(httpx.get(f"{action_server.url}/feed/v3/calendar/Radarr.ics",
                          params={"apikey": action_server.key, "pastDays": -1}), "pastDays")

    deleted = action_server.request("DELETE", "/api/v3/movie/editor",  # pyarr's del_movies is deprecated
                                    json={"movieIds": [movie_id], "deleteFiles": False, "addImportExclusion": True})
    assert deleted.status_code == 200, deleted.text
    assert radarr.get_movie() == []
    assert [e["tmdbId"] for e in action_server.get("/api/v3/exclusions").json()] == [603]
