"""Library scan (Radarr's Library Import): walk the root folders, match "Title (Year)" folders to movies, add
the unknown ones, and record the files already there with their quality (name + MediaInfo).

A folder whose modification time has not changed since it was recorded is skipped; MediaInfo results are
cached by (path, size, mtime), and the files still to be read are read on all cores (libmediainfo runs
outside the GIL).
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.importing.discovery import is_sample
from radarr_pipeline.importing.quality import import_quality
from radarr_pipeline.mediainfo import MediaInfoError, RawMediaInfo, read_media_info, resolution_from_dimensions
from radarr_pipeline.models import Movie
from radarr_pipeline.parsing import clean_movie_title, parse_release_title
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library

_FOLDER = re.compile(r"^(?P<title>.+?)\s*[(\[](?P<year>(?:18|19|20)\d{2})[)\]]")
_TMDB = re.compile(r"[{\[]tmdb(?:id)?-(?P<id>\d+)[}\]]", re.IGNORECASE)
_IMDB = re.compile(r"[{\[]imdb(?:id)?-(?P<id>tt\d+)[}\]]", re.IGNORECASE)


@dataclass(frozen=True)
class FolderIdentity:
    title: str
    year: int | None
    tmdb_id: int | None = None
    imdb_id: str | None = None


def identify_folder(name: str) -> FolderIdentity | None:
    """'The Matrix (1999)', 'Heat (1995) {tmdb-949}', or a release-like name the parser understands."""
    tmdb, imdb = _TMDB.search(name), _IMDB.search(name)
    match = _FOLDER.match(name)
    if match:
        title, year = match.group("title").strip(" .-_"), int(match.group("year"))
    else:
        parsed = parse_release_title(name, is_dir=True)
        if parsed is None or not parsed.movie_title:
            return None
        title, year = parsed.movie_title, parsed.year
    if not title:
        return None
    return FolderIdentity(title, year, int(tmdb.group("id")) if tmdb else None, imdb.group("id") if imdb else None)


@dataclass
class ScanReport:
    folders: int = 0
    unchanged: int = 0
    matched: int = 0
    added: int = 0
    recorded: int = 0
    unmatched: list[dict[str, object]] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)

    def markdown(self) -> str:
        counts = (f"{self.folders} folders: {self.unchanged} unchanged, {self.matched} matched, "
                  f"{self.added} movies added, {self.recorded} files recorded")
        parts = [counts, markdown_table(self.rows[:200], empty="_no new files_")]
        if self.unmatched:
            parts += ["**Not matched**", markdown_table(self.unmatched[:200])]
        return "\n\n".join(parts)


@dataclass
class _Found:
    folder: Path
    mtime_ns: int
    identity: FolderIdentity | None
    video: Path | None
    stat: os.stat_result | None


def _largest_video(folder: Path, extensions: set[str]) -> tuple[Path | None, os.stat_result | None]:
    best: tuple[Path | None, os.stat_result | None] = (None, None)
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if os.path.splitext(name)[1].lower() not in extensions or name.startswith("."):
                continue
            path = Path(dirpath, name)
            if is_sample(path, folder):
                continue
            stat = path.stat()
            if best[1] is None or stat.st_size > best[1].st_size:
                best = (path, stat)
    return best


def _read(path: Path) -> RawMediaInfo | None:
    try:
        return read_media_info(path)
    except (MediaInfoError, OSError):
        return None


def _media_infos(library: Library, found: list[_Found], now: datetime, enabled: bool) -> dict[str, RawMediaInfo]:
    files = [f for f in found if f.video is not None and f.stat is not None]
    if not enabled or not files:
        return {}
    cached = library.mediainfo_cache.get_many([str(f.video) for f in files])
    result: dict[str, RawMediaInfo] = {}
    missing: list[_Found] = []
    for f in files:
        hit = cached.get(str(f.video))
        if hit and f.stat and hit[0] == f.stat.st_size and hit[1] == f.stat.st_mtime_ns:
            result[str(f.video)] = RawMediaInfo.from_json(hit[2])
        else:
            missing.append(f)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        read = list(pool.map(lambda f: _read(f.video), missing))  # type: ignore[arg-type]
    rows = []
    for f, info in zip(missing, read, strict=True):
        if info is not None and f.stat is not None:
            result[str(f.video)] = info
            rows.append((str(f.video), f.stat.st_size, f.stat.st_mtime_ns, info.to_json()))
    library.mediainfo_cache.put_many(rows, now)
    return result


def _walk_root(root: Path, known: dict[str, tuple[int, str]], extensions: set[str], report: ScanReport) -> list[_Found]:
    found: list[_Found] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        report.folders += 1
        mtime = entry.stat(follow_symlinks=False).st_mtime_ns
        previous = known.get(entry.path)
        if previous and previous[0] == mtime and previous[1] in ("recorded", "unmatched", "empty"):
            report.unchanged += 1
            continue
        folder = Path(entry.path)
        video, stat = _largest_video(folder, extensions)
        found.append(_Found(folder, mtime, identify_folder(entry.name), video, stat))
    return found


def scan_library(library: Library, config: AppConfig, now: datetime, *, add_unknown: bool = True) -> ScanReport:
    """Walk every root folder; match, add and record. Everything is written in the caller's transaction."""
    report = ScanReport()
    extensions = {e.lower() for e in config.importing.video_extensions}
    known = library.library_folders.all()
    statuses = library.movies.statuses()
    by_title: dict[tuple[str, int], Movie] = {}
    by_id: dict[object, Movie] = {}
    variants: dict[tuple[int, str], int] = {}
    for status in statuses:
        movie = status.movie
        by_title[(clean_movie_title(movie.title), movie.year)] = movie
        by_id[("tmdb", movie.tmdb_id)] = movie
        by_id[("imdb", movie.imdb_id)] = movie
        variants.setdefault((movie.id, status.variant.root_folder), status.variant.id)
    recorded_variants = library.files.recorded_variant_ids()
    recorded_paths = library.files.paths()
    profile = config.default_profile.name
    folder_rows: list[tuple[str, int, int | None, str]] = []
    for root in config.root_folders:
        found = _walk_root(root, known, extensions, report)
        infos = _media_infos(library, found, now, config.importing.read_media_info)
        for item in found:
            identity = item.identity
            if identity is None or identity.year is None:
                report.unmatched.append({"folder": item.folder.name, "reason": "no title and year in the name"})
                folder_rows.append((str(item.folder), item.mtime_ns, None, "unmatched"))
                continue
            movie = (by_id.get(("tmdb", identity.tmdb_id)) if identity.tmdb_id else None) or \
                (by_id.get(("imdb", identity.imdb_id)) if identity.imdb_id else None) or \
                by_title.get((clean_movie_title(identity.title), identity.year))
            if movie is None:
                if not add_unknown:
                    report.unmatched.append({"folder": item.folder.name, "reason": "not a movie of the library"})
                    folder_rows.append((str(item.folder), item.mtime_ns, None, "unmatched"))
                    continue
                movie = library.movies.add(title=identity.title, year=identity.year, tmdb_id=identity.tmdb_id,
                                           imdb_id=identity.imdb_id)
                by_title[(clean_movie_title(movie.title), movie.year)] = movie
                report.added += 1
            else:
                report.matched += 1
            variant_id = variants.get((movie.id, str(root)))
            if variant_id is None:
                variant_id = library.movies.add_variant(movie.id, quality_profile=profile, root_folder=str(root)).id
                variants[(movie.id, str(root))] = variant_id
            if item.video is None or item.stat is None:
                folder_rows.append((str(item.folder), item.mtime_ns, movie.id, "empty"))
                continue
            if variant_id not in recorded_variants and str(item.video) not in recorded_paths:
                info = infos.get(str(item.video))
                resolution = resolution_from_dimensions(info.width, info.height) if info else 0
                quality = import_quality(resolution, item.video.name, item.folder.name)
                parsed = parse_release_title(item.video.stem)
                library.files.record(
                    variant_id=variant_id, path=str(item.video), size=item.stat.st_size,
                    quality=quality.quality.name, import_mode="existing", at=now,
                    release_group=parsed.release_group if parsed else None,
                    edition=parsed.edition if parsed else None, revision=quality.revision.version,
                    media_info=info.to_json() if info else None,
                    runtime_seconds=info.runtime_seconds if info else None,
                )
                recorded_variants.add(variant_id)
                report.recorded += 1
                report.rows.append({"movie": f"{movie.title} ({movie.year})", "file": item.video.name,
                                    "quality": quality.quality.name})
            folder_rows.append((str(item.folder), item.mtime_ns, movie.id, "recorded"))
    library.library_folders.save_many(folder_rows, now)
    return report
