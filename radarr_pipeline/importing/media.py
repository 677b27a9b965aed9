"""MediaInfo for the importer and the library scan, cached in DuckDB by (path, size, mtime)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from radarr_pipeline.mediainfo import MediaInfoError, RawMediaInfo, read_media_info
from radarr_pipeline.store import Library


def cached_media_info(library: Library, path: Path, now: datetime, stat: os.stat_result | None = None) -> RawMediaInfo:
    """The file's MediaInfo, read once per (path, size, mtime). MediaInfoError when it cannot be read."""
    stat = stat or path.stat()
    key = str(path)
    cached = library.mediainfo_cache.get(key, stat.st_size, stat.st_mtime_ns)
    if cached is not None:
        return RawMediaInfo.from_json(cached)
    info = read_media_info(path)
    library.mediainfo_cache.put(key, stat.st_size, stat.st_mtime_ns, info.to_json(), now)
    return info


def try_media_info(library: Library, path: Path, now: datetime) -> tuple[RawMediaInfo | None, str | None]:
    """(info, None), or (None, why) when MediaInfo could not read the file."""
    try:
        return cached_media_info(library, path, now), None
    except (MediaInfoError, OSError) as exc:
        return None, str(exc)
