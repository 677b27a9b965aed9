"""Text from outside is shown as written: never read as Rich markup, control characters made visible."""

from __future__ import annotations

from datetime import UTC, datetime

from radarr_pipeline.cli.display import cell, shown, visible
from radarr_pipeline.services.movies import NewMovie, add_movie
from radarr_pipeline.store import LibraryStore
from tests.cli.conftest import CliHome

NOW = datetime(2024, 5, 1, tzinfo=UTC)


def track(home: CliHome, title: str) -> None:
    added = add_movie(home.config, NewMovie(title="Pay Attention", year=2001))
    with LibraryStore(home.database).open() as library:
        library.downloads.track(variant_id=added.variant.id, release_id=None, client="qBittorrent",
                                download_id="ab" * 20, title=title, quality="Bluray-1080p", size=1, at=NOW)


def test_a_release_closing_a_markup_tag_does_not_break_the_queue(cli_home: CliHome) -> None:
    track(cli_home, "Pay.Attention.2001.1080p.BluRay.x264-DEMO[/eztv]")
    result = cli_home.run("queue")
    assert result.exit_code == 0, result.output
    assert "Pay.Attention.2001.1080p.BluRay.x264-DEMO[/eztv]" in result.stdout


def test_a_title_closing_a_markup_tag_is_added_and_listed_as_written(cli_home: CliHome) -> None:
    added = cli_home.run("movies", "add", "--title", "Pay [/dim] Attention", "--year", "2001")
    assert added.exit_code == 0, added.output
    assert "Pay [/dim] Attention (2001)" in added.stdout
    listed = cli_home.run("movies", "list")
    assert listed.exit_code == 0, listed.output
    assert "Pay [/dim] Attention" in listed.stdout


def test_bracketed_words_and_emoji_codes_are_shown_not_interpreted(cli_home: CliHome) -> None:
    title = "Heat [rarbg] [bold] :smile:"
    assert cli_home.run("movies", "add", "--title", title, "--year", "1995").exit_code == 0
    listed = cli_home.run("movies", "list")
    assert title in listed.stdout


def test_control_characters_stored_before_reach_the_terminal_visible(cli_home: CliHome) -> None:
    track(cli_home, "Evil.2001.1080p.BluRay.x264-\x1b[2J\x1b]0;owned\x07GRP\u202e")
    shown_queue = cli_home.run("queue").stdout
    assert "\x1b" not in shown_queue and "\x07" not in shown_queue and "\u202e" not in shown_queue
    assert "x264-\\x1b[2J\\x1b]0;owned\\x07GRP\\u202e" in shown_queue


def test_the_helpers_escape_markup_and_write_out_controls() -> None:
    assert visible("a\x1bb\tc\u202ed\u2028") == "a\\x1bb\\x09c\\u202ed\\u2028"
    assert visible("Amélie 東京 ½") == "Amélie 東京 ½"
    assert shown("x264-DEMO[/eztv]") == "x264-DEMO\\[/eztv]"
    assert cell("[bold]").plain == "[bold]" and cell(None).plain == ""
