"""Quality definitions: preference weight and size limits in MB per minute of runtime (editable in config)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from radarr_pipeline.quality.qualities import QUALITIES, Quality, quality_by_name

# Radarr's hard ceiling for the size sliders (MB per minute); None means "unlimited".
MAX_SIZE_LIMIT = 2000.0


class QualityDefinitionError(ValueError):
    """A quality-definition override that cannot be applied; the message names the quality and the field."""


@dataclass(frozen=True)
class QualityDefinition:
    """How much a quality is preferred (``weight``) and its size limits in MB per minute of runtime."""

    quality: Quality
    weight: int
    min_size: float = 0.0
    max_size: float | None = None
    preferred_size: float | None = None


# name -> (weight, min, max, preferred) from Radarr's Quality.DefaultQualityDefinitions.
_DEFAULTS: dict[str, tuple[int, float, float | None, float | None]] = {
    "Unknown": (1, 0, 100, 95), "WORKPRINT": (2, 0, 100, 95), "CAM": (3, 0, 100, 95),
    "TELESYNC": (4, 0, 100, 95), "TELECINE": (5, 0, 100, 95), "DVDSCR": (7, 0, 100, 95),
    "REGIONAL": (6, 0, 100, 95), "SDTV": (8, 0, 100, 95), "DVD": (9, 0, 100, 95), "DVD-R": (10, 0, 100, 95),
    "HDTV-720p": (14, 0, 100, 95), "HDTV-1080p": (17, 0, 100, 95), "HDTV-2160p": (21, 0, None, None),
    "WEBDL-480p": (11, 0, 100, 95), "WEBDL-720p": (15, 0, 100, 95), "WEBDL-1080p": (18, 0, 100, 95),
    "WEBDL-2160p": (22, 0, None, None), "WEBRip-480p": (11, 0, 100, 95), "WEBRip-720p": (15, 0, 100, 95),
    "WEBRip-1080p": (18, 0, 100, 95), "WEBRip-2160p": (22, 0, None, None), "Bluray-480p": (12, 0, 100, 95),
    "Bluray-576p": (13, 0, 100, 95), "Bluray-720p": (16, 0, 100, 95), "Bluray-1080p": (19, 0, None, None),
    "Bluray-2160p": (23, 0, None, None), "Remux-1080p": (20, 0, None, None), "Remux-2160p": (24, 0, None, None),
    "BR-DISK": (25, 0, None, None), "Raw-HD": (26, 0, None, None),
}


def default_quality_definitions() -> dict[str, QualityDefinition]:
    """Radarr's default definitions for all 30 qualities, keyed by quality name."""
    return {
        quality.name: QualityDefinition(quality, *_DEFAULTS[quality.name])
        for quality in QUALITIES
    }


def _size_value(quality: str, field: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise QualityDefinitionError(f"{quality}: {field} must be a number of MB per minute or null, got {value!r}")
    number = float(value)
    if math.isnan(number) or number < 0 or number > MAX_SIZE_LIMIT:
        raise QualityDefinitionError(f"{quality}: {field} must be between 0 and {MAX_SIZE_LIMIT:g}, got {value!r}")
    return number


def validate_definition(definition: QualityDefinition) -> None:
    """min <= preferred <= max (None = unlimited); raises QualityDefinitionError naming the quality."""
    name = definition.quality.name
    low, high, preferred = definition.min_size, definition.max_size, definition.preferred_size
    if high is not None and low > high:
        raise QualityDefinitionError(f"{name}: min {low:g} is above max {high:g}")
    if preferred is not None:
        if preferred < low:
            raise QualityDefinitionError(f"{name}: preferred {preferred:g} is below min {low:g}")
        if high is not None and preferred > high:
            raise QualityDefinitionError(f"{name}: preferred {preferred:g} is above max {high:g}")


def apply_definition_overrides(
    definitions: Mapping[str, QualityDefinition],
    overrides: Mapping[str, Mapping[str, object]],
) -> dict[str, QualityDefinition]:
    """Apply config overrides ``{quality name: {min, max, preferred}}``; validates every changed definition.

    Unknown quality names or fields, non-numbers, negatives and min > preferred > max are rejected with a
    message naming the quality.
    """
    result = dict(definitions)
    for raw_name, fields in overrides.items():
        try:
            quality = quality_by_name(raw_name)
        except KeyError as error:
            raise QualityDefinitionError(str(error.args[0])) from None
        if not isinstance(fields, Mapping):
            raise QualityDefinitionError(f"{quality.name}: expected a mapping of min/max/preferred")
        unknown = set(fields) - {"min", "max", "preferred"}
        if unknown:
            raise QualityDefinitionError(
                f"{quality.name}: unknown field(s) {sorted(unknown)} (use min, max, preferred)"
            )
        current = result[quality.name]
        updated = replace(
            current,
            min_size=(_size_value(quality.name, "min", fields["min"]) or 0.0) if "min" in fields else current.min_size,
            max_size=_size_value(quality.name, "max", fields["max"]) if "max" in fields else current.max_size,
            preferred_size=(
                _size_value(quality.name, "preferred", fields["preferred"]) if "preferred" in fields
                else current.preferred_size
            ),
        )
        validate_definition(updated)
        result[quality.name] = updated
    return result
