"""The calendar: release events of the library's movies as an iCalendar file (Radarr's calendar feed) and as the
list `radarr-pipeline calendar` prints."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from radarr_pipeline.config import AppConfig
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.calendar import ReleaseDates, release_dates_between

#: (kind, the UID's suffix, what the summary says): Radarr's CalendarFeedController.CreateEvent.
RELEASE_KINDS = (
    ("in_cinemas", "cinemas", "(Theatrical Release)"),
    ("digital_release", "digital", "(Digital Release)"),
    ("physical_release", "physical", "(Physical Release)"),
)
PRODUCT_ID = "-//radarr-pipeline//Radarr Pipeline//EN"
CALENDAR_NAME = "Radarr Pipeline Movies Calendar"


@dataclass(frozen=True)
class CalendarEvent:
    movie_id: int
    title: str
    year: int
    kind: str  # cinemas, digital, physical
    summary: str
    day: date

    @property
    def uid(self) -> str:
        """Stable across runs: a calendar app updates the event instead of adding a copy."""
        return f"radarr-pipeline_movie_{self.movie_id}_{self.kind}"


@dataclass
class CalendarReport:
    path: Path
    start: date
    end: date
    events: list[CalendarEvent] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"{len(self.events)} release(s) from {self.start} to {self.end}, written to `{self.path}`", "",
                 "| date | release |", "|---|---|"]
        lines += [f"| {e.day} | {_md(e.summary)} |" for e in self.events]
        return "\n".join(lines)


def _md(text: str) -> str:
    return "".join(" " if ch in "\r\n" else f"\\{ch}" if ch in "|[]`*_<>" else ch for ch in text)


def events_of(movies: list[ReleaseDates], start: date, end: date, *, unmonitored: bool,
              tags: list[str]) -> list[CalendarEvent]:
    """Each release of the chosen movies that falls in the window, by date."""
    wanted_tags = set(tags)
    events = []
    for movie in movies:
        if not (movie.monitored or unmonitored):
            continue
        if wanted_tags and not wanted_tags & set(movie.tags):
            continue
        for column, kind, label in RELEASE_KINDS:
            day = getattr(movie, column)
            if day is not None and start <= day <= end:
                events.append(CalendarEvent(movie.movie_id, movie.title, movie.year, kind, f"{movie.title} {label}",
                                            day))
    return sorted(events, key=lambda e: (e.day, e.title.casefold(), e.kind))


def calendar_events(config: AppConfig, start: date, end: date, *,
                    unmonitored: bool | None = None) -> list[CalendarEvent]:
    """The releases from ``start`` to ``end``, read without writing (none when there is no library yet)."""
    settings = config.calendar
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            movies = release_dates_between(library.conn, start, end)
    except LibraryNotCreatedError:
        return []
    return events_of(movies, start, end, unmonitored=settings.unmonitored if unmonitored is None else unmonitored,
                     tags=settings.tags)


def to_ical(events: list[CalendarEvent], stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)  # a DATE: an all-day event
        event.add("dtend", e.day + timedelta(days=1))
        event.add("summary", e.summary)
        event.add("status", "CONFIRMED" if e.day <= stamp.date() else "TENTATIVE")
        calendar.add_component(event)
    return calendar.to_ical()


def write_calendar(config: AppConfig, now: datetime) -> CalendarReport:
    """The calendar asset: the feed window's releases written to the configured file (replaced whole)."""
    settings = config.calendar
    start, end = now.date() - timedelta(days=settings.past_days), now.date() + timedelta(days=settings.future_days)
    events = calendar_events(config, start, end)
    path = settings.path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(to_ical(events, now))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return CalendarReport(path, start, end, events)
