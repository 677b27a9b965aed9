"""What the rules see besides the candidates: profiles, size limits, settings, the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

import numpy as np

from radarr_pipeline.quality.definitions import QualityDefinition, default_quality_definitions
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.upgrades import ProperHandling

#: When a movie's runtime is unknown (0), size limits are computed for this many minutes, and the reason says so.
ASSUMED_RUNTIME_MINUTES = 110
MEGABYTE = 1024 * 1024


class RejectionType(StrEnum):
    """Radarr's rejection types: a temporary one keeps the release pending, reconsidered on the next run."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"


@dataclass(frozen=True)
class Rejections:
    """The rows a rule turned down, with the sentence a person reads for each."""

    rows: np.ndarray
    messages: list[str]

    @classmethod
    def none(cls) -> Rejections:
        return cls(np.zeros(0, dtype=np.int64), [])


@dataclass(frozen=True)
class ReleaseRestriction:
    """Radarr's release profile restrictions: a title must contain one of ``required`` and none of ``ignored``
    (case-insensitive substrings, or ``/regex/flags``). ``indexers`` empty: every indexer."""

    required: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    indexers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionContext:
    profiles: dict[str, QualityProfile]
    now: datetime
    definitions: dict[str, QualityDefinition] = field(default_factory=default_quality_definitions)
    minimum_seeders: dict[str, int] = field(default_factory=dict)
    indexer_priorities: dict[str, int] = field(default_factory=dict)
    required_flags: dict[str, list[str]] = field(default_factory=dict)
    minimum_free_space_mb: int = 100
    skip_free_space_check: bool = False
    minimum_age_minutes: int = 0
    delay_minutes: int = 0
    delay_bypass_if_highest_quality: bool = True
    delay_bypass_above_format_score: int | None = None
    propers: ProperHandling = ProperHandling.PREFER_AND_UPGRADE
    #: Radarr's Settings > Indexers > Maximum Size, in MB; 0: no limit.
    maximum_size_mb: int = 0
    restrictions: tuple[ReleaseRestriction, ...] = ()
    #: Indexers whose releases are not grabbed: name -> disabled until (None: disabled in the configuration).
    blocked_indexers: dict[str, datetime | None] = field(default_factory=dict)
    #: Radarr's "Prefer Indexer Flags" and the delay profile's preferred protocol, both used in ranking.
    prefer_indexer_flags: bool = False
    preferred_protocol: str = "torrent"
    #: Set by the engine between the permanent and the temporary rules: rows no permanent rule turned down.
    permanently_ok: np.ndarray | None = None


def human_size(size: float) -> str:
    """Bytes the way Radarr shows them: 1.4 GiB, 700.0 MiB."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(value) < 1024 or unit == "TiB":
            return f"{value:.1f} {unit}" if unit != "B" else f"{int(value)} B"
        value /= 1024
    return f"{value:.1f} TiB"  # pragma: no cover


_UNITS = np.array(["B", "KiB", "MiB", "GiB", "TiB"], dtype=object)


def human_sizes(sizes: np.ndarray) -> list[str]:
    """``human_size`` of many sizes at once (the same text: dividing by 1024 is exact)."""
    values = np.asarray(sizes, dtype=float)
    magnitude = np.abs(values)
    unit = np.zeros(len(values), dtype=np.int64)
    for step in range(1, len(_UNITS)):
        unit += magnitude >= 1024.0 ** step
    scaled = values / np.power(1024.0, unit)
    return [f"{int(v)} B" if u == 0 else f"{v:.1f} {_UNITS[u]}" for v, u in zip(scaled.tolist(), unit.tolist(),
                                                                               strict=True)]
