"""imported_files: completed downloads become movie files in the library, under a clean name.

One run: recover what a crash interrupted; plan every completed download (or reject it with the reason the user
reads); write and commit the journal; do the file operations; record everything and commit. A kill at any
moment leaves either the source untouched and nothing under the final name, or the whole file there, and the
next run's recovery finishes or undoes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.clients import quality_profiles
from radarr_pipeline.config import AppConfig
from radarr_pipeline.importing.crashpoints import crash_point
from radarr_pipeline.importing.decisions import ImportRejection
from radarr_pipeline.importing.operations import advance, record_import, undo
from radarr_pipeline.importing.plan import ImportPlan, ImportSource, PlanContext, plan_import
from radarr_pipeline.importing.recovery import recover_interrupted
from radarr_pipeline.importing.recycle import cleanup_recycle_bin
from radarr_pipeline.importing.transfer import TransferError
from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.store import Library
from radarr_pipeline.store.import_journal import JournalEntry, commit_now


class ImportBlocked(Exception):
    """This download cannot be imported now; the message says why, in words for the user."""


@dataclass
class ImportReport:
    imported: list[dict[str, object]] = field(default_factory=list)
    blocked: list[dict[str, object]] = field(default_factory=list)
    waiting: list[dict[str, object]] = field(default_factory=list)
    recovered: list[dict[str, object]] = field(default_factory=list)
    recycled_removed: int = 0

    def markdown(self) -> str:
        parts = ["**Imported**", markdown_table(self.imported, empty="_nothing imported_")]
        if self.blocked:
            parts += ["**Blocked**", markdown_table(self.blocked)]
        if self.waiting:
            parts += ["**Waiting**", markdown_table(self.waiting)]
        if self.recovered:
            parts += ["**Recovered after an interruption**", markdown_table(self.recovered)]
        return "\n\n".join(parts)


def block(library: Library, download: TrackedDownload, reason: str, now: datetime, rule: str) -> None:
    """The download waits for the user: its state and the history say why."""
    library.downloads.update(download.id, state=DownloadState.IMPORT_BLOCKED, at=now, status_message=reason)
    variant = library.movies.variant(download.variant_id)
    library.history.add(
        HistoryEvent(event="import_blocked", movie_id=variant.movie_id, variant_id=variant.id,
                     source_title=download.title, download_id=download.download_id,
                     quality=download.quality, data={"reason": reason, "rule": rule}),
        now,
    )


def _source_for(download: TrackedDownload) -> ImportSource:
    return ImportSource(content_path=download.content_path, title=download.title, download_id=download.download_id,
                        download_pk=download.id, seeded_by_torrent=True)


def execute_plans(
    library: Library, config: AppConfig, plans: list[ImportPlan], now: datetime, report: ImportReport,
    on_failure: Callable[[ImportPlan, str], None] | None = None,
) -> list[ImportPlan]:
    """Journal, file operations, records: the crash-safe part. Returns the plans that were imported."""
    if not plans:
        return []
    entries = [library.import_journal.add(plan.journal_write(), now) for plan in plans]
    commit_now(library.conn)
    crash_point("journaled")
    allow_hardlink = config.importing.mode != "copy"
    placed: list[tuple[ImportPlan, JournalEntry]] = []
    for plan, entry in zip(plans, entries, strict=True):
        try:
            advance(entry)
            placed.append((plan, entry))
        except (TransferError, OSError) as exc:
            undo(entry)
            library.import_journal.close(entry.id)
            reason = str(exc)
            if on_failure is not None:
                on_failure(plan, reason)
            report.blocked.append({"download": plan.origin.title, "reason": reason})
    done: list[ImportPlan] = []
    for plan, entry in placed:
        report.imported.append(record_import(library, entry, now, allow_hardlink=allow_hardlink))
        done.append(plan)
    commit_now(library.conn)
    crash_point("recorded")
    for plan in done:
        if plan.mode == "move" and not plan.origin.seeded_by_torrent:
            Path(plan.source).unlink(missing_ok=True)
    return done


def import_completed(library: Library, config: AppConfig, now: datetime) -> ImportReport:
    """Import every completed download; one that cannot be imported is blocked (or waits) with its reason."""
    report = ImportReport()
    report.recovered = recover_interrupted(library, now, allow_hardlink=config.importing.mode != "copy")
    ctx = PlanContext(library, config, quality_profiles(config), now)
    plans: list[ImportPlan] = []
    by_plan: dict[int, TrackedDownload] = {}
    for download in library.downloads.in_states(DownloadState.COMPLETED):
        variant = library.movies.variant(download.variant_id)
        movie = library.movies.get(variant.movie_id)
        outcome = plan_import(ctx, movie, variant, _source_for(download))
        if isinstance(outcome, ImportPlan):
            plans.append(outcome)
            by_plan[id(outcome)] = download
        else:
            _reject(library, download, outcome, now, report)

    def failed(plan: ImportPlan, reason: str) -> None:
        block(library, by_plan[id(plan)], reason, now, "transfer")

    execute_plans(library, config, plans, now, report, failed)
    report.recycled_removed = len(cleanup_recycle_bin(library, config.importing.recycle_bin_cleanup_days, now).removed)
    return report


def _reject(library: Library, download: TrackedDownload, rejection: ImportRejection, now: datetime,
            report: ImportReport) -> None:
    if rejection.rule == "not_already_imported":
        library.downloads.update(download.id, state=DownloadState.IMPORTED, at=now, status_message=rejection.message)
        report.waiting.append({"download": download.title, "reason": rejection.message})
    elif rejection.temporary:
        library.downloads.update(download.id, state=DownloadState.COMPLETED, at=now, status_message=rejection.message)
        report.waiting.append({"download": download.title, "reason": rejection.message})
    else:
        block(library, download, rejection.message, now, rejection.rule)
        report.blocked.append({"download": download.title, "reason": rejection.message})
