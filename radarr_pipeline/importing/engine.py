"""imported_files: completed downloads become movie files in the library, under a clean name."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.importing.discovery import video_files
from radarr_pipeline.importing.transfer import TransferError, link_or_copy
from radarr_pipeline.models import DownloadState, HistoryEvent, Movie, TrackedDownload, Variant
from radarr_pipeline.naming import (
    MovieFileInfo,
    MovieInfo,
    NamingConfig,
    NamingError,
    build_file_name,
    build_folder_name,
)
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library


class ImportBlocked(Exception):
    """This download cannot be imported now; the message says why, in words for the user."""


@dataclass
class ImportReport:
    imported: list[dict[str, object]] = field(default_factory=list)
    blocked: list[dict[str, object]] = field(default_factory=list)

    def markdown(self) -> str:
        parts = ["**Imported**", markdown_table(self.imported, empty="_nothing imported_")]
        if self.blocked:
            parts += ["**Blocked**", markdown_table(self.blocked)]
        return "\n\n".join(parts)


def naming_config(config: AppConfig) -> NamingConfig:
    n = config.naming
    return NamingConfig(
        rename_movies=n.rename_movies,
        replace_illegal_characters=n.replace_illegal_characters,
        colon_replacement_format=n.colon_replacement_format,
        standard_movie_format=n.standard_movie_format,
        movie_folder_format=n.movie_folder_format,
    )


def inside(root: Path, path: Path) -> bool:
    """The path stays under the root folder, whatever a hostile name tried."""
    return path.resolve().is_relative_to(root.resolve())


def destination_for(
    movie: Movie, variant: Variant, download: TrackedDownload, video: Path, naming: NamingConfig
) -> tuple[Path, MovieFileInfo]:
    parsed = parse_release_title(download.title)
    file_info = MovieFileInfo(
        quality_name=download.quality,
        revision_version=parsed.quality.revision.version if parsed else 1,
        revision_real=parsed.quality.revision.real if parsed else 0,
        is_repack=parsed.quality.revision.is_repack if parsed else False,
        release_group=parsed.release_group if parsed else None,
        edition=parsed.edition if parsed else None,
        original_file_name=video.stem,
        scene_name=download.title,
    )
    info = MovieInfo(title=movie.title, year=movie.year, original_title=movie.original_title,
                     imdb_id=movie.imdb_id, tmdb_id=movie.tmdb_id)
    root = Path(variant.root_folder)
    try:
        folder = build_folder_name(info, naming, file_info)
        name = build_file_name(info, file_info, naming) + video.suffix.lower()
    except NamingError as exc:
        raise ImportBlocked(f"no usable file name: {exc}") from exc
    destination = root / folder / name
    if not inside(root, destination):
        raise ImportBlocked(f"the name built for this file would leave the root folder {root}")
    return destination, file_info


def recycle(path: Path, recycle_bin: Path) -> Path:
    """Move a replaced file to the recycle folder instead of deleting it."""
    recycle_bin.mkdir(parents=True, exist_ok=True)
    target = recycle_bin / path.name
    counter = 1
    while target.exists():
        target = recycle_bin / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    shutil.move(path, target)
    return target


def import_download(library: Library, config: AppConfig, download: TrackedDownload, now: datetime) -> dict:
    variant = library.movies.variant(download.variant_id)
    movie = library.movies.get(variant.movie_id)
    if not download.content_path:
        raise ImportBlocked("the download client did not say where the files are")
    content = Path(download.content_path)
    if not content.exists():
        raise ImportBlocked(f"the downloaded files are not at {content}")
    if not os.access(content, os.R_OK):
        raise ImportBlocked(f"the downloaded files at {content} cannot be read (permission denied)")
    videos = video_files(content, {e.lower() for e in config.importing.video_extensions})
    if not videos:
        raise ImportBlocked(f"no video file found in {content} (samples are left out)")
    video = videos[0]
    destination, file_info = destination_for(movie, variant, download, video, naming_config(config))
    previous = library.files.for_variant(variant.id)
    recycled: Path | None = None
    if previous is not None and Path(previous.path) != destination and Path(previous.path).exists():
        recycle_bin = config.importing.recycle_bin or Path(variant.root_folder) / ".recycle"
        recycled = recycle(Path(previous.path), recycle_bin)
    try:
        mode = link_or_copy(video, destination, allow_hardlink=config.importing.mode == "hardlink")
    except TransferError as exc:
        raise ImportBlocked(str(exc)) from exc
    library.files.record(
        variant_id=variant.id, path=str(destination), size=destination.stat().st_size,
        quality=download.quality, import_mode=mode, at=now, release_group=file_info.release_group,
        edition=file_info.edition, scene_name=download.title, download_id=download.download_id,
    )
    library.downloads.update(download.id, state=DownloadState.IMPORTED, at=now)
    library.history.add(
        HistoryEvent(
            event="imported", movie_id=movie.id, variant_id=variant.id, source_title=download.title,
            download_id=download.download_id, quality=download.quality,
            data={"source": str(video), "path": str(destination), "mode": mode,
                  "replaced": previous.path if previous else None, "recycled_to": str(recycled) if recycled else None},
        ),
        now,
    )
    return {"movie": f"{movie.title} ({movie.year})", "file": str(destination), "mode": mode,
            "quality": download.quality}


def import_completed(library: Library, config: AppConfig, now: datetime) -> ImportReport:
    """Import every completed download; one that cannot be imported is blocked with its reason."""
    report = ImportReport()
    for download in library.downloads.in_states(DownloadState.COMPLETED):
        try:
            report.imported.append(import_download(library, config, download, now))
        except ImportBlocked as blocked:
            reason = str(blocked)
            library.downloads.update(download.id, state=DownloadState.IMPORT_BLOCKED, at=now, status_message=reason)
            variant = library.movies.variant(download.variant_id)
            library.history.add(
                HistoryEvent(event="import_blocked", movie_id=variant.movie_id, variant_id=variant.id,
                             source_title=download.title, download_id=download.download_id,
                             quality=download.quality, data={"reason": reason}),
                now,
            )
            report.blocked.append({"download": download.title, "reason": reason})
    return report
