"""`decisions:` how releases are judged beyond the quality profile (Radarr's indexer, delay-profile and media
management settings)."""

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from radarr_pipeline.quality.upgrades import ProperHandling
from radarr_pipeline.settings.base import Strict
from radarr_pipeline.values.flags import INDEXER_FLAGS


class DelayProfileSettings(Strict):
    """Radarr's delay profile: a new release waits ``minutes`` (as pending) for a better one to show up."""

    minutes: int = Field(default=0, ge=0, le=7 * 24 * 60)
    bypass_if_highest_quality: bool = True
    bypass_if_above_format_score: int | None = None


class ReleaseRestrictionSettings(Strict):
    """Radarr's release profile: ``required`` (must contain one) and ``ignored`` (must contain none) terms, each a
    case-insensitive substring or ``/regex/i``; ``indexers`` limits it to those indexers (empty: all)."""

    required: list[str] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list)
    indexers: list[str] = Field(default_factory=list)


class DecisionSettings(Strict):
    minimum_free_space_mb: int = Field(default=100, ge=0)
    #: Radarr's "Skip Free Space Check" (Media Management): neither grabs nor imports look at free space, for
    #: storage whose free space the system cannot report truly (some network shares, pools).
    skip_free_space_check: bool = False
    #: A folder of custom-format JSON files (TRaSH Guides' or Radarr's export); relative to the config file.
    custom_formats_dir: Path | None = None
    delay: DelayProfileSettings = Field(default_factory=DelayProfileSettings)
    #: Radarr's "Minimum Age": a release younger than this waits as pending.
    minimum_age_minutes: int = Field(default=0, ge=0)
    #: Radarr's "Download Propers and Repacks".
    propers_and_repacks: ProperHandling = ProperHandling.PREFER_AND_UPGRADE
    #: Indexer name -> flags every release from it must carry (e.g. {"MyTracker": ["G_Freeleech"]}).
    required_indexer_flags: dict[str, list[str]] = Field(default_factory=dict)
    #: Radarr's "Maximum Size" (Settings > Indexers), in MB: larger releases are turned down; 0: no limit.
    maximum_size_mb: int = Field(default=0, ge=0)
    #: Radarr's release profiles (required / ignored terms).
    release_restrictions: list[ReleaseRestrictionSettings] = Field(default_factory=list)
    #: Radarr's "Prefer Indexer Flags": among otherwise equal releases, freeleech/internal/... first.
    prefer_indexer_flags: bool = False
    #: The delay profile's preferred protocol: ranked before indexer priority.
    preferred_protocol: Literal["torrent", "usenet"] = "torrent"
    #: Quality name -> {min, max, preferred} in MB per minute, over Radarr's defaults.
    quality_definitions: dict[str, dict[str, float | None]] = Field(default_factory=dict)

    @field_validator("required_indexer_flags")
    @classmethod
    def _known_flags(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for indexer, flags in value.items():
            unknown = [flag for flag in flags if flag not in INDEXER_FLAGS]
            if unknown:
                raise ValueError(f"{indexer}: unknown indexer flag(s) {unknown}; known: {sorted(INDEXER_FLAGS)}")
        return value
