"""Make .torrent files with torf."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import torf


@dataclass(frozen=True)
class TorrentInfo:
    """What a leecher or an indexer needs to know about a torrent we made."""

    infohash: str  # lower-case 40-hex v1 infohash
    magnet: str
    torrent_path: Path
    name: str  # the torrent's top-level name (file name, or folder name for a multi-file torrent)
    size: int  # total payload bytes

    @property
    def torrent_bytes(self) -> bytes:
        return self.torrent_path.read_bytes()


def make_torrent(
    content_path: Path | str,
    torrent_path: Path | str,
    trackers: Iterable[str] = (),
    *,
    private: bool = False,
    comment: str | None = None,
) -> TorrentInfo:
    """Hash ``content_path`` (a file or a folder) into ``torrent_path`` and return its :class:`TorrentInfo`.

    With no tracker the torrent is trackerless: peers are introduced with ``torrents_add_peers``
    (see :func:`radarr_sandbox.scenario.connect_peers`). Trackers, if given, should be on 127.0.0.1.
    """
    content_path = Path(content_path)
    torrent_path = Path(torrent_path)
    if not content_path.exists():
        raise FileNotFoundError(f"make_torrent: content {content_path} does not exist")
    tracker_list = list(trackers)
    torrent = torf.Torrent(
        path=str(content_path),
        trackers=tracker_list or None,
        private=private or None,
        comment=comment,
        created_by="radarr_sandbox",
    )
    torrent.generate()
    torrent_path.parent.mkdir(parents=True, exist_ok=True)
    torrent.write(str(torrent_path), overwrite=True)
    return TorrentInfo(
        infohash=str(torrent.infohash).lower(),
        magnet=str(torrent.magnet()),
        torrent_path=torrent_path,
        name=str(torrent.name),
        size=int(torrent.size),
    )


def read_torrent(torrent_path: Path | str) -> TorrentInfo:
    """Return the :class:`TorrentInfo` of an existing .torrent file."""
    torrent_path = Path(torrent_path)
    torrent = torf.Torrent.read(str(torrent_path))
    return TorrentInfo(
        infohash=str(torrent.infohash).lower(),
        magnet=str(torrent.magnet()),
        torrent_path=torrent_path,
        name=str(torrent.name),
        size=int(torrent.size),
    )
