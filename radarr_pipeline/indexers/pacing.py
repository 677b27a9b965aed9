"""Spacing requests to one indexer: never two requests closer than the indexer's minimum interval."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

#: Default minimum seconds between two requests to one indexer, by kind (Radarr waits about 2 s for most
#: indexers; HDBits asks API users to go gently).
DEFAULT_MINIMUM_INTERVAL = {"torznab": 2.0, "newznab": 2.0, "rss": 2.0, "hdbits": 5.0}
#: The longest a single wait may be, whatever the interval says: a sync must stay short.
MAX_SINGLE_WAIT = 60.0


def remaining_wait(last_request: float | None, interval: float, now: float) -> float:
    """Seconds still to wait before the next request, given the last one's time (same clock as ``now``)."""
    if last_request is None or interval <= 0:
        return 0.0
    return max(0.0, min(last_request + interval - now, MAX_SINGLE_WAIT))


@dataclass
class Pacer:
    """Sleeps as needed before each request; counts requests. One per indexer per sync."""

    interval: float
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    initial_wait: float = 0.0
    last_request: float | None = None
    requests: int = field(default=0)

    def wait(self) -> None:
        delay = remaining_wait(self.last_request, self.interval, self.clock())
        if self.requests == 0 and self.initial_wait > 0:
            delay = max(delay, min(self.initial_wait, MAX_SINGLE_WAIT))
        if delay > 0:
            self.sleep(delay)
        self.last_request = self.clock()
        self.requests += 1
