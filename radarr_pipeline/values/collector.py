"""Pausing Python's cyclic garbage collector around bulk work whose objects hold no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block (and resumed after it, if it was running): building tens
    of thousands of acyclic objects (parses, a scan's rows) makes it walk the growing heap again and again, for
    nothing to collect. Reference counting still frees everything as usual.

    On resuming, the next young collection would walk every object made in the block at once (7% of a 50,000-title
    parse), for nothing again: they go to the oldest generation unwalked instead (:func:`_promote_young_objects`),
    after a young collection on entry has taken what the caller left (so no young cycle of theirs is promoted)."""
    running = gc.isenabled()
    if running:
        gc.collect(0)
    gc.disable()
    try:
        yield
    finally:
        if running:
            _promote_young_objects()
            gc.enable()


def _promote_young_objects() -> None:
    """Every tracked object moves to the oldest generation, unwalked: ``gc.freeze()`` then ``gc.unfreeze()``, two list
    splices whatever the count. The oldest generation's own collections still walk them (as any long-lived object).
    Nothing is done when objects are frozen: unfreezing would undo another component's freeze (kept to share memory
    pages with forked workers), and the young collection then walks the block's objects as before."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
