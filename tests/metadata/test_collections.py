"""TMDB collections with the local TMDB-shaped server: adding a collection's missing movies through the real
CLI, following a collection so the metadata refresh adds its new members, an import list's
``monitor: movie_and_collection`` and ``search_on_add``; each recorded in history."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import duckdb
import pytest
import yaml

from radarr_pipeline.services.adding import AddChoices
from radarr_pipeline.services.collections import CollectionError, add_collection, collection_id
from radarr_pipeline.services.import_lists import sync_import_lists
from radarr_pipeline.services.metadata_refresh import refresh_metadata
from radarr_sandbox.list_server import ListServer, tmdb_movie
from radarr_sandbox.tmdb import TmdbServer
from tests.cli.conftest import CliHome

NOW = datetime(2026, 3, 1, tzinfo=UTC)
MATRIX = 2344


def rows(home: CliHome, sql: str) -> list[tuple]:
    with duckdb.connect(str(home.database), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_collection_add_adds_the_missing_members_once(tmdb_home: CliHome) -> None:
    assert tmdb_home.run("movies", "add", "tmdb:603").exit_code == 0
    result = tmdb_home.run("movies", "collection", "add", "--movie", "1")
    assert result.exit_code == 0, result.output
    assert "4 member(s), 3 added" in result.output and "1 already present" in result.output
    assert rows(tmdb_home, "SELECT tmdb_id, year, collection_tmdb_id FROM movies ORDER BY year, tmdb_id") == [
        (603, 1999, MATRIX), (604, 2003, MATRIX), (605, 2003, MATRIX), (624860, 2021, MATRIX)]
    assert rows(tmdb_home, "SELECT tmdb_id, title, monitored FROM collections") == [
        (MATRIX, "The Matrix Collection", False)]
    events = rows(tmdb_home, "SELECT event, count(*) FROM history GROUP BY event ORDER BY event")
    assert events == [("collection_added", 1), ("movie_added_from_collection", 3)]
    again = tmdb_home.run("movies", "collection", "add", "tmdb:2344")
    assert again.exit_code == 0 and "0 added" in again.output and "4 already present" in again.output
    assert len(rows(tmdb_home, "SELECT id FROM movies")) == 4


def test_a_collection_is_named_by_its_id_or_a_library_movie_that_has_one(tmdb_home: CliHome) -> None:
    assert collection_id("tmdb:2344") == collection_id("2344") == MATRIX
    for bad in ("tmdb:abc", "tmdb:-1", "../2344", "tmdb:0"):
        with pytest.raises(CollectionError, match="not a TMDB collection id"):
            collection_id(bad)
    unknown = tmdb_home.run("movies", "collection", "add", "tmdb:999999")
    assert unknown.exit_code != 0 and "404" in unknown.output
    assert tmdb_home.run("movies", "add", "tmdb:10378").exit_code == 0  # Big Buck Bunny: in no collection
    alone = tmdb_home.run("movies", "collection", "add", "--movie", "1")
    assert alone.exit_code != 0 and "belongs to no collection" in alone.output
    assert tmdb_home.run("movies", "collection", "unmonitor", "tmdb:2344").exit_code != 0  # not known yet


def test_a_monitored_collection_gains_new_members_at_the_metadata_refresh(tmdb_home: CliHome,
                                                                         tmdb_server: TmdbServer) -> None:
    newest = tmdb_server.movies.pop(624860)  # TMDB does not list Resurrections yet
    report = add_collection(tmdb_home.config, MATRIX, NOW, AddChoices(profile="UHD"), monitor=True)
    assert sorted(report.added) == ["The Matrix (1999)", "The Matrix Reloaded (2003)",
                                    "The Matrix Revolutions (2003)"]
    tmdb_server.add_movie(copy.deepcopy(newest))
    refreshed = refresh_metadata(tmdb_home.config, NOW + timedelta(days=1))
    [collection] = refreshed.collections
    assert (collection.added, collection.already_present) == (["The Matrix Resurrections (2021)"], 3)
    assert "The Matrix Resurrections (2021)" in refreshed.markdown()
    assert rows(tmdb_home, "SELECT v.quality_profile FROM movies m JOIN variants v ON v.movie_id = m.id"
                           " WHERE m.tmdb_id = 624860") == [("UHD",)]
    assert tmdb_home.run("movies", "collection", "unmonitor", "tmdb:2344").exit_code == 0
    tmdb_server.add_movie({**copy.deepcopy(newest), "id": 624861, "imdb_id": "tt9999991",
                           "title": "A Matrix Yet To Come", "release_date": "2031-01-01"})
    assert refresh_metadata(tmdb_home.config, NOW + timedelta(days=2)).collections == []
    listed = tmdb_home.run("movies", "collection", "list")
    assert "The Matrix Collection" in listed.output and "UHD" in listed.output
    assert rows(tmdb_home, "SELECT count(*) FROM movies") == [(4,)]
    assert rows(tmdb_home, "SELECT event FROM history WHERE event LIKE 'collection%' ORDER BY id") == [
        ("collection_added",), ("collection_edited",)]


def test_a_list_can_monitor_the_collection_and_ask_for_a_search(tmdb_home: CliHome) -> None:
    with ListServer() as server:
        server.serve("/matrix.json", [tmdb_movie(603, "The Matrix", "1999-03-30"),
                                      tmdb_movie(10378, "Big Buck Bunny", "2008-05-30")])
        data = yaml.safe_load(tmdb_home.config_path.read_text(encoding="utf-8"))
        data["import_lists"] = {"lists": [{
            "name": "matrix", "kind": "radarr_list", "url": f"{server.url}/matrix.json",
            "monitor": "movie_and_collection", "search_on_add": True, "quality_profile": "UHD"}]}
        tmdb_home.config_path.write_text(yaml.safe_dump(data), encoding="utf-8")
        report = sync_import_lists(tmdb_home.config, NOW)
    assert report.lists[0].new == 2
    assert rows(tmdb_home, "SELECT tmdb_id, monitored, quality_profile FROM collections") == [(MATRIX, True, "UHD")]
    assert rows(tmdb_home, "SELECT source_title, data->>'why' FROM history WHERE event = 'collection_monitored'") == [
        ("The Matrix Collection", "list matrix")]
    assert rows(tmdb_home, "SELECT m.tmdb_id FROM search_requests r JOIN movies m ON m.id = r.movie_id"
                           " ORDER BY m.tmdb_id") == [(603,), (10378,)]
    refreshed = refresh_metadata(tmdb_home.config, NOW + timedelta(hours=1))
    assert sorted(refreshed.collections[0].added) == [
        "The Matrix Reloaded (2003)", "The Matrix Resurrections (2021)", "The Matrix Revolutions (2003)"]


def test_movies_add_with_search_marks_it_for_the_next_search(tmdb_home: CliHome) -> None:
    result = tmdb_home.run("movies", "add", "tmdb:45745", "--search")
    assert result.exit_code == 0 and "searched first" in result.output
    by_hand = tmdb_home.run("movies", "add", "--title", "Home Movie", "--year", "2020", "--search")
    assert by_hand.exit_code == 0, by_hand.output
    assert tmdb_home.run("movies", "add", "tmdb:10378").exit_code == 0
    assert rows(tmdb_home, "SELECT movie_id FROM search_requests ORDER BY movie_id") == [(1,), (2,)]
    assert tmdb_home.run("movies", "delete", "2").exit_code == 0
    assert rows(tmdb_home, "SELECT movie_id FROM search_requests") == [(1,)]
