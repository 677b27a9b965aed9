"""Pausing Python's cyclic garbage collector around bulk work whose objects hold no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block (and resumed after it, if it was running): building tens
    of thousands of acyclic objects (parses, a scan's rows) makes it walk the growing heap again and again, for
    nothing to collect. Reference counting still frees everything as usual."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
