"""Radarr's order among approved releases: quality, revision, format score, indexer priority, seeders."""

from __future__ import annotations

from radarr_pipeline.models import Decision, StoredRelease


def preference_key(decision: Decision, release: StoredRelease, indexer_priority: int) -> tuple[int, ...]:
    """Larger is better. Indexer priority counts the other way round (1 is the most preferred)."""
    return (
        decision.quality_rank,
        decision.revision,
        decision.format_score,
        -indexer_priority,
        release.release.seeders or 0,
    )
