"""Radarr's order among approved releases (DownloadDecisionComparer), computed for all variants at once:
quality, then revision (unless propers are 'do not prefer'), then custom-format score, then the preferred
protocol, then indexer priority (lower number first), then indexer flags (when preferred: freeleech, double
upload, internal and PTP golden/approved 2 each, halfleech 1), then seeders and peers (by order of magnitude,
as Radarr rounds log10), then size nearest the preferred size (largest when there is none; in 200 MB buckets
rounded down, as Radarr's ``Round`` floors), then the release group's reputation, then the oldest release."""

from __future__ import annotations

import numpy as np

from radarr_pipeline.decisions.context import ASSUMED_RUNTIME_MINUTES, MEGABYTE, DecisionContext
from radarr_pipeline.decisions.frame import Candidates
from radarr_pipeline.quality.upgrades import ProperHandling

_SIZE_STEP = 200 * MEGABYTE
DEFAULT_INDEXER_PRIORITY = 25

#: Column name -> what a person reads when a release lost on it.
KEY_LABELS = (
    ("quality_rank", "lower quality"),
    ("revision_key", "older revision (not a PROPER/REPACK)"),
    ("format_score", "lower custom format score"),
    ("protocol_key", "not the preferred protocol"),
    ("priority_key", "lower indexer priority"),
    ("flags_key", "fewer preferred indexer flags"),
    ("seeders_key", "fewer seeders"),
    ("peers_key", "fewer peers"),
    ("size_key", "size further from the preferred size"),
    ("group_reputation", "release group with a worse track record"),
)


#: DownloadDecisionComparer.ScoreFlags.
FLAG_SCORES = {"G_DoubleUpload": 2, "G_Freeleech": 2, "PTP_Approved": 2, "PTP_Golden": 2, "G_Internal": 2,
               "G_Halfleech": 1}


def flag_score(flags: tuple[str, ...]) -> int:
    return sum(FLAG_SCORES.get(flag, 0) for flag in set(flags))


def _magnitude(counts: np.ndarray) -> np.ndarray:
    safe = np.where(counts > 0, counts, 1).astype(float)
    return np.where(counts > 0, np.round(np.log10(safe)), 0.0)


def preference_keys(c: Candidates, ctx: DecisionContext) -> dict[str, np.ndarray]:
    """Larger is better for every key, in order of importance."""
    revision = c.real.astype(np.int64) * 1000 + c.revision.astype(np.int64)
    if ctx.propers is ProperHandling.DO_NOT_PREFER:
        revision = np.zeros(len(c), dtype=np.int64)
    priority = np.array([ctx.indexer_priorities.get(i, DEFAULT_INDEXER_PRIORITY) for i in c.indexer], dtype=np.int64)
    preferred = np.array([ctx.definitions[q].preferred_size or np.nan for q in c.quality], dtype=float)
    runtime = np.where(c.runtime > 0, c.runtime, ASSUMED_RUNTIME_MINUTES)
    size = np.where(c.size > 0, c.size, 0).astype(float)
    distance = np.abs(np.floor((size - preferred * runtime * MEGABYTE) / _SIZE_STEP))
    size_key = np.where(np.isnan(preferred) | (c.runtime <= 0), np.floor(size / _SIZE_STEP), -distance)
    flags = (np.array([flag_score(tuple(f)) for f in c.flags], dtype=np.int64) if ctx.prefer_indexer_flags
             else np.zeros(len(c), dtype=np.int64))
    return {
        "quality_rank": c.quality_rank.astype(np.int64),
        "revision_key": revision,
        "format_score": c.format_score.astype(np.int64),
        "protocol_key": (c.protocol == ctx.preferred_protocol).astype(np.int64),
        "priority_key": -priority,
        "flags_key": flags,
        "seeders_key": _magnitude(c.seeders),
        "peers_key": _magnitude(c.peers),
        "size_key": size_key,
        "group_reputation": c.group_reputation.astype(float),
    }


def rank(c: Candidates, approved: np.ndarray, ctx: DecisionContext) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """1-based rank of each approved row within its variant (0 for the others), and the keys used."""
    keys = preference_keys(c, ctx)
    rows = np.flatnonzero(approved)
    ranks = np.zeros(len(c), dtype=np.int64)
    if not len(rows):
        return ranks, keys
    # np.lexsort: the last key is the primary one; everything descending but the release id (oldest first).
    order_keys = [c.release_id[rows]] + [-keys[name][rows] for name, _ in reversed(KEY_LABELS)]
    order_keys.append(c.variant_id[rows])
    ordered = rows[np.lexsort(order_keys)]
    variants = c.variant_id[ordered]
    starts = np.r_[0, np.flatnonzero(variants[1:] != variants[:-1]) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(ordered)]))
    ranks[ordered] = np.arange(len(ordered)) - group_start + 1
    return ranks, keys


def why_lost(keys: dict[str, np.ndarray], winner: int, loser: int) -> str:
    """The first preference on which ``loser`` ranks below ``winner``, in words."""
    for name, label in KEY_LABELS:
        if keys[name][loser] != keys[name][winner]:
            return label
    return "same preference; the older release wins"
