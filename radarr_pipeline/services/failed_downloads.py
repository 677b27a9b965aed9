"""Failed download handling (Radarr's): blocklist the release, record the failure, remove the torrent and its
data from the client, and make the movie searched again so the next best release is grabbed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from radarr_pipeline.config import AppConfig, ConfigError
from radarr_pipeline.download_clients import DownloadClientError
from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.services.reputation import record_outcome
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.blocklist import BlocklistEntry
from radarr_pipeline.tracking.transitions import mark_failed


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


class QueueError(ValueError):
    """The download asked for cannot be found or failed; the message says why."""


@dataclass(frozen=True)
class FailedDownload:
    """A download marked failed by hand, and what the download client said when asked to remove it."""

    download: TrackedDownload
    removal_asked: bool  # False: removing failed downloads is turned off
    removed: bool = False  # False with removal_asked and no error: the client no longer had it
    removal_error: str | None = None


def only_match(reference: str, found: list[TrackedDownload]) -> TrackedDownload:
    """The one download ``reference`` names, or why it names none or several."""
    if not found:
        raise QueueError(f"no tracked download matches {reference!r} (give its queue id or infohash)")
    if len(found) > 1:
        raise QueueError(f"{reference!r} matches {len(found)} downloads; give more of the infohash")
    return found[0]


def fail_download(config: AppConfig, reference: str, now: datetime) -> FailedDownload:
    """Mark a download failed by hand (the queue's action): blocklist its release and search the movie again;
    then, with the store closed, ask the client to remove it with its data when failed downloads are removed."""
    with LibraryStore(config.database).open() as library:
        tracked = only_match(reference, library.downloads.matching(reference))
        try:
            transition = mark_failed(tracked)
        except ValueError as exc:
            raise QueueError(str(exc)) from None
        action = handle_failed(library, tracked, transition.message or "marked as failed", now,
                               remove_from_client=config.download_handling.remove_failed_downloads)
    if action is None:
        return FailedDownload(tracked, removal_asked=False)
    try:
        removed = download_client(config).remove(action.download_id, delete_files=action.delete_files)
    except (DownloadClientError, ConfigError) as exc:
        return FailedDownload(tracked, removal_asked=True, removal_error=str(exc))
    return FailedDownload(tracked, removal_asked=True, removed=removed)
