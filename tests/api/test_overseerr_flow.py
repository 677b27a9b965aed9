"""Overseerr's and Jellyseerr's calls, made with pyarr (and plain HTTP where they use ?apikey=) against a
running `serve`: test connection, profiles, root folders, tags, lookup by tmdb:N, add, read back; the 4K base."""

from __future__ import annotations

import httpx
import pytest
from pyarr import RadarrAPI
from pyarr.exceptions import PyarrResourceNotFound

from tests.api.conftest import ApiServer

pytestmark = pytest.mark.integration


def test_overseerr_flow_with_pyarr(api_server: ApiServer) -> None:
    radarr = RadarrAPI(api_server.url, api_server.key)
    status = radarr.get_system_status()
    assert int(status["version"].split(".")[0]) >= 3 and status["urlBase"] == ""
    profiles = radarr.get_quality_profile()
    assert [p["name"] for p in profiles] == ["HD", "UHD"] and profiles[0]["id"] == 1
    roots = radarr.get_root_folder()
    assert [r["path"] for r in roots] == [str(api_server.folder / "library/movies")]
    tag = radarr.create_tag("1 - admin")
    assert tag["label"] == "1 - admin" and radarr.get_tag() == [tag]

    [found] = radarr.lookup_movie("tmdb:603")
    assert found["tmdbId"] == 603 and found["titleSlug"] == "603" and "id" not in found
    added = radarr.add_movie(found, root_dir=roots[0]["path"], quality_profile_id=1, tags=[tag["id"]],
                             search_for_movie=False)
    assert added["title"] == "The Matrix" and added["tags"] == [tag["id"]] and added["monitored"] is True
    movie = radarr.get_movie(added["id"])
    assert movie["tmdbId"] == 603 and movie["hasFile"] is False and movie["qualityProfileId"] == 1
    assert radarr.get_movie(603, tmdb=True)[0]["id"] == added["id"]

    [again] = radarr.lookup_movie("tmdb:603")  # the library is reflected: the clients do not add it twice
    assert again["id"] == added["id"] and again["monitored"] is True and again["tags"] == [tag["id"]]
    with pytest.raises(PyarrResourceNotFound):
        radarr.get_movie(999)


def test_request_apps_key_in_the_query_and_case_insensitive_paths(api_server: ApiServer) -> None:
    answer = httpx.get(f"{api_server.url}/api/v3/qualityProfile", params={"apikey": api_server.key})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    bearer = httpx.get(f"{api_server.url}/API/V3/System/Status",
                       headers={"Authorization": f"Bearer {api_server.key}"})
    assert bearer.status_code == 200
    assert httpx.get(f"{api_server.url}/api", params={"apikey": api_server.key}).json()["current"] == "v3"
    assert api_server.get("/api/v3/movie", params={"TMDBID": "603"}).json() == []


def test_unmonitored_movie_updated_with_the_lookup_spread_back(api_server: ApiServer) -> None:
    [found] = api_server.get("/api/v3/movie/lookup", params={"term": "tmdb:603"}).json()
    root = str(api_server.folder / "library/movies")
    posted = api_server.request("POST", "/api/v3/movie", json={
        **found, "qualityProfileId": 1, "rootFolderPath": root, "monitored": False, "tags": [],
        "addOptions": {"searchForMovie": False}, "somethingNew": {"x": 1}})
    assert posted.status_code == 201, posted.text
    [existing] = api_server.get("/api/v3/movie/lookup", params={"term": "tmdb:603"}).json()
    assert existing["monitored"] is False
    put = api_server.request("PUT", "/api/v3/movie", json={**existing, "monitored": True,
                                                            "addOptions": {"searchForMovie": False}})
    assert put.status_code == 202, put.text
    assert put.json()["monitored"] is True and put.json()["id"] == existing["id"]


def test_the_4k_base_adds_another_version(api_server: ApiServer) -> None:
    four_k = RadarrAPI(api_server.url + "/4k", api_server.key)
    assert four_k.get_system_status()["urlBase"] == "/4k"
    assert [p["name"] for p in four_k.get_quality_profile()] == ["UHD"]
    [root] = four_k.get_root_folder()
    assert root["path"] == str(api_server.folder / "library/uhd")
    hd = RadarrAPI(api_server.url, api_server.key)
    [found] = hd.lookup_movie("tmdb:603")
    hd_movie = hd.add_movie(found, root_dir=str(api_server.folder / "library/movies"), quality_profile_id=1,
                            search_for_movie=False)
    [in_4k] = four_k.lookup_movie("tmdb:603")
    assert "id" not in in_4k  # the 4K server does not have it yet
    uhd_movie = four_k.add_movie(in_4k, root_dir=root["path"], quality_profile_id=2, search_for_movie=False)
    assert uhd_movie["id"] == hd_movie["id"] and uhd_movie["rootFolderPath"] == root["path"]
    assert uhd_movie["qualityProfileId"] == 2 and hd.get_movie(hd_movie["id"])["qualityProfileId"] == 1


def test_dashboards_read_queue_history_calendar_and_settings(api_server: ApiServer) -> None:
    radarr = RadarrAPI(api_server.url, api_server.key)
    [found] = radarr.lookup_movie("tmdb:603")
    added = radarr.add_movie(found, root_dir=str(api_server.folder / "library/movies"), quality_profile_id=1,
                             search_for_movie=False)
    queue = radarr.get_queue()
    assert set(queue) == {"page", "pageSize", "sortKey", "sortDirection", "totalRecords", "records"}
    assert queue["totalRecords"] == 0
    history = radarr.get_history()
    assert history["page"] == 1 and isinstance(history["records"], list)
    missing = api_server.get("/api/v3/wanted/missing").json()
    assert [m["id"] for m in missing["records"]] == [added["id"]]
    calendar = api_server.get("/api/v3/calendar", params={"start": "1999-03-01", "end": "1999-04-30"}).json()
    assert [m["tmdbId"] for m in calendar] == [603]
    assert len(radarr.get_quality_definition()) == 30
    assert api_server.get("/api/v3/health").json() == []
    assert api_server.get("/api/v3/diskspace").json()[0]["totalSpace"] > 0
    assert api_server.get("/api/v3/moviefile", params={"movieId": added["id"]}).json() == []
    assert api_server.get("/api/v3/language").status_code == 200
    assert api_server.get("/api/v3/customformat").json() == []
