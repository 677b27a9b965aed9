"""A request pace: at most ``rate`` requests a second, spread evenly (TMDB limits bursts per address)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    """Hands out request slots ``1 / rate`` seconds apart; :meth:`wait` sleeps until the caller's slot.

    A slot missed (the caller was busy) is not made up for with a burst: the next one is due from now."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError(f"a request rate must be positive, got {rate}")
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self._sleep(slot - now)

    def pause(self, seconds: float) -> None:
        """Nobody asks before ``seconds`` from now (a Retry-After)."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)
