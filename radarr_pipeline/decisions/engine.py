"""scored_candidates: every (release, wanted variant) pair that belongs together, judged by every rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.decisions import rules
from radarr_pipeline.decisions.matching import release_is_for_movie
from radarr_pipeline.models import Decision, StoredRelease, WantedVariant
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import quality_by_name
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library
from radarr_pipeline.store.parse_cache import parse_titles


@dataclass
class ScoringReport:
    releases: int = 0
    wanted: int = 0
    decisions: list[tuple[WantedVariant, StoredRelease, Decision]] = field(default_factory=list)

    @property
    def approved(self) -> int:
        return sum(1 for _, _, d in self.decisions if d.approved)

    @property
    def rejected(self) -> int:
        return len(self.decisions) - self.approved

    def rows(self) -> list[dict[str, object]]:
        ordered = sorted(self.decisions, key=lambda t: (t[0].movie.title, not t[2].approved, -t[2].quality_rank))
        return [
            {
                "movie": f"{w.movie.title} ({w.movie.year})",
                "profile": w.variant.quality_profile,
                "release": r.release.title,
                "indexer": r.release.indexer,
                "quality": d.quality,
                "verdict": "approved" if d.approved else "; ".join(d.rejections),
            }
            for w, r, d in ordered
        ]

    def markdown(self) -> str:
        return markdown_table(self.rows(), empty="_no release matches a wanted movie_")


def judge(
    wanted: WantedVariant,
    stored: StoredRelease,
    quality_name: str,
    revision: int,
    profile: QualityProfile,
    grabbed_release_ids: set[int],
    minimum_seeders: int,
) -> Decision:
    """Run every rule on one release for one wanted variant; the decision lists every rejection."""
    quality = quality_by_name(quality_name)
    existing = quality_by_name(wanted.current_quality) if wanted.current_quality else None
    reasons = [
        rules.has_download_link(stored.release),
        rules.quality_allowed_by_profile(quality, profile),
        rules.better_than_file_on_disk(quality, existing, profile),
        rules.minimum_seeders(stored.release, minimum_seeders),
        rules.not_already_grabbed(stored.id, grabbed_release_ids),
    ]
    return Decision(
        release_id=stored.id,
        variant_id=wanted.variant.id,
        quality=quality.name,
        quality_rank=profile.index_of(quality) if profile.allows(quality) else -1,
        revision=revision,
        rejections=tuple(r for r in reasons if r is not None),
    )


def score_candidates(
    library: Library,
    profiles: dict[str, QualityProfile],
    minimum_seeders: dict[str, int],
    now: datetime,
) -> ScoringReport:
    wanted = library.movies.wanted()
    releases = library.releases.all()
    report = ScoringReport(releases=len(releases), wanted=len(wanted))
    if not wanted or not releases:
        return report
    parsed = parse_titles(library.conn, [r.release.title for r in releases])
    grabbed = library.downloads.grabbed_release_ids()
    for stored in releases:
        info = parsed.get(stored.release.title)
        for item in wanted:
            if not release_is_for_movie(stored.release, info, item.movie):
                continue
            quality = info.quality if info else None
            decision = judge(
                item,
                stored,
                quality.quality.name if quality else "Unknown",
                quality.revision.version if quality else 1,
                profiles[item.variant.quality_profile],
                grabbed,
                minimum_seeders.get(stored.release.indexer, 1),
            )
            report.decisions.append((item, stored, decision))
    library.candidates.replace((d for _, _, d in report.decisions), now)
    return report
