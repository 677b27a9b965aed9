"""Import lists against list servers on 127.0.0.1 answering in the real shapes: new movies added and wanted,
exclusions honoured, and clean library that removes nothing when a list fails, comes back empty or would
remove too much, saying why each time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from radarr_pipeline.config import ConfigError, load_config
from radarr_pipeline.services.import_lists import sync_import_lists
from radarr_pipeline.services.movies import NewMovie, add_movie, list_movies
from radarr_pipeline.services.relocation import delete_movie
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.list_server import Answer, ListServer, radarr_v3_movie, tmdb_movie
from tests.cli.conftest import CliHome

NOW = datetime(2026, 3, 1, tzinfo=UTC)
BLENDER = [tmdb_movie(45745, "Sintel", "2010-09-27", "tt1727587"),
           tmdb_movie(10378, "Big Buck Bunny", "2008-05-30", "tt1254207"),
           tmdb_movie(133701, "Tears of Steel", "2012-09-26", "tt2285752")]


@pytest.fixture
def server() -> ListServer:
    with ListServer() as running:
        yield running  # type: ignore[misc]


def _configure(home: CliHome, lists: list[dict], **settings: object) -> None:
    data = yaml.safe_load(home.config_path.read_text(encoding="utf-8"))
    data["import_lists"] = {"lists": lists, **settings}
    home.config_path.write_text(yaml.safe_dump(data), encoding="utf-8")


def _wanted_titles(home: CliHome) -> list[str]:
    with LibraryStore(home.config.database).open(read_only=True) as library:
        return sorted(w.movie.title for w in library.movies.wanted())


def test_a_list_of_three_movies_adds_them_and_they_are_wanted(cli_home: CliHome, server: ListServer) -> None:
    server.serve("/blender.json", BLENDER)
    _configure(cli_home, [{"name": "blender", "kind": "radarr_list", "url": f"{server.url}/blender.json",
                           "tags": ["Open-Movies"], "quality_profile": "UHD"}])
    report = sync_import_lists(cli_home.config, NOW)
    [row] = report.lists
    assert (row.fetched, row.new, row.already_present, row.excluded, row.errors) == (3, 3, 0, 0, [])
    assert _wanted_titles(cli_home) == ["Big Buck Bunny", "Sintel", "Tears of Steel"]
    assert {s.variant.quality_profile for s in list_movies(cli_home.config)} == {"UHD"}
    with LibraryStore(cli_home.config.database).open(read_only=True) as library:
        events = library.history.for_movie(list_movies(cli_home.config)[0].movie.id)
    assert [e.event for e in events] == ["movie_added_from_list"] and events[0].data["list"] == "blender"
    again = sync_import_lists(cli_home.config, NOW + timedelta(hours=1))
    assert again.lists[0].note.startswith("not due until") and len(server.requests) == 1  # Radarr's interval
    later = sync_import_lists(cli_home.config, NOW + timedelta(hours=25))
    assert (later.lists[0].new, later.lists[0].already_present) == (0, 3)


def test_an_excluded_movie_is_never_added_again(cli_home: CliHome, server: ListServer) -> None:
    server.serve("/blender.json", BLENDER)
    _configure(cli_home, [{"name": "blender", "kind": "radarr_list", "url": f"{server.url}/blender.json"}])
    sync_import_lists(cli_home.config, NOW)
    sintel = next(s.movie for s in list_movies(cli_home.config) if s.movie.title == "Sintel")
    delete_movie(cli_home.config, sintel.id, NOW, add_exclusion=True)
    report = sync_import_lists(cli_home.config, NOW, force=True)
    assert (report.lists[0].excluded, report.lists[0].already_present, report.lists[0].new) == (1, 2, 0)
    assert "Sintel" not in _wanted_titles(cli_home)


def test_stevenlu_and_id_lists_without_title_and_year_say_what_adding_needs(cli_home: CliHome,
                                                                           server: ListServer) -> None:
    server.serve("/stevenlu.json", [{"title": "Sintel", "imdb_id": "tt1727587", "poster_url": ""}])
    ids = cli_home.folder / "ids.txt"
    ids.write_text("tt1254207\n", encoding="utf-8")
    _configure(cli_home, [{"name": "lu", "kind": "stevenlu", "url": f"{server.url}/stevenlu.json"},
                          {"name": "mine", "kind": "ids", "path": str(ids)}])
    report = sync_import_lists(cli_home.config, NOW)
    assert [r.fetched for r in report.lists] == [1, 1]
    assert all("gives no title and year" in r.errors[0] for r in report.lists)


def test_another_radarr_server_over_its_v3_api(cli_home: CliHome, server: ListServer,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTHER_RADARR_KEY", "s3cret-key-123")
    server.require_header("X-Api-Key", "s3cret-key-123")
    server.serve("/api/v3/movie", [radarr_v3_movie(45745, "Sintel", 2010, "tt1727587", "/m/Sintel (2010)")])
    _configure(cli_home, [{"name": "other", "kind": "radarr", "url": server.url, "api_key_env": "OTHER_RADARR_KEY"}])
    report = sync_import_lists(cli_home.config, NOW)
    assert report.lists[0].new == 1 and server.requests[0].query == {"excludeLocalCovers": ["true"]}
    monkeypatch.setenv("OTHER_RADARR_KEY", "wrong-key-456")
    report = sync_import_lists(cli_home.config, NOW, force=True)
    assert report.lists[0].errors == [f"127.0.0.1:{server.url.rsplit(':', 1)[1]}/api/v3/movie answered HTTP 401 "
                                      "(unauthorised: check the key)"]
    assert "wrong-key-456" not in report.markdown() and report.warnings


def test_an_unset_secret_is_that_lists_error(cli_home: CliHome, server: ListServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRAKT_CLIENT_ID", raising=False)
    _configure(cli_home, [{"name": "trakt", "kind": "trakt_popular", "url": server.url,
                           "api_key_env": "TRAKT_CLIENT_ID"}])
    report = sync_import_lists(cli_home.config, NOW)
    assert "TRAKT_CLIENT_ID is not set" in report.lists[0].errors[0]


def test_trakt_tmdb_and_plex_over_http(cli_home: CliHome, server: ListServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAKT_CLIENT_ID", "trakt-client")
    monkeypatch.setenv("TMDB_KEY", "tmdb-key-v3")
    monkeypatch.setenv("PLEX_TOKEN", "plex-token")
    server.serve("/users/me/watchlist/movies", [{"rank": 1, "type": "movie", "movie": {
        "title": "Sintel", "year": 2010, "ids": {"trakt": 1, "imdb": "tt1727587", "tmdb": 45745}}}])
    server.serve("/list/7", {"page": 1, "total_pages": 2, "results": [{**BLENDER[1], "media_type": "movie"}]},
                 {"page": 2, "total_pages": 2, "results": [{**BLENDER[2], "media_type": "movie"}]})
    server.serve("/library/sections/watchlist/all", {"MediaContainer": {"Metadata": [
        {"type": "movie", "title": "Elephants Dream", "year": 2006, "Guid": [{"id": "tmdb://9761"}]}]}})
    _configure(cli_home, [
        {"name": "trakt", "kind": "trakt_watchlist", "username": "me", "url": server.url,
         "api_key_env": "TRAKT_CLIENT_ID"},
        {"name": "tmdb", "kind": "tmdb_list", "list_id": "7", "url": server.url, "api_key_env": "TMDB_KEY"},
        {"name": "plex", "kind": "plex_watchlist", "url": server.url, "api_key_env": "PLEX_TOKEN"}])
    report = sync_import_lists(cli_home.config, NOW)
    assert [(r.name, r.new, r.errors) for r in report.lists] == [("trakt", 1, []), ("tmdb", 2, []), ("plex", 1, [])]
    by_path = {r.path: r for r in server.requests}
    assert by_path["/users/me/watchlist/movies"].headers["trakt-api-key"] == "trakt-client"
    assert by_path["/library/sections/watchlist/all"].headers["x-plex-token"] == "plex-token"
    assert [r.query["page"] for r in server.requests if r.path == "/list/7"] == [["1"], ["2"]]


@pytest.mark.parametrize(("answer", "said"), [
    (Answer(b"[{\"id\": 1,", 200), "did not send valid JSON"),
    (Answer(b"<!DOCTYPE html><html><form><input type=password>", 200, "text/html"), "HTML page"),
    (Answer(b"[" + b"1," * 40_000 + b"1]", 200), "more than the limit of 65536"),
    (Answer(b"[" * 20_000 + b"]" * 20_000, 200), "nested too deeply"),
    (Answer(b"{}", 500), "answered HTTP 500"),
    (Answer(b"[]", 200, delay_seconds=3), "did not answer within 1 s"),
])
def test_bad_answers_are_clear_errors(cli_home: CliHome, server: ListServer, answer: Answer, said: str) -> None:
    server.serve("/list.json", answer)
    _configure(cli_home, [{"name": "bad", "kind": "radarr_list", "url": f"{server.url}/list.json",
                           "max_bytes": 65536, "timeout_seconds": 1}])
    report = sync_import_lists(cli_home.config, NOW)
    assert said in report.lists[0].errors[0] and report.warnings and list_movies(cli_home.config) == []


def test_hostile_titles_are_refused_one_by_one(cli_home: CliHome, server: ListServer) -> None:
    server.serve("/list.json", [tmdb_movie(1, "Evil\x1b[31m", "2001-01-01"), tmdb_movie(2, "   ", "2001-01-01"),
                                tmdb_movie(3, "../../../etc", "2001-01-01"), BLENDER[0]])
    _configure(cli_home, [{"name": "l", "kind": "radarr_list", "url": f"{server.url}/list.json"}])
    report = sync_import_lists(cli_home.config, NOW)
    assert report.lists[0].new == 2 and "control characters" in report.lists[0].errors[0]
    assert sorted(s.movie.title for s in list_movies(cli_home.config)) == ["../../../etc", "Sintel"]
    # a title with path separators is only a title: the folder name is cleaned when a file is imported


def test_clean_library_removes_nothing_when_a_list_fails_is_empty_or_would_remove_too_much(
        cli_home: CliHome, server: ListServer) -> None:
    movies = [tmdb_movie(1000 + n, f"Movie {n}", f"{2000 + n}-01-01") for n in range(10)]
    server.serve("/list.json", movies)
    _configure(cli_home, [{"name": "all", "kind": "radarr_list", "url": f"{server.url}/list.json"}],
               clean_library="remove_and_keep", clean_library_max_share=0.2)
    assert sync_import_lists(cli_home.config, NOW).lists[0].new == 10

    server.serve("/list.json", Answer(b"oops", 500), [], movies[:1], movies[:9])
    failing = sync_import_lists(cli_home.config, NOW, force=True)
    empty = sync_import_lists(cli_home.config, NOW, force=True)
    mostly_gone = sync_import_lists(cli_home.config, NOW, force=True)
    assert len(list_movies(cli_home.config)) == 10
    assert "list(s) failed this sync: all (" in failing.warnings[-1] and "HTTP 500" in failing.warnings[-1]
    assert "returned no movies: all" in empty.warnings[-1]
    assert "would remove 9 of 10 movies (90%), more than the allowed 20%" in mostly_gone.warnings[-1]
    for report in (failing, empty, mostly_gone):
        assert report.clean_action == "blocked" and "nothing removed" in report.markdown()

    one_gone = sync_import_lists(cli_home.config, NOW, force=True)  # within the share: it acts
    assert one_gone.clean_action == "removed 1 movie(s) on no list (files kept)" and not one_gone.warnings
    assert sorted(s.movie.title for s in list_movies(cli_home.config)) == [f"Movie {n}" for n in range(9)]


def test_clean_library_unmonitor_and_log_only(cli_home: CliHome, server: ListServer) -> None:
    movies = [tmdb_movie(1000 + n, f"Movie {n}", "2001-01-01") for n in range(4)]
    server.serve("/list.json", movies, movies[:3])
    _configure(cli_home, [{"name": "all", "kind": "radarr_list", "url": f"{server.url}/list.json"}],
               clean_library="log_only", clean_library_max_share=0.5)
    sync_import_lists(cli_home.config, NOW)
    logged = sync_import_lists(cli_home.config, NOW, force=True)
    assert logged.not_on_lists == ["Movie 3 (2001)"] and len(list_movies(cli_home.config)) == 4
    _configure(cli_home, [{"name": "all", "kind": "radarr_list", "url": f"{server.url}/list.json"}],
               clean_library="keep_and_unmonitor", clean_library_max_share=0.5)
    sync_import_lists(cli_home.config, NOW, force=True)
    assert {s.movie.title: s.status for s in list_movies(cli_home.config)}["Movie 3"] == "unmonitored"


def test_refresh_interval_is_at_least_six_hours(cli_home: CliHome) -> None:
    _configure(cli_home, [], refresh_hours=1)
    with pytest.raises(ConfigError, match="refresh_hours"):
        load_config(cli_home.config_path)


def test_list_paths_are_relative_to_the_config(cli_home: CliHome) -> None:
    _configure(cli_home, [{"name": "f", "kind": "ids", "path": "ids.txt"}])
    assert cli_home.config.import_lists.lists[0].path == Path(cli_home.folder / "ids.txt").absolute()


def test_a_list_with_a_bad_tag_is_a_configuration_error(cli_home: CliHome) -> None:
    _configure(cli_home, [{"name": "l", "kind": "ids", "path": "ids.txt", "tags": ["not a tag"]}])
    with pytest.raises(ConfigError, match="is not a tag"):
        load_config(cli_home.config_path)


def test_a_movie_typed_in_without_ids_is_not_added_again_from_a_list(cli_home: CliHome, server: ListServer) -> None:
    add_movie(cli_home.config, NewMovie(title="SINTEL", year=2010))
    server.serve("/blender.json", BLENDER)
    _configure(cli_home, [{"name": "blender", "kind": "radarr_list", "url": f"{server.url}/blender.json"}])
    report = sync_import_lists(cli_home.config, NOW)
    assert (report.lists[0].already_present, report.lists[0].new) == (1, 2)
    assert sorted(s.movie.title for s in list_movies(cli_home.config)) == ["Big Buck Bunny", "SINTEL", "Tears of Steel"]
