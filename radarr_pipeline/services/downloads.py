"""completed_downloads: bring tracked downloads up to date with what the download client reports.

The database work happens here, in one unit; what must then be asked of the client (removals, seeding limits)
comes back as :class:`ClientAction` items for :func:`apply_client_actions`, run after the database is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.config import AppConfig
from radarr_pipeline.download_clients.base import DownloadClient, DownloadClientError
from radarr_pipeline.models import ClientDownload, DownloadState, HistoryEvent, ShareLimits, TrackedDownload
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.failed_downloads import ClientAction, handle_failed
from radarr_pipeline.services.grabbing import GrabIntent, record_grab
from radarr_pipeline.settings.downloads import DownloadHandlingSettings
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.downloads import FollowedUpdate, NewDownload
from radarr_pipeline.tracking.pickup import match_hand_added
from radarr_pipeline.tracking.queue import queue_rows
from radarr_pipeline.tracking.seeding import limits_to_apply, removal_after_import
from radarr_pipeline.tracking.transitions import FOLLOWED, next_state, stalled_since


@dataclass(frozen=True)
class TrackingPolicy:
    client_kind: str = "qbittorrent"
    settings: DownloadHandlingSettings = field(default_factory=DownloadHandlingSettings)
    share_limits: dict[str, ShareLimits] = field(default_factory=dict)  # by indexer name


@dataclass
class TrackingReport:
    changes: list[dict[str, object]] = field(default_factory=list)
    queue: list[dict[str, object]] = field(default_factory=list)
    completed: list[str] = field(default_factory=list)
    failed: list[dict[str, object]] = field(default_factory=list)
    picked_up: list[dict[str, object]] = field(default_factory=list)
    ignored: list[dict[str, object]] = field(default_factory=list)
    actions: list[ClientAction] = field(default_factory=list)
    action_results: list[dict[str, object]] = field(default_factory=list)
    client_errors: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        parts = ["**State changes**", markdown_table(self.changes, empty="_no change_"),
                 "**Queue**", markdown_table(self.queue, empty="_queue is empty_")]
        if self.failed:
            parts += ["**Failed (blocklisted, searched again)**", markdown_table(self.failed)]
        if self.picked_up:
            parts += ["**Added by hand, picked up**", markdown_table(self.picked_up)]
        if self.ignored:
            parts += ["**In our category, not tracked**", markdown_table(self.ignored)]
        if self.action_results:
            parts += ["**Download client**", markdown_table(self.action_results)]
        return "\n\n".join(parts)


def refresh_downloads(
    library: Library, reported: list[ClientDownload], now: datetime, policy: TrackingPolicy | None = None
) -> TrackingReport:
    policy = policy or TrackingPolicy()
    by_id = {d.download_id: d for d in reported}
    report = TrackingReport()
    if policy.settings.pick_up_hand_added:
        _pick_up(library, reported, now, policy, report)
    _follow(library, [t for t in library.downloads.in_states(*FOLLOWED) if t.client == policy.client_kind], by_id,
            now, policy, report)
    if policy.settings.failed_download_handling:
        for tracked in library.downloads.in_states(DownloadState.FAILED_PENDING):
            if tracked.client == policy.client_kind:
                _fail(library, tracked, tracked.status_message or "failed", now, policy, report)
    _client_upkeep(library, by_id, policy, report)
    report.queue = queue_rows([d for d in library.downloads.active() if d.client == policy.client_kind])
    return report


def _follow(library: Library, followed: list[TrackedDownload], by_id: dict[str, ClientDownload], now: datetime,
            policy: TrackingPolicy, report: TrackingReport) -> None:
    """Each followed download moved to its next state, all written at once."""
    updates: list[FollowedUpdate] = []
    completed: list[tuple[TrackedDownload, ClientDownload | None]] = []
    for tracked in followed:
        seen = by_id.get(tracked.download_id)
        transition = next_state(tracked, seen, now=now,
                                stalled_timeout_minutes=policy.settings.stalled_timeout_minutes)
        updates.append(FollowedUpdate(
            tracked.id, transition.state, progress=seen.progress if seen else None,
            content_path=seen.content_path if seen else None, status_message=transition.message,
            client_state=seen.client_state if seen else None, eta_seconds=seen.eta_seconds if seen else None,
            stalled_since=stalled_since(tracked, seen, now),
        ))
        if transition.state is tracked.state:
            continue
        report.changes.append({"download": tracked.title, "from": tracked.state.value, "to": transition.state.value,
                               "rule": transition.rule, "message": transition.message or ""})
        if transition.state is DownloadState.COMPLETED:
            completed.append((tracked, seen))
            report.completed.append(tracked.download_id)
    library.downloads.update_followed_many(updates, now)
    variants = library.movies.variants_many([tracked.variant_id for tracked, _ in completed])
    library.history.add_many([
        HistoryEvent(event="download_completed", movie_id=variants[tracked.variant_id].movie_id,
                     variant_id=tracked.variant_id, source_title=tracked.title, download_id=tracked.download_id,
                     quality=tracked.quality, data={"client_state": seen.client_state if seen else None})
        for tracked, seen in completed
    ], now)


def _fail(library: Library, tracked: TrackedDownload, reason: str, now: datetime, policy: TrackingPolicy,
          report: TrackingReport) -> None:
    current = library.downloads.get(tracked.id)
    action = handle_failed(library, current, reason, now,
                           remove_from_client=policy.settings.remove_failed_downloads)
    if action is not None:
        report.actions.append(action)
    report.failed.append({"download": tracked.title, "reason": reason, "hash": tracked.download_id[:12]})


def _pick_up(library: Library, reported: list[ClientDownload], now: datetime, policy: TrackingPolicy,
             report: TrackingReport) -> None:
    known = library.downloads.known_ids(policy.client_kind)
    untracked = [d for d in reported if d.download_id not in known]
    if not untracked:
        return
    pending = library.pending_grabs.get_many(policy.client_kind, [d.download_id for d in untracked])
    for download in [d for d in untracked if d.download_id in pending]:
        # our grab, sent before a crash kept it from being recorded: recorded now, with its release
        intent = GrabIntent(**pending[download.download_id])  # type: ignore[arg-type]  # JSON of a GrabIntent
        record_grab(library, intent, policy.client_kind, download.download_id, now)
        report.picked_up.append({"download": download.name, "movie": intent.title, "quality": intent.quality,
                                 "how": "a grab interrupted before it was recorded"})
    untracked = [d for d in untracked if d.download_id not in pending]
    blocked_hashes, _ = library.blocklist.blocked_keys()
    wanted = library.movies.wanted()
    busy = library.downloads.active_variant_ids()
    picked: list[NewDownload] = []
    for download in untracked:
        if download.download_id in blocked_hashes:
            report.ignored.append({"download": download.name, "why": "blocklisted"})
            continue
        match, why = match_hand_added(download, wanted, busy)
        if match is None:
            report.ignored.append({"download": download.name, "why": why})
            continue
        picked.append(NewDownload(variant_id=match.variant_id, release_id=None, client=policy.client_kind,
                                  download_id=download.download_id, title=download.name, quality=match.quality,
                                  size=download.size or None))
        busy.add(match.variant_id)
        report.picked_up.append({"download": download.name, "movie": match.movie, "quality": match.quality,
                                 "how": "added to the download client by hand"})
    library.downloads.track_many(picked, now)
    variants = library.movies.variants_many([p.variant_id for p in picked])
    library.history.add_many([
        HistoryEvent(event="download_detected", movie_id=variants[p.variant_id].movie_id, variant_id=p.variant_id,
                     source_title=p.title, download_id=p.download_id, quality=p.quality,
                     data={"reason": "added to the download client by hand"})
        for p in picked
    ], now)


def _client_upkeep(library: Library, by_id: dict[str, ClientDownload], policy: TrackingPolicy,
                   report: TrackingReport) -> None:
    """Seeding limits per indexer; removal after import; failed downloads still in the client."""
    if not by_id:
        return
    indexers = {}
    states = (*FOLLOWED, DownloadState.COMPLETED, DownloadState.IMPORTED, DownloadState.FAILED)
    for tracked in library.downloads.in_states(*states):
        seen = by_id.get(tracked.download_id)
        if seen is None or tracked.client != policy.client_kind:
            continue
        if tracked.state is DownloadState.FAILED:
            if policy.settings.remove_failed_downloads and not any(
                    a.download_id == tracked.download_id for a in report.actions):
                report.actions.append(ClientAction("remove", tracked.download_id, tracked.title,
                                                   "failed earlier; still in the client", delete_files=True))
            continue
        remove, why = removal_after_import(tracked, seen, enabled=policy.settings.remove_completed_downloads)
        if remove:
            report.actions.append(ClientAction("remove", tracked.download_id, tracked.title, why, delete_files=True))
            continue
        if tracked.release_id is None or tracked.state is DownloadState.IMPORTED:
            continue
        if tracked.release_id not in indexers:
            indexers[tracked.release_id] = library.releases.get(tracked.release_id).release.indexer
        limits = limits_to_apply(seen, policy.share_limits.get(indexers[tracked.release_id]))
        if limits is not None:
            report.actions.append(ClientAction("share_limits", tracked.download_id, tracked.title,
                                               f"seeding goal of {indexers[tracked.release_id]}",
                                               ratio=limits.ratio, minutes=limits.minutes))


def apply_client_actions(client: DownloadClient, report: TrackingReport) -> list[str]:
    """Ask the client for what the refresh decided; returns the errors (each also in the report)."""
    errors: list[str] = []
    for action in report.actions:
        try:
            if action.action == "remove":
                done = client.remove(action.download_id, delete_files=action.delete_files)
                outcome = "removed with its data" if done and action.delete_files else (
                    "removed" if done else "already gone")
            else:
                client.set_share_limits(action.download_id, ShareLimits(action.ratio, action.minutes))
                outcome = f"seeding limits set (ratio {action.ratio}, {action.minutes} min)"
        except DownloadClientError as exc:
            errors.append(str(exc))
            outcome = f"failed: {exc}"
        report.action_results.append({"download": action.title, "why": action.reason, "outcome": outcome})
    return errors


def tracking_policy(config: AppConfig) -> TrackingPolicy:
    """The configured download handling, and each indexer's seeding goal."""
    limits = {i.name: ShareLimits(i.seed_ratio, i.seed_time_minutes) for i in config.indexers
              if i.seed_ratio is not None or i.seed_time_minutes is not None}
    return TrackingPolicy(config.download_client.kind, config.download_handling, limits)


def track_downloads(
    store: LibraryStore, client: DownloadClient, now: datetime, policy: TrackingPolicy
) -> TrackingReport:
    """The completed_downloads workflow: ask the client (database closed), move every tracked download through
    its states (one unit of work), then ask the client for what was decided (removals, seeding limits)."""
    reported = client.downloads()
    with store.open() as library:
        report = refresh_downloads(library, reported, now, policy)
    report.client_errors = apply_client_actions(client, report)
    return report
