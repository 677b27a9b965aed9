"""The management commands as a user types them: clear one-line errors, outside text shown literally."""

from __future__ import annotations

from tests.cli.conftest import CliHome


def test_edit_commands_change_the_movie_and_say_what_changed(cli_home: CliHome) -> None:
    assert cli_home.run("movies", "add", "--title", "Heat [bold]", "--year", "1995").exit_code == 0
    result = cli_home.run("movies", "unmonitor", "1")
    assert result.exit_code == 0 and "Heat [bold] (1995): version 1 (HD) unmonitored" in result.output
    assert "nothing to change" in cli_home.run("movies", "unmonitor", "1").output
    assert "profile HD → UHD" in cli_home.run("movies", "profile", "1", "UHD").output
    assert "minimum availability released → announced" in cli_home.run("movies", "availability", "1",
                                                                       "announced").output
    assert "tags: kids" in cli_home.run("movies", "tag", "1", "--add", "Kids").output
    assert "Would rename 0 file(s)." in cli_home.run("movies", "rename").output
    moved = cli_home.run("movies", "move", "1", str(cli_home.folder / "library/uhd"))
    assert moved.exit_code == 0 and "moved from" in moved.output
    deleted = cli_home.run("movies", "delete", "1")
    assert deleted.exit_code == 0 and "removed (files kept on disk: all)" in deleted.output


def test_edit_errors_are_one_line(cli_home: CliHome) -> None:
    cli_home.run("movies", "add", "--title", "Heat", "--year", "1995")
    for args, said in ((("movies", "monitor", "42"), "there is no movie 42"),
                       (("movies", "profile", "1", "Nope"), "no quality profile named 'Nope'"),
                       (("movies", "tag", "1", "--add", "a b"), "is not a tag"),
                       (("movies", "delete", "1", "--exclude"), "no TMDB or IMDb id"),
                       (("lists", "exclude", "--title", "X"), "needs a TMDB id or an IMDb id"),
                       (("lists", "unexclude",), "give --tmdb-id or --imdb-id")):
        result = cli_home.run(*args)
        assert result.exit_code == 1, args
        assert said in result.output and "Traceback" not in result.output


def test_lists_commands_without_lists_and_exclusions(cli_home: CliHome) -> None:
    sync = cli_home.run("lists", "sync")
    assert sync.exit_code == 0 and "Clean library (disabled)" in sync.output
    assert cli_home.run("lists", "exclude", "--title", "Sintel", "--tmdb-id", "45745").output.strip() \
        == "Sintel: excluded"
    assert "already excluded" in cli_home.run("lists", "exclude", "--title", "Sintel", "--tmdb-id", "45745").output
    assert "45745" in cli_home.run("lists", "exclusions").output
    assert "1 exclusion(s) removed" in cli_home.run("lists", "unexclude", "--tmdb-id", "45745").output
