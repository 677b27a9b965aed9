"""Failed download handling (Radarr's): blocklist the release, record the failure, remove the torrent and its
data from the client, and make the movie searched again so the next best release is grabbed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.services.reputation import record_outcome
from radarr_pipeline.store import Library
from radarr_pipeline.store.blocklist import BlocklistEntry


@dataclass(frozen=True)
class ClientAction:
    """Something to ask the download client once the database is closed again."""

    action: str  # "remove" or "share_limits"
    download_id: str
    title: str
    reason: str
    delete_files: bool = False
    ratio: float | None = None
    minutes: int | None = None


def handle_failed(
    library: Library, tracked: TrackedDownload, reason: str, now: datetime, *, remove_from_client: bool
) -> ClientAction | None:
    """Blocklist, history, reputation, search again; the download ends in ``failed``. Returns the removal to
    ask the client for (with its data, as Radarr does for failed downloads), if removal is on."""
    variant = library.movies.variant(tracked.variant_id)
    release = library.releases.get(tracked.release_id) if tracked.release_id is not None else None
    library.blocklist.add(BlocklistEntry(
        movie_id=variant.movie_id,
        source_title=tracked.title,
        reason=reason,
        blocklisted_at=now,
        indexer=release.release.indexer if release else None,
        infohash=tracked.download_id,
        quality=tracked.quality,
        size=tracked.size,
    ))
    library.history.add(
        HistoryEvent(
            event="download_failed", movie_id=variant.movie_id, variant_id=variant.id, source_title=tracked.title,
            download_id=tracked.download_id, quality=tracked.quality,
            data={"reason": reason, "client_state": tracked.client_state,
                  "indexer": release.release.indexer if release else None, "blocklisted": True},
        ),
        now,
    )
    parsed = parse_release_title(tracked.title)
    group = parsed.release_group if parsed else None
    # The release is blocklisted automatically, but the group's evidence is a failure: a blocklisting (twice the
    # weight) is a person's verdict on a release (a fake, the wrong movie), not a download that went wrong.
    record_outcome(library.conn, group, "failed", now, evidence_id=tracked.download_id)
    library.downloads.search_again(variant.movie_id)
    library.downloads.update(tracked.id, state=DownloadState.FAILED, at=now, status_message=reason,
                             eta_seconds=None, stalled_since=None)
    if not remove_from_client:
        return None
    return ClientAction("remove", tracked.download_id, tracked.title, "failed: " + reason, delete_files=True)
