"""`download_handling:` completed and failed download handling (Radarr's Download Clients settings)."""

from pydantic import Field

from radarr_pipeline.settings.base import Strict


class DownloadHandlingSettings(Strict):
    completed_download_handling: bool = True
    failed_download_handling: bool = True
    stalled_timeout_minutes: int = Field(default=0, ge=0)  # 0: a stalled download is never failed for it
