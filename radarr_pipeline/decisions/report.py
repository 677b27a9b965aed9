"""What scored_candidates shows in the UI: counts, the top candidates per movie and why the others lost."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from radarr_pipeline.decisions.engine import Evaluation
from radarr_pipeline.decisions.ranking import why_lost
from radarr_pipeline.reports import markdown_table

TOP_PER_VARIANT = 3
MAX_VARIANTS_SHOWN = 40
MAX_REJECTED_PER_VARIANT = 3


@dataclass
class ScoringReport:
    evaluation: Evaluation
    labels: dict[int, str]  # variant id -> "Title (year) [profile]"
    group_reputation: str = ""  # markdown: the release groups' standing that ranking used

    @property
    def counts(self) -> dict[str, int]:
        status = self.evaluation.status
        return {
            "releases": self.evaluation.releases, "wanted": self.evaluation.wanted,
            "candidates": len(status), "approved": int((status == "approved").sum()),
            "pending": int((status == "pending").sum()), "rejected": int((status == "rejected").sum()),
        }

    def rejections_by_rule(self) -> list[dict[str, object]]:
        counted = Counter(self.evaluation.rejection_rules)
        return [{"rule": rule, "rejections": n} for rule, n in counted.most_common()]

    def rows(self) -> list[dict[str, object]]:
        """Per variant: the ranked approved releases (with why each lost to the winner), pending ones, and a few
        rejected ones with every reason."""
        e, c = self.evaluation, self.evaluation.candidates
        reasons = e.reasons()
        rows: list[dict[str, object]] = []
        variants = list(dict.fromkeys(c.variant_id.tolist()))
        for variant in variants[:MAX_VARIANTS_SHOWN]:
            members = np.flatnonzero(c.variant_id == variant)
            ranked = sorted((i for i in members if e.ranks[i] > 0), key=lambda i: e.ranks[i])
            winner = ranked[0] if ranked else None
            others = [i for i in members if e.ranks[i] == 0]
            others.sort(key=lambda i: (e.status[i] != "pending", -c.quality_rank[i]))
            for i in ranked[:TOP_PER_VARIANT]:
                verdict = "**grab**" if i == winner else f"#{e.ranks[i]}: {why_lost(e.keys, winner, i)}"
                rows.append(self._row(variant, i, verdict))
            if len(ranked) > TOP_PER_VARIANT:
                rows.append({"movie": self.labels.get(variant, variant), "release": f"... {len(ranked) - 3} more "
                             "approved", "indexer": "", "quality": "", "score": "", "verdict": ""})
            for i in others[:MAX_REJECTED_PER_VARIANT]:
                rows.append(self._row(variant, i, f"{e.status[i]}: " + "; ".join(reasons[i])))
            if len(others) > MAX_REJECTED_PER_VARIANT:
                rows.append({"movie": self.labels.get(variant, variant), "release": f"... {len(others) - 3} more "
                             "not approved", "indexer": "", "quality": "", "score": "", "verdict": ""})
        return rows

    def _row(self, variant: int, i: int, verdict: str) -> dict[str, object]:
        c = self.evaluation.candidates
        revision = f" v{c.revision[i]}" if c.revision[i] > 1 else ""
        return {"movie": self.labels.get(variant, variant), "release": c.title[i], "indexer": c.indexer[i],
                "quality": f"{c.quality[i]}{revision}", "score": int(c.format_score[i]), "verdict": verdict}

    def markdown(self) -> str:
        shown = len(set(self.evaluation.candidates.variant_id.tolist()))
        parts = [markdown_table(self.rows(), empty="_no release matches a wanted movie_", limit=400)]
        if shown > MAX_VARIANTS_SHOWN:
            parts.append(f"_{shown - MAX_VARIANTS_SHOWN} more movies not shown_")
        if self.evaluation.rejection_rules:
            parts += ["**Rejections by rule**", markdown_table(self.rejections_by_rule())]
        if self.group_reputation:
            parts += ["**Release-group reputation**", self.group_reputation]
        timings = ", ".join(f"{k} {v:.2f} s" for k, v in self.evaluation.timings.items())
        if timings:
            parts.append(f"_timings: {timings}_")
        return "\n\n".join(parts)
