"""`download_handling:` completed and failed download handling (Radarr's Download Clients settings), and the
`blackhole` kind of `download_client:`."""

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from radarr_pipeline.settings.base import Strict


class DownloadHandlingSettings(Strict):
    completed_download_handling: bool = True
    failed_download_handling: bool = True
    stalled_timeout_minutes: int = Field(default=0, ge=0)  # 0: a stalled download is never failed for it
    # Radarr's "Remove Completed": remove a download after import once its seeding goal is met. Off by default.
    remove_completed_downloads: bool = False
    # A failed download is removed from the client with its data (Radarr does so for failed downloads).
    remove_failed_downloads: bool = True
    # A torrent added by hand to our category that names a wanted movie is tracked and imported.
    pick_up_hand_added: bool = True


class BlackholeConfig(Strict):
    """A torrent blackhole: another client watches ``watch_folder`` and puts finished downloads in
    ``completed_folder``; ``settle_seconds`` is how long an item there must be unchanged to count as complete."""

    kind: Literal["blackhole"] = "blackhole"
    name: str = "Blackhole"
    watch_folder: Path
    completed_folder: Path
    save_magnet_files: bool = True
    magnet_extension: str = Field(default=".magnet", pattern=r"^\.[A-Za-z0-9]{1,16}$")
    settle_seconds: float = Field(default=30.0, ge=0)

    @field_validator("watch_folder", "completed_folder")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        if not value.is_absolute():
            raise ValueError(f"expected an absolute path (the watching client sees the same folder), got {value}")
        return value
