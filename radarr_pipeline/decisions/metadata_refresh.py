"""Which movies' metadata to refresh, and in what order (Radarr's ShouldRefreshMovie and MovieStatusType).

Each function is a rule a user may ask "why was (or wasn't) this movie refreshed?" about; the reason it returns
is what they read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum

NOT_AGAIN_WITHIN = timedelta(hours=12)
CINEMA_RUN = timedelta(days=90)  # Radarr: in cinemas for three months, then counted as released


class MovieStatus(IntEnum):
    """Radarr's MovieStatusType, from the dates (SkyHookProxy.MapMovie)."""

    ANNOUNCED = 1
    IN_CINEMAS = 2
    RELEASED = 3


def movie_status(in_cinemas: date | None, digital: date | None, physical: date | None, today: date) -> MovieStatus:
    """Announced until the cinema date; in cinemas from it; released once a digital or physical release is out,
    or 90 days after the cinema date when neither is known."""
    status = MovieStatus.ANNOUNCED
    if in_cinemas is not None and in_cinemas <= today:
        status = MovieStatus.IN_CINEMAS
        if digital is None and physical is None and today > in_cinemas + CINEMA_RUN:
            status = MovieStatus.RELEASED
    if any(d is not None and d <= today for d in (digital, physical)):
        status = MovieStatus.RELEASED
    return status


@dataclass(frozen=True)
class RefreshFacts:
    movie_id: int
    refreshed_at: datetime | None
    in_cinemas: date | None
    digital_release: date | None
    physical_release: date | None


def refresh_reason(facts: RefreshFacts, now: datetime, *, stale_after: timedelta, recent: timedelta) -> str | None:
    """Why the movie's metadata should be refreshed now, or None (Radarr's ShouldRefreshMovie.ShouldRefresh)."""
    if facts.refreshed_at is None:
        return "never refreshed"
    if facts.refreshed_at < now - stale_after:
        return f"last refreshed more than {stale_after.days} days ago"
    if facts.refreshed_at >= now - NOT_AGAIN_WITHIN:
        return None
    today = now.date()
    status = movie_status(facts.in_cinemas, facts.digital_release, facts.physical_release, today)
    if status in (MovieStatus.ANNOUNCED, MovieStatus.IN_CINEMAS):
        return "announced or in cinemas"
    # Radarr's PhysicalReleaseDate(): the physical date, else the digital one, else 90 days after the cinemas
    released = facts.physical_release or facts.digital_release or (
        facts.in_cinemas + CINEMA_RUN if facts.in_cinemas else None)
    if released is not None and released >= today - recent:
        return f"released within the last {recent.days} days"
    return None


def refresh_order(
    movies: list[RefreshFacts], now: datetime, *, stale_after: timedelta, recent: timedelta, limit: int
) -> tuple[list[tuple[int, str]], int]:
    """The (movie id, reason) pairs to refresh in this run, at most ``limit``, and how many are due in all.

    Never refreshed first (a movie just added by hand), then announced, in cinemas and recently released movies
    (their dates move), then stale ones, the longest unrefreshed first."""
    due: list[tuple[tuple[int, float], int, str]] = []
    for facts in movies:
        reason = refresh_reason(facts, now, stale_after=stale_after, recent=recent)
        if reason is None:
            continue
        stale = facts.refreshed_at.timestamp() if facts.refreshed_at else 0.0
        group = 0 if facts.refreshed_at is None else 2 if reason.startswith("last refreshed") else 1
        due.append(((group, stale), facts.movie_id, reason))
    due.sort()
    return [(movie_id, reason) for _, movie_id, reason in due[:limit]], len(due)
