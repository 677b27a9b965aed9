"""`importing:` how completed downloads are filed into the library (Radarr's Media Management settings)."""

from pathlib import Path
from typing import Literal

from pydantic import Field

from radarr_pipeline.settings.base import Strict


class ImportSettings(Strict):
    # hardlink: seeding goes on (copy by itself across filesystems); copy: always copy; move: only ever used
    # for sources no torrent client seeds (a manual import), a tracked torrent is never moved.
    mode: Literal["hardlink", "copy", "move"] = "hardlink"
    recycle_bin: Path | None = None  # default: <root folder>/.recycle
    recycle_bin_cleanup_days: int = Field(default=7, ge=0)  # 0: never empty the recycle bin
    video_extensions: list[str] = Field(
        default_factory=lambda: [".mkv", ".mp4", ".avi", ".m4v", ".mov", ".wmv", ".ts", ".m2ts", ".webm"]
    )
    import_extra_files: bool = True
    extra_file_extensions: list[str] = Field(
        default_factory=lambda: [".srt", ".ass", ".ssa", ".vtt", ".sub", ".idx", ".sup", ".nfo"]
    )
    read_media_info: bool = True
    # A video shorter than this (or than half the movie's runtime, if less) is a sample. Used when the movie's
    # runtime is known: without it a short film and a sample cannot be told apart.
    sample_runtime_seconds: int = Field(default=600, ge=0)
    # When MediaInfo gives no runtime: a video smaller than this is a sample (again only for a known runtime).
    sample_size_mb: int = Field(default=40, ge=0)
