"""Finding the movie file inside a completed download, its extra files, and whether it is still unpacking."""

from __future__ import annotations

import re
from pathlib import Path

_SAMPLE = re.compile(r"(?:^|[\W_])sample(?:[\W_]|$)", re.IGNORECASE)
# Folders and files a download client or unpacker is still writing (Radarr's "_UNPACK_" and "_FAILED_" folders,
# qBittorrent's ".!qB" and the common ".part" suffixes).
_UNPACKING = re.compile(r"^_UNPACK_|\.!qB$|\.part$|\.partial~$", re.IGNORECASE)


def is_sample(path: Path, root: Path) -> bool:
    """A sample by name: 'sample' as a word in the file name or in a folder below the download."""
    relative = path.relative_to(root) if path != root else Path(path.name)
    return any(_SAMPLE.search(part) for part in relative.parts)


def is_sample_relative(relative: str) -> bool:
    """``is_sample`` for a path given as text relative to its root ('sub/name.mkv'): no Path objects made. An
    ASCII path without 'sample' in any case is none (the pattern's case-insensitive match goes beyond ASCII)."""
    if relative.isascii() and "sample" not in relative.lower():
        return False
    return any(_SAMPLE.search(part) for part in relative.split("/"))


def download_root(content_path: Path) -> Path:
    return content_path.parent if content_path.is_file() else content_path


def _files(content_path: Path) -> list[Path]:
    if content_path.is_file():
        return [content_path]
    return [p for p in content_path.rglob("*") if p.is_file()]


def video_candidates(content_path: Path, extensions: set[str]) -> list[Path]:
    """Every video file of a download, samples included; largest first."""
    candidates = [p for p in _files(content_path) if p.suffix.lower() in extensions]
    return sorted(candidates, key=lambda p: p.stat().st_size, reverse=True)


def without_samples(candidates: list[Path], content_path: Path) -> list[Path]:
    """The video files of a download (its :func:`video_candidates`, a single file or a folder's), samples (by name)
    left out; largest first."""
    root = download_root(content_path)
    return [p for p in candidates if not is_sample(p, root)]


def extra_files(content_path: Path, extensions: set[str]) -> list[Path]:
    """Subtitles and .nfo files of a folder download (none for a single-file download), samples left out."""
    if content_path.is_file():
        return []
    return sorted(p for p in _files(content_path) if p.suffix.lower() in extensions and not is_sample(p, content_path))


def unpacking_entries(content_path: Path) -> list[str]:
    """Names inside the download that show an unpack or a transfer still running."""
    if content_path.is_file():
        return [content_path.name] if _UNPACKING.search(content_path.name) else []
    return sorted(p.name for p in content_path.rglob("*") if _UNPACKING.search(p.name))
