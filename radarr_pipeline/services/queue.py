"""Removing a download from the queue (Radarr's queue DELETE). Listing the queue is
``services.listings.queue_page``; marking one failed by hand is ``services.failed_downloads.fail_download``."""

from __future__ import annotations

from datetime import datetime

from radarr_pipeline.config import AppConfig
from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.services.failed_downloads import QueueError, handle_failed
from radarr_pipeline.store import LibraryStore

REMOVED_BY_USER = "removed from the queue by the user"


def remove_from_queue(config: AppConfig, download_pk: int, now: datetime, *, remove_from_client: bool,
                      blocklist: bool) -> TrackedDownload:
    """Radarr's queue removal: with ``blocklist`` the download is handled as failed (blocklisted, the movie
    searched again); without, it is only no longer followed (its history says it was ignored). Then, with the
    library closed, the client is asked to remove the torrent with its data when ``remove_from_client``."""
    with LibraryStore(config.database).open() as library:
        try:
            tracked = library.downloads.get(download_pk)
        except KeyError:
            raise QueueError(f"no download {download_pk} in the queue") from None
        if not tracked.state.is_active:
            raise QueueError(f"download {download_pk} is no longer in the queue ({tracked.state})")
        if blocklist:
            handle_failed(library, tracked, REMOVED_BY_USER, now, remove_from_client=False)
        else:
            variant = library.movies.variant(tracked.variant_id)
            library.downloads.update(tracked.id, state=DownloadState.FAILED, at=now, status_message=REMOVED_BY_USER,
                                     eta_seconds=None, stalled_since=None)
            library.history.add(HistoryEvent(
                event="download_ignored", movie_id=variant.movie_id, variant_id=variant.id,
                source_title=tracked.title, download_id=tracked.download_id, quality=tracked.quality,
                data={"reason": REMOVED_BY_USER, "blocklisted": False}), now)
    if remove_from_client:
        download_client(config).remove(tracked.download_id, delete_files=True)
    return tracked
