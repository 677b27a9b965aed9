"""The queue: the active downloads as last refreshed from the client, read without writing.

Marking one failed by hand is ``services.failed_downloads.fail_download`` (it talks to the download client).
"""

from __future__ import annotations

from radarr_pipeline.config import AppConfig
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.tracking.queue import queue_rows


def list_queue(config: AppConfig) -> list[dict[str, object]]:
    """One row per active download (id, download, state, progress, eta, hash, message), read without writing."""
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return queue_rows(library.downloads.active())
    except LibraryNotCreatedError:
        return []
