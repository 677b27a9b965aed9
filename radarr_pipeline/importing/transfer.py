"""Putting a file in the library: hardlink so seeding goes on, copy across filesystems, never a half file.

The file is first linked or copied beside its final name under a temporary name, checked, then renamed into
place: a crash leaves either nothing under the final name or the whole file.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from radarr_pipeline.importing.crashpoints import crash_point

_CHUNK = 64 * 1024 * 1024
_LINK_FALLBACK = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP)


class TransferError(OSError):
    """The file could not be put in the library; the source is untouched."""


def partial_path(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.partial")


def copy_file(source: Path, target: Path) -> None:
    """Copy the bytes (kernel-side, in chunks) and the times, then fsync: the copy is whole once this returns."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        remaining = os.fstat(src.fileno()).st_size
        first = True
        while remaining > 0:
            try:
                sent = os.sendfile(dst.fileno(), src.fileno(), None, min(_CHUNK, remaining))
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.ENOSYS):
                    raise
                shutil.copyfileobj(src, dst, _CHUNK)
                break
            if sent == 0:
                break
            remaining -= sent
            if first:
                first = False
                crash_point("copy_partway")
        dst.flush()
        os.fsync(dst.fileno())
    shutil.copystat(source, target)


def write_partial(source: Path, temporary: Path, *, allow_hardlink: bool = True) -> str:
    """Hardlink (or copy when the library is on another filesystem) ``source`` to ``temporary``; the mode used."""
    temporary.parent.mkdir(parents=True, exist_ok=True)
    temporary.unlink(missing_ok=True)
    if allow_hardlink:
        try:
            os.link(source, temporary)
            return "hardlink"
        except OSError as exc:
            if exc.errno not in _LINK_FALLBACK:
                raise
    copy_file(source, temporary)
    return "copy"


def verify_size(source: Path, temporary: Path, expected: int | None = None) -> None:
    expected = source.stat().st_size if expected is None else expected
    written = temporary.stat().st_size
    if written != expected:
        raise TransferError(f"copy of {source.name} is {written} bytes, expected {expected}")


def link_or_copy(source: Path, destination: Path, *, allow_hardlink: bool = True) -> str:
    """Hardlink (or copy when the library is on another filesystem); returns the mode used."""
    temporary = partial_path(destination)
    try:
        mode = write_partial(source, temporary, allow_hardlink=allow_hardlink)
        verify_size(source, temporary)
        os.replace(temporary, destination)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, TransferError):
            raise
        raise TransferError(f"cannot put {source.name} at {destination}: {exc.strerror or exc}") from exc
    return mode
