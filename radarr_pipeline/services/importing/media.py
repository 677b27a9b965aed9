"""MediaInfo for the importer and the library scan, cached in DuckDB by (path, size, mtime)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.importing.quality import with_media_info_resolution
from radarr_pipeline.mediainfo import (
    MediaInfoError,
    RawMediaInfo,
    read_many,
    read_media_info,
    resolution_from_dimensions,
)
from radarr_pipeline.quality.qualities import QualityModel, Revision, quality_by_name
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library, LibraryStore


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


def cache_hit(cached: tuple[int, int, str] | None, size: int, mtime_ns: int) -> RawMediaInfo | None:
    """A cache row (size, mtime in ns, MediaInfo JSON) that still describes the file as it is now (of this size
    and modification time), read back."""
    if cached is None or cached[0] != size or cached[1] != mtime_ns:
        return None
    return RawMediaInfo.from_json(cached[2])


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
            hit = cache_hit(cached.get(str(path)), stat.st_size, stat.st_mtime_ns)
            if hit is not None:
                batch.results[path] = (hit, None)
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


# Files whose MediaInfo one background run reads at most (the next run goes on with the rest).
REFRESH_BATCH = 5000


@dataclass(frozen=True)
class PendingFile:
    """A recorded movie file without MediaInfo yet."""

    id: int
    path: str
    quality: str
    revision: int
    import_mode: str


@dataclass
class MediaRefreshReport:
    read: int = 0
    unreadable: int = 0
    remaining: int = 0
    requalified: list[dict[str, object]] = field(default_factory=list)

    def markdown(self) -> str:
        counts = f"{self.read} files read, {self.unreadable} unreadable, {self.remaining} still to read"
        return "\n\n".join([counts, markdown_table(self.requalified[:200], empty="_no quality changed_")])


def files_lacking_media_info(library: Library, limit: int = REFRESH_BATCH) -> list[PendingFile]:
    return [PendingFile(*row) for row in library.files.lacking_media_info(limit)]


def read_pending(files: list[PendingFile]) -> list[tuple[RawMediaInfo | str, os.stat_result | None]]:
    """Read the files' MediaInfo (no store needed: the caller need not hold the database meanwhile)."""
    stats: list[os.stat_result | None] = []
    for f in files:
        try:
            stats.append(os.stat(f.path))
        except OSError:
            stats.append(None)
    infos = read_many([Path(f.path) for f in files])
    return list(zip(infos, stats, strict=True))


def save_media_infos(
    library: Library, files: list[PendingFile], results: list[tuple[RawMediaInfo | str, os.stat_result | None]],
    now: datetime,
) -> MediaRefreshReport:
    """Record what was read, in bulk. A file the library scan recorded takes the resolution MediaInfo measured
    into its quality (as the scan did when it read MediaInfo itself); an imported file keeps its quality. A file
    MediaInfo cannot read is recorded with empty MediaInfo (it is not read again at every run)."""
    report = MediaRefreshReport()
    rows: list[tuple[int, str, float | None, str, int]] = []
    cache_rows: list[tuple[str, int, int, str]] = []
    for f, (info, stat) in zip(files, results, strict=True):
        quality, revision = f.quality, f.revision
        if isinstance(info, str):
            report.unreadable += 1
            rows.append((f.id, RawMediaInfo().to_json(), None, quality, revision))
            continue
        report.read += 1
        if f.import_mode == "existing":
            try:
                named = QualityModel(quality_by_name(f.quality), Revision(version=f.revision))
            except KeyError:
                named = None
            if named is not None:
                measured = with_media_info_resolution(named, resolution_from_dimensions(info.width, info.height))
                if measured.quality.name != quality:
                    report.requalified.append({"file": Path(f.path).name, "named": quality,
                                               "measured": measured.quality.name})
                quality, revision = measured.quality.name, measured.revision.version
        text = info.to_json()
        rows.append((f.id, text, info.runtime_seconds, quality, revision))
        if stat is not None:
            cache_rows.append((f.path, stat.st_size, stat.st_mtime_ns, text))
    library.files.set_media_info_many(rows)
    library.mediainfo_cache.put_many(cache_rows, now)
    report.remaining = library.files.count_lacking_media_info()
    return report


def refresh_media_info(store: LibraryStore, now: datetime, limit: int = REFRESH_BATCH) -> MediaRefreshReport:
    """The library_media_info workflow: the MediaInfo of up to ``limit`` recorded files lacking it. The database
    is closed while the files are read: list them (open, read, close), read them, record (open, write, close)."""
    with store.open() as library:
        files = files_lacking_media_info(library, limit)
    results = read_pending(files)
    with store.open() as library:
        return save_media_infos(library, files, results, now)
