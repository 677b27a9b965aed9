"""Custom-format scores of files known by name, scored the way scored_candidates scores the file on disk, so
that grabbing, importing and the wanted list agree on what an upgrade is."""

from __future__ import annotations

from collections.abc import Sequence

from radarr_pipeline.decisions.format_facts import file_facts
from radarr_pipeline.decisions.formats import evaluate_formats
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.quality.profiles import QualityProfile


def name_format_scores(
    formats: Sequence[CustomFormat],
    profile: QualityProfile,
    names: Sequence[str | None],
    qualities: Sequence[str],
    sizes: Sequence[int],
    *,
    paths: Sequence[str | None] | None = None,
    original_languages: Sequence[str | None] | None = None,
) -> list[int]:
    """Each file's score under the profile (0 for all when no format is configured or scored). ``names`` are
    the files' scene names (None: use the file name); ``paths`` their paths (default: ``names``, when those are
    file names); ``original_languages`` their movies' original languages (None: unknown)."""
    if not formats or not profile.format_scores or not names:
        return [0] * len(names)
    facts = file_facts(list(names), list(paths if paths is not None else names), list(qualities), list(sizes),
                       original_languages)
    matches = evaluate_formats(formats, facts)
    return [int(score) for score in matches.scores(dict(profile.format_scores))]
