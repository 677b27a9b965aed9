"""Putting a file in the library: hardlink so seeding goes on, copy across filesystems, never a half file.

The file is first linked or copied beside its final name under a temporary name, checked, then renamed into
place: a crash leaves either nothing under the final name or the whole file.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path


class TransferError(OSError):
    """The file could not be put in the library; the source is untouched."""


def partial_path(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.partial")


def link_or_copy(source: Path, destination: Path, *, allow_hardlink: bool = True) -> str:
    """Hardlink (or copy when the library is on another filesystem); returns the mode used."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = partial_path(destination)
    temporary.unlink(missing_ok=True)
    mode = "copy"
    try:
        if allow_hardlink:
            try:
                os.link(source, temporary)
                mode = "hardlink"
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
                    raise
        if mode == "copy":
            shutil.copyfile(source, temporary)
            shutil.copystat(source, temporary)
        expected, written = source.stat().st_size, temporary.stat().st_size
        if written != expected:
            raise TransferError(f"copy of {source.name} is {written} bytes, expected {expected}")
        os.replace(temporary, destination)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, TransferError):
            raise
        raise TransferError(f"cannot put {source.name} at {destination}: {exc.strerror or exc}") from exc
    return mode
