"""Radarr's iCal feed (CalendarFeedController): the library's releases from ``pastDays`` ago to ``futureDays``
ahead, as services.calendar writes them (stable UIDs, all-day events)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radarr_pipeline.api.call import Call
from radarr_pipeline.api.errors import failure
from radarr_pipeline.services.calendar import calendar_events, to_ical

FEED_PATH = "/feed/v3/calendar/radarr.ics"
MAX_DAYS = 3660


def calendar_feed(call: Call) -> tuple[int, bytes]:
    past = call.int_query("pastDays", call.config.calendar.past_days)
    future = call.int_query("futureDays", call.config.calendar.future_days)
    for name, value in (("pastDays", past), ("futureDays", future)):
        if value is None or not 0 <= value <= MAX_DAYS:
            raise failure(name, f"'{name}' must be from 0 to {MAX_DAYS}", value)
    assert past is not None and future is not None
    now = datetime.now(UTC)
    unmonitored = call.bool_query("unmonitored", call.config.calendar.unmonitored)
    events = calendar_events(call.config, now.date() - timedelta(days=past), now.date() + timedelta(days=future),
                             unmonitored=unmonitored)
    return 200, to_ical(events, now)
