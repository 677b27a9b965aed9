"""Library scan (Radarr's Library Import): walk the root folders, match "Title (Year)" folders to movies, add
the unknown ones, and record the files already there with their quality (name + MediaInfo).

A folder whose modification time has not changed since it was recorded is skipped. Movies, versions and files
are written in bulk. MediaInfo is read in the background, as Radarr does after a scan: the scan uses what the
cache (by path, size and mtime) already knows, and :func:`refresh_media_info` (the ``library_media_info``
asset) reads the files still lacking it, a bounded batch per run, and corrects a scanned file's quality by the
measured resolution.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, NamedTuple

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.matching import (
    MovieIndex,
    alternatives_by_movie,
    match_title,
    movie_key,
    titled_movie_key,
)
from radarr_pipeline.importing.quality import import_quality
from radarr_pipeline.mediainfo import RawMediaInfo, resolution_from_dimensions
from radarr_pipeline.models import Movie
from radarr_pipeline.parsing import library_file_templates_and_fields, parse_release_title
from radarr_pipeline.quality.qualities import QualityModel
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.importing.library_walk import (
    VideoStat,
    WalkHere,
    WalkInChild,
    settled_mtimes,
)
from radarr_pipeline.services.importing.media import cache_hit
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.bulk import storable_text
from radarr_pipeline.store.files import ScannedFileRow, ScannedFiles
from radarr_pipeline.store.movies import movie_from_row
from radarr_pipeline.store.paging import PAGE_ROWS, read_pages
from radarr_pipeline.values.collector import collector_paused
from radarr_pipeline.values.ids import normalize_imdb_id

_log = logging.getLogger(__name__)

_FOLDER = re.compile(r"^(?P<title>.+?)\s*[(\[](?P<year>(?:18|19|20)\d{2})[)\]]")
_TMDB = re.compile(r"[{\[]tmdb(?:id)?-(?P<id>\d+)[}\]]", re.IGNORECASE)
_IMDB = re.compile(r"[{\[]imdb(?:id)?-(?P<id>tt\d+)[}\]]", re.IGNORECASE)


class FolderIdentity(NamedTuple):
    """Who a folder says it is (a tuple: a scan makes one per folder, tens of thousands)."""

    title: str
    year: int | None
    tmdb_id: int | None = None
    imdb_id: str | None = None


def identify_folder(name: str) -> FolderIdentity | None:
    """'The Matrix (1999)', 'Heat (1995) {tmdb-949}', or a release-like name the parser understands."""
    tmdb, imdb = (_TMDB.search(name), _IMDB.search(name)) if "{" in name or "[" in name else (None, None)
    match = _FOLDER.match(name)
    year: int | None
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
    rows: list[dict[str, object]] = field(default_factory=list)  # the first ROWS_SHOWN files recorded

    ROWS_SHOWN: ClassVar[int] = 200

    def markdown(self) -> str:
        counts = (f"{self.folders} folders: {self.unchanged} unchanged, {self.matched} matched, "
                  f"{self.added} movies added, {self.recorded} files recorded")
        parts = [counts, markdown_table(self.rows, empty="_no new files_")]
        if self.unmatched:
            parts += ["**Not matched**", markdown_table(self.unmatched[:self.ROWS_SHOWN])]
        return "\n\n".join(parts)


@dataclass(slots=True)
class _Found:
    """A walked folder, as text (a scan walks tens of thousands: no Path objects)."""

    folder: str
    name: str
    mtime_ns: int
    identity: FolderIdentity | None
    video: str | None
    stat: VideoStat | None


def _cached_media_infos(library: Library, found: list[_Found], enabled: bool) -> dict[str, RawMediaInfo]:
    """What the MediaInfo cache knows of these files (one query); the rest is read later, in the background."""
    files = [f for f in found if f.video is not None and f.stat is not None]
    if not enabled or not files:
        return {}
    cached = library.mediainfo_cache.get_many([f.video for f in files if f.video is not None])
    if not cached:
        return {}
    result: dict[str, RawMediaInfo] = {}
    for f in files:
        hit = cache_hit(cached.get(f.video), *f.stat) if f.video is not None and f.stat else None
        if hit is not None and f.video is not None:
            result[f.video] = hit
    return result


def _start_walk(root: str, extensions: set[str]) -> WalkInChild | WalkHere:
    """The walk of a root folder, started in a child process (in this one when no child can be started)."""
    try:
        return WalkInChild(root, extensions)
    except OSError:
        _log.warning("cannot start a process to walk %s: walking it in this one", root, exc_info=True)
        return WalkHere(root, extensions)


def _walked(walk: WalkInChild | WalkHere, known: dict[str, tuple[int, str]], report: ScanReport
            ) -> Iterator[list[_Found]]:
    """The root's folders that changed since they were recorded, in batches, each with who its name says it is."""
    for batch in walk.folders(settled_mtimes(known, walk.root)):
        yield [_Found(path, name, mtime, identify_folder(name), video, stat)
               for path, name, mtime, video, stat in batch]
    report.folders += walk.totals.folders
    report.unchanged += walk.totals.unchanged


def _variant_id(row: tuple) -> int:
    """The paging key of ``variant_rows``: the variant id, second to last."""
    return int(row[-2])


def _folder_path(row: tuple) -> str:
    """The paging key of the library's folders: the path, first."""
    return str(row[0])


@dataclass
class _Facts:
    """What a scan reads from the library before it walks the disk."""

    known_folders: dict[str, tuple[int, str]]
    index: MovieIndex
    movies: dict[int, Movie]
    variants: dict[tuple[int, str], int]  # (movie id, root folder) -> variant id
    recorded_variants: set[int]
    recorded_paths: set[str]
    media_info_cached: bool = True  # whether the MediaInfo cache holds anything (when not, nothing is looked up)

    @classmethod
    def load(cls, store: LibraryStore) -> _Facts:
        """Read (one short unit of work), then index the titles with the library closed."""
        # Raw rows, the objects built with the file closed; the two tables as large as the library in pages, each
        # its own short unit of work (the first pages in the unit of the other reads: one open for a small library).
        with store.open() as library:
            titles = library.movies.alternative_titles()
            recorded = library.files.recorded_variant_ids()
            paths = library.files.paths()
            rows = library.movies.variant_rows(None, PAGE_ROWS)
            folder_rows = library.library_folders.page(None, PAGE_ROWS)
            media_info_cached = library.mediainfo_cache.count() > 0
        if len(rows) == PAGE_ROWS:
            rows += [row for page in read_pages(
                store, lambda library, after, limit: library.movies.variant_rows(after, limit),
                key=_variant_id, rows=PAGE_ROWS, after=_variant_id(rows[-1])) for row in page]
        if len(folder_rows) == PAGE_ROWS:
            folder_rows += [row for page in read_pages(
                store, lambda library, after, limit: library.library_folders.page(after, limit),
                key=_folder_path, rows=PAGE_ROWS, after=_folder_path(folder_rows[-1])) for row in page]
        folders = {path: (mtime, status) for path, mtime, status in folder_rows}
        alternatives = alternatives_by_movie(titles)
        movies: dict[int, Movie] = {}
        variants: dict[tuple[int, str], int] = {}
        for row in sorted(rows, key=lambda r: r[-2]):  # by variant id: a movie's first version in a root folder
            movie_id = row[0]
            if movie_id not in movies:
                movies[movie_id] = movie_from_row(row)
            variants.setdefault((movie_id, row[-1]), row[-2])
        index = MovieIndex.build(movie_key(m, alternatives.get(m.id, ())) for m in movies.values())
        return cls(folders, index, movies, variants, recorded, paths, media_info_cached)


@dataclass
class _Verdicts:
    """Each walked folder's fate: matched to a movie (known or new), or not (the rows of those folders)."""

    matched: list[tuple[str, _Found, Movie | _NewMovie]] = field(default_factory=list)
    new_movies: list[_NewMovie] = field(default_factory=list)
    folder_rows: list[tuple[str, int, int | None, str]] = field(default_factory=list)

    def unmatched(self, item: _Found, reason: str, report: ScanReport) -> None:
        report.unmatched.append({"folder": item.name, "reason": reason})
        self.folder_rows.append((item.folder, item.mtime_ns, None, "unmatched"))


UNSTORABLE_FOLDER = "the folder's name is not valid UTF-8 (the library cannot record it): rename the folder"
UNSTORABLE_VIDEO = "the video's name is not valid UTF-8 (the library cannot record it): rename the file"


def _shown(name: str) -> str:
    """A name as the report can show it: the bytes that are not UTF-8 as escapes."""
    return name.encode(errors="surrogateescape").decode(errors="backslashreplace")


def _match_folders(root: str, found: list[_Found], facts: _Facts, verdicts: _Verdicts, report: ScanReport, *,
                   add_unknown: bool) -> None:
    """Which movie each folder is, by the same rule releases are matched with (ids, then every clean title of
    the movie: original and alternative titles, numeral variants, with the year); an unknown one is added once."""
    for item in found:
        if not storable_text(item.folder):  # nothing can be recorded of it, not even that it matched nothing
            report.unmatched.append({"folder": _shown(item.name), "reason": UNSTORABLE_FOLDER})
            continue
        if item.video is not None and not storable_text(item.video):
            verdicts.unmatched(item, f"{UNSTORABLE_VIDEO}: {_shown(item.video[len(item.folder) + 1:])}", report)
            continue
        identity = item.identity
        if identity is None or identity.year is None:
            verdicts.unmatched(item, "no title and year in the name", report)
            continue
        matches = match_title(normalize_imdb_id(identity.imdb_id), identity.tmdb_id, identity.title, identity.year,
                              facts.index)
        movie: Movie | _NewMovie
        if matches:
            movie_id = matches[0][0]
            movie = facts.movies[movie_id] if movie_id > 0 else verdicts.new_movies[-movie_id - 1]
            report.matched += 1
        elif not add_unknown:
            verdicts.unmatched(item, "not a movie of the library", report)
            continue
        else:
            movie = _NewMovie(identity.title, identity.year, identity.tmdb_id, identity.imdb_id)
            verdicts.new_movies.append(movie)
            pending_id = -len(verdicts.new_movies)  # a stand-in id until the new movies are written
            facts.index.add(titled_movie_key(pending_id, movie.title, movie.year, movie.tmdb_id, movie.imdb_id))
            report.added += 1
        verdicts.matched.append((root, item, movie))


def _stem(name: str) -> str:
    """``PurePath(name).stem``."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _file_row(item: _Found, info: RawMediaInfo | None, qualities: dict[tuple[int, str, str], QualityModel]
              ) -> ScannedFileRow:
    """A movie file found in the library: its quality from its name (and MediaInfo's resolution when cached);
    the variant id is the caller's to add. ``qualities`` keeps the quality of each (resolution, file name's
    template, folder name's template) seen: a library's names share a few templates."""
    assert item.video is not None and item.stat is not None
    resolution = resolution_from_dimensions(info.width, info.height) if info else 0
    name = item.video[item.video.rfind("/") + 1:]
    template, folder_template, (release_group, edition) = library_file_templates_and_fields(name, _stem(name),
                                                                                           item.name)
    key = (resolution, template, folder_template)
    quality = qualities.get(key)
    if quality is None:
        quality = qualities[key] = import_quality(resolution, name, item.name)
    return (item.video, item.stat[0], quality.quality.name, release_group, edition, quality.revision.version,
            info.to_json() if info else None, info.runtime_seconds if info else None)


def _file_rows(facts: _Facts, verdicts: _Verdicts, infos: dict[str, RawMediaInfo]) -> dict[str, ScannedFileRow]:
    """The file row of every matched video not recorded yet, by path (its name parsed: done with the library
    closed; the variant id is set when the row is written)."""
    rows: dict[str, ScannedFileRow] = {}
    qualities: dict[tuple[int, str, str], QualityModel] = {}
    for _root, item, _movie in verdicts.matched:
        if item.video is not None and item.stat is not None and item.video not in facts.recorded_paths:
            rows[item.video] = _file_row(item, infos.get(item.video), qualities)
    return rows


#: The folders the first unit of work records, and the most a later one records: a 20,000-folder cold scan writes
#: in one unit (0.3 s here; one open and commit instead of two, 65 ms less), and at 50,000 movies (bench_scale: a
#: folder each, 40,000 files to record) the longest of its units of 20,000 held the file 0.27 s (0.375 s when the
#: first unit was 5,000 and the next grew from it). The next units are sized from the one before to hold the file
#: about :data:`UNIT_SECONDS` (a unit's fixed cost, opening and committing, 50 to 100 ms here, is then paid a few
#: times per scan rather than once per thousand folders). A unit's time over its folders overstates what a folder
#: costs (the fixed cost is in it), so a unit sized by it holds the file less than :data:`UNIT_SECONDS`. A tail of
#: less than half a unit goes with the unit before it (alone it would pay a unit's fixed cost for a few folders).
MAX_UNIT = 20_000
#: The fewest folders a unit records after a slow one, and the folders matched to no movie written per unit.
FOLDERS_PER_UNIT = 5_000
UNIT_SECONDS = 0.5
UNIT_GROWTH = 4


def next_unit_size(size: int, seconds: float) -> int:
    """The folders the next unit records, after ``size`` took ``seconds``: about :data:`UNIT_SECONDS` worth, at
    least :data:`FOLDERS_PER_UNIT` and at most :data:`MAX_UNIT` (nor more than :data:`UNIT_GROWTH` times the
    last)."""
    fitting = int(size * UNIT_SECONDS / seconds) if seconds > 0 else MAX_UNIT
    return max(FOLDERS_PER_UNIT, min(fitting, UNIT_GROWTH * size, MAX_UNIT))


def _record(library: Library, facts: _Facts, chunk: list[tuple[str, _Found, Movie | _NewMovie]],
            file_rows: dict[str, ScannedFileRow], profile: str, report: ScanReport, now: datetime) -> None:
    """One unit of work: these folders' new movies and versions, their files, and the folders themselves, so a
    scan stopped between units finds the folders it recorded unchanged and the movies it added known (no
    duplicates on the next run). A new movie matched by folders of several units is added by the first. Rows go
    as columns: no object per movie, version or file."""
    new_movies = list(dict.fromkeys(m for _r, _i, m in chunk if isinstance(m, _NewMovie) and m.id is None))
    ids = library.movies.add_scanned([m.title for m in new_movies], [m.year for m in new_movies],
                                     [m.tmdb_id for m in new_movies], [m.imdb_id for m in new_movies])
    for pending, movie_id in zip(new_movies, ids, strict=True):
        pending.id = movie_id
    resolved = [(root, item, movie, _movie_id(movie)) for root, item, movie in chunk]
    missing = dict.fromkeys((movie_id, root) for root, _item, _movie, movie_id in resolved
                            if (movie_id, root) not in facts.variants)
    added_here = set(ids)
    first = [pair for pair in missing if pair[0] in added_here]  # movies of this unit: no version yet
    for pair, variant_id in zip(first, library.movies.add_first_variants(
            [movie_id for movie_id, _root in first], profile, [root for _movie_id, root in first]), strict=True):
        facts.variants[pair] = variant_id
    others = [(movie_id, profile, root) for movie_id, root in missing if movie_id not in added_here]
    for variant in library.movies.add_variants_many(others):
        facts.variants[(variant.movie_id, variant.root_folder)] = variant.id
    variant_ids: list[int] = []
    rows: list[ScannedFileRow] = []
    folder_rows: list[tuple[str, int, int | None, str]] = []
    for root, item, movie, movie_id in resolved:
        variant_id = facts.variants[(movie_id, root)]
        video = item.video
        if video is None or item.stat is None:
            folder_rows.append((item.folder, item.mtime_ns, movie_id, "empty"))
            continue
        if variant_id not in facts.recorded_variants and video not in facts.recorded_paths:
            row = file_rows[video]
            variant_ids.append(variant_id)
            rows.append(row)
            facts.recorded_variants.add(variant_id)
            if len(report.rows) < ScanReport.ROWS_SHOWN:
                report.rows.append({"movie": f"{movie.title} ({movie.year})", "file": video[video.rfind("/") + 1:],
                                    "quality": row[2]})
        folder_rows.append((item.folder, item.mtime_ns, movie_id, "recorded"))
    report.recorded += len(rows)
    files = ScannedFiles.from_rows(variant_ids, rows)
    library.files.record_existing(files, now)
    library.library_folders.save_many(folder_rows, now)


def scan_library(store: LibraryStore, config: AppConfig, now: datetime, *, add_unknown: bool = True) -> ScanReport:
    """Walk every root folder; match, add and record. The library is read, closed while the disk is walked and
    the rows are built, then written in bulk, :data:`FOLDERS_PER_UNIT` folders a unit of work (their new movies
    in one statement, their versions in one, their files in one, the folders in one)."""
    with collector_paused():
        return _scan_library(store, config, now, add_unknown=add_unknown)


def _scan_library(store: LibraryStore, config: AppConfig, now: datetime, *, add_unknown: bool) -> ScanReport:
    report = ScanReport()
    extensions = {e.lower() for e in config.importing.video_extensions}
    walks = [_start_walk(str(root), extensions) for root in config.root_folders]  # listing while the library is read
    verdicts = _Verdicts()
    walked: list[_Found] = []
    try:
        facts = _Facts.load(store)
        for walk in walks:
            for found in _walked(walk, facts.known_folders, report):
                _match_folders(walk.root, found, facts, verdicts, report, add_unknown=add_unknown)
                walked += found
    finally:
        for walk in walks:
            walk.close()
    infos: dict[str, RawMediaInfo] = {}
    if config.importing.read_media_info and facts.media_info_cached:  # an empty cache knows no file
        with store.open(read_only=True) as library:
            infos = _cached_media_infos(library, walked, True)
    file_rows = _file_rows(facts, verdicts, infos)
    start, size = 0, MAX_UNIT
    while start < len(verdicts.matched):
        end = start + size
        if len(verdicts.matched) - end < size // 2:
            end = len(verdicts.matched)  # a short tail with this unit
        began = time.perf_counter()
        with store.open() as library:
            _record(library, facts, verdicts.matched[start:end], file_rows, config.default_profile.name, report, now)
        start, size = end, next_unit_size(end - start, time.perf_counter() - began)
    for start in range(0, len(verdicts.folder_rows), FOLDERS_PER_UNIT):  # the folders matched to no movie
        with store.open() as library:
            library.library_folders.save_many(verdicts.folder_rows[start:start + FOLDERS_PER_UNIT], now)
    return report


@dataclass(eq=False)
class _NewMovie:
    """A movie a scan adds: its id is known once the scan's new movies are written (together)."""

    title: str
    year: int
    tmdb_id: int | None
    imdb_id: str | None
    id: int | None = None


def _movie_id(movie: Movie | _NewMovie) -> int:
    """The library's id of a scan's verdict (a new movie's once it has been written)."""
    if movie.id is None:
        raise RuntimeError(f"{movie.title} ({movie.year}) was not added to the library")
    return movie.id


def scan_root_folders(config: AppConfig, now: datetime) -> ScanReport:
    """The library_scan workflow over the configured root folders."""
    return scan_library(LibraryStore(config.database), config, now)
