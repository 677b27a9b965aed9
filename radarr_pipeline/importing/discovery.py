"""Finding the movie file inside a completed download."""

from __future__ import annotations

import re
from pathlib import Path

_SAMPLE = re.compile(r"(?:^|[\W_])sample(?:[\W_]|$)", re.IGNORECASE)


def is_sample(path: Path, root: Path) -> bool:
    """A sample by name: 'sample' as a word in the file name or in a folder below the download."""
    relative = path.relative_to(root) if path != root else Path(path.name)
    return any(_SAMPLE.search(part) for part in relative.parts)


def video_files(content_path: Path, extensions: set[str]) -> list[Path]:
    """Video files of a download, a single file or a folder, samples left out; largest first."""
    if content_path.is_file():
        candidates = [content_path] if content_path.suffix.lower() in extensions else []
        root = content_path.parent
    else:
        candidates = [p for p in content_path.rglob("*") if p.is_file() and p.suffix.lower() in extensions]
        root = content_path
    films = [p for p in candidates if not is_sample(p, root)]
    return sorted(films, key=lambda p: p.stat().st_size, reverse=True)
