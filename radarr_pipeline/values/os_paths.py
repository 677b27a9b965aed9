"""Paths as a download client reports them, which may be another machine's (Radarr's ``OsPath``), and Radarr's
remote path mappings (``RemotePathMappingService``): the client's path -> the path here.

A path's kind is detected as Radarr does: ``/...`` is Unix, a drive letter or a backslash is Windows, else a
``/`` means Unix. Slashes are normalised per kind (Unix: ``\\`` -> ``/``, no ``//``; Windows: ``/`` -> ``\\``);
fragments compare case-insensitively when either side is a Windows path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class PathKind(Enum):
    UNKNOWN = "unknown"
    WINDOWS = "windows"
    UNIX = "unix"


def _has_drive_letter(path: str) -> bool:
    return len(path) >= 2 and path[0].isalpha() and path[1] == ":" and (len(path) == 2 or path[2] in "\\/")


def path_kind(path: str) -> PathKind:
    if path.startswith("/"):
        return PathKind.UNIX
    if _has_drive_letter(path) or "\\" in path:
        return PathKind.WINDOWS
    if "/" in path:
        return PathKind.UNIX
    return PathKind.UNKNOWN


def _fix_slashes(path: str, kind: PathKind) -> str:
    if kind is PathKind.WINDOWS:
        return path.replace("/", "\\")
    if kind is PathKind.UNIX:
        path = path.replace("\\", "/")
        while "//" in path:
            path = path.replace("//", "/")
    return path


@dataclass(frozen=True)
class OsPath:
    """A path of some operating system, with its slashes normalised for its kind."""

    path: str
    kind: PathKind

    @classmethod
    def of(cls, path: str) -> OsPath:
        kind = path_kind(path)
        return cls(_fix_slashes(path, kind), kind)

    @property
    def is_rooted(self) -> bool:
        if self.kind is PathKind.WINDOWS:
            return self.path.startswith("\\\\") or _has_drive_letter(self.path)
        return self.kind is PathKind.UNIX and self.path.startswith("/")

    def fragments(self) -> list[str]:
        return [part for part in self.path.replace("\\", "/").split("/") if part]

    def _ignore_case(self, other: OsPath) -> bool:
        return PathKind.WINDOWS in (self.kind, other.kind)

    def contains(self, other: OsPath) -> bool:
        """``other`` is this path or below it (fragment by fragment, Radarr's ``OsPath.Contains``)."""
        if not self.is_rooted or not other.is_rooted:
            return False
        mine, theirs = self.fragments(), other.fragments()
        if len(theirs) < len(mine):
            return False
        fold = self._ignore_case(other)
        return all((a.casefold() == b.casefold()) if fold else a == b for a, b in zip(mine, theirs, strict=False))

    def relative_to(self, base: OsPath) -> list[str]:
        """The fragments of this path below ``base`` (which must contain it)."""
        return self.fragments()[len(base.fragments()):]

    def joined(self, fragments: list[str]) -> OsPath:
        """This path with ``fragments`` appended (Radarr's ``+``), a trailing separator kept."""
        if not fragments:
            return self
        separator = "\\" if self.kind is PathKind.WINDOWS else "/"
        return OsPath(self.path.rstrip(separator) + separator + separator.join(fragments), self.kind)


@dataclass(frozen=True)
class PathMapping:
    """Radarr's RemotePathMapping: on ``host``, the client's ``remote_path`` is ``local_path`` here."""

    host: str
    remote_path: str
    local_path: str


def remap_remote_to_local(mappings: Iterable[PathMapping], host: str, remote: str) -> str:
    """The local path of a path a download client on ``host`` reported: the first mapping whose host matches
    (case-insensitively) and whose remote path contains it; the path unchanged when none does."""
    if not remote.strip():
        return remote
    reported = OsPath.of(remote)
    for mapping in mappings:
        base = OsPath.of(mapping.remote_path)
        if host.casefold() == mapping.host.casefold() and base.contains(reported):
            return OsPath.of(mapping.local_path).joined(reported.relative_to(base)).path
    return remote


def mapping_for(mappings: Iterable[PathMapping], host: str, remote: str) -> PathMapping | None:
    """The mapping that applies to a reported path, if any."""
    reported = OsPath.of(remote)
    for mapping in mappings:
        if host.casefold() == mapping.host.casefold() and OsPath.of(mapping.remote_path).contains(reported):
            return mapping
    return None
