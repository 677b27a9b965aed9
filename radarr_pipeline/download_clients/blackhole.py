"""Torrent blackhole: the .torrent (or a .magnet file) goes to a folder another torrent client watches, and the
finished download is imported from the folder where that client puts completed downloads.

Which completed item belongs to which grab is known by name: a torrent's content name (its ``info.name``, or a
magnet's ``dn=``) is what the watching client writes. The blackhole keeps that mapping in a hidden folder in the
watch folder (``.radarr-pipeline/<infohash>.json``), so it survives the watching client deleting the .torrent.
An item in the completed folder that no grab explains (added by hand) is reported under a stable id made from
its name, so it can be picked up like a hand-added torrent.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs

import torf

from radarr_pipeline.download_clients.base import ClientFolder, DownloadClientError
from radarr_pipeline.download_clients.torrent_files import (
    TorrentFetchError,
    infohash_from_magnet,
    infohash_from_torrent,
)
from radarr_pipeline.models import ClientDownload, DownloadStatus, ShareLimits

_INDEX = ".radarr-pipeline"
_UNSAFE = re.compile(r"[\x00-\x1f/\\]")


def safe_name(name: str) -> str | None:
    """A name usable as one path component, or None (path separators, '..', control characters, too long)."""
    cleaned = name.strip()
    if not cleaned or cleaned in {".", ".."} or _UNSAFE.search(cleaned) or len(cleaned.encode()) > 240:
        return None
    return cleaned


def untracked_id(name: str) -> str:
    """The id of a completed item no grab explains: 40 hex characters, stable for one name."""
    return hashlib.sha1(f"blackhole:{name}".encode()).hexdigest()


def content_name(torrent: bytes | None, magnet: str | None) -> str | None:
    """The name the watching client will give the download."""
    if torrent is not None:
        try:
            return str(torf.Torrent.read_stream(io.BytesIO(torrent), validate=False).name or "") or None
        except (torf.TorfError, ValueError):
            return None
    names = parse_qs((magnet or "").removeprefix("magnet:?")).get("dn", [])
    return names[0] if names else None


class BlackholeClient:
    """Same interface as QBittorrentClient, over two folders."""

    kind = "blackhole"

    def __init__(
        self,
        watch_folder: Path | str,
        completed_folder: Path | str,
        *,
        name: str = "Blackhole",
        save_magnet_files: bool = True,
        magnet_extension: str = ".magnet",
        settle_seconds: float = 30.0,
    ) -> None:
        self.watch_folder = Path(watch_folder)
        self.completed_folder = Path(completed_folder)
        self.name = name
        self.save_magnet_files = save_magnet_files
        self.magnet_extension = magnet_extension
        self.settle_seconds = settle_seconds

    def __repr__(self) -> str:
        return f"BlackholeClient(watch={str(self.watch_folder)!r}, completed={str(self.completed_folder)!r})"

    def _index_dir(self) -> Path:
        return self.watch_folder / _INDEX

    def _check_folders(self) -> None:
        for label, folder in (("watch folder", self.watch_folder), ("completed folder", self.completed_folder)):
            if not folder.is_dir():
                raise DownloadClientError(f"{self.name}: the {label} {folder} does not exist or is not a folder")

    def _index(self) -> dict[str, dict[str, str]]:
        entries: dict[str, dict[str, str]] = {}
        folder = self._index_dir()
        if not folder.is_dir():
            return entries
        for file in folder.glob("*.json"):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                entries[file.stem] = {k: str(v) for k, v in data.items()}
        return entries

    def add_torrent(
        self, *, torrent: bytes | None = None, magnet: str | None = None, limits: ShareLimits | None = None
    ) -> str:
        """Write the .torrent (or .magnet) into the watch folder; returns the infohash."""
        if torrent is None and magnet is None:
            raise ValueError("a release needs a .torrent file or a magnet link")
        self._check_folders()
        try:
            infohash = infohash_from_torrent(torrent) if torrent is not None else infohash_from_magnet(magnet or "")
        except TorrentFetchError as exc:
            raise DownloadClientError(f"not sent to {self.name}: {exc}") from None
        if torrent is None and not self.save_magnet_files:
            raise DownloadClientError(f"{self.name} only takes .torrent files (save_magnet_files is off)")
        name = safe_name(content_name(torrent, magnet) or "") or infohash
        target = self.watch_folder / (f"{name}.torrent" if torrent is not None else f"{name}{self.magnet_extension}")
        try:
            self._index_dir().mkdir(exist_ok=True)
            temporary = target.with_name(f".{target.name}.partial")
            temporary.write_bytes(torrent if torrent is not None else (magnet or "").encode())
            temporary.replace(target)  # the watching client never sees half a file
            (self._index_dir() / f"{infohash}.json").write_text(
                json.dumps({"name": name, "watch_file": target.name, "added_at": str(time.time())}),
                encoding="utf-8",
            )
        except OSError as exc:
            raise DownloadClientError(f"{self.name}: cannot write to {self.watch_folder}: {exc.strerror}") from None
        return infohash

    def downloads(self) -> list[ClientDownload]:
        self._check_folders()
        index = self._index()
        explained: set[str] = set()
        result: list[ClientDownload] = []
        for infohash, entry in sorted(index.items()):
            name = entry["name"]
            explained.add(name)
            result.append(self._report(infohash, name, watch_file=self.watch_folder / entry.get("watch_file", "")))
        for item in sorted(self.completed_folder.iterdir()):
            if item.name.startswith(".") or item.name in explained:
                continue
            result.append(self._report(untracked_id(item.name), item.name, watch_file=None))
        return result

    def _report(self, download_id: str, name: str, *, watch_file: Path | None) -> ClientDownload:
        done = self.completed_folder / name
        save_path = str(self.completed_folder)
        if done.exists():
            size = _size(done)
            settled = time.time() - _newest_mtime(done) >= self.settle_seconds
            return ClientDownload(
                download_id=download_id, name=name, save_path=save_path, category=None,
                status=DownloadStatus.COMPLETED if settled else DownloadStatus.DOWNLOADING,
                client_state="completed" if settled else "settling", progress=1.0 if settled else 0.99,
                size=size, content_path=str(done), seeding_stopped=True,
                message=None if settled else "in the completed folder, still being written",
            )
        waiting = watch_file is not None and watch_file.name and watch_file.exists()
        return ClientDownload(
            download_id=download_id, name=name, save_path=save_path, category=None,
            status=DownloadStatus.QUEUED if waiting else DownloadStatus.DOWNLOADING,
            client_state="watch_folder" if waiting else "handed_over", progress=0.0, size=0, content_path=None,
            message="waiting for the torrent client to pick it up from the watch folder" if waiting
            else "with the torrent client; not in the completed folder yet",
        )

    def has(self, download_id: str) -> bool:
        return any(d.download_id == download_id.lower() for d in self.downloads())

    def remove(self, download_id: str, *, delete_files: bool) -> bool:
        """Forget a grab: its watch file and, when asked, its item in the completed folder."""
        download_id = download_id.lower()
        found = next((d for d in self.downloads() if d.download_id == download_id), None)
        if found is None:
            return False
        entry = self._index().get(download_id, {})
        try:
            if entry.get("watch_file"):
                (self.watch_folder / entry["watch_file"]).unlink(missing_ok=True)
            (self._index_dir() / f"{download_id}.json").unlink(missing_ok=True)
            if delete_files and found.content_path:
                done = Path(found.content_path)
                if done.resolve().parent == self.completed_folder.resolve():  # never outside the folder
                    shutil.rmtree(done) if done.is_dir() else done.unlink(missing_ok=True)
        except OSError as exc:
            raise DownloadClientError(f"{self.name}: cannot remove {found.name}: {exc.strerror}") from None
        return True

    def set_share_limits(self, download_id: str, limits: ShareLimits) -> None:
        """Seeding is the watching client's business: nothing to do here."""

    def output_folders(self) -> list[ClientFolder]:
        """The completed folder, where the watching client puts finished downloads (the same path here)."""
        return [ClientFolder(remote=str(self.completed_folder), local=str(self.completed_folder))]

    def close(self) -> None:
        """Nothing to end: the blackhole keeps no session."""


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _newest_mtime(path: Path) -> float:
    if path.is_file():
        return path.stat().st_mtime
    return max([path.stat().st_mtime] + [f.stat().st_mtime for f in path.rglob("*")])
