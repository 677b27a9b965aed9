"""Library scan (Radarr's Library Import): walk the root folders, match "Title (Year)" folders to movies, add
the unknown ones, and record the files already there with their quality (name + MediaInfo).

A folder whose modification time has not changed since it was recorded is skipped. Movies, versions and files
are written in bulk. MediaInfo is read in the background, as Radarr does after a scan: the scan uses what the
cache (by path, size and mtime) already knows, and :func:`refresh_media_info` (the ``library_media_info``
asset) reads the files still lacking it, a bounded batch per run, and corrects a scanned file's quality by the
measured resolution.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.importing.discovery import is_sample
from radarr_pipeline.importing.quality import import_quality
from radarr_pipeline.mediainfo import RawMediaInfo, resolution_from_dimensions
from radarr_pipeline.models import Movie
from radarr_pipeline.parsing import clean_movie_title, parse_release_title
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.importing.media import cache_hit
from radarr_pipeline.store import Library, LibraryStore

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


def _largest_video(folder: str, extensions: set[str]) -> tuple[Path | None, os.stat_result | None]:
    """The folder's largest video (below it at any depth, hidden files and samples left out), with its stat."""
    best: tuple[Path | None, os.stat_result | None] = (None, None)
    pending = [folder]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
                continue
            name = entry.name
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in extensions:
                continue
            try:
                if not entry.is_file():
                    continue
                path = Path(entry.path)
                if is_sample(path, Path(folder)):
                    continue
                stat = entry.stat()
            except OSError:
                continue
            if best[1] is None or stat.st_size > best[1].st_size:
                best = (path, stat)
    return best


def _cached_media_infos(library: Library, found: list[_Found], enabled: bool) -> dict[str, RawMediaInfo]:
    """What the MediaInfo cache knows of these files (one query); the rest is read later, in the background."""
    files = [f for f in found if f.video is not None and f.stat is not None]
    if not enabled or not files:
        return {}
    cached = library.mediainfo_cache.get_many([str(f.video) for f in files])
    result: dict[str, RawMediaInfo] = {}
    for f in files:
        hit = cache_hit(cached.get(str(f.video)), f.stat) if f.stat else None
        if hit is not None:
            result[str(f.video)] = hit
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
        video, stat = _largest_video(entry.path, extensions)
        found.append(_Found(Path(entry.path), mtime, identify_folder(entry.name), video, stat))
    return found


def scan_library(library: Library, config: AppConfig, now: datetime, *, add_unknown: bool = True) -> ScanReport:
    """Walk every root folder; match, add and record. Everything is written in the caller's transaction, in bulk:
    the new movies in one statement, their versions in one, the files in one, the folders in one."""
    report = ScanReport()
    extensions = {e.lower() for e in config.importing.video_extensions}
    known = library.library_folders.all()
    statuses = library.movies.statuses()
    by_title: dict[tuple[str, int], Movie | _NewMovie] = {}
    by_id: dict[object, Movie | _NewMovie] = {}
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
    # First the verdict for every folder (which movie, new or known); the new movies and versions are then
    # added in bulk, and the files recorded once every id is known.
    matched: list[tuple[Path, _Found, Movie | _NewMovie]] = []
    folder_rows: list[tuple[str, int, int | None, str]] = []
    new_movies: list[_NewMovie] = []
    infos: dict[str, RawMediaInfo] = {}
    for root in config.root_folders:
        found = _walk_root(root, known, extensions, report)
        infos |= _cached_media_infos(library, found, config.importing.read_media_info)
        for item in found:
            identity = item.identity
            if identity is None or identity.year is None:
                report.unmatched.append({"folder": item.folder.name, "reason": "no title and year in the name"})
                folder_rows.append((str(item.folder), item.mtime_ns, None, "unmatched"))
                continue
            title_key = (clean_movie_title(identity.title), identity.year)
            movie = (by_id.get(("tmdb", identity.tmdb_id)) if identity.tmdb_id else None) or \
                (by_id.get(("imdb", identity.imdb_id)) if identity.imdb_id else None) or by_title.get(title_key)
            if movie is None:
                if not add_unknown:
                    report.unmatched.append({"folder": item.folder.name, "reason": "not a movie of the library"})
                    folder_rows.append((str(item.folder), item.mtime_ns, None, "unmatched"))
                    continue
                movie = _NewMovie(identity.title, identity.year, identity.tmdb_id, identity.imdb_id)
                new_movies.append(movie)
                by_title[title_key] = movie
                for key in (("tmdb", identity.tmdb_id), ("imdb", identity.imdb_id)):
                    if key[1]:
                        by_id[key] = movie
                report.added += 1
            else:
                report.matched += 1
            matched.append((root, item, movie))
    added = library.movies.add_many([m.fields() for m in new_movies])
    for pending, movie in zip(new_movies, added, strict=True):
        pending.movie = movie
    resolved = [(root, item, movie.movie if isinstance(movie, _NewMovie) else movie) for root, item, movie in matched]
    missing = list(dict.fromkeys((movie.id, str(root)) for root, _item, movie in resolved
                                 if (movie.id, str(root)) not in variants))
    for variant in library.movies.add_variants_many([(movie_id, profile, root) for movie_id, root in missing]):
        variants[(variant.movie_id, variant.root_folder)] = variant.id
    files: list[dict[str, object]] = []
    for root, item, movie in resolved:
        assert movie is not None
        variant_id = variants[(movie.id, str(root))]
        if item.video is None or item.stat is None:
            folder_rows.append((str(item.folder), item.mtime_ns, movie.id, "empty"))
            continue
        if variant_id not in recorded_variants and str(item.video) not in recorded_paths:
            info = infos.get(str(item.video))
            resolution = resolution_from_dimensions(info.width, info.height) if info else 0
            quality = import_quality(resolution, item.video.name, item.folder.name)
            parsed = parse_release_title(item.video.stem)
            files.append(dict(
                variant_id=variant_id, path=str(item.video), size=item.stat.st_size,
                quality=quality.quality.name, import_mode="existing",
                release_group=parsed.release_group if parsed else None,
                edition=parsed.edition if parsed else None, revision=quality.revision.version,
                media_info=info.to_json() if info else None,
                runtime_seconds=info.runtime_seconds if info else None,
            ))
            recorded_variants.add(variant_id)
            report.recorded += 1
            report.rows.append({"movie": f"{movie.title} ({movie.year})", "file": item.video.name,
                                "quality": quality.quality.name})
        folder_rows.append((str(item.folder), item.mtime_ns, movie.id, "recorded"))
    library.files.record_many(files, now)
    library.library_folders.save_many(folder_rows, now)
    return report


@dataclass(eq=False)
class _NewMovie:
    """A movie a scan adds: its id is known once the scan's new movies are written (together)."""

    title: str
    year: int
    tmdb_id: int | None
    imdb_id: str | None
    movie: Movie | None = None

    def fields(self) -> dict[str, object]:
        return {"title": self.title, "year": self.year, "tmdb_id": self.tmdb_id, "imdb_id": self.imdb_id}


def scan_root_folders(config: AppConfig, now: datetime) -> ScanReport:
    """The library_scan workflow over the configured root folders."""
    with LibraryStore(config.database).open() as library:
        return scan_library(library, config, now)
