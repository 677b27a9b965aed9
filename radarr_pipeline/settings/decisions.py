"""`decisions:` how releases are judged beyond the quality profile (Radarr's indexer and media settings)."""

from pydantic import Field

from radarr_pipeline.settings.base import Strict


class DecisionSettings(Strict):
    minimum_free_space_mb: int = Field(default=100, ge=0)
