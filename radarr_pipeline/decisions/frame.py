"""The candidates as columns: one entry per (release, wanted variant) pair that matched."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

import numpy as np


@dataclass
class Candidates:
    """Parallel numpy arrays, one entry per candidate. Unknown numbers are -1; unknown objects None."""

    release_id: np.ndarray
    variant_id: np.ndarray
    movie_id: np.ndarray
    matched_by: np.ndarray          # imdb, tmdb, title
    title: np.ndarray               # the release title
    indexer: np.ndarray
    size: np.ndarray                # bytes, -1 unknown
    seeders: np.ndarray             # -1 unknown
    peers: np.ndarray               # -1 unknown
    age_minutes: np.ndarray         # since published (or first seen)
    flags: np.ndarray               # tuples of flag names
    has_link: np.ndarray
    infohash: np.ndarray            # lower-case, or None
    quality: np.ndarray             # quality name
    quality_id: np.ndarray
    revision: np.ndarray
    real: np.ndarray
    release_group: np.ndarray
    formats: np.ndarray             # tuples of matched format names
    formats_known: np.ndarray       # False when a format regex timed out
    format_score: np.ndarray
    profile: np.ndarray             # profile name
    quality_rank: np.ndarray        # position in the profile, -1 when not allowed
    root_folder: np.ndarray
    free_bytes: np.ndarray          # free space at the root folder, -1 unknown
    monitored: np.ndarray
    runtime: np.ndarray             # minutes, 0 unknown
    minimum_availability: np.ndarray
    available_from: np.ndarray      # date, or None: available whatever the date
    file_quality: np.ndarray        # quality name of the file on disk, or None
    file_revision: np.ndarray
    file_score: np.ndarray
    queue_title: np.ndarray         # the variant's active download, or None
    queue_quality: np.ndarray
    queue_revision: np.ndarray
    queue_score: np.ndarray
    queue_state: np.ndarray
    in_queue: np.ndarray            # this very release is in the download queue
    grabbed_at: np.ndarray          # when this release was grabbed before, or None
    blocklisted: np.ndarray
    group_reputation: np.ndarray
    protocol: np.ndarray            # "torrent" or "usenet"
    file_release_group: np.ndarray  # release group of the file on disk, or None
    file_added_at: np.ndarray       # when the file on disk was added, or None

    def __len__(self) -> int:
        return len(self.release_id)

    def take(self, rows: np.ndarray) -> Candidates:
        return Candidates(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    @classmethod
    def from_rows(cls, rows: list[dict[str, object]]) -> Candidates:
        """Build from one dict per candidate (tests, the benchmark's baseline); missing keys take defaults."""
        columns: dict[str, np.ndarray] = {}
        for f in fields(cls):
            default = _DEFAULTS.get(f.name)
            values = [row.get(f.name, default) for row in rows]
            if f.name in _OBJECT_COLUMNS:
                array = np.empty(len(values), dtype=object)
                array[:] = values
            else:
                array = np.asarray(values)
            columns[f.name] = array
        return cls(**columns)


_DEFAULTS: dict[str, object] = {
    "release_id": 1, "variant_id": 1, "movie_id": 1, "matched_by": "title", "title": "", "indexer": "indexer",
    "size": -1, "seeders": -1, "peers": -1, "age_minutes": 1e6, "flags": (), "has_link": True, "infohash": None,
    "quality": "Unknown", "quality_id": 0, "revision": 1, "real": 0, "release_group": None, "formats": (),
    "formats_known": True, "format_score": 0, "profile": "", "quality_rank": -1, "root_folder": "/",
    "free_bytes": -1, "monitored": True, "runtime": 0, "minimum_availability": "released",
    "available_from": None, "file_quality": None, "file_revision": 1, "file_score": 0, "queue_title": None,
    "queue_quality": None, "queue_revision": 1, "queue_score": 0, "queue_state": None, "in_queue": False,
    "grabbed_at": None, "blocklisted": False, "group_reputation": 0.0, "protocol": "torrent",
    "file_release_group": None, "file_added_at": None,
}
_OBJECT_COLUMNS = {
    "matched_by", "title", "indexer", "flags", "infohash", "quality", "release_group", "formats", "profile",
    "root_folder", "minimum_availability", "available_from", "file_quality", "queue_title", "queue_quality",
    "queue_state", "grabbed_at", "protocol", "file_release_group", "file_added_at",
}


def available_from(
    minimum_availability: str,
    year: int,
    in_cinemas: date | None,
    digital_release: date | None,
    physical_release: date | None,
) -> date | None:
    """The day from which a movie counts as available (Radarr's Movie.IsAvailable); None: available now.

    announced: always. in cinemas: the cinema date. released: the earlier of the digital and physical releases,
    else 90 days after the cinema date. With no date at all, the movie's year decides: a past year counts as
    available, the current or a future year not before the next 1st of January (released) or the year's first
    day (in cinemas)."""
    if minimum_availability == "announced":
        return None
    if minimum_availability == "in_cinemas":
        if in_cinemas is not None:
            return in_cinemas
        releases = [d for d in (digital_release, physical_release) if d is not None]
        return min(releases) if releases else date(year, 1, 1)
    releases = [d for d in (digital_release, physical_release) if d is not None]
    if releases:
        return min(releases)
    if in_cinemas is not None:
        return in_cinemas + timedelta(days=90)
    return date(year + 1, 1, 1)
