"""Managing movies in the library: edits recorded in history, root-folder moves and deletions that carry their
files (crash-safe), renames after a naming change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from radarr_pipeline.api.shapes import movie_columns
from radarr_pipeline.models import Availability
from radarr_pipeline.services.api_library import MovieChoices, movies_named, update_many_from_client
from radarr_pipeline.services.movie_edits import (
    MovieEditError,
    edit_tags,
    set_minimum_availability,
    set_monitored,
    set_quality_profile,
)
from radarr_pipeline.services.movies import NewMovie, add_movie, list_movies
from radarr_pipeline.services.relocation import change_root_folder, delete_movie
from radarr_pipeline.services.renaming import preview_renames, rename_files
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.import_lists import ImportListRepository
from tests.cli.conftest import CliHome

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def _with_file(home: CliHome, title: str = "Heat", year: int = 1995, name: str | None = None,
               **ids: object) -> tuple[int, int, Path]:
    config = home.config
    added = add_movie(config, NewMovie(title=title, year=year, **ids))  # type: ignore[arg-type]
    folder = config.root_folders[0] / f"{title} ({year})"
    folder.mkdir(parents=True, exist_ok=True)
    video = folder / (name or f"{title} ({year}) Bluray-1080p.mkv")
    video.write_bytes(b"x" * 1000)
    (folder / (video.stem + ".en.srt")).write_text("1\n", encoding="utf-8")
    with LibraryStore(config.database).open() as library:
        library.files.record(variant_id=added.variant.id, path=str(video), size=1000, quality="Bluray-1080p",
                             import_mode="copy", at=NOW, release_group="GRP")
        library.extra_files.record(added.variant.id, str(folder / (video.stem + ".en.srt")), "subtitle", "english",
                                   NOW)
    return added.movie.id, added.variant.id, video


def _history(home: CliHome, movie_id: int) -> list[tuple[str, dict]]:
    with LibraryStore(home.config.database).open(read_only=True) as library:
        return [(e.event, e.data) for e in library.history.for_movie(movie_id)]


def test_edits_change_the_movie_and_are_recorded(cli_home: CliHome) -> None:
    config = cli_home.config
    movie = add_movie(config, NewMovie(title="Heat", year=1995)).movie
    assert set_monitored(config, movie.id, False, NOW).changes
    assert set_monitored(config, movie.id, False, NOW).changes == []  # nothing to change, nothing recorded
    set_quality_profile(config, movie.id, "UHD", NOW)
    set_minimum_availability(config, movie.id, Availability.IN_CINEMAS, NOW)
    _result, tags = edit_tags(config, movie.id, NOW, add=["Kids", "4k"])
    assert tags == ["4k", "kids"]
    _result, tags = edit_tags(config, movie.id, NOW, remove=["4K"])
    assert tags == ["kids"]
    [status] = list_movies(config)
    assert status.status == "unmonitored" and status.variant.quality_profile == "UHD"
    assert status.movie.minimum_availability == Availability.IN_CINEMAS
    fields = [data["field"] for event, data in _history(cli_home, movie.id) if event == "movie_edited"]
    assert fields == ["monitored", "quality_profile", "minimum_availability", "tags", "tags"]


@pytest.mark.parametrize(("call", "said"), [
    (lambda c, m: set_quality_profile(c, m, "Nope", NOW), "no quality profile named 'Nope'"),
    (lambda c, m: set_monitored(c, 999, True, NOW), "no movie 999"),
    (lambda c, m: set_monitored(c, m, True, NOW, variant_id=999), "no version 999"),
    (lambda c, m: edit_tags(c, m, NOW, add=["../etc"]), "is not a tag"),
    (lambda c, m: edit_tags(c, m, NOW, add=["a\x1b[31m"]), "is not a tag"),
    (lambda c, m: change_root_folder(c, m, Path("/elsewhere"), NOW), "not a configured root folder"),
    (lambda c, m: delete_movie(c, m, NOW, add_exclusion=True), "no TMDB or IMDb id"),
])
def test_bad_edits_say_why(cli_home: CliHome, call, said: str) -> None:  # type: ignore[no-untyped-def]
    config = cli_home.config
    movie = add_movie(config, NewMovie(title="Heat", year=1995)).movie
    with pytest.raises(MovieEditError, match=said):
        call(config, movie.id)


def test_a_movie_with_two_versions_needs_the_version_named(cli_home: CliHome) -> None:
    config = cli_home.config
    movie = add_movie(config, NewMovie(title="Heat", year=1995)).movie
    add_movie(config, NewMovie(title="Heat", year=1995, profile="UHD"))
    with pytest.raises(MovieEditError, match="has 2 versions"):
        set_quality_profile(config, movie.id, "UHD", NOW)


def test_moving_to_another_root_folder_moves_the_folder_and_the_records(cli_home: CliHome) -> None:
    config = cli_home.config
    movie_id, variant_id, video = _with_file(cli_home)
    (video.parent / "notes.txt").write_text("mine", encoding="utf-8")  # a file of the user's goes along
    result = change_root_folder(config, movie_id, config.root_folders[1], NOW)
    new_folder = config.root_folders[1] / video.parent.name
    assert (new_folder / video.name).read_bytes() == b"x" * 1000
    assert (new_folder / "notes.txt").exists() and (new_folder / (video.stem + ".en.srt")).exists()
    assert not video.parent.exists()  # the emptied folder is removed
    assert len(result.files) == 3
    [status] = list_movies(config)
    assert status.variant.root_folder == str(config.root_folders[1])
    assert status.file_path == str(new_folder / video.name)
    with LibraryStore(config.database).open(read_only=True) as library:
        extras = [e.path for e in library.extra_files.for_variant(variant_id)]
    assert extras == [str(new_folder / (video.stem + ".en.srt"))]
    assert [event for event, _ in _history(cli_home, movie_id)] == ["movie_moved"]


def test_a_move_refuses_a_destination_in_the_way(cli_home: CliHome) -> None:
    config = cli_home.config
    movie_id, _variant_id, video = _with_file(cli_home)
    (config.root_folders[1] / video.parent.name).mkdir()
    (config.root_folders[1] / video.parent.name / video.name).write_bytes(b"other")
    with pytest.raises(MovieEditError, match="in the way"):
        change_root_folder(config, movie_id, config.root_folders[1], NOW)
    assert video.exists() and list_movies(config)[0].variant.root_folder == str(config.root_folders[0])


_CRASHING_MOVE = """
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from radarr_pipeline.config import load_config
from radarr_pipeline.services.relocation import change_root_folder
config = load_config(sys.argv[1])
change_root_folder(config, int(sys.argv[2]), config.root_folders[1], datetime.now(UTC))
"""


def test_a_move_killed_halfway_is_finished_by_the_next_operation(cli_home: CliHome) -> None:
    config = cli_home.config
    movie_id, _variant_id, video = _with_file(cli_home)
    env = {**os.environ, "RADARR_PIPELINE_CRASH_AT": "renamed", "RADARR_PIPELINE_CRASH_SKIP": "0"}
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASHING_MOVE), str(cli_home.config_path),
                          str(movie_id)], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == -9, run.stderr  # killed after the first of its two files was moved
    assert list_movies(config)[0].variant.root_folder == str(config.root_folders[0])  # not recorded yet
    assert len(list((config.root_folders[1] / video.parent.name).iterdir())) == 1  # one file across, one not
    result = set_monitored(config, movie_id, True, NOW)  # an edit that moves nothing does not finish it...
    assert result.changes == []
    recovered = change_root_folder(config, movie_id, config.root_folders[1], NOW)  # ...the next move does
    assert recovered.recovered == ["finished an interrupted root_folder (2 file(s))"]
    new_video = config.root_folders[1] / video.parent.name / video.name
    assert new_video.read_bytes() == b"x" * 1000 and not video.exists()
    [status] = list_movies(config)
    assert status.variant.root_folder == str(config.root_folders[1]) and status.file_path == str(new_video)


def test_delete_keeps_files_unless_asked_and_can_exclude(cli_home: CliHome) -> None:
    config = cli_home.config
    movie_id, _variant_id, video = _with_file(cli_home, tmdb_id=949)
    delete_movie(config, movie_id, NOW, add_exclusion=True)
    assert video.exists() and list_movies(config) == []
    with LibraryStore(config.database).open(read_only=True) as library:
        assert [(e.tmdb_id, e.title) for e in ImportListRepository(library.conn).exclusions()] == [(949, "Heat")]
        assert [e.event for e in library.history.for_movie(movie_id)] == ["movie_deleted"]
    [(kind, facts)] = _events(cli_home)  # files kept: no On Movie File Delete
    assert kind == "movie_delete" and facts["deletedFiles"] is False and facts["movie"]["tmdbId"] == 949


def _events(home: CliHome) -> list[tuple[str, dict]]:
    """The notification events written to the outbox, oldest first."""
    with LibraryStore(home.config.database).open(read_only=True) as library:
        rows = library.conn.execute("SELECT kind, facts FROM notification_events WHERE kind <> 'movie_added'"
                                    " ORDER BY id").fetchall()
    return [(kind, json.loads(facts)) for kind, facts in rows]


def test_deleted_files_go_to_the_recycle_bin(cli_home: CliHome) -> None:
    config = cli_home.config
    movie_id, _variant_id, video = _with_file(cli_home)
    result = delete_movie(config, movie_id, NOW, delete_files=True)
    bin_video = config.root_folders[0] / ".recycle" / video.parent.name / video.name
    assert bin_video.read_bytes() == b"x" * 1000 and not video.parent.exists()
    assert len(result.files) == 2
    with LibraryStore(config.database).open(read_only=True) as library:
        assert {r.recycled_path for r in library.recycle_bin.all()} == {m[1] for m in result.files}
        assert library.files.all() == []
    [(file_kind, file_facts), (kind, facts)] = _events(cli_home)
    assert (file_kind, kind) == ("movie_file_delete", "movie_delete") and facts["deletedFiles"] is True
    assert file_facts["deleteReason"] == "manual" and file_facts["movie"]["title"] == "Heat"
    assert file_facts["movieFile"]["path"] == str(video) and file_facts["movieFile"]["size"] == 1000
    assert file_facts["movieFile"]["recycleBinPath"] == str(bin_video)
    assert file_facts["movieFile"]["releaseGroup"] == "GRP"


def test_rename_previews_then_renames_the_file_and_its_subtitle(cli_home: CliHome) -> None:
    config = cli_home.config
    movie_id, _variant_id, video = _with_file(cli_home, name="heat.1995.1080p.bluray-grp.mkv")
    plan = preview_renames(config)
    expected = config.root_folders[0] / "Heat (1995)" / "Heat (1995) Bluray-1080p.mkv"
    assert [(r.old, r.new) for r in plan.renames] == [
        (str(video), str(expected)),
        (str(video.with_name("heat.1995.1080p.bluray-grp.en.srt")), str(expected.with_name(expected.stem + ".en.srt"))),
    ]
    assert video.exists()  # a preview touches nothing
    result = rename_files(config, NOW)
    assert len(result.renamed) == 2 and expected.exists() and not video.exists()
    assert list_movies(config)[0].file_path == str(expected)
    assert preview_renames(config).renames == []  # names match the settings now
    assert [e for e, _ in _history(cli_home, movie_id)] == ["movie_file_renamed"] * 2
    [(kind, facts)] = _events(cli_home)
    assert kind == "rename" and facts["movie"]["id"] == movie_id
    assert [(f["previousPath"], f["path"]) for f in facts["renamedMovieFiles"]] == [
        (r.old, r.new) for r in plan.renames]


def test_rename_leaves_a_file_whose_new_name_is_taken(cli_home: CliHome) -> None:
    config = cli_home.config
    _movie_id, _variant_id, video = _with_file(cli_home, name="heat.mkv")
    (video.parent / "Heat (1995) Bluray-1080p.mkv").write_bytes(b"someone else's")
    plan = preview_renames(config)
    assert plan.renames == [] and "is taken already" in plan.problems[0]


def test_a_movie_with_a_download_in_the_queue_is_not_deleted(cli_home: CliHome) -> None:
    config = cli_home.config
    added = add_movie(config, NewMovie(title="Heat", year=1995))
    with LibraryStore(config.database).open() as library:
        library.downloads.track(variant_id=added.variant.id, release_id=None, client="qBittorrent",
                                download_id="a" * 40, title="Heat.1995.1080p.BluRay-GRP", quality="Bluray-1080p",
                                size=1000, at=NOW)
    with pytest.raises(MovieEditError, match="has a download in the queue"):
        delete_movie(config, added.movie.id, NOW)
    assert len(list_movies(config)) == 1


_CRASHING_RENAME = """
import sys
from dataclasses import replace
from datetime import UTC, datetime
from radarr_pipeline.config import load_config
from radarr_pipeline.services.renaming import rename_files
rename_files(load_config(sys.argv[1]), datetime.now(UTC))
"""


def test_a_rename_killed_halfway_is_finished_by_the_next_one(cli_home: CliHome) -> None:
    config = cli_home.config
    _movie_id, _variant_id, video = _with_file(cli_home, name="heat.mkv")
    env = {**os.environ, "RADARR_PIPELINE_CRASH_AT": "renamed"}
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(_CRASHING_RENAME), str(cli_home.config_path)],
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == -9, run.stderr
    expected = video.with_name("Heat (1995) Bluray-1080p.mkv")
    assert expected.exists() and not video.exists()  # the file is renamed, its subtitle not yet, nothing recorded
    assert list_movies(config)[0].file_path == str(video)
    result = rename_files(config, NOW)
    assert result.recovered == ["finished an interrupted rename (2 file(s))"] and result.renamed == []
    assert [kind for kind, _ in _events(cli_home)] == ["rename"]  # the interrupted rename's event, once
    assert list_movies(config)[0].file_path == str(expected)
    assert expected.with_name("Heat (1995) Bluray-1080p.en.srt").exists()


def _choices(home: CliHome, movie_id: int, **changes: Any) -> MovieChoices:
    """The movie as it is now, with ``changes``."""
    [view] = movies_named(home.config, [str(r) for r in home.config.root_folders], [movie_id])
    return replace(MovieChoices(view.quality_profile, Path(view.root_folder), Availability(view.minimum_availability),
                                view.monitored, list(view.tag_ids)), **changes)


def test_the_movie_editor_changes_many_movies_in_one_unit_all_or_none(cli_home: CliHome) -> None:
    """PUT movie/editor's service: every movie's changes together, or, when one cannot be made, none of them."""
    config = cli_home.config
    roots = [str(r) for r in config.root_folders]
    derive = movie_columns(config, NOW.date())
    ids = [add_movie(config, NewMovie(title=t, year=y)).movie.id for t, y in (("Heat", 1995), ("Ran", 1985))]
    clash = add_movie(config, NewMovie(title="Alien", year=1979)).movie.id
    with LibraryStore(config.database).open() as library:  # Alien has its UHD version in the same root already
        library.movies.add_variant(clash, quality_profile="UHD", root_folder=str(config.root_folders[0]))

    refused = {i: _choices(cli_home, i, monitored=False) for i in ids}
    refused[clash] = _choices(cli_home, clash, monitored=False, profile="UHD")
    with pytest.raises(MovieEditError, match="already has a version with profile UHD"):
        update_many_from_client(config, roots, refused, derive)
    assert [e for i in ids for e in _history(cli_home, i) if e[0] == "movie_edited"] == []
    assert all(_choices(cli_home, i).monitored for i in [*ids, clash]), "none of the changes was kept"

    chosen = {ids[1]: _choices(cli_home, ids[1], monitored=False),
              ids[0]: _choices(cli_home, ids[0], minimum_availability=Availability.IN_CINEMAS)}
    edited = update_many_from_client(config, roots, chosen, derive)
    assert [json.loads(m.resource)["id"] for m in edited] == [ids[1], ids[0]]  # in the order asked
    assert json.loads(edited[0].resource)["monitored"] is False
    assert json.loads(edited[1].resource)["minimumAvailability"] == "inCinemas"
    assert [e[1]["field"] for e in _history(cli_home, ids[1]) if e[0] == "movie_edited"] == ["monitored"]
