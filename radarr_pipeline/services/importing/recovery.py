"""At the start of every import run: finish or undo the imports a crash interrupted.

For each journal row left behind: when the final name holds the whole file, or the partial beside it is whole,
the import is finished (renamed, recorded); otherwise the partial is removed and the row closed, and the
download, still "completed", is imported again from the start. The library is closed while files are touched:
read the journal, work on the disk, record.
"""

from __future__ import annotations

from datetime import datetime

from radarr_pipeline.models import HistoryEvent
from radarr_pipeline.services.importing.operations import Progress, advance, finish_files, record_imports, undo
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.import_journal import JournalEntry


def _undone(entry: JournalEntry, why: str) -> HistoryEvent:
    return HistoryEvent(event="import_undone", variant_id=entry.variant_id, download_id=entry.download_id,
                        source_title=entry.record.get("scene_name"),
                        data={"source": entry.source, "path": entry.final_path, "reason": why})


def recover_interrupted(store: LibraryStore, now: datetime, *, allow_hardlink: bool = True) -> list[dict]:
    """Finish or undo every unfinished journal entry; recorded before returning."""
    with store.open() as library:
        unfinished = library.import_journal.unfinished()
    if not unfinished:
        return []
    placed: list[JournalEntry] = []
    undone: list[tuple[JournalEntry, str]] = []
    for entry in unfinished:
        try:
            progress = advance(entry, recovering=True)
        except OSError as exc:
            undo(entry)
            undone.append((entry, f"could not finish after a crash: {exc}"))
            continue
        if progress is Progress.PLACED:
            placed.append(entry)
        else:
            undo(entry)
            undone.append((entry, "interrupted before the file was whole; will import again"))
    finished = finish_files(placed, allow_hardlink=allow_hardlink)
    with store.open() as library:
        rows = record_imports(library, finished, now)
        library.import_journal.close_many([entry.id for entry, _why in undone])
        library.history.add_many([_undone(entry, why) for entry, why in undone], now)
    outcomes = [{"file": row["file"], "outcome": "finished", "reason": "interrupted import finished"} for row in rows]
    return outcomes + [{"file": entry.final_path, "outcome": "undone", "reason": why} for entry, why in undone]
