"""A torrent added by hand to our category: tracked when its name is a wanted movie (Radarr does this)."""

from __future__ import annotations

from dataclasses import dataclass

from radarr_pipeline.decisions.matching import release_is_for_movie
from radarr_pipeline.models import ClientDownload, DownloadStatus, IndexerRelease, WantedVariant
from radarr_pipeline.parsing import parse_release_title


@dataclass(frozen=True)
class PickUp:
    variant_id: int
    quality: str
    movie: str


def match_hand_added(
    reported: ClientDownload, wanted: list[WantedVariant], busy_variant_ids: set[int]
) -> tuple[PickUp | None, str]:
    """(what to track it as, why) for an untracked download in our category."""
    if reported.status is DownloadStatus.FAILED:
        return None, "failed in the client"
    parsed = parse_release_title(reported.name)
    if parsed is None:
        return None, "the name is not a movie release"
    release = IndexerRelease(guid=f"client:{reported.download_id}", title=reported.name, indexer="")
    movies = {w.movie.id: w.movie for w in wanted if release_is_for_movie(release, parsed, w.movie)}
    if not movies:
        return None, "no wanted movie has this name"
    if len(movies) > 1:
        return None, f"the name fits {len(movies)} wanted movies"
    candidates = [w for w in wanted if w.movie.id in movies and w.variant.id not in busy_variant_ids]
    if not candidates:
        return None, "the movie already has a download in progress"
    chosen = candidates[0]
    return PickUp(chosen.variant.id, parsed.quality.quality.name, f"{chosen.movie.title} ({chosen.movie.year})"), \
        "names a wanted movie"
