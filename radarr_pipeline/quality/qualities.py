"""Radarr's 30 qualities (``Quality.All``), revisions and the parsed quality model.

The data is embedded here: the application never reads the conformance folder at runtime.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import total_ordering
from typing import NotRequired, TypedDict

SOURCES = ("unknown", "cam", "telesync", "telecine", "workprint", "dvd", "tv", "webdl", "webrip", "bluray")
MODIFIERS = ("none", "regional", "screener", "rawhd", "brdisk", "remux")


@dataclass(frozen=True, eq=False)
class Quality:
    """One of Radarr's qualities: an id that never changes, a display name, source, resolution, modifier.

    Two qualities are equal when their ids are (as in Radarr): a TELESYNC whose resolution was read from
    the title (Radarr sets it) is still TELESYNC.
    """

    id: int
    name: str
    source: str
    resolution: int
    modifier: str

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quality):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __str__(self) -> str:
        return self.name


# (id, name, source, resolution, modifier) in Radarr's Quality.All order.
_QUALITY_ROWS: tuple[tuple[int, str, str, int, str], ...] = (
    (0, "Unknown", "unknown", 0, "none"),
    (24, "WORKPRINT", "workprint", 0, "none"),
    (25, "CAM", "cam", 0, "none"),
    (26, "TELESYNC", "telesync", 0, "none"),
    (27, "TELECINE", "telecine", 0, "none"),
    (28, "DVDSCR", "dvd", 480, "screener"),
    (29, "REGIONAL", "dvd", 480, "regional"),
    (1, "SDTV", "tv", 480, "none"),
    (2, "DVD", "dvd", 0, "none"),
    (23, "DVD-R", "dvd", 480, "remux"),
    (4, "HDTV-720p", "tv", 720, "none"),
    (9, "HDTV-1080p", "tv", 1080, "none"),
    (16, "HDTV-2160p", "tv", 2160, "none"),
    (8, "WEBDL-480p", "webdl", 480, "none"),
    (5, "WEBDL-720p", "webdl", 720, "none"),
    (3, "WEBDL-1080p", "webdl", 1080, "none"),
    (18, "WEBDL-2160p", "webdl", 2160, "none"),
    (12, "WEBRip-480p", "webrip", 480, "none"),
    (14, "WEBRip-720p", "webrip", 720, "none"),
    (15, "WEBRip-1080p", "webrip", 1080, "none"),
    (17, "WEBRip-2160p", "webrip", 2160, "none"),
    (20, "Bluray-480p", "bluray", 480, "none"),
    (21, "Bluray-576p", "bluray", 576, "none"),
    (6, "Bluray-720p", "bluray", 720, "none"),
    (7, "Bluray-1080p", "bluray", 1080, "none"),
    (19, "Bluray-2160p", "bluray", 2160, "none"),
    (30, "Remux-1080p", "bluray", 1080, "remux"),
    (31, "Remux-2160p", "bluray", 2160, "remux"),
    (22, "BR-DISK", "bluray", 1080, "brdisk"),
    (10, "Raw-HD", "tv", 1080, "rawhd"),
)

QUALITIES: tuple[Quality, ...] = tuple(Quality(*row) for row in _QUALITY_ROWS)

_BY_NAME = {q.name.lower(): q for q in QUALITIES}
_BY_ID = {q.id: q for q in QUALITIES}
_BY_TRAITS = {(q.source, q.resolution, q.modifier): q for q in QUALITIES}

UNKNOWN = _BY_ID[0]


def quality_by_name(name: str) -> Quality:
    """The quality called ``name`` (case-insensitive); KeyError naming the unknown name otherwise."""
    try:
        return _BY_NAME[name.strip().lower()]
    except (KeyError, AttributeError):
        raise KeyError(f"unknown quality {name!r} (expected a Radarr quality name such as 'Bluray-1080p')") from None


def quality_by_id(quality_id: int) -> Quality:
    """The quality with Radarr's numeric id."""
    try:
        return _BY_ID[quality_id]
    except KeyError:
        raise KeyError(f"unknown quality id {quality_id!r}") from None


def quality_for(source: str, resolution: int, modifier: str = "none") -> Quality:
    """Radarr's QualityFinder.FindBySourceAndResolution.

    The exact (source, resolution, modifier) quality, else the first quality of that resolution whose
    source ranks at or above ``source``, else Unknown.
    """
    exact = _BY_TRAITS.get((source, resolution, modifier))
    if exact is not None:
        return exact
    rank = SOURCES.index(source) if source in SOURCES else 0
    same_resolution = sorted(
        (q for q in QUALITIES if q.resolution == resolution), key=lambda q: SOURCES.index(q.source)
    )
    return next((q for q in same_resolution if SOURCES.index(q.source) >= rank), UNKNOWN)


class DetectionSource(StrEnum):
    """Where a quality trait was detected (Radarr's QualityDetectionSource)."""

    UNKNOWN = "unknown"
    NAME = "name"
    EXTENSION = "extension"
    MEDIAINFO = "mediainfo"


@total_ordering
@dataclass(frozen=True)
class Revision:
    """A release revision: PROPER/REPACK bump ``version``, each case-sensitive REAL bumps ``real``.

    Ordered like Radarr's Revision.CompareTo: ``real`` first, then ``version``.
    """

    version: int = 1
    real: int = 0
    is_repack: bool = False

    def _key(self) -> tuple[int, int]:
        return (self.real, self.version)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Revision):
            return NotImplemented
        return self._key() < other._key()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Revision):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class QualityModelDict(TypedDict):
    """QualityModel as JSON (parse caches and stored candidates); keys added later may be missing in old rows."""

    quality: str
    resolution: NotRequired[int]
    version: NotRequired[int]
    real: NotRequired[int]
    is_repack: NotRequired[bool]
    source_detection: NotRequired[str]
    resolution_detection: NotRequired[str]
    modifier_detection: NotRequired[str]
    revision_detection: NotRequired[str]
    hardcoded_subs: NotRequired[str | None]


@dataclass(frozen=True)
class QualityModel:
    """A parsed quality with its revision and where source and resolution were detected."""

    quality: Quality = UNKNOWN
    revision: Revision = field(default_factory=Revision)
    source_detection: DetectionSource = DetectionSource.UNKNOWN
    resolution_detection: DetectionSource = DetectionSource.UNKNOWN
    modifier_detection: DetectionSource = DetectionSource.UNKNOWN
    revision_detection: DetectionSource = DetectionSource.UNKNOWN
    hardcoded_subs: str | None = None

    def to_dict(self) -> QualityModelDict:
        return {
            "quality": self.quality.name,
            "resolution": self.quality.resolution,
            "version": self.revision.version,
            "real": self.revision.real,
            "is_repack": self.revision.is_repack,
            "source_detection": str(self.source_detection),
            "resolution_detection": str(self.resolution_detection),
            "modifier_detection": str(self.modifier_detection),
            "revision_detection": str(self.revision_detection),
            "hardcoded_subs": self.hardcoded_subs,
        }

    @classmethod
    def from_dict(cls, data: QualityModelDict) -> QualityModel:
        quality = quality_by_name(str(data["quality"]))
        resolution = int(data.get("resolution", quality.resolution))
        if resolution != quality.resolution:
            quality = replace(quality, resolution=resolution)
        return cls(
            quality=quality,
            revision=Revision(
                version=int(data.get("version", 1)),
                real=int(data.get("real", 0)),
                is_repack=bool(data.get("is_repack", False)),
            ),
            source_detection=DetectionSource(data.get("source_detection", "unknown")),
            resolution_detection=DetectionSource(data.get("resolution_detection", "unknown")),
            modifier_detection=DetectionSource(data.get("modifier_detection", "unknown")),
            revision_detection=DetectionSource(data.get("revision_detection", "unknown")),
            hardcoded_subs=data.get("hardcoded_subs"),
        )

    def __str__(self) -> str:
        extra = []
        if self.revision.version > 1:
            extra.append("Repack" if self.revision.is_repack else "Proper")
        if self.revision.real:
            extra.append("REAL")
        return f"{self.quality.name}" + (f" {' '.join(extra)}" if extra else "")
