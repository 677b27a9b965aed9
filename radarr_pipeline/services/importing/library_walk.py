"""The disk side of a library scan: a root folder's movie folders that changed since they were recorded, each with
its modification time and its largest video, walked in a process of its own while the scan reads the library and
matches what was walked.

A walk is tens of thousands of directory listings and stats with a little Python between them. On a thread it
would not overlap the scan's own Python work: a thread coming back from a system call waits for the interpreter's
lock while the other one computes (measured here: two threads took more time, not less). A child process walks
on another core instead (:class:`WalkInChild`): it lists the root and stats its folders while the parent reads the
library, is told which folders the library knows unchanged, then hands the others over in batches as it walks
them. Where no child can be started, the same walk runs in the parent (:class:`WalkHere`).

The child is this module run with ``python -m``; it imports nothing of the project beyond the package itself.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from radarr_pipeline.importing.discovery import is_sample_relative

#: Folders a child hands over at a time: the parent matches a batch while the child walks the next.
FOLDERS_PER_BATCH = 1_000
#: The folder statuses whose unchanged folders a scan skips (a folder being recorded is walked again).
SETTLED = ("recorded", "unmatched", "empty")


# What a scan keeps of a video's stat: its size and its modification time in nanoseconds.
VideoStat = tuple[int, int]
# A movie folder that changed since it was recorded (or is new), as text: its path, its name, its modification time,
# and its largest video with that video's stat (None when it holds none). Plain tuples: a child pickles them
# three times faster than named ones (20,000: 15 ms against 56, read back in 11 against 38).
WalkedFolder = tuple[str, str, int, str | None, VideoStat | None]


class WalkTotals(NamedTuple):
    folders: int  # every movie folder of the root (hidden ones left out)
    unchanged: int  # those skipped: the library knows them, unchanged


def _extension(name: str) -> str:
    """``os.path.splitext(name)[1]`` for a name that does not start with a dot."""
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def largest_video(folder: str, extensions: set[str]) -> tuple[str | None, VideoStat | None]:
    """The folder's largest video (below it at any depth, hidden files and samples left out), with its stat.
    Names are read as text, each entry's type from the directory listing; only videos are stat'ed."""
    best_path: str | None = None
    best: os.stat_result | None = None
    pending = [folder]
    skip = len(folder) + 1
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
                continue
            name = entry.name
            if name[0] == "." or _extension(name).lower() not in extensions:
                continue
            try:
                if not entry.is_file() or is_sample_relative(entry.path[skip:]):
                    continue
                stat = entry.stat()
            except OSError:
                continue
            if best is None or stat.st_size > best.st_size:
                best_path, best = entry.path, stat
    return best_path, (best.st_size, best.st_mtime_ns) if best is not None else None


def movie_folders(root: str) -> list[tuple[str, str, int]]:
    """The root's movie folders (hidden ones left out): path, name and modification time, in listing order;
    none when the root cannot be listed."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return []
    folders = []
    for entry in entries:
        name = entry.name
        if name[0] == "." or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            folders.append((entry.path, name, entry.stat(follow_symlinks=False).st_mtime_ns))
        except OSError:
            continue  # gone since it was listed
    return folders


def walk_folders(folders: list[tuple[str, str, int]], known: dict[str, int], extensions: set[str]
                 ) -> Iterator[list[WalkedFolder]]:
    """The folders whose modification time is not the one ``known`` (path to the recorded time of a folder the
    library settled) gives, with their largest video, :data:`FOLDERS_PER_BATCH` at a time."""
    batch: list[WalkedFolder] = []
    for path, name, mtime in folders:
        if known.get(path) == mtime:
            continue
        video, stat = largest_video(path, extensions)
        batch.append((path, name, mtime, video, stat))
        if len(batch) == FOLDERS_PER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class WalkHere:
    """The walk of one root folder in this process, with :class:`WalkInChild`'s interface (where no child can be
    started, and in the child itself): the root is listed at once, :meth:`folders` walks it."""

    def __init__(self, root: str, extensions: set[str]) -> None:
        self.root = root
        self.totals = WalkTotals(0, 0)
        self._extensions = extensions
        self._folders = movie_folders(root)

    def folders(self, known: dict[str, int]) -> Iterator[list[WalkedFolder]]:
        """The changed folders, a batch at a time; :attr:`totals` is set once the last has been yielded."""
        walked = 0
        for batch in walk_folders(self._folders, known, self._extensions):
            walked += len(batch)
            yield batch
        self.totals = WalkTotals(len(self._folders), len(self._folders) - walked)

    def close(self) -> None:
        """Nothing to release (the interface of :meth:`WalkInChild.close`)."""


def settled_mtimes(known: dict[str, tuple[int, str]], root: str) -> dict[str, int]:
    """The recorded modification times of the root's folders the library settled, by path (what a walk of the root
    may skip)."""
    prefix = os.path.join(root, "")
    return {path: mtime for path, (mtime, status) in known.items() if status in SETTLED and path.startswith(prefix)}


def _child_environment() -> dict[str, str]:
    """This process's environment, with the folder this package was imported from first on the child's path: the
    child runs the same code, wherever the parent found it (an installed package, a checkout on ``sys.path``)."""
    here = str(Path(__file__).resolve().parents[3])
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": here + (os.pathsep + inherited if inherited else "")}


class WalkError(RuntimeError):
    """The walk of a root folder failed in its child process (the message holds what the child said)."""


class WalkInChild:
    """The walk of one root folder in a child process, started at once (it lists the root and stats its folders
    while the caller reads the library): :meth:`folders` tells it what the library knows and yields its batches."""

    def __init__(self, root: str, extensions: set[str]) -> None:
        self.root = root
        self.totals = WalkTotals(0, 0)
        self._child = subprocess.Popen(
            [sys.executable, "-m", __name__, root, *sorted(extensions)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_environment(),
        )

    def folders(self, known: dict[str, int]) -> Iterator[list[WalkedFolder]]:
        """Hand the child the settled folders' times, then yield the changed folders, a batch at a time, as it walks
        them; :attr:`totals` is set once the last has come."""
        child = self._child
        assert child.stdin is not None and child.stdout is not None
        try:
            pickle.dump(known, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.close()
        except BrokenPipeError:
            pass  # the child has stopped: its exit status and what it said are reported below
        while True:
            try:
                item = pickle.load(child.stdout)
            except EOFError:
                break
            if isinstance(item, WalkTotals):
                self.totals = item
                continue
            yield item
        self._finish()

    def _finish(self) -> None:
        child = self._child
        assert child.stderr is not None
        said = child.stderr.read().decode(errors="replace").strip()
        if child.wait() != 0:
            last = said.splitlines()[-1] if said else f"exit status {child.returncode}"
            raise WalkError(f"the walk of {self.root} failed: {last}")

    def close(self) -> None:
        """Stop the child if it is still walking (the caller stopped reading) and release its pipes."""
        child = self._child
        if child.poll() is None:
            child.kill()
        child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()


def _serve(root: str, extensions: set[str], stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child's side: list the root, read the settled folders' times, walk, hand the batches over."""
    walk = WalkHere(root, extensions)
    known: dict[str, int] = pickle.load(stdin)
    for batch in walk.folders(known):
        pickle.dump(batch, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
    pickle.dump(walk.totals, stdout, protocol=pickle.HIGHEST_PROTOCOL)
    stdout.flush()


if __name__ == "__main__":
    # Served by the module under its own name: what it pickles must name the classes as the parent knows them.
    from radarr_pipeline.services.importing import library_walk

    library_walk._serve(sys.argv[1], set(sys.argv[2:]), sys.stdin.buffer, sys.stdout.buffer)
