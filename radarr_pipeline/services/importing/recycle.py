"""The recycle bin: a replaced file is moved there, never deleted; files older than the retention are removed."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from radarr_pipeline.store import Library


def recycle_bin_for(configured: Path | None, root_folder: str) -> Path:
    return configured or Path(root_folder) / ".recycle"


def recycle_target(path: Path, root_folder: Path, recycle_bin: Path) -> Path:
    """Where ``path`` goes in the bin: its folder below the root kept (Radarr), a counter if the name is taken."""
    try:
        relative = path.relative_to(root_folder)
    except ValueError:
        relative = Path(path.parent.name) / path.name
    target = recycle_bin / relative
    counter = 1
    while target.exists() or target.is_symlink():
        target = target.with_name(f"{path.stem}.{counter}{path.suffix}")
        counter += 1
    return target


def move_to_recycle_bin(path: Path, target: Path) -> None:
    """Rename when the bin is on the same filesystem, else copy then delete (shutil.move)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(path, target)
    except OSError:
        shutil.move(path, target)


@dataclass(frozen=True)
class CleanupResult:
    removed: list[str]
    failed: list[str]


def cleanup_recycle_bin(library: Library, retention_days: int, now: datetime) -> CleanupResult:
    """Delete recycled files older than ``retention_days`` (0: keep them forever)."""
    removed: list[str] = []
    failed: list[str] = []
    if retention_days <= 0:
        return CleanupResult(removed, failed)
    for entry in library.recycle_bin.older_than(now - timedelta(days=retention_days)):
        path = Path(entry.recycled_path)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            failed.append(f"{path}: {exc.strerror or exc}")
            continue
        library.recycle_bin.remove(entry.id)
        removed.append(str(path))
    return CleanupResult(removed, failed)
