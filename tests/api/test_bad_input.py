"""Hostile and mistaken requests against a running `serve`: each gets the right status in Radarr's error shape
(a validation list, or {message, description}), and nothing stored changes."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import ApiServer

pytestmark = pytest.mark.integration


def _is_validation(answer: httpx.Response, field: str) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    [item] = answer.json()
    assert set(item) == {"propertyName", "errorMessage", "attemptedValue", "severity"}
    assert item["propertyName"] == field


def _is_error(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    assert set(answer.json()) == {"message", "description"}


def test_bad_requests_answer_in_radarrs_shapes_and_change_nothing(api_server: ApiServer) -> None:
    root = str(api_server.folder / "library/movies")
    [found] = api_server.get("/api/v3/movie/lookup", params={"term": "tmdb:603"}).json()
    good = {**found, "qualityProfileId": 1, "rootFolderPath": root, "addOptions": {"searchForMovie": False}}
    added = api_server.request("POST", "/api/v3/movie", json=good)
    assert added.status_code == 201
    before = (api_server.get("/api/v3/movie").json(), api_server.get("/api/v3/tag").json())

    _is_error(httpx.get(api_server.url + "/api/v3/movie"), 401)
    _is_error(httpx.get(api_server.url + "/api/v3/movie", headers={"X-Api-Key": "f" * 32}), 401)
    _is_error(httpx.get(api_server.url + "/api/v3/movie", params={"apikey": api_server.key[:-1]}), 401)
    _is_error(api_server.request("POST", "/api/v3/movie", content=b'{"tmdbId": 603,'), 400)
    _is_error(api_server.request("POST", "/api/v3/movie", content=b"x" * (10 * 1024 * 1024)), 413)
    _is_validation(api_server.request("POST", "/api/v3/movie", json={**good, "tmdbId": "603"}), "TmdbId")
    _is_validation(api_server.request("POST", "/api/v3/movie", json={**good, "qualityProfileId": 99}),
                   "QualityProfileId")
    _is_validation(api_server.request("POST", "/api/v3/movie", json={**good, "monitored": "yes"}), "Monitored")
    _is_validation(api_server.request("POST", "/api/v3/movie", json={**good, "rootFolderPath": "/tmp"}),
                   "RootFolderPath")
    _is_validation(api_server.request("POST", "/api/v3/movie",
                                      json={**good, "rootFolderPath": root + "/../uhd"}), "RootFolderPath")
    _is_validation(api_server.request("POST", "/api/v3/movie", json={**good, "tags": [42]}), "tags")
    _is_validation(api_server.request("POST", "/api/v3/movie", json=good), "TmdbId")  # already added
    _is_validation(api_server.request("POST", "/api/v3/movie", json=[good]), "")
    _is_validation(api_server.request("POST", "/api/v3/tag", json={"label": "a/b"}), "label")
    _is_error(api_server.get("/api/v3/movie/999"), 404)
    _is_error(api_server.get("/api/v3/movie/abc"), 404)
    _is_error(api_server.request("PUT", "/api/v3/movie/999", json=good), 404)
    _is_error(api_server.request("DELETE", "/api/v3/movie/999"), 404)
    _is_error(api_server.request("DELETE", "/api/v3/tag/999"), 404)
    _is_error(api_server.get("/api/v3/nothing"), 404)
    # commands are Dagster runs: without Dagster, a clear 503 and no command recorded
    command = api_server.request("POST", "/api/v3/command", json={"name": "MoviesSearch", "movieIds": [1]})
    _is_error(command, 503)
    assert "Dagster" in command.json()["message"] and command.headers["Retry-After"]
    _is_validation(api_server.request("POST", "/api/v3/command", json={"name": "FormatDisk"}), "Name")

    assert (api_server.get("/api/v3/movie").json(), api_server.get("/api/v3/tag").json()) == before
    assert api_server.key not in (api_server.folder / "serve.log").read_text()
