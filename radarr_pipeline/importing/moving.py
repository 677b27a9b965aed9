"""Moving a file already in the library (another root folder, a new name, the recycle bin) so that a crash leaves
it whole at one of the two places, never half at the destination.

On one filesystem a rename does it in one step. Across filesystems the file is copied beside the destination
under a hidden partial name, checked, renamed into place, and only then is the source removed. Moving again
after a crash finishes the job: a destination only ever appears whole, so a source beside it is a leftover.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from radarr_pipeline.importing.crashpoints import crash_point
from radarr_pipeline.importing.transfer import TransferError, copy_file, partial_path


def move_whole(source: Path, destination: Path, expected_size: int) -> None:
    """Move ``source`` to ``destination``; done already (a re-run after a crash) is fine."""
    if destination.exists():
        if destination.stat().st_size != expected_size:
            raise TransferError(f"{destination} is in the way ({destination.stat().st_size} bytes, "
                                f"expected {expected_size})")
        if source.exists() and not source.samefile(destination):
            source.unlink()  # the copy reached its place before the crash; the source is the leftover
        return
    if not source.exists():
        raise TransferError(f"{source} is gone: cannot move it to {destination}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(source, destination)
        crash_point("renamed")
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise TransferError(f"cannot move {source} to {destination}: {exc.strerror or exc}") from exc
    temporary = partial_path(destination)
    try:
        copy_file(source, temporary)
        crash_point("written")
        if temporary.stat().st_size != expected_size:
            raise TransferError(f"copy of {source.name} is {temporary.stat().st_size} bytes, expected {expected_size}")
        os.replace(temporary, destination)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, TransferError):
            raise
        raise TransferError(f"cannot copy {source} to {destination}: {exc.strerror or exc}") from exc
    crash_point("renamed")
    source.unlink()


def remove_empty_folders(folder: Path, stop: Path) -> None:
    """Remove ``folder`` and its parents while they are empty, never ``stop`` or above it."""
    folder, stop = folder.absolute(), stop.absolute()
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
