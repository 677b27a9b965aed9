"""wanted_movies: which monitored variants are missing, or have a file below their profile's cutoff."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.config import AppConfig
from radarr_pipeline.models import Movie, Variant
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import QualityModel, Revision, quality_by_name
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.configured import load_formats, quality_profiles
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.movies import OnDisk, monitored_variant
from radarr_pipeline.store.paging import read_pages

MISSING = "missing"
CUTOFF_UNMET = "cutoff unmet"


def wanted_reason(file_quality: str | None, profile: QualityProfile, file_score: int = 0) -> str | None:
    """Why a monitored variant needs a release, or None when its file is good enough (quality cutoff and
    custom-format score cutoff both met)."""
    if file_quality is None:
        return MISSING
    model = QualityModel(quality_by_name(file_quality), Revision())
    if profile.upgrade_allowed and not profile.cutoff_met(model, file_score):
        return CUTOFF_UNMET
    return None


def file_scores(
    files: list[tuple[int, OnDisk, QualityProfile]], formats: Sequence[CustomFormat],
    original_languages: Mapping[int, str | None] | None = None,
) -> dict[int, int]:
    """Each variant's file score under its profile, scored by name as scored_candidates scores it;
    ``original_languages``: each variant's movie's original language (missing: unknown)."""
    if not files:
        return {}
    # Imported here: scoring names loads the parser and the bulk format evaluation (pandas), which a run over a
    # library without files never needs.
    from radarr_pipeline.decisions.name_scores import name_format_scores

    originals = original_languages or {}
    scores: dict[int, int] = {}
    by_profile: dict[str, list[tuple[int, OnDisk, QualityProfile]]] = {}
    for item in files:
        by_profile.setdefault(item[2].name, []).append(item)
    for group in by_profile.values():
        profile = group[0][2]
        values = name_format_scores(formats, profile, [f.scene_name for _, f, _ in group],
                                    [f.quality for _, f, _ in group], [f.size for _, f, _ in group],
                                    paths=[f.path for _, f, _ in group],
                                    original_languages=[originals.get(v) for v, _, _ in group])
        scores.update({variant_id: value for (variant_id, _, _), value in zip(group, values, strict=True)})
    return scores


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


def decide_wanted(
    monitored: Sequence[tuple[Variant, Movie, OnDisk | None]], profiles: dict[str, QualityProfile],
    formats: Sequence[CustomFormat] = (),
) -> tuple[WantedReport, list[tuple[int, str]]]:
    """The wanted list of these monitored variants: the report and the (variant id, reason) rows to record."""
    report = WantedReport()
    wanted: list[tuple[int, str]] = []
    for variant, movie, _ in monitored:
        if variant.quality_profile not in profiles:
            raise KeyError(
                f"{movie.title} ({movie.year}) uses quality profile {variant.quality_profile!r}, "
                f"which is not in the configuration (known: {sorted(profiles)})"
            )
    scores = file_scores([(v.id, f, profiles[v.quality_profile]) for v, _, f in monitored if f is not None], formats,
                         {v.id: m.original_language for v, m, _ in monitored})
    for variant, movie, on_disk in monitored:
        report.monitored += 1
        profile = profiles[variant.quality_profile]
        file_quality = on_disk.quality if on_disk else None
        reason = wanted_reason(file_quality, profile, scores.get(variant.id, 0))
        if reason is not None:
            wanted.append((variant.id, reason))
            report.rows.append({"movie": f"{movie.title} ({movie.year})", "profile": profile.name,
                                "root folder": variant.root_folder, "reason": reason,
                                "current quality": file_quality or ""})
    return report, wanted


def refresh_wanted(config: AppConfig, now: datetime) -> WantedReport:
    """The wanted_movies workflow: which monitored versions are missing or below their cutoff, recorded.

    The library is open only to read the monitored versions and to write the list, both in pages of variants
    (each its own short unit of work, however large the library): the decision (custom-format scores of every file
    on disk) runs with the file closed. Each page's range of variant ids is written as one unit, so a reader
    between two units sees every variant's row as either this run's or the last run's."""
    profiles = quality_profiles(config)
    formats = load_formats(config, profiles)
    store = LibraryStore(config.database)
    rows: list[tuple] = []
    bounds: list[int] = []  # the last variant id of each page read
    for page in read_pages(store, lambda library, after, limit: library.movies.monitored_variant_rows(after, limit),
                           key=lambda row: int(row[0])):
        rows += page
        if page:
            bounds.append(int(page[-1][0]))
    report, wanted = decide_wanted([monitored_variant(row) for row in rows], profiles, formats)
    units = wanted_units(wanted, bounds)
    for after, last, unit in units:
        with store.open() as library:
            if len(units) == 1:  # the whole list in one unit
                library.movies.replace_wanted(unit, now)
            else:
                library.movies.replace_wanted_between(after, last, unit, now)
    return report


def wanted_units(wanted: list[tuple[int, str]], bounds: Sequence[int]) -> list[tuple[int | None, int | None,
                                                                                      list[tuple[int, str]]]]:
    """The wanted rows (in variant id order) split by the pages' last variant ids: (after, last, rows) units that
    cover every variant id once, the first from the lowest, the last to the highest (None: unbounded)."""
    edges: list[int | None] = [None, *bounds[:-1], None]
    units: list[tuple[int | None, int | None, list[tuple[int, str]]]] = []
    start = 0
    for after, last in itertools.pairwise(edges):
        end = start
        while end < len(wanted) and (last is None or wanted[end][0] <= last):
            end += 1
        units.append((after, last, wanted[start:end]))
        start = end
    return units
