"""From a download (or a folder given by hand) to an import plan, or the rejection that stops it.

Facts are gathered here (the file system, MediaInfo, the store); every verdict is one of the pure rules in
``decisions``. A plan says exactly which file goes where, in which mode, what it replaces and where the
replaced file goes; it becomes a journal row before any file is touched.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, dataclass, field
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

    def flush(self) -> None:
        """Write what planning learnt (new MediaInfo cache rows) in one statement."""
        if self.media is not None:
            self.media.save(self.library, self.now)


def inside(root: Path, path: Path) -> bool:
    """The path stays under the root folder, whatever a hostile name tried."""
    return path.resolve().is_relative_to(root.resolve())


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
                     imdb_id=movie.imdb_id, tmdb_id=movie.tmdb_id)
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


def plan_import(ctx: PlanContext, movie: Movie, variant: Variant, origin: ImportSource) -> ImportPlan | ImportRejection:
    """Every rule in order; the first rejection stops the import, with its reason."""
    settings = ctx.config.importing
    rejected = decisions.content_reported(origin.content_path)
    if rejected:
        return rejected
    content = Path(origin.content_path or "")
    rejected = _first(
        decisions.content_present(content, content.exists()),
        decisions.content_readable(content, _readable(content) if content.exists() else None),
    ) or decisions.unpack_finished(unpacking_entries(content))
    if rejected:
        return rejected
    if origin.download_id:
        recorded = ctx.file_for_download(origin.download_id)
        rejected = decisions.not_already_imported(origin.download_id, recorded.path if recorded else None)
        if rejected:
            return rejected
    root = download_root(content)
    candidates = video_candidates(content, {e.lower() for e in settings.video_extensions})
    named_samples = [v for v in candidates if is_sample(v, root)]
    videos = [v for v in candidates if v not in named_samples]
    rejected = decisions.has_video(len(videos), content)
    if rejected:
        if named_samples:
            return decisions.not_sample(named_samples[0].name, True, 0, 0, None, sample_runtime_seconds=0,
                                        sample_size_mb=0) or rejected
        return rejected
    video = videos[0]
    rejected = decisions.content_readable(video, _readable(video))
    if rejected:
        return rejected
    media: RawMediaInfo | None = None
    if settings.read_media_info:
        media, _why = ctx.media_info(video)
    stat = video.stat()
    parsed_file = parse_release_title(video.stem)
    rejected = decisions.not_sample(
        video.name, False, media.runtime_seconds if media else 0.0, stat.st_size, movie.runtime_minutes,
        sample_runtime_seconds=settings.sample_runtime_seconds, sample_size_mb=settings.sample_size_mb,
    ) or decisions.matches_grabbed_movie(
        parsed_file.movie_title if parsed_file else None, parsed_file.year if parsed_file else None,
        movie.title, movie.year, (movie.original_title or "",),
    )
    if rejected:
        return rejected
    resolution = resolution_from_dimensions(media.width, media.height) if media else 0
    folder_name = content.name if content.is_dir() else None
    quality = import_quality(resolution, origin.title, folder_name, video.name)
    existing = ctx.file_for_variant(variant.id)
    profile = ctx.profiles.get(variant.quality_profile)
    current = existing_quality(existing)
    if profile is not None:
        existing_score, new_score = 0, 0
        if existing is not None and current is not None:
            existing_score, new_score = name_format_scores(
                ctx.formats, profile, [existing.scene_name, origin.title],
                [current.quality.name, quality.quality.name], [existing.size, stat.st_size],
                paths=[existing.path, str(video)], original_languages=[movie.original_language] * 2,
            )
        rejected = decisions.upgrade_over_existing(profile, current, quality, existing.path if existing else None,
                                                   existing_score, new_score)
        if rejected:
            return rejected
    file_info = file_info_for(origin, video, quality, media)
    try:
        destination = destination_for(movie, variant, file_info, video.suffix, ctx.config.naming)
    except NamingError as exc:
        return ImportRejection("naming", f"no usable file name: {exc}")
    variant_root = Path(variant.root_folder)
    rejected = decisions.stays_in_root(inside(variant_root, destination), variant_root)
    if rejected:
        return rejected
    replaced_path = Path(existing.path) if existing and current is not None else None
    occupied = destination.exists() and destination != replaced_path
    if occupied and destination.stat().st_ino == stat.st_ino:
        occupied = False  # the very file, linked there already: finishing records it
    rejected = decisions.destination_free(destination, occupied) or decisions.destination_not_claimed(
        destination, destination in ctx.claimed_destinations
    )
    if rejected:
        return rejected
    mode = settings.mode
    if mode == "move" and origin.seeded_by_torrent:
        mode = "hardlink"
    same_fs = stat.st_dev == _existing_dir(destination.parent).stat().st_dev
    needed = 0 if same_fs and mode in ("hardlink", "move") else stat.st_size
    usage_dir = _existing_dir(destination.parent)
    rejected = decisions.enough_free_space(
        shutil.disk_usage(usage_dir).free, needed, ctx.config.decisions.minimum_free_space_mb, variant_root
    ) or decisions.not_claimed_in_this_run(variant.id in ctx.claimed_variants, movie.title)
    if rejected:
        return rejected
    extras: list[ExtraPlan] = []
    if settings.import_extra_files:
        found = extra_files(content, {e.lower() for e in settings.extra_file_extensions})
        extras = [e for e in plan_extras(found, destination) if inside(variant_root, Path(e.destination))]
    recycle_path = None
    if replaced_path is not None:
        bin_dir = recycle_bin_for(settings.recycle_bin, variant.root_folder)
        recycle_path = recycle_target(replaced_path, variant_root, bin_dir)
    ctx.claimed_variants.add(variant.id)
    ctx.claimed_destinations.add(destination)
    return ImportPlan(
        movie=movie, variant=variant, source=video, destination=destination, mode=mode, quality=quality,
        file_info=file_info, media=media, origin=origin, replaced=existing if replaced_path else None,
        replaced_path=replaced_path,
        replaced_inode=replaced_path.stat().st_ino if replaced_path else None,
        recycle_path=recycle_path, extras=tuple(extras),
    )
