"""The calendar: releases of monitored movies in the feed window, written with icalendar, UIDs stable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import yaml
from icalendar import Calendar

from radarr_pipeline.services.calendar import write_calendar
from radarr_pipeline.services.movie_edits import edit_tags, set_monitored
from radarr_pipeline.services.movies import NewMovie, add_movie
from tests.cli.conftest import CliHome

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
TODAY = NOW.date()


def _add(home: CliHome, title: str, **dates: date) -> int:
    return add_movie(home.config, NewMovie(title=title, year=2026, **dates)).movie.id  # type: ignore[arg-type]


def _events(path) -> list[tuple[str, str, date, str]]:  # type: ignore[no-untyped-def]
    calendar = Calendar.from_ical(path.read_bytes())
    return [(str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART"), str(e["STATUS"])) for e in calendar.walk("VEVENT")]


def test_releases_in_the_window_with_stable_uids(cli_home: CliHome) -> None:
    first = _add(cli_home, "Sintel", in_cinemas=TODAY - timedelta(days=3), digital_release=TODAY + timedelta(days=10),
                 physical_release=TODAY + timedelta(days=40))
    _add(cli_home, "Too Old", in_cinemas=TODAY - timedelta(days=30))
    hidden = _add(cli_home, "Unmonitored", in_cinemas=TODAY + timedelta(days=1))
    set_monitored(cli_home.config, hidden, False, NOW)
    report = write_calendar(cli_home.config, NOW)
    assert report.path == cli_home.folder / "calendar.ics"
    assert _events(report.path) == [
        (f"radarr-pipeline_movie_{first}_cinemas", "Sintel (Theatrical Release)", TODAY - timedelta(days=3),
         "CONFIRMED"),
        (f"radarr-pipeline_movie_{first}_digital", "Sintel (Digital Release)", TODAY + timedelta(days=10),
         "TENTATIVE"),
    ]  # the physical release is past the 28 days; the old one before the 7; the unmonitored one left out
    again = write_calendar(cli_home.config, NOW + timedelta(hours=1))
    assert [e[0] for e in _events(again.path)] == [e[0] for e in _events(report.path)]


def test_feed_options_widen_the_window_and_filter_by_tag(cli_home: CliHome) -> None:
    data = yaml.safe_load(cli_home.config_path.read_text(encoding="utf-8"))
    data["calendar"] = {"path": "feeds/movies.ics", "past_days": 0, "future_days": 60, "unmonitored": True,
                        "tags": ["kids"]}
    cli_home.config_path.write_text(yaml.safe_dump(data), encoding="utf-8")
    tagged = _add(cli_home, "Big Buck Bunny", physical_release=TODAY + timedelta(days=50))
    _add(cli_home, "Untagged", physical_release=TODAY + timedelta(days=5))
    edit_tags(cli_home.config, tagged, NOW, add=["kids"])
    set_monitored(cli_home.config, tagged, False, NOW)
    report = write_calendar(cli_home.config, NOW)
    assert report.path == cli_home.folder / "feeds" / "movies.ics"
    assert [e[1] for e in _events(report.path)] == ["Big Buck Bunny (Physical Release)"]


def test_hostile_titles_stay_inside_their_event(cli_home: CliHome) -> None:
    _add(cli_home, "Evil;\\,Title: BEGIN:VEVENT", in_cinemas=TODAY)
    report = write_calendar(cli_home.config, NOW)
    assert [e[1] for e in _events(report.path)] == ["Evil;\\,Title: BEGIN:VEVENT (Theatrical Release)"]


def test_calendar_command_prints_the_next_four_weeks(cli_home: CliHome) -> None:
    today = datetime.now(UTC).date()
    _add(cli_home, "Soon [bold]", digital_release=today + timedelta(days=2))
    _add(cli_home, "Later", digital_release=today + timedelta(days=40))
    result = cli_home.run("calendar")
    assert result.exit_code == 0, result.output
    assert "Soon [bold] (Digital Release)" in result.output and "Later" not in result.output
