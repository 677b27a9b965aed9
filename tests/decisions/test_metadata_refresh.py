"""Radarr's ShouldRefreshMovie and MovieStatusType from dates, as pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from radarr_pipeline.decisions.metadata_refresh import (
    MovieStatus,
    RefreshFacts,
    movie_status,
    refresh_order,
    refresh_reason,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
TODAY = NOW.date()
STALE, RECENT = timedelta(days=180), timedelta(days=30)


@pytest.mark.parametrize(("cinemas", "digital", "physical", "status"), [
    (None, None, None, MovieStatus.ANNOUNCED),
    (date(2026, 7, 1), None, None, MovieStatus.ANNOUNCED),
    (date(2026, 5, 1), None, None, MovieStatus.IN_CINEMAS),
    (date(2026, 1, 1), None, None, MovieStatus.RELEASED),  # more than 90 days in cinemas, no other date known
    (date(2026, 1, 1), date(2026, 9, 1), None, MovieStatus.IN_CINEMAS),  # a known future release: not yet
    (date(2026, 5, 1), date(2026, 5, 20), None, MovieStatus.RELEASED),
    (None, None, date(2026, 6, 1), MovieStatus.RELEASED),
])
def test_status_from_dates(cinemas: date | None, digital: date | None, physical: date | None,
                           status: MovieStatus) -> None:
    assert movie_status(cinemas, digital, physical, TODAY) == status


def facts(movie_id: int, refreshed_days_ago: float | None, cinemas: date | None = date(2000, 1, 1),
          digital: date | None = None, physical: date | None = date(2000, 6, 1)) -> RefreshFacts:
    at = None if refreshed_days_ago is None else NOW - timedelta(days=refreshed_days_ago)
    return RefreshFacts(movie_id, at, cinemas, digital, physical)


@pytest.mark.parametrize(("movie", "reason"), [
    (facts(1, None), "never refreshed"),
    (facts(1, 181), "last refreshed more than 180 days ago"),
    (facts(1, 0.25, cinemas=date(2026, 5, 1), physical=None), None),  # within 12 hours: never
    (facts(1, 2, cinemas=date(2026, 5, 1), physical=None), "announced or in cinemas"),
    (facts(1, 2, physical=date(2026, 5, 20)), "released within the last 30 days"),
    (facts(1, 2), None),  # came out long ago
])
def test_should_refresh(movie: RefreshFacts, reason: str | None) -> None:
    assert refresh_reason(movie, NOW, stale_after=STALE, recent=RECENT) == reason


def test_order_never_then_moving_then_stalest_and_bounded() -> None:
    movies = [facts(1, 200), facts(2, 2, cinemas=date(2026, 5, 1), physical=None), facts(3, None), facts(4, 400),
              facts(5, 2)]
    picked, due = refresh_order(movies, NOW, stale_after=STALE, recent=RECENT, limit=3)
    assert due == 4
    assert [movie_id for movie_id, _ in picked] == [3, 2, 4]
