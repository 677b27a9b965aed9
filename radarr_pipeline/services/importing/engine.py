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
from radarr_pipeline.importing.discovery import without_samples
from radarr_pipeline.importing.transfer import TransferError
from radarr_pipeline.models import DownloadState, HistoryEvent, TrackedDownload, Variant
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.configured import load_formats, quality_profiles
from radarr_pipeline.services.importing.operations import advance, finish_files, record_imports, undo
from radarr_pipeline.services.importing.plan import ImportPlan, ImportSource, PlanContext, plan_import
from radarr_pipeline.services.importing.recovery import recover_interrupted
from radarr_pipeline.services.importing.recycle import cleanup_recycle_bin
from radarr_pipeline.services.notifications.events import enqueue_event, manual_interaction_event
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.import_journal import JournalEntry
from radarr_pipeline.store.movie_edits import MovieEditRepository


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
    blocked: list[tuple[int, TrackedDownload, str]] = field(default_factory=list)  # (movie, download, reason)

    def block(self, download: TrackedDownload, variant: Variant, reason: str, rule: str) -> None:
        self.updates.append((download.id, DownloadState.IMPORT_BLOCKED, reason))
        self.events.append(
            HistoryEvent(event="import_blocked", movie_id=variant.movie_id, variant_id=variant.id,
                         source_title=download.title, download_id=download.download_id,
                         quality=download.quality, data={"reason": reason, "rule": rule})
        )
        self.blocked.append((variant.movie_id, download, reason))

    def write(self, library: Library, now: datetime) -> None:
        library.downloads.update_many(self.updates, now)
        library.history.add_many(self.events, now)
        movies = library.movies.get_many([movie_id for movie_id, _download, _reason in self.blocked])
        tags = MovieEditRepository(library.conn).tags_of_many(list(movies))
        enqueue_event(library, [manual_interaction_event(movies[movie_id], tuple(tags.get(movie_id, ())),
                                                         download, reason)
                                for movie_id, download, reason in self.blocked], now)
        self.updates, self.events, self.blocked = [], [], []


def block(library: Library, download: TrackedDownload, reason: str, now: datetime, rule: str) -> None:
    """The download waits for the user: its state and the history say why."""
    verdicts = _Verdicts()
    verdicts.block(download, library.movies.variant(download.variant_id), reason, rule)
    verdicts.write(library, now)


def _source_for(download: TrackedDownload) -> ImportSource:
    return ImportSource(content_path=download.content_path, title=download.title, download_id=download.download_id,
                        download_pk=download.id, seeded_by_torrent=True)


def journal(library: Library, plans: list[ImportPlan], now: datetime) -> list[tuple[ImportPlan, JournalEntry]]:
    """Each plan's journal row, written in the planning unit of work: committed when it closes, before any file
    is touched."""
    if not plans:
        return []
    entries = library.import_journal.add_many([plan.journal_write() for plan in plans], now)
    return list(zip(plans, entries, strict=True))


def execute_plans(
    store: LibraryStore, config: AppConfig, journaled: list[tuple[ImportPlan, JournalEntry]], now: datetime,
    report: ImportReport, on_failure: Callable[[Library, ImportPlan, str], None] | None = None,
) -> list[ImportPlan]:
    """File operations, then records: the crash-safe part. Returns the plans that were imported.

    The journal is committed; the files are linked, copied or renamed with the library closed (a 50 GB copy to
    a slow disk locks no one out); then every record is written in one unit of work."""
    if not journaled:
        return []
    crash_point("journaled")
    allow_hardlink = config.importing.mode != "copy"
    placed: list[tuple[ImportPlan, JournalEntry]] = []
    failures: list[tuple[ImportPlan, JournalEntry, str]] = []
    for plan, entry in journaled:
        try:
            advance(entry)
            placed.append((plan, entry))
        except (TransferError, OSError) as exc:
            undo(entry)
            failures.append((plan, entry, str(exc)))
    finished = finish_files([entry for _plan, entry in placed], allow_hardlink=allow_hardlink)
    with store.open() as library:
        library.import_journal.close_many([entry.id for _plan, entry, _reason in failures])
        for plan, _entry, reason in failures:
            if on_failure is not None:
                on_failure(library, plan, reason)
            report.blocked.append({"download": plan.origin.title, "reason": reason})
        report.imported += record_imports(library, finished, now)
    crash_point("recorded")
    done = [plan for plan, _entry in placed]
    for plan in done:
        if plan.mode == "move" and not plan.origin.seeded_by_torrent:
            Path(plan.source).unlink(missing_ok=True)
    return done


def _main_video(ctx: PlanContext, content_path: str | None) -> Path | None:
    """The file planning will most likely read MediaInfo from (largest non-sample video), if it can get there.
    What it finds of the download's content is kept for planning (``ctx.content_of``)."""
    if not content_path:
        return None
    content = Path(content_path)
    try:
        if not content.exists():
            return None
        unpacking, candidates = ctx.content_of(content)
        if unpacking:
            return None
        videos = without_samples(candidates, content)
    except OSError:
        return None
    return videos[0] if videos else None


def plan_completed(library: Library, config: AppConfig, now: datetime, report: ImportReport,
                   formats: list[CustomFormat]) -> tuple[list[ImportPlan], dict[int, TrackedDownload]]:
    """Every completed download planned, or rejected with its reason (written at once); the plans, and the
    download each plan is for.

    The run's facts are read at once (downloads, their variants and movies, the files recorded for them, the
    MediaInfo of their videos) and its records written in bulk; each download still goes through every rule."""
    profiles = quality_profiles(config)
    ctx = PlanContext(library, config, profiles, now, formats=formats)
    # Completed Download Handling off (Radarr's setting): completed downloads wait for a manual import
    automatic = config.download_handling.completed_download_handling
    downloads = library.downloads.in_states(DownloadState.COMPLETED) if automatic else []
    variants = library.movies.variants_many([d.variant_id for d in downloads])
    movies = library.movies.get_many([v.movie_id for v in variants.values()])
    ctx.prefetch([d.download_id for d in downloads], list(variants))
    if config.importing.read_media_info:
        videos = [_main_video(ctx, d.content_path) for d in downloads if ctx.file_for_download(d.download_id) is None]
        ctx.preload_media([v for v in videos if v is not None])
    verdicts = _Verdicts()
    plans: list[ImportPlan] = []
    by_plan: dict[int, TrackedDownload] = {}
    for download in downloads:
        variant = variants[download.variant_id]
        try:
            outcome = plan_import(ctx, movies[variant.movie_id], variant, _source_for(download))
        except OSError as exc:  # this download's files cannot be examined: it is blocked, the others go on
            outcome = ImportRejection("files_examinable", f"cannot examine {exc.filename or download.content_path}: "
                                      f"{exc.strerror or exc}")
        if isinstance(outcome, ImportPlan):
            plans.append(outcome)
            by_plan[id(outcome)] = download
        else:
            _reject(verdicts, download, variant, outcome, report)
    ctx.flush()
    verdicts.write(library, now)
    return plans, by_plan


def import_downloads(config: AppConfig, now: datetime) -> ImportReport:
    """The imported_files workflow: import every completed download; one that cannot be imported is blocked (or
    waits) with its reason.

    Units of work: recovery (its own), planning and journaling, the file operations with the library closed,
    the records; then the recycle bin's retention."""
    store = LibraryStore(config.database)
    report = ImportReport()
    report.recovered = recover_interrupted(store, now, allow_hardlink=config.importing.mode != "copy")
    formats = load_formats(config, quality_profiles(config))  # files read before the library is opened
    with store.open() as library:
        plans, by_plan = plan_completed(library, config, now, report, formats)
        journaled = journal(library, plans, now)

    def failed(library: Library, plan: ImportPlan, reason: str) -> None:  # rare: recorded with the imports
        block(library, by_plan[id(plan)], reason, now, "transfer")

    execute_plans(store, config, journaled, now, report, failed)
    report.recycled_removed = len(cleanup_recycle_bin(store, config.importing.recycle_bin_cleanup_days, now).removed)
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

