"""At the start of every import run: finish or undo the imports a crash interrupted.

For each journal row left behind: when the final name holds the whole file, or the partial beside it is whole,
the import is finished (renamed, recorded); otherwise the partial is removed and the row closed, and the
download, still "completed", is imported again from the start.
"""

from __future__ import annotations

from datetime import datetime

from radarr_pipeline.models import HistoryEvent
from radarr_pipeline.services.importing.operations import Progress, advance, record_import, undo
from radarr_pipeline.store import Library
from radarr_pipeline.store.import_journal import JournalEntry, commit_now


def _undo(library: Library, entry: JournalEntry, now: datetime, why: str) -> dict:
    undo(entry)
    library.import_journal.close(entry.id)
    library.history.add(
        HistoryEvent(event="import_undone", variant_id=entry.variant_id, download_id=entry.download_id,
                     source_title=entry.record.get("scene_name"),
                     data={"source": entry.source, "path": entry.final_path, "reason": why}),
        now,
    )
    return {"file": entry.final_path, "outcome": "undone", "reason": why}


def recover_interrupted(library: Library, now: datetime, *, allow_hardlink: bool = True) -> list[dict]:
    """Finish or undo every unfinished journal entry; committed before returning."""
    outcomes: list[dict] = []
    for entry in library.import_journal.unfinished():
        try:
            progress = advance(entry, recovering=True)
        except OSError as exc:
            outcomes.append(_undo(library, entry, now, f"could not finish after a crash: {exc}"))
            continue
        if progress is Progress.PLACED:
            row = record_import(library, entry, now, allow_hardlink=allow_hardlink)
            outcomes.append({"file": row["file"], "outcome": "finished", "reason": "interrupted import finished"})
        else:
            outcomes.append(_undo(library, entry, now, "interrupted before the file was whole; will import again"))
    if outcomes:
        commit_now(library.conn)
    return outcomes
