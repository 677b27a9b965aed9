"""The file operations of one journaled import, and the records that close it.

:func:`advance` takes a journal entry as far as it can go and is idempotent: it looks at the disk to see what
was already done (the partial file, the replaced file, the final name), so the normal run and the recovery
after a crash are the same code. The final name only ever receives a file by ``rename`` from a partial whose
size (and, for a hardlink, inode) was checked.
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from radarr_pipeline.decisions.reputation import Outcome
from radarr_pipeline.importing.crashpoints import crash_point
from radarr_pipeline.importing.extras import ExtraPlan
from radarr_pipeline.importing.transfer import TransferError, link_or_copy, write_partial
from radarr_pipeline.models import DownloadState, HistoryEvent
from radarr_pipeline.services.importing.recycle import move_to_recycle_bin
from radarr_pipeline.services.notifications.events import enqueue_event, files_deleted_events, import_events
from radarr_pipeline.services.reputation import record_outcomes
from radarr_pipeline.store import Library
from radarr_pipeline.store.import_journal import JournalEntry


class Progress(StrEnum):
    PLACED = "placed"  # the file is under its final name, whole
    UNDONE = "undone"  # nothing is under the final name; the partial is gone; the source is as it was


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def final_is_ours(entry: JournalEntry) -> bool:
    """The final name holds this import's file: not the replaced one, the right size (same inode if linked)."""
    final = Path(entry.final_path)
    try:
        stat = final.stat()
    except FileNotFoundError:
        return False
    if entry.replaced_inode is not None and stat.st_ino == entry.replaced_inode and entry.replaced_path == str(final):
        return False
    if stat.st_size != entry.expected_size:
        return False
    return entry.mode != "hardlink" or entry.source_inode is None or stat.st_ino == entry.source_inode or \
        _across_filesystems(entry)


def _across_filesystems(entry: JournalEntry) -> bool:
    """A hardlink import that fell back to a copy (another filesystem): the inode differs by design."""
    try:
        return os.stat(entry.source).st_dev != Path(entry.final_path).stat().st_dev
    except FileNotFoundError:
        return True


def partial_is_whole(entry: JournalEntry) -> bool:
    partial = Path(entry.partial_path)
    try:
        stat = partial.stat()
    except FileNotFoundError:
        return False
    if stat.st_size != entry.expected_size:
        return False
    if entry.mode == "hardlink" and entry.source_inode is not None and stat.st_ino != entry.source_inode:
        return not _partial_same_device(entry)
    return True


def _partial_same_device(entry: JournalEntry) -> bool:
    try:
        return os.stat(entry.source).st_dev == Path(entry.partial_path).stat().st_dev
    except FileNotFoundError:
        return False


def _recycle_replaced(entry: JournalEntry) -> None:
    if not entry.replaced_path or not entry.recycle_path:
        return
    replaced = Path(entry.replaced_path)
    if _inode(replaced) == entry.replaced_inode:
        move_to_recycle_bin(replaced, Path(entry.recycle_path))
        crash_point("recycled")


def _restore_replaced(entry: JournalEntry) -> None:
    """The import failed after the replaced file went to the recycle bin: put it back where the library has it."""
    if not entry.replaced_path or not entry.recycle_path:
        return
    replaced, recycled = Path(entry.replaced_path), Path(entry.recycle_path)
    if recycled.exists() and not replaced.exists():
        with suppress(OSError):
            move_to_recycle_bin(recycled, replaced)  # the same careful move, the other way


def place_extras(extras: list[ExtraPlan], *, allow_hardlink: bool) -> tuple[list[ExtraPlan], list[str]]:
    """Link or copy each extra beside the movie (each by partial + rename); what was placed and what failed."""
    placed: list[ExtraPlan] = []
    failed: list[str] = []
    for extra in extras:
        source, destination = Path(extra.source), Path(extra.destination)
        try:
            if not (destination.exists() and destination.stat().st_size == source.stat().st_size):
                link_or_copy(source, destination, allow_hardlink=allow_hardlink)
            placed.append(extra)
        except OSError as exc:
            failed.append(f"{source.name}: {exc.strerror or exc}")
    crash_point("extras")
    return placed, failed


def advance(entry: JournalEntry, *, recovering: bool = False) -> Progress:
    """Take the import as far as it goes: partial written and checked, replaced file recycled, renamed."""
    final, partial, source = Path(entry.final_path), Path(entry.partial_path), Path(entry.source)
    if final_is_ours(entry):
        partial.unlink(missing_ok=True)
        return Progress.PLACED
    if not partial_is_whole(entry):
        partial.unlink(missing_ok=True)
        if recovering:
            return Progress.UNDONE
        try:
            write_partial(source, partial, allow_hardlink=entry.mode != "copy")
            crash_point("written")
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise TransferError(f"cannot put {source.name} at {final}: {exc.strerror or exc}") from exc
        if not partial_is_whole(entry):
            written = partial.stat().st_size if partial.exists() else 0
            partial.unlink(missing_ok=True)
            raise TransferError(f"copy of {source.name} is {written} bytes, expected {entry.expected_size}")
    try:
        _recycle_replaced(entry)
        os.replace(partial, final)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        _restore_replaced(entry)
        raise TransferError(f"cannot rename into {final}: {exc.strerror or exc}") from exc
    crash_point("renamed")
    return Progress.PLACED


def undo(entry: JournalEntry) -> None:
    """Remove what a failed import left (its partial); the final name and the source are not touched."""
    Path(entry.partial_path).unlink(missing_ok=True)


@dataclass(frozen=True)
class Finished:
    """An import whose movie file is in place, with what the disk says about it: ready to be recorded."""

    entry: JournalEntry
    extras: list[ExtraPlan]
    extras_failed: list[str]
    size: int
    inode: int
    recycled: str | None  # where the replaced file is in the recycle bin, if it is there


def finish_files(entries: list[JournalEntry], *, allow_hardlink: bool = True) -> list[Finished]:
    """The file side of finishing imports whose movie files are in place: extras placed beside each (partial +
    rename), the final file examined. Runs with the library closed."""
    finished: list[Finished] = []
    for entry in entries:
        extras = [ExtraPlan(**extra) for extra in entry.record.get("extras", [])]
        placed, failed = place_extras(extras, allow_hardlink=allow_hardlink)
        stat = Path(entry.final_path).stat()
        recycled = entry.recycle_path if entry.recycle_path and Path(entry.recycle_path).exists() else None
        finished.append(Finished(entry, placed, failed, stat.st_size, stat.st_ino, recycled))
    return finished


def record_imports(library: Library, finished: list[Finished], now: datetime) -> list[dict]:
    """Every row of finished imports written in bulk (movie files, extra files, recycle bin, download states,
    history, group reputation) and their journal rows closed, in the caller's unit of work. One report row per
    import, in order."""
    if not finished:
        return []
    variants = library.movies.variants_many([f.entry.variant_id for f in finished])
    old_extras = library.extra_files.for_variants(list(variants))
    old_files = library.files.for_variants([f.entry.variant_id for f in finished if f.entry.replaced_path])
    replaced = [(old_files[f.entry.variant_id], f.recycled) for f in finished
                if f.entry.variant_id in old_files and old_files[f.entry.variant_id].path == f.entry.replaced_path]
    deleted_events = files_deleted_events(library, replaced, "upgrade", now)  # read before the rows are replaced
    files: list[dict] = []
    extra_rows: list[tuple[int, str, str, str | None]] = []
    forgotten: list[str] = []
    recycled_rows: list[tuple[str, str, int | None]] = []
    download_updates: list[tuple[int, DownloadState, str | None]] = []
    events: list[HistoryEvent] = []
    report: list[dict] = []
    outcomes: list[tuple[str | None, Outcome, datetime, str | None]] = []
    for done in finished:
        entry, data, placed = done.entry, done.entry.record, done.extras
        variant = variants[entry.variant_id]
        actual_mode = "move" if entry.mode == "move" else ("hardlink" if done.inode == entry.source_inode else "copy")
        placed_paths = {e.destination for e in placed}
        forgotten += [old.path for old in old_extras.get(variant.id, []) if old.path not in placed_paths]
        files.append(dict(
            variant_id=variant.id, path=entry.final_path, size=done.size, quality=data["quality"],
            import_mode=actual_mode, release_group=data.get("release_group"), edition=data.get("edition"),
            scene_name=data.get("scene_name"), download_id=entry.download_id, revision=int(data.get("revision") or 1),
            media_info=data.get("media_info"), runtime_seconds=data.get("runtime_seconds"), source_path=entry.source,
        ))
        extra_rows += [(variant.id, extra.destination, extra.kind, extra.language) for extra in placed]
        if done.recycled and entry.replaced_path:
            recycled_rows.append((entry.replaced_path, done.recycled, variant.id))
        if entry.download_pk is not None:
            download_updates.append((entry.download_pk, DownloadState.IMPORTED, None))
        events.append(HistoryEvent(
            event="imported", movie_id=variant.movie_id, variant_id=variant.id, source_title=data.get("scene_name"),
            download_id=entry.download_id, quality=data.get("quality_full") or data["quality"],
            data={"source": entry.source, "path": entry.final_path, "mode": actual_mode,
                  "replaced": data.get("replaced"), "replaced_quality": data.get("replaced_quality"),
                  "recycled_to": done.recycled, "extras": [e.destination for e in placed],
                  "extras_failed": done.extras_failed},
        ))
        outcomes.append((data.get("release_group"), "imported", now, entry.download_id))
        report.append({"movie": data.get("movie", ""), "file": entry.final_path, "mode": actual_mode,
                       "quality": data.get("quality_full") or data["quality"],
                       "replaced": data.get("replaced") or "", "extras": len(placed)})
    library.extra_files.forget_many(forgotten)
    library.files.record_many(files, now)
    library.extra_files.record_many(extra_rows, now)
    library.recycle_bin.add_many(recycled_rows, now)
    library.downloads.update_many(download_updates, now)
    library.history.add_many(events, now)
    library.import_journal.close_many([f.entry.id for f in finished])
    record_outcomes(library.conn, outcomes)
    enqueue_event(library, deleted_events + import_events(library, finished, now), now)
    return report
