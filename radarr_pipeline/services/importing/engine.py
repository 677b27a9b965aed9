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

from radarr_pipeline.config import AppConfig
from radarr_pipeline.importing.crashpoints import crash_point
from radarr_pipeline.importing.decisions import ImportRejection
from radarr_pipeline.importing.discovery import unpacking_entries, video_files
from radarr_pipeline.importing.transfer import TransferError
from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload, Variant
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.configured import load_formats, quality_profiles
from radarr_pipeline.services.importing.operations import advance, record_imports, undo
from radarr_pipeline.services.importing.plan import ImportPlan, ImportSource, PlanContext, plan_import
from radarr_pipeline.services.importing.recovery import recover_interrupted
from radarr_pipeline.services.importing.recycle import cleanup_recycle_bin
from radarr_pipeline.store import Library, LibraryStore
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


@dataclass
class _Verdicts:
    """Download states and history rows decided during a run, written in bulk by :meth:`write`."""

    updates: list[tuple[int, DownloadState, str | None]] = field(default_factory=list)
    events: list[HistoryEvent] = field(default_factory=list)

    def block(self, download: TrackedDownload, variant: Variant, reason: str, rule: str) -> None:
        self.updates.append((download.id, DownloadState.IMPORT_BLOCKED, reason))
        self.events.append(
            HistoryEvent(event="import_blocked", movie_id=variant.movie_id, variant_id=variant.id,
                         source_title=download.title, download_id=download.download_id,
                         quality=download.quality, data={"reason": reason, "rule": rule})
        )

    def write(self, library: Library, now: datetime) -> None:
        library.downloads.update_many(self.updates, now)
        library.history.add_many(self.events, now)
        self.updates, self.events = [], []


def block(library: Library, download: TrackedDownload, reason: str, now: datetime, rule: str) -> None:
    """The download waits for the user: its state and the history say why."""
    verdicts = _Verdicts()
    verdicts.block(download, library.movies.variant(download.variant_id), reason, rule)
    verdicts.write(library, now)


def _source_for(download: TrackedDownload) -> ImportSource:
    return ImportSource(content_path=download.content_path, title=download.title, download_id=download.download_id,
                        download_pk=download.id, seeded_by_torrent=True)


def execute_plans(
    library: Library, config: AppConfig, plans: list[ImportPlan], now: datetime, report: ImportReport,
    on_failure: Callable[[ImportPlan, str], None] | None = None,
) -> list[ImportPlan]:
    """Journal, file operations, records: the crash-safe part. Returns the plans that were imported.

    The journal rows are written in one statement and committed before any file is touched; the records of every
    import (and the closing of its journal row) are written in bulk and committed together at the end."""
    if not plans:
        return []
    entries = library.import_journal.add_many([plan.journal_write() for plan in plans], now)
    commit_now(library.conn)
    crash_point("journaled")
    allow_hardlink = config.importing.mode != "copy"
    placed: list[tuple[ImportPlan, JournalEntry]] = []
    closed: list[int] = []
    for plan, entry in zip(plans, entries, strict=True):
        try:
            advance(entry)
            placed.append((plan, entry))
        except (TransferError, OSError) as exc:
            undo(entry)
            closed.append(entry.id)
            reason = str(exc)
            if on_failure is not None:
                on_failure(plan, reason)
            report.blocked.append({"download": plan.origin.title, "reason": reason})
    library.import_journal.close_many(closed)
    report.imported += record_imports(library, [entry for _plan, entry in placed], now, allow_hardlink=allow_hardlink)
    done = [plan for plan, _entry in placed]
    commit_now(library.conn)
    crash_point("recorded")
    for plan in done:
        if plan.mode == "move" and not plan.origin.seeded_by_torrent:
            Path(plan.source).unlink(missing_ok=True)
    return done


def _main_video(content_path: str | None, extensions: set[str]) -> Path | None:
    """The file planning will most likely read MediaInfo from (largest non-sample video), if it can get there."""
    if not content_path:
        return None
    content = Path(content_path)
    try:
        if not content.exists() or unpacking_entries(content):
            return None
        videos = video_files(content, extensions)
    except OSError:
        return None
    return videos[0] if videos else None


def import_completed(library: Library, config: AppConfig, now: datetime) -> ImportReport:
    """Import every completed download; one that cannot be imported is blocked (or waits) with its reason.

    The run's facts are read at once (downloads, their variants and movies, the files recorded for them, the
    MediaInfo of their videos) and its records written in bulk; each download still goes through every rule."""
    report = ImportReport()
    report.recovered = recover_interrupted(library, now, allow_hardlink=config.importing.mode != "copy")
    profiles = quality_profiles(config)
    ctx = PlanContext(library, config, profiles, now, formats=load_formats(config, profiles))
    downloads = library.downloads.in_states(DownloadState.COMPLETED)
    variants = library.movies.variants_many([d.variant_id for d in downloads])
    movies = library.movies.get_many([v.movie_id for v in variants.values()])
    ctx.prefetch([d.download_id for d in downloads], list(variants))
    if config.importing.read_media_info:
        extensions = {e.lower() for e in config.importing.video_extensions}
        videos = [_main_video(d.content_path, extensions) for d in downloads
                  if ctx.file_for_download(d.download_id) is None]
        ctx.preload_media([v for v in videos if v is not None])
    verdicts = _Verdicts()
    plans: list[ImportPlan] = []
    by_plan: dict[int, TrackedDownload] = {}
    for download in downloads:
        variant = variants[download.variant_id]
        outcome = plan_import(ctx, movies[variant.movie_id], variant, _source_for(download))
        if isinstance(outcome, ImportPlan):
            plans.append(outcome)
            by_plan[id(outcome)] = download
        else:
            _reject(verdicts, download, variant, outcome, report)
    ctx.flush()
    verdicts.write(library, now)

    def failed(plan: ImportPlan, reason: str) -> None:  # rare: written at once, committed with the imports
        block(library, by_plan[id(plan)], reason, now, "transfer")

    execute_plans(library, config, plans, now, report, failed)
    report.recycled_removed = len(cleanup_recycle_bin(library, config.importing.recycle_bin_cleanup_days, now).removed)
    return report


def _reject(verdicts: _Verdicts, download: TrackedDownload, variant: Variant, rejection: ImportRejection,
            report: ImportReport) -> None:
    if rejection.rule == "not_already_imported":
        verdicts.updates.append((download.id, DownloadState.IMPORTED, rejection.message))
        report.waiting.append({"download": download.title, "reason": rejection.message})
    elif rejection.temporary:
        verdicts.updates.append((download.id, DownloadState.COMPLETED, rejection.message))
        report.waiting.append({"download": download.title, "reason": rejection.message})
    else:
        verdicts.block(download, variant, rejection.message, rejection.rule)
        report.blocked.append({"download": download.title, "reason": rejection.message})


def import_downloads(config: AppConfig, now: datetime) -> ImportReport:
    """The imported_files workflow over the configured library."""
    with LibraryStore(config.database).open() as library:
        return import_completed(library, config, now)
