"""`importing:` how completed downloads are filed into the library (Radarr's Media Management settings)."""

from pathlib import Path
from typing import Literal

from pydantic import Field

from radarr_pipeline.settings.base import Strict


class ImportSettings(Strict):
    mode: Literal["hardlink", "copy"] = "hardlink"
    recycle_bin: Path | None = None
    video_extensions: list[str] = Field(
        default_factory=lambda: [".mkv", ".mp4", ".avi", ".m4v", ".mov", ".wmv", ".ts", ".m2ts", ".webm"]
    )
