"""From a download (or a folder given by hand) to an import plan, or the rejection that stops it.

Facts are gathered here (the file system, MediaInfo, the store); every verdict is one of the pure rules in
``decisions``. A plan says exactly which file goes where, in which mode, what it replaces and where the
replaced file goes; it becomes a journal row before any file is touched.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.name_scores import name_format_scores
from radarr_pipeline.importing import decisions
from radarr_pipeline.importing.decisions import ImportRejection
from radarr_pipeline.importing.discovery import (
    download_root,
    extra_files,
    is_sample,
    unpacking_entries,
    video_candidates,
)
from radarr_pipeline.importing.extras import ExtraPlan, plan_extras
from radarr_pipeline.importing.quality import import_quality
from radarr_pipeline.importing.transfer import partial_path
from radarr_pipeline.mediainfo import RawMediaInfo, media_info_facts, resolution_from_dimensions
from radarr_pipeline.models import Movie, MovieFile, Variant
from radarr_pipeline.naming import (
    MovieFileInfo,
    MovieInfo,
    NamingConfig,
    NamingError,
    build_file_name,
    build_folder_name,
)
from radarr_pipeline.naming.models import PATH_COMPONENT_MAX_BYTES
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import QualityModel, Revision, quality_by_name
from radarr_pipeline.services.importing.media import MediaInfoBatch, try_media_info
from radarr_pipeline.services.importing.recycle import recycle_bin_for, recycle_target
from radarr_pipeline.store import Library
from radarr_pipeline.store.import_journal import PlannedWrite


@dataclass(frozen=True)
class ImportSource:
    """What is being imported: a tracked download, or a folder or file given by hand."""

    content_path: str | None
    title: str
    download_id: str | None = None
    download_pk: int | None = None
    seeded_by_torrent: bool = True  # never moved while a client may seed it


@dataclass(frozen=True)
class ImportPlan:
    movie: Movie
    variant: Variant
    source: Path
    destination: Path
    mode: str  # hardlink (copy by itself across filesystems), copy, move
    quality: QualityModel
    file_info: MovieFileInfo
    media: RawMediaInfo | None
    origin: ImportSource
    replaced: MovieFile | None = None
    replaced_path: Path | None = None
    replaced_inode: int | None = None
    recycle_path: Path | None = None
    extras: tuple[ExtraPlan, ...] = field(default=())

    def journal_write(self) -> PlannedWrite:
        stat = self.source.stat()
        record = {
            "movie_id": self.movie.id, "movie": f"{self.movie.title} ({self.movie.year})",
            "quality": self.quality.quality.name, "revision": self.quality.revision.version,
            "quality_full": str(self.quality), "release_group": self.file_info.release_group,
            "edition": self.file_info.edition, "scene_name": self.origin.title,
            "media_info": self.media.to_json() if self.media else None,
            "runtime_seconds": self.media.runtime_seconds if self.media else None,
            "replaced": str(self.replaced_path) if self.replaced_path else None,
            "replaced_quality": self.replaced.quality if self.replaced else None,
            "extras": [asdict(extra) for extra in self.extras],
        }
        return PlannedWrite(
            download_id=self.origin.download_id, download_pk=self.origin.download_pk, variant_id=self.variant.id,
            source=str(self.source), partial_path=str(partial_path(self.destination)),
            final_path=str(self.destination), mode=self.mode, expected_size=stat.st_size, source_inode=stat.st_ino,
            replaced_path=str(self.replaced_path) if self.replaced_path else None, replaced_inode=self.replaced_inode,
            recycle_path=str(self.recycle_path) if self.recycle_path else None, record=record,
        )


@dataclass
class PlanContext:
    """What planning needs besides the download: the store, the settings, and facts read for a whole run at
    once (a run of many downloads fills them with :meth:`prefetch` and :meth:`preload_media`; without them each
    fact is read from the store when asked)."""

    library: Library
    config: AppConfig
    profiles: dict[str, QualityProfile]
    now: datetime
    claimed_variants: set[int] = field(default_factory=set)
    claimed_destinations: set[Path] = field(default_factory=set)
    formats: list[CustomFormat] = field(default_factory=list)
    files_by_download: dict[str, MovieFile] | None = None
    files_by_variant: dict[int, MovieFile] | None = None
    media: MediaInfoBatch | None = None
    root_folders: dict[Path, ImportRejection | None] = field(default_factory=dict)
    contents: dict[Path, tuple[list[str], list[Path]]] = field(default_factory=dict)
    resolved_roots: dict[Path, Path] = field(default_factory=dict)

    def inside(self, root: Path, path: Path) -> bool:
        """:func:`inside`, the root folder resolved once per run (a resolve looks at every part of the path)."""
        resolved = self.resolved_roots.get(root)
        if resolved is None:
            resolved = self.resolved_roots[root] = root.resolve()
        return _under(resolved, path)

    def content_of(self, content: Path) -> tuple[list[str], list[Path]]:
        """(entries showing an unpack still running, video files largest first with the samples) of a download's
        content: worked out once per run (the MediaInfo preload and planning both look); the videos only when
        no unpack runs."""
        known = self.contents.get(content)
        if known is None:
            unpacking = unpacking_entries(content)
            extensions = {e.lower() for e in self.config.importing.video_extensions}
            known = self.contents[content] = (unpacking, [] if unpacking else video_candidates(content, extensions))
        return known

    def prefetch(self, download_ids: list[str], variant_ids: list[int]) -> None:
        """The movie files of these downloads and variants, in two queries."""
        self.files_by_download = self.library.files.for_downloads(download_ids)
        self.files_by_variant = self.library.files.for_variants(variant_ids)

    def file_for_download(self, download_id: str) -> MovieFile | None:
        if self.files_by_download is not None:
            return self.files_by_download.get(download_id)
        return self.library.files.for_download(download_id)

    def file_for_variant(self, variant_id: int) -> MovieFile | None:
        if self.files_by_variant is not None:
            return self.files_by_variant.get(variant_id)
        return self.library.files.for_variant(variant_id)

    def preload_media(self, videos: list[Path]) -> None:
        """MediaInfo of these files: the cache in one query, the others read (in parallel when many)."""
        self.media = MediaInfoBatch.load(self.library, videos, self.now)

    def media_info(self, video: Path) -> tuple[RawMediaInfo | None, str | None]:
        if self.media is not None and video in self.media.results:
            return self.media.results[video]
        return try_media_info(self.library, video, self.now)

    def root_folder_rule(self, root: Path) -> ImportRejection | None:
        """Whether the root folder can take files now (checked once per root folder and run)."""
        if root not in self.root_folders:
            exists = root.is_dir()
            empty = exists and next(root.iterdir(), None) is None
            self.root_folders[root] = decisions.root_folder_available(
                root, exists, empty and self.library.files.count_under(str(root)) > 0)
        return self.root_folders[root]

    def flush(self) -> None:
        """Write what planning learnt (new MediaInfo cache rows) in one statement."""
        if self.media is not None:
            self.media.save(self.library, self.now)


def inside(root: Path, path: Path) -> bool:
    """The path stays under the root folder, whatever a hostile name tried."""
    return _under(root.resolve(), path)


def _under(resolved_root: Path, path: Path) -> bool:
    """:func:`inside`, the root folder already resolved."""
    return path.resolve().is_relative_to(resolved_root)


def _readable(path: Path) -> str | None:
    """None when the download can be read, else why not (permission denied...)."""
    try:
        if path.is_dir():
            os.listdir(path)
        else:
            with open(path, "rb") as handle:
                handle.read(1)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _existing_dir(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def file_info_for(
    origin: ImportSource, video: Path, quality: QualityModel, media: RawMediaInfo | None
) -> MovieFileInfo:
    parsed = parse_release_title(origin.title) or parse_release_title(video.stem)
    return MovieFileInfo(
        quality_name=quality.quality.name,
        revision_version=quality.revision.version,
        revision_real=quality.revision.real,
        is_repack=quality.revision.is_repack,
        release_group=parsed.release_group if parsed else None,
        edition=parsed.edition if parsed else None,
        original_file_name=video.name,
        scene_name=origin.title,
        media_info=media_info_facts(media, origin.title) if media else None,
    )


def destination_for(
    movie: Movie, variant: Variant, file_info: MovieFileInfo, suffix: str, naming: NamingConfig
) -> Path:
    info = MovieInfo(title=movie.title, year=movie.year, original_title=movie.original_title,
                     imdb_id=movie.imdb_id, tmdb_id=movie.tmdb_id, collection=movie.collection,
                     certification=movie.certification)
    folder = build_folder_name(info, naming, file_info)
    name = build_file_name(info, file_info, naming) + suffix.lower()
    return Path(variant.root_folder) / folder / name


def existing_quality(existing: MovieFile | None) -> QualityModel | None:
    if existing is None or not Path(existing.path).exists():
        return None
    try:
        return QualityModel(quality_by_name(existing.quality), Revision(version=existing.revision or 1))
    except KeyError:
        return QualityModel()


def _first(*rejections: ImportRejection | None) -> ImportRejection | None:
    return next((r for r in rejections if r is not None), None)


@dataclass(frozen=True)
class _Video:
    """The file a download's import is about, and what was read of it."""

    content: Path
    path: Path
    stat: os.stat_result
    media: RawMediaInfo | None


def _find_video(ctx: PlanContext, origin: ImportSource) -> _Video | ImportRejection:
    """The download is there, readable, unpacked, not imported before, and holds a video that is not a sample."""
    settings = ctx.config.importing
    rejected = decisions.content_reported(origin.content_path)
    if rejected:
        return rejected
    content = Path(origin.content_path or "")
    rejected = _first(
        decisions.content_present(content, content.exists()),
        decisions.content_readable(content, _readable(content) if content.exists() else None),
    ) or decisions.unpack_finished(ctx.content_of(content)[0])
    if rejected:
        return rejected
    if origin.download_id:
        recorded = ctx.file_for_download(origin.download_id)
        rejected = decisions.not_already_imported(origin.download_id, recorded.path if recorded else None)
        if rejected:
            return rejected
    candidates = ctx.content_of(content)[1]
    named_samples = [v for v in candidates if is_sample(v, download_root(content))]
    videos = [v for v in candidates if v not in named_samples]
    rejected = decisions.has_video(len(videos), content)
    if rejected:
        if named_samples:
            return decisions.not_sample(named_samples[0].name, True, 0, 0, None, sample_runtime_seconds=0,
                                        sample_size_mb=0) or rejected
        return rejected
    rejected = decisions.content_readable(videos[0], _readable(videos[0]))
    if rejected:
        return rejected
    media = ctx.media_info(videos[0])[0] if settings.read_media_info else None
    return _Video(content, videos[0], videos[0].stat(), media)


def _is_the_movie(ctx: PlanContext, movie: Movie, video: _Video) -> ImportRejection | None:
    """Not a sample by its runtime or size, and the file's name names the movie that was grabbed."""
    settings = ctx.config.importing
    parsed = parse_release_title(video.path.stem)
    return decisions.not_sample(
        video.path.name, False, video.media.runtime_seconds if video.media else 0.0, video.stat.st_size,
        movie.runtime_minutes, sample_runtime_seconds=settings.sample_runtime_seconds,
        sample_size_mb=settings.sample_size_mb,
    ) or decisions.matches_grabbed_movie(
        parsed.movie_title if parsed else None, parsed.year if parsed else None,
        movie.title, movie.year, (movie.original_title or "",),
    )


def _upgrade(ctx: PlanContext, movie: Movie, variant: Variant, origin: ImportSource, video: _Video,
             quality: QualityModel) -> tuple[MovieFile | None, QualityModel | None] | ImportRejection:
    """The file the variant has (and its quality), when the new one is an upgrade of it under the profile
    (quality, then custom-format score) or there is none."""
    existing = ctx.file_for_variant(variant.id)
    current = existing_quality(existing)
    profile = ctx.profiles.get(variant.quality_profile)
    if profile is None:
        return existing, current
    existing_score, new_score = 0, 0
    if existing is not None and current is not None:
        existing_score, new_score = name_format_scores(
            ctx.formats, profile, [existing.scene_name, origin.title],
            [current.quality.name, quality.quality.name], [existing.size, video.stat.st_size],
            paths=[existing.path, str(video.path)], original_languages=[movie.original_language] * 2,
        )
    return decisions.upgrade_over_existing(profile, current, quality, existing.path if existing else None,
                                           existing_score, new_score) or (existing, current)


def _destination_rules(ctx: PlanContext, variant: Variant, destination: Path, video: _Video,
                       replaced_path: Path | None) -> ImportRejection | None:
    """The root folder is there, the name stays inside it, and nothing unknown (or claimed) is in its way."""
    root = Path(variant.root_folder)
    rejected = ctx.root_folder_rule(root) or decisions.stays_in_root(ctx.inside(root, destination), root)
    if rejected:
        return rejected
    occupied = destination.exists() and destination != replaced_path
    if occupied and destination.stat().st_ino == video.stat.st_ino:
        occupied = False  # the very file, linked there already: finishing records it
    return decisions.destination_free(destination, occupied) or decisions.destination_not_claimed(
        destination, destination in ctx.claimed_destinations
    )


def _mode_and_space(ctx: PlanContext, movie: Movie, variant: Variant, origin: ImportSource, video: _Video,
                    destination: Path) -> str | ImportRejection:
    """How the file goes there (never moved while a client may seed it), and room for it if it is copied."""
    mode = ctx.config.importing.mode
    if mode == "move" and origin.seeded_by_torrent:
        mode = "hardlink"
    usage_dir = _existing_dir(destination.parent)
    same_fs = video.stat.st_dev == usage_dir.stat().st_dev
    needed = 0 if same_fs and mode in ("hardlink", "move") else video.stat.st_size
    space = None if ctx.config.decisions.skip_free_space_check else decisions.enough_free_space(
        shutil.disk_usage(usage_dir).free, needed, ctx.config.decisions.minimum_free_space_mb,
        Path(variant.root_folder),
    )
    return space or decisions.not_claimed_in_this_run(variant.id in ctx.claimed_variants, movie.title) or mode


def _extras_and_recycling(ctx: PlanContext, variant: Variant, video: _Video, destination: Path,
                          replaced_path: Path | None) -> tuple[tuple[ExtraPlan, ...], Path | None]:
    """Subtitles and .nfo to place beside the movie; where the replaced file goes in the recycle bin."""
    settings, root = ctx.config.importing, Path(variant.root_folder)
    extras: list[ExtraPlan] = []
    if settings.import_extra_files:
        found = extra_files(video.content, {e.lower() for e in settings.extra_file_extensions})
        extras = [e for e in plan_extras(found, destination) if ctx.inside(root, Path(e.destination))]
    recycle_path = None
    if replaced_path is not None:
        recycle_path = recycle_target(replaced_path, root, recycle_bin_for(settings.recycle_bin, variant.root_folder))
    return tuple(extras), recycle_path


#: What writing a file adds to its name: ".<name>.partial" (see ``importing.transfer.partial_path``).
PARTIAL_OVERHEAD = len(partial_path(Path("x")).name) - 1


def fitting_naming(naming: NamingConfig, tails: Iterable[str]) -> NamingConfig:
    """The naming settings with file names short enough that the longest name written beside them (a subtitle's
    ".en.forced.srt", and ".<name>.partial" while it is written) fits the filesystem's 255-byte limit."""
    longest = max((len(tail.encode()) for tail in tails), default=0)
    limit = PATH_COMPONENT_MAX_BYTES - PARTIAL_OVERHEAD - longest
    return naming if naming.max_file_name_bytes <= limit else replace(naming, max_file_name_bytes=limit)


def _name_tails(ctx: PlanContext, video: _Video) -> list[str]:
    """What follows the movie's name in every file this import writes: its extension and its extras' endings."""
    tails = [video.path.suffix.lower()]
    if ctx.config.importing.import_extra_files:
        found = extra_files(video.content, {e.lower() for e in ctx.config.importing.extra_file_extensions})
        tails += [Path(e.destination).name[1:] for e in plan_extras(found, Path("x.mkv"))]
    return tails


def plan_import(ctx: PlanContext, movie: Movie, variant: Variant, origin: ImportSource) -> ImportPlan | ImportRejection:
    """Every rule in order; the first rejection stops the import, with its reason."""
    video = _find_video(ctx, origin)
    if isinstance(video, ImportRejection):
        return video
    rejected = _is_the_movie(ctx, movie, video)
    if rejected:
        return rejected
    resolution = resolution_from_dimensions(video.media.width, video.media.height) if video.media else 0
    folder_name = video.content.name if video.content.is_dir() else None
    quality = import_quality(resolution, origin.title, folder_name, video.path.name)
    upgrade = _upgrade(ctx, movie, variant, origin, video, quality)
    if isinstance(upgrade, ImportRejection):
        return upgrade
    existing, current = upgrade
    file_info = file_info_for(origin, video.path, quality, video.media)
    try:
        naming = fitting_naming(ctx.config.naming, _name_tails(ctx, video))
        destination = destination_for(movie, variant, file_info, video.path.suffix, naming)
    except NamingError as exc:
        return ImportRejection("naming", f"no usable file name: {exc}")
    replaced_path = Path(existing.path) if existing and current is not None else None
    rejected = _destination_rules(ctx, variant, destination, video, replaced_path)
    if rejected:
        return rejected
    mode = _mode_and_space(ctx, movie, variant, origin, video, destination)
    if isinstance(mode, ImportRejection):
        return mode
    extras, recycle_path = _extras_and_recycling(ctx, variant, video, destination, replaced_path)
    ctx.claimed_variants.add(variant.id)
    ctx.claimed_destinations.add(destination)
    return ImportPlan(
        movie=movie, variant=variant, source=video.path, destination=destination, mode=mode, quality=quality,
        file_info=file_info, media=video.media, origin=origin, replaced=existing if replaced_path else None,
        replaced_path=replaced_path, replaced_inode=replaced_path.stat().st_ino if replaced_path else None,
        recycle_path=recycle_path, extras=extras,
    )
