"""MediaInfo for the importer and the library scan, cached in DuckDB by (path, size, mtime)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.mediainfo import MediaInfoError, RawMediaInfo, read_many, read_media_info
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


@dataclass
class MediaInfoBatch:
    """MediaInfo of many files: cached ones from one query, the others read (in parallel when many); the new
    cache rows are written in one statement by :meth:`save`."""

    results: dict[Path, tuple[RawMediaInfo | None, str | None]] = field(default_factory=dict)
    new_rows: list[tuple[str, int, int, str]] = field(default_factory=list)

    @classmethod
    def load(cls, library: Library, paths: list[Path], now: datetime) -> MediaInfoBatch:
        batch = cls()
        stats: dict[Path, os.stat_result] = {}
        for path in dict.fromkeys(paths):
            try:
                stats[path] = path.stat()
            except OSError as exc:
                batch.results[path] = (None, str(exc))
        cached = library.mediainfo_cache.get_many([str(p) for p in stats])
        missing: list[Path] = []
        for path, stat in stats.items():
            hit = cached.get(str(path))
            if hit is not None and hit[0] == stat.st_size and hit[1] == stat.st_mtime_ns:
                batch.results[path] = (RawMediaInfo.from_json(hit[2]), None)
            else:
                missing.append(path)
        for path, info in zip(missing, read_many(missing), strict=True):
            if isinstance(info, str):
                batch.results[path] = (None, info)
                continue
            batch.results[path] = (info, None)
            stat = stats[path]
            batch.new_rows.append((str(path), stat.st_size, stat.st_mtime_ns, info.to_json()))
        return batch

    def save(self, library: Library, now: datetime) -> None:
        library.mediainfo_cache.put_many(self.new_rows, now)
        self.new_rows = []
