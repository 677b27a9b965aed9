"""scored_candidates: every (release, wanted variant) pair that belongs together, judged by every rule at once.

Stages (each timed, see ``Evaluation.timings``): match releases to wanted movies (dict look-ups), evaluate
custom formats once per matched release (DuckDB), assemble the candidates as columns, run every rule on all
candidates, rank the approved ones per variant. Loading and writing are ``radarr_pipeline.services.scoring``'s.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from radarr_pipeline.decisions.assemble import FreeSpace, build_candidates, disk_free_bytes
from radarr_pipeline.decisions.context import DecisionContext, RejectionType
from radarr_pipeline.decisions.frame import Candidates
from radarr_pipeline.decisions.inputs import EngineInputs
from radarr_pipeline.decisions.ranking import rank
from radarr_pipeline.decisions.rules import PERMANENT_RULES, TEMPORARY_RULES, Rule
from radarr_pipeline.models import LIST_SEPARATOR
from radarr_pipeline.quality.custom_formats import CustomFormat


@dataclass
class Evaluation:
    candidates: Candidates
    status: np.ndarray                         # approved, pending, rejected
    ranks: np.ndarray                          # 1 = best approved of its variant; 0 = not approved
    keys: dict[str, np.ndarray]
    rejection_rows: np.ndarray
    rejection_rules: list[str]
    rejection_messages: list[str]
    releases: int = 0
    wanted: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def reasons(self) -> list[list[str]]:
        per_row: list[list[str]] = [[] for _ in range(len(self.candidates))]
        for row, message in zip(self.rejection_rows, self.rejection_messages, strict=True):
            per_row[row].append(message)
        return per_row


# ------------------------------------------------------------------------------------------ judging

def judge(candidates: Candidates, ctx: DecisionContext,
          rules: tuple[Sequence[Rule], Sequence[Rule]] = (PERMANENT_RULES, TEMPORARY_RULES)) -> Evaluation:
    """Run every rule on every candidate; status and rank follow."""
    count = len(candidates)
    rows: list[np.ndarray] = []
    names: list[str] = []
    messages: list[str] = []
    rejected = {kind: np.zeros(count, dtype=bool) for kind in RejectionType}
    permanent, temporary = rules
    for phase in (permanent, temporary):
        if phase is temporary:
            ctx = replace(ctx, permanently_ok=~rejected[RejectionType.PERMANENT])
        for rule in phase:
            result = rule.check(candidates, ctx)
            rows.append(result.rows)
            names.extend([rule.name] * len(result.rows))
            messages.extend(result.messages)
            rejected[rule.kind][result.rows] = True
    approved = ~rejected[RejectionType.PERMANENT] & ~rejected[RejectionType.TEMPORARY]
    status = np.where(approved, "approved",
                      np.where(rejected[RejectionType.PERMANENT], "rejected", "pending")).astype(object)
    ranks, keys = rank(candidates, approved, ctx)
    return Evaluation(candidates, status, ranks, keys,
                      np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, dtype=np.int64),
                      names, messages)


def evaluate(inputs: EngineInputs, formats: Sequence[CustomFormat], ctx: DecisionContext,
             free_space: FreeSpace = disk_free_bytes) -> Evaluation:
    timings: dict[str, float] = {}
    if inputs.failing_indexers:
        ctx = replace(ctx, blocked_indexers={**inputs.failing_indexers, **ctx.blocked_indexers})
    candidates = build_candidates(inputs, formats, ctx, free_space, timings)
    started = time.perf_counter()
    evaluation = judge(candidates, ctx)
    timings["rules_and_rank"] = time.perf_counter() - started
    evaluation.timings = timings
    evaluation.releases, evaluation.wanted = len(inputs.releases), len(inputs.wanted)
    return evaluation


def decisions_frame(evaluation: Evaluation) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows the candidates table stores, and the rejections (one row per failed rule)."""
    c = evaluation.candidates
    decisions = pd.DataFrame({
        "row": np.arange(len(c)), "release_id": c.release_id, "variant_id": c.variant_id, "movie_id": c.movie_id,
        "matched_by": c.matched_by, "quality": c.quality, "quality_rank": c.quality_rank, "revision": c.revision,
        "real": c.real, "format_score": c.format_score, "formats": [LIST_SEPARATOR.join(f) for f in c.formats],
        "status": evaluation.status, "approved": evaluation.status == "approved",
        "rank": evaluation.ranks,  # 0: not approved (stored as NULL)
    })
    rejections = pd.DataFrame({
        "row": evaluation.rejection_rows, "ordinal": np.arange(len(evaluation.rejection_rows)),
        "rule": pd.Series(evaluation.rejection_rules, dtype=object),
        "message": pd.Series(evaluation.rejection_messages, dtype=object),
    })
    return decisions, rejections
