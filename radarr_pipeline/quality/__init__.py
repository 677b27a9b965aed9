"""The quality model: Radarr's qualities, definitions, profiles, custom formats and upgrade rules."""

from radarr_pipeline.quality.qualities import (
    QUALITIES,
    DetectionSource,
    Quality,
    QualityModel,
    Revision,
    quality_by_id,
    quality_by_name,
    quality_for,
)

__all__ = [
    "QUALITIES",
    "DetectionSource",
    "Quality",
    "QualityModel",
    "Revision",
    "quality_by_id",
    "quality_by_name",
    "quality_for",
]
