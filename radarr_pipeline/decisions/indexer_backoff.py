"""Radarr's escalation back-off for failing indexers, as pure functions.

Each failure raises the escalation level by one (up to the last level) and disables the indexer for that
level's period: 1 min, 5 min, 15 min, 30 min, 1 h, 3 h, 6 h, 12 h, then 24 h. A server's ``Retry-After``
(or an API "request limit reached") can only lengthen the wait, never shorten it. A success lowers the level
by one and re-enables the indexer at once (Radarr's ``ProviderStatusServiceBase``): a flaky indexer recovers
step by step, a dead one stays at a day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

#: Radarr's ``EscalationBackOff.Periods``, in seconds, indexed by escalation level.
ESCALATION_BACKOFF_SECONDS: tuple[int, ...] = (0, 60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400)
MAX_ESCALATION_LEVEL = len(ESCALATION_BACKOFF_SECONDS) - 1
MAX_RETRY_AFTER = timedelta(days=1)


def backoff_period(level: int) -> timedelta:
    """How long an indexer at this escalation level stays disabled."""
    clamped = max(0, min(level, MAX_ESCALATION_LEVEL))
    return timedelta(seconds=ESCALATION_BACKOFF_SECONDS[clamped])


def level_after_failure(level: int) -> int:
    return min(max(level, 0) + 1, MAX_ESCALATION_LEVEL)


def level_after_success(level: int) -> int:
    return max(level - 1, 0)


def disabled_until_after_failure(
    now: datetime, level_after: int, retry_after_seconds: float | None = None
) -> datetime:
    """When the indexer may be asked again: the level's period, or the server's Retry-After if longer."""
    wait = backoff_period(level_after)
    if retry_after_seconds is not None and retry_after_seconds > 0:
        wait = max(wait, min(timedelta(seconds=retry_after_seconds), MAX_RETRY_AFTER))
    return now + wait


def is_backing_off(disabled_until: datetime | None, now: datetime) -> bool:
    """True while the indexer must not be asked."""
    return disabled_until is not None and now < disabled_until


@dataclass(frozen=True)
class IndexerStatus:
    indexer: str
    escalation_level: int = 0
    consecutive_failures: int = 0
    disabled_until: datetime | None = None
    last_error: str | None = None
    last_error_kind: str | None = None
    last_failure_at: datetime | None = None
    last_success_at: datetime | None = None
    last_request_at: datetime | None = None
    last_fetched: int | None = None
    last_new: int | None = None
    initial_failure_at: datetime | None = None  # when the current run of failures began (None: not failing)



def status_after_success(current: IndexerStatus, at: datetime, *, fetched: int = 0, new: int = 0) -> IndexerStatus:
    """A success lowers the escalation level by one and re-enables the indexer at once."""
    return IndexerStatus(
        indexer=current.indexer,
        escalation_level=level_after_success(current.escalation_level),
        consecutive_failures=0,
        disabled_until=None,
        last_error=current.last_error,
        last_error_kind=current.last_error_kind,
        last_failure_at=current.last_failure_at,
        last_success_at=at,
        last_request_at=at,
        last_fetched=fetched,
        last_new=new,
    )


def status_after_failure(
    current: IndexerStatus, at: datetime, *, error: str, kind: str = "error", retry_after_seconds: float | None = None
) -> IndexerStatus:
    """One more failure: escalate, disable for the level's period (or the server's Retry-After, if longer)."""
    level = level_after_failure(current.escalation_level)
    return IndexerStatus(
        indexer=current.indexer,
        escalation_level=level,
        consecutive_failures=current.consecutive_failures + 1,
        disabled_until=disabled_until_after_failure(at, level, retry_after_seconds),
        last_error=error[:2000],
        last_error_kind=kind,
        last_failure_at=at,
        last_success_at=current.last_success_at,
        last_request_at=at,
        initial_failure_at=current.initial_failure_at if current.consecutive_failures else at,
    )


def status_after_config_error(current: IndexerStatus, at: datetime, *, error: str) -> IndexerStatus:
    """A configuration error (an unset key, a missing setting) is the user's to fix, not the indexer's failure:
    it is reported, and the indexer is asked again on the next run, without escalating or backing off."""
    return replace(current, last_error=error[:2000], last_error_kind="config", last_failure_at=at)
