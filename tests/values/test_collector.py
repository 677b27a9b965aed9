"""collector_paused: no collection inside the block, none owed after it, and no garbage cycle left behind."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from radarr_pipeline.values.collector import collector_paused


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


@pytest.fixture(autouse=True)
def _collector_running() -> Iterator[None]:
    was_running = gc.isenabled()
    gc.enable()
    yield
    if not was_running:
        gc.disable()


def test_the_block_runs_without_the_collector_and_leaves_no_young_collection_owed() -> None:
    with collector_paused():
        assert not gc.isenabled()
        kept = [[index] for index in range(20_000)]  # far past the young generation's threshold
    assert gc.isenabled()
    assert gc.get_count()[0] < 10  # the block's objects went to the oldest generation, unwalked
    assert all(item in gc.get_objects(generation=2) for item in kept[:3])
    assert gc.get_freeze_count() == 0


def test_a_cycle_left_by_the_caller_is_collected_on_entry() -> None:
    cycle = weakref.ref(_Node())
    with collector_paused():
        assert cycle() is None


def test_a_cycle_made_in_the_block_is_collected_by_a_full_collection() -> None:
    with collector_paused():
        cycle = weakref.ref(_Node())
    assert cycle() is not None
    gc.collect()
    assert cycle() is None


def test_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
