"""Candidates written row by row, as the rule and ranking tests describe them; unnamed columns take defaults."""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from radarr_pipeline.decisions.frame import Candidates


def candidates_from_rows(rows: list[dict[str, object]]) -> Candidates:
    """One dict per candidate; missing keys take the defaults below."""
    columns: dict[str, np.ndarray] = {}
    for f in fields(Candidates):
        default = _DEFAULTS.get(f.name)
        values = [row.get(f.name, default) for row in rows]
        if f.name in _OBJECT_COLUMNS:
            array = np.empty(len(values), dtype=object)
            array[:] = values
        else:
            array = np.asarray(values)
        columns[f.name] = array
    return Candidates(**columns)


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
