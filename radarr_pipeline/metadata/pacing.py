"""A request pace: on average at most ``rate`` requests a second, spread evenly (TMDB limits requests per
second and address)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: How far behind its schedule the pace may fall and still catch up (requests sent back to back): a slow answer
#: does not lower the average rate, and no one-second window ever holds more than 1.2 x ``rate`` requests.
CATCH_UP_SECONDS = 0.2


class Pacer:
    """Hands out request slots ``1 / rate`` seconds apart; :meth:`wait` sleeps until the caller's slot. A caller
    late for its slot goes at once; slots missed by more than CATCH_UP_SECONDS are dropped, not made up."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError(f"a request rate must be positive, got {rate}")
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            slot = now if self._next is None else max(self._next, now - CATCH_UP_SECONDS)
            self._next = slot + self.interval
        if slot > now:
            self._sleep(slot - now)

    def pause(self, seconds: float) -> None:
        """Nobody asks before ``seconds`` from now (a Retry-After)."""
        with self._lock:
            self._next = max(self._next or 0.0, self._clock() + seconds)
