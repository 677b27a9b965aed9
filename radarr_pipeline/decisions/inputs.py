"""Everything the decision engine reads, gathered in one bulk load (``radarr_pipeline.services.scoring``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd


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
    newly_parsed: int = 0
    #: Indexers backing off after failures: name -> disabled until (BlockedIndexerSpecification).
    failing_indexers: dict[str, datetime] = field(default_factory=dict)
