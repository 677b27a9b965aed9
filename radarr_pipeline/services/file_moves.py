"""Journaled file operations on the library: a root-folder change, a rename, a deletion to the recycle bin.

Journal (committed) → move the files with the library closed → record and close the journal in one transaction.
An operation a crash interrupted is found in the journal by the next one and carried out again (every move is
idempotent), so the records always end up matching the disk.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from radarr_pipeline.importing.moving import move_whole, remove_empty_folders
from radarr_pipeline.importing.transfer import TransferError
from radarr_pipeline.models import HistoryEvent
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.import_lists import Exclusion, ImportListRepository
from radarr_pipeline.store.movie_edits import (
    FileMove,
    FileMoveJournalRepository,
    JournaledOperation,
    MovieEditRepository,
)


class FileOperationError(RuntimeError):
    """A file could not be moved; the operation stays journaled and is finished by the next one."""


def new_operation(moves: list[FileMove], record: dict[str, Any]) -> JournaledOperation:
    return JournaledOperation(str(uuid.uuid4()), tuple(moves), record)


def _record(library: Library, operation: JournaledOperation, now: datetime) -> None:
    """What the operation's record says, written once every file is in place."""
    record = operation.record
    edits = MovieEditRepository(library.conn)
    kind = record["kind"]
    if kind in ("rename", "root_folder"):
        edits.replace_paths([(m.source, m.destination) for m in operation.moves])
    if kind == "root_folder":
        edits.set_root_folder(record["variant_id"], record["root_folder"])
    if kind == "delete":
        library.recycle_bin.add_many(
            [(m.source, m.destination, record["variants"].get(m.source)) for m in operation.moves], now)
        edits.remove_movie(record["movie_id"])
        if record.get("exclusion"):
            ImportListRepository(library.conn).exclude(Exclusion(**record["exclusion"]), now)
    library.history.add_many([HistoryEvent(**event) for event in record.get("history", [])], now)
    FileMoveJournalRepository(library.conn).close(operation.operation)


def _move_files(operation: JournaledOperation) -> None:
    for move in operation.moves:
        try:
            move_whole(Path(move.source), Path(move.destination), move.expected_size)
        except TransferError as exc:
            raise FileOperationError(f"{exc}; the operation is kept and finished by the next one") from None
    for folder in operation.record.get("remove_empty", []):
        remove_empty_folders(Path(folder[0]), Path(folder[1]))


def carry_out(store: LibraryStore, operation: JournaledOperation, now: datetime) -> None:
    """Journal the operation (committed), move its files with the library closed, then record it."""
    with store.open() as library:
        FileMoveJournalRepository(library.conn).add(operation, now)
    _move_files(operation)
    with store.open() as library:
        _record(library, operation, now)


def finish_interrupted(store: LibraryStore, now: datetime) -> list[str]:
    """Carry out every operation a crash left in the journal; what each was (for the report)."""
    with store.open() as library:
        unfinished = FileMoveJournalRepository(library.conn).unfinished()
    done: list[str] = []
    for operation in unfinished:
        _move_files(operation)
        with store.open() as library:
            _record(library, operation, now)
        done.append(f"finished an interrupted {operation.record['kind']} ({len(operation.moves)} file(s))")
    return done
