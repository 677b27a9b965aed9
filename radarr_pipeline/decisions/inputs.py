"""Everything the engine reads from the store, in one bulk load (and the parse cache filled for new titles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from radarr_pipeline.indexers.reputation import group_scores
from radarr_pipeline.store import Library
from radarr_pipeline.store.candidates import DecisionInputs
from radarr_pipeline.store.parse_cache import parse_titles


@dataclass
class EngineInputs:
    releases: pd.DataFrame
    wanted: pd.DataFrame
    alternative_titles: list[tuple[int, str]]
    queue: pd.DataFrame
    grabbed_by_id: dict[int, datetime]
    grabbed_by_hash: dict[str, datetime]
    blocked_hashes: set[str]
    blocked_titles: set[tuple[int, str, str | None]]
    group_scores: dict[str, float]


def parse_new_titles(library: Library) -> int:
    """Parse the release titles the cache does not know yet (the only per-title Python work of a run)."""
    titles = DecisionInputs(library.conn).unparsed_titles()
    if titles:
        parse_titles(library.conn, titles)  # through the cache: parsed in bulk, stored
    return len(titles)


def load_inputs(library: Library) -> EngineInputs:
    parse_new_titles(library)
    reads = DecisionInputs(library.conn)
    by_id, by_hash = reads.grabbed()
    hashes, titles = library.blocklist.blocked_keys()
    return EngineInputs(
        releases=reads.releases(),
        wanted=reads.wanted(),
        alternative_titles=reads.alternative_titles(),
        queue=reads.queue(),
        grabbed_by_id=by_id,
        grabbed_by_hash=by_hash,
        blocked_hashes={h.lower() for h in hashes},
        blocked_titles=titles,
        group_scores=group_scores(library.conn),
    )
