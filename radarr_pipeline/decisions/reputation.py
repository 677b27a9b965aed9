"""Scene-group reputation: a score per release group from what happened to its releases here.

Evidence is one row per outcome (``imported`` without problems, download ``failed``, ``blocklisted``), kept in
DuckDB (``group_outcomes``). The score is :func:`reputation_score`:

    score = (imported - failed - 2 * blocklisted) / (imported + failed + 2 * blocklisted + PRIOR_WEIGHT)

- in (-1, 1): +1 is "every release imported", -1 "every release blocklisted", 0 "no evidence";
- a blocklisting weighs twice a failure: it is a deliberate verdict (a fake, a wrong movie), while a failure
  can be the tracker's or the client's fault;
- ``PRIOR_WEIGHT`` pseudo-observations pull small samples toward 0, so one good import gives +0.2, not +1,
  and a group needs a track record before it ranks far from neutral.

The evidence is kept by ``radarr_pipeline.services.reputation``; ranking reads the scores through
:func:`score_for` (keys are case-folded group names, :func:`group_key`).
"""

from __future__ import annotations

from typing import Literal

Outcome = Literal["imported", "failed", "blocklisted"]
PRIOR_WEIGHT = 4.0
BLOCKLIST_WEIGHT = 2.0


def reputation_score(imported: int, failed: int, blocklisted: int, *, prior: float = PRIOR_WEIGHT) -> float:
    """The reputation formula (see the module's documentation). Pure; always within (-1, 1)."""
    good = max(imported, 0)
    bad = max(failed, 0) + BLOCKLIST_WEIGHT * max(blocklisted, 0)
    return (good - bad) / (good + bad + prior)


def group_key(release_group: str) -> str:
    """Groups are one group whatever their case or surrounding spaces."""
    return release_group.strip().casefold()


def score_for(scores: dict[str, float], release_group: str | None) -> float:
    """A group's score from the scores by :func:`group_key`; 0.0 (neutral) for an unknown or missing group."""
    if not release_group:
        return 0.0
    return scores.get(group_key(release_group), 0.0)
