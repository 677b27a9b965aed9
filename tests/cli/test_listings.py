"""`movies list`, `queue` and `history`: filters, pages and the three output formats, through the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from radarr_pipeline.models import DownloadState, HistoryEvent
from radarr_pipeline.store import LibraryStore
from tests.cli.conftest import CliHome

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
MOVIE_KEYS = ["id", "title", "year", "profile", "status", "quality", "file", "variant_id", "root_folder", "monitored",
              "tmdb_id", "imdb_id"]


def stock(home: CliHome) -> dict[str, int]:
    """Four movies: Alien (downloaded), Heat (downloading, and a UHD version missing), Ran (unmonitored), Zodiac
    (missing); history for Heat and Alien. Returns the movie ids by title."""
    root = str(home.config.root_folders[0])
    uhd = str(home.config.root_folders[1])
    with LibraryStore(home.database).open() as library:
        movies = library.movies.add_many([{"title": t, "year": y, "tmdb_id": i} for i, (t, y) in enumerate(
            (("Heat", 1995), ("Alien", 1979), ("Ran", 1985), ("Zodiac", 2007)), start=1)])
        ids = {m.title: m.id for m in movies}
        variants = [library.movies.add_variant(ids[title], quality_profile=profile, root_folder=folder)
                    for title, profile, folder in (("Heat", "HD", root), ("Heat", "UHD", uhd), ("Alien", "HD", root),
                                                   ("Ran", "HD", root), ("Zodiac", "HD", root))]
        library.conn.execute("UPDATE variants SET monitored = false WHERE id = ?", [variants[3].id])
        library.files.record(variant_id=variants[2].id, path=f"{root}/Alien (1979)/Alien.mkv", size=1,
                             quality="Bluray-1080p", import_mode="hardlink", at=NOW)
        heat = library.downloads.track(variant_id=variants[0].id, release_id=None, client="qBittorrent",
                                       download_id="ab" * 20, title="Heat.1995.1080p.BluRay.x264-GRP",
                                       quality="Bluray-1080p", size=1, at=NOW)
        library.downloads.update(heat.id, state=DownloadState.DOWNLOADING, at=NOW, progress=0.25)
        old = library.downloads.track(variant_id=variants[2].id, release_id=None, client="qBittorrent",
                                      download_id="cd" * 20, title="Alien.1979.1080p.BluRay.x264-GRP",
                                      quality="Bluray-1080p", size=1, at=NOW)
        library.downloads.update(old.id, state=DownloadState.IMPORTED, at=NOW)
        for minutes, event, movie in ((3, "grabbed", "Alien"), (2, "imported", "Alien"), (1, "grabbed", "Heat")):
            library.history.add(HistoryEvent(event, movie_id=ids[movie], source_title=f"{movie}.1080p-GRP",
                                             data={"indexer": "Torznab"}), NOW - timedelta(days=minutes))
    return ids


def listed(home: CliHome, *args: str) -> list[dict[str, object]]:
    result = home.run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def test_an_empty_library_lists_nothing_in_every_format(cli_home: CliHome) -> None:
    for command in (("movies", "list"), ("queue",), ("history",)):
        assert listed(cli_home, *command) == []
        plain = cli_home.run(*command, "--format", "plain")
        assert plain.exit_code == 0 and plain.stdout == ""
    assert "No history yet." in cli_home.run("history").stdout
    assert not cli_home.database.exists()


def test_movies_list_as_json_has_every_column_and_each_version_its_status(cli_home: CliHome) -> None:
    stock(cli_home)
    rows = listed(cli_home, "movies", "list")
    assert all(list(row) == MOVIE_KEYS for row in rows)
    assert [(r["title"], r["profile"], r["status"]) for r in rows] == [
        ("Alien", "HD", "downloaded"), ("Heat", "HD", "downloading"), ("Heat", "UHD", "missing"),
        ("Ran", "HD", "unmonitored"), ("Zodiac", "HD", "missing")]
    alien = rows[0]
    assert alien["quality"] == "Bluray-1080p" and str(alien["file"]).endswith("Alien.mkv")
    assert alien["monitored"] is True and alien["tmdb_id"] == 2 and alien["imdb_id"] is None


def test_movies_list_filters_by_status_and_profile(cli_home: CliHome) -> None:
    stock(cli_home)
    assert [r["title"] for r in listed(cli_home, "movies", "list", "--status", "missing")] == ["Heat", "Zodiac"]
    both = listed(cli_home, "movies", "list", "--status", "missing", "--status", "downloaded")
    assert [r["title"] for r in both] == ["Alien", "Heat", "Zodiac"]
    uhd = listed(cli_home, "movies", "list", "--profile", "UHD")
    assert [(r["title"], r["profile"]) for r in uhd] == [("Heat", "UHD")]
    assert listed(cli_home, "movies", "list", "--profile", "UHD", "--status", "downloaded") == []
    assert "No movies match." in cli_home.run("movies", "list", "--status", "queued").stdout


def test_movies_list_filters_by_tag(cli_home: CliHome) -> None:
    ids = stock(cli_home)
    assert cli_home.run("movies", "tag", str(ids["Heat"]), "--add", "kids").exit_code == 0
    assert cli_home.run("movies", "tag", str(ids["Ran"]), "--add", "classics").exit_code == 0
    kids = listed(cli_home, "movies", "list", "--tag", "Kids")
    assert [(r["title"], r["profile"]) for r in kids] == [("Heat", "HD"), ("Heat", "UHD")]
    either = listed(cli_home, "movies", "list", "--tag", "kids", "--tag", "classics", "--status", "unmonitored")
    assert [r["title"] for r in either] == ["Ran"]
    assert listed(cli_home, "movies", "list", "--tag", "nobody") == []


def test_unknown_filters_are_refused_in_one_line(cli_home: CliHome) -> None:
    stock(cli_home)
    for args, said in ((("movies", "list", "--status", "lost"), "unknown status 'lost'"),
                       (("movies", "list", "--profile", "4K"), "unknown quality profile '4K'"),
                       (("queue", "--state", "imported"), "unknown state 'imported'")):
        result = cli_home.run(*args)
        assert result.exit_code == 1 and said in result.stderr and len(result.stderr.splitlines()) == 1


def test_limit_and_offset_page_through_the_sorted_list(cli_home: CliHome) -> None:
    stock(cli_home)
    page = listed(cli_home, "movies", "list", "--limit", "2", "--offset", "1")
    assert [(r["title"], r["profile"]) for r in page] == [("Heat", "HD"), ("Heat", "UHD")]
    assert listed(cli_home, "movies", "list", "--limit", "0") == []
    table = cli_home.run("movies", "list", "--limit", "2")
    assert table.exit_code == 0 and "Alien" in table.stdout and "Zodiac" not in table.stdout
    assert "3 more: --offset 2" in table.stdout
    assert "No rows from 10 on (5 in all)." in cli_home.run("movies", "list", "--offset", "9").stdout
    refused = cli_home.run("movies", "list", "--limit", "-1")
    assert refused.exit_code != 0


def test_a_table_shows_a_page_and_says_how_many_more_there_are(cli_home: CliHome) -> None:
    root = str(cli_home.config.root_folders[0])
    with LibraryStore(cli_home.database).open() as library:
        movies = library.movies.add_many([{"title": f"Movie {i:03d}", "year": 2000} for i in range(60)])
        library.movies.add_variants_many([(m.id, "HD", root) for m in movies])
    table = cli_home.run("movies", "list").stdout
    assert "Movie 049" in table and "Movie 050" not in table
    assert "10 more: --offset 50" in table
    plain = cli_home.run("movies", "list", "--format", "plain").stdout.splitlines()
    assert len(plain) == 60 and plain[0].split("\t")[1:5] == ["Movie 000", "2000", "HD", "missing"]


def test_plain_lines_keep_their_columns_whatever_a_title_holds(cli_home: CliHome) -> None:
    ids = stock(cli_home)
    with LibraryStore(cli_home.database).open() as library:
        library.conn.execute("UPDATE downloads SET title = ? WHERE state = 'downloading'",
                             ["Heat.1995\t1080p\nBluRay\x1b[2J-GRP"])
    lines = cli_home.run("queue", "--format", "plain").stdout.splitlines()
    assert lines == ["1\tHeat.1995\\x091080p\\x0aBluRay\\x1b[2J-GRP\tdownloading\t25%\t\tabababababab\t"]
    assert listed(cli_home, "queue")[0]["download"] == "Heat.1995\t1080p\nBluRay\x1b[2J-GRP"
    assert [r["movie_id"] for r in listed(cli_home, "queue", "--movie", str(ids["Heat"]))] == [ids["Heat"]]
    assert listed(cli_home, "queue", "--movie", str(ids["Alien"])) == []  # its download is imported: done


def test_queue_as_json_gives_values_as_stored(cli_home: CliHome) -> None:
    ids = stock(cli_home)
    (row,) = listed(cli_home, "queue")
    assert row == {"id": 1, "download": "Heat.1995.1080p.BluRay.x264-GRP", "state": "downloading", "progress": 0.25,
                   "eta_seconds": None, "hash": "ab" * 20, "message": None, "movie_id": ids["Heat"],
                   "movie": "Heat", "year": 1995, "variant_id": 1, "quality": "Bluray-1080p", "size": 1,
                   "grabbed_at": "2024-05-01T12:00:00Z"}
    assert listed(cli_home, "queue", "--state", "queued") == []


def test_history_is_newest_first_and_filters_by_movie_event_and_time(cli_home: CliHome) -> None:
    ids = stock(cli_home)
    rows = listed(cli_home, "history")
    assert [(r["event"], r["movie"]) for r in rows] == [("grabbed", "Heat"), ("imported", "Alien"),
                                                        ("grabbed", "Alien")]
    assert rows[0]["occurred_at"] == "2024-04-30T12:00:00Z" and rows[0]["data"] == {"indexer": "Torznab"}
    assert [r["event"] for r in listed(cli_home, "history", "--movie", str(ids["Alien"]))] == ["imported", "grabbed"]
    assert [r["movie"] for r in listed(cli_home, "history", "--event", "grabbed")] == ["Heat", "Alien"]
    since = (NOW - timedelta(days=2, hours=1)).astimezone().strftime("%Y-%m-%dT%H:%M")
    assert [r["movie"] for r in listed(cli_home, "history", "--since", since)] == ["Heat", "Alien"]
    assert [r["id"] for r in listed(cli_home, "history", "--limit", "1", "--offset", "1")] == [rows[1]["id"]]
    plain = cli_home.run("history", "--format", "plain", "--limit", "1").stdout
    assert plain == f"{rows[0]['id']}\t2024-04-30T12:00:00Z\tgrabbed\tHeat\tHeat.1080p-GRP\t\n"
    assert "Nothing in the history matches." in cli_home.run("history", "--event", "deleted").stdout


@pytest.mark.parametrize("command", [("movies", "list"), ("queue",), ("history",)])
def test_every_list_has_a_table(cli_home: CliHome, command: tuple[str, ...]) -> None:
    stock(cli_home)
    result = cli_home.run(*command)
    assert result.exit_code == 0, result.output
    assert "Heat" in result.stdout
