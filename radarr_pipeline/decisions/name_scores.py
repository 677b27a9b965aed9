"""Custom-format scores of files and downloads known only by name, scored the way scored_candidates scores
the file on disk, so that grabbing, importing and the wanted list agree on what an upgrade is."""

from __future__ import annotations

from collections.abc import Sequence

from radarr_pipeline.decisions.assemble import title_facts
from radarr_pipeline.decisions.formats import evaluate_formats
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.quality.profiles import QualityProfile


def name_format_scores(
    formats: Sequence[CustomFormat],
    profile: QualityProfile,
    names: Sequence[str],
    qualities: Sequence[str],
    sizes: Sequence[int],
) -> list[int]:
    """Each name's score under the profile (0 for all when no format is configured or scored)."""
    if not formats or not profile.format_scores or not names:
        return [0] * len(names)
    matches = evaluate_formats(formats, title_facts(list(names), list(qualities), list(sizes)))
    return [int(score) for score in matches.scores(dict(profile.format_scores))]
