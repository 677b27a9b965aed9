"""wanted_movies: which monitored variants are missing, or have a file below their profile's cutoff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import QualityModel, Revision, quality_by_name
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library

MISSING = "missing"
CUTOFF_UNMET = "cutoff unmet"


def wanted_reason(file_quality: str | None, profile: QualityProfile) -> str | None:
    """Why a monitored variant needs a release, or None when its file is good enough."""
    if file_quality is None:
        return MISSING
    if profile.upgrade_allowed and not profile.cutoff_met(QualityModel(quality_by_name(file_quality), Revision()), 0):
        return CUTOFF_UNMET
    return None


@dataclass
class WantedReport:
    rows: list[dict[str, object]] = field(default_factory=list)
    monitored: int = 0

    @property
    def missing(self) -> int:
        return sum(1 for r in self.rows if r["reason"] == MISSING)

    @property
    def cutoff_unmet(self) -> int:
        return sum(1 for r in self.rows if r["reason"] == CUTOFF_UNMET)

    def markdown(self) -> str:
        return markdown_table(self.rows, empty="_every monitored movie has a file that meets its cutoff_")


def compute_wanted(library: Library, profiles: dict[str, QualityProfile], now: datetime) -> WantedReport:
    report = WantedReport()
    wanted: list[tuple[int, str]] = []
    for variant, movie, file_quality in library.movies.monitored_variants():
        report.monitored += 1
        profile = profiles.get(variant.quality_profile)
        if profile is None:
            raise KeyError(
                f"{movie.title} ({movie.year}) uses quality profile {variant.quality_profile!r}, "
                f"which is not in the configuration (known: {sorted(profiles)})"
            )
        reason = wanted_reason(file_quality, profile)
        if reason is not None:
            wanted.append((variant.id, reason))
            report.rows.append({"movie": f"{movie.title} ({movie.year})", "profile": profile.name,
                                "root folder": variant.root_folder, "reason": reason,
                                "current quality": file_quality or ""})
    library.movies.replace_wanted(wanted, now)
    return report
