"""The imported file's quality: the release name's, with the resolution MediaInfo measured (Radarr's rules).

Radarr aggregates the quality seen in the download client's title, the folder name and the file name (source,
modifier and revision come from the names, the first that names a source wins), then MediaInfo's resolution,
whose confidence beats any name's: a file called 1080p that MediaInfo measures at 1280x720 is a 720p file.
Qualities without a resolution of their own (DVD, CAM, TELESYNC...) and special modifiers (screener,
regional, Raw-HD, BR-DISK) keep the name's quality.
"""

from __future__ import annotations

from dataclasses import replace

from radarr_pipeline.parsing import parse_name_quality
from radarr_pipeline.quality.qualities import DetectionSource, QualityModel, quality_for

_KEEP_MODIFIERS = ("screener", "regional", "rawhd", "brdisk")


def quality_from_names(*names: str | None) -> QualityModel:
    """The first name that says something about the quality (title, then folder, then file name)."""
    models = [parse_name_quality(name) for name in names if name]
    known = [m for m in models if m.quality.name != "Unknown"]
    if not known:
        return models[0] if models else QualityModel()
    best = next((m for m in known if m.source_detection == DetectionSource.NAME), known[0])
    revision = max((m.revision for m in known), default=best.revision)
    return replace(best, revision=revision) if revision > best.revision else best


def with_media_info_resolution(named: QualityModel, resolution: int) -> QualityModel:
    """Radarr's AggregateQuality: MediaInfo's resolution (confidence MediaInfo) wins over the name's."""
    quality = named.quality
    if resolution <= 0 or quality.modifier in _KEEP_MODIFIERS:
        return named
    if quality.resolution == 0 and quality.source != "unknown":
        return named
    if quality.resolution == resolution:
        return replace(named, resolution_detection=DetectionSource.MEDIAINFO)
    modifier = "remux" if quality.modifier == "remux" else "none"
    return replace(named, quality=quality_for(quality.source, resolution, modifier),
                   resolution_detection=DetectionSource.MEDIAINFO)


def import_quality(resolution: int, *names: str | None) -> QualityModel:
    return with_media_info_resolution(quality_from_names(*names), resolution)
