"""High-level steps shared by the end-to-end test and the demo: a seeded release, and peering a leecher.

::

    release = seed_movie_release(tmp_path, seeder, "Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP")
    torznab.add_item(release.torznab_item(imdb_id="tt1254207", tmdb_id=10378))
    ... the pipeline grabs it into the leecher ...
    connect_peers(leecher.client(), release.infohash, seeder)
    wait_for_complete(leecher.client(), release.infohash)
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from radarr_sandbox.media import make_movie_file
from radarr_sandbox.qbittorrent import (
    COMPLETE_STATES,
    QBittorrentError,
    QBittorrentProcess,
    wait_for_complete,
)
from radarr_sandbox.torrents import make_torrent
from radarr_sandbox.torznab import TorznabItem

if TYPE_CHECKING:
    import qbittorrentapi

__all__ = ["SeededRelease", "connect_peers", "seed_movie_release", "wait_for_complete"]

_BAD_TITLE = re.compile(r"[/\\\x00-\x1f]")


@dataclass(frozen=True)
class SeededRelease:
    """A release whose data a seeder instance holds and seeds."""

    title: str
    infohash: str
    magnet: str
    torrent_path: Path
    size: int
    content_path: Path  # the release folder, or the single file
    save_dir: Path  # what the seeder was given as save path
    seeder: QBittorrentProcess

    @property
    def torrent_bytes(self) -> bytes:
        return self.torrent_path.read_bytes()

    def torznab_item(self, **overrides: Any) -> TorznabItem:
        """A :class:`TorznabItem` for this release (override any field, e.g. imdb_id, seeders)."""
        fields: dict[str, Any] = {
            "title": self.title,
            "torrent_path": self.torrent_path,
            "infohash": self.infohash,
            "magnet": self.magnet,
            "size": self.size,
        }
        fields.update(overrides)
        return TorznabItem(**fields)


def seed_movie_release(
    workdir: Path | str,
    seeder: QBittorrentProcess,
    release_title: str,
    seconds: float = 3,
    *,
    single_file: bool = False,
    announce_url: str | None = None,
    size: str = "1280x720",
    nfo: bool = False,
    timeout: float = 30.0,
    **media_options: Any,
) -> SeededRelease:
    """Make ``<workdir>/seed/<title>/<title>.mkv`` (or ``<workdir>/seed/<title>.mkv`` with ``single_file``),
    hash it into ``<workdir>/torrents/<title>.torrent`` and seed it from ``seeder``.

    The torrent has no tracker unless ``announce_url`` is given (it should be on 127.0.0.1); leechers find
    the seeder through :func:`connect_peers`. ``media_options`` go to :func:`make_movie_file`.
    """
    if not release_title or release_title in {".", ".."} or _BAD_TITLE.search(release_title):
        raise ValueError(f"release title {release_title!r} cannot be used as a file name")
    workdir = Path(workdir).resolve()
    save_dir = workdir / "seed"
    if single_file:
        content = make_movie_file(save_dir / f"{release_title}.mkv", seconds, size, **media_options)
    else:
        content = save_dir / release_title
        make_movie_file(content / f"{release_title}.mkv", seconds, size, **media_options)
        if nfo:
            (content / f"{release_title}.nfo").write_text(f"{release_title}\nradarr_sandbox\n")
    torrent = make_torrent(
        content,
        workdir / "torrents" / f"{release_title}.torrent",
        trackers=[announce_url] if announce_url else (),
    )
    seeder.add_seed(torrent.torrent_path, save_dir, timeout=timeout)
    return SeededRelease(
        title=release_title,
        infohash=torrent.infohash,
        magnet=torrent.magnet,
        torrent_path=torrent.torrent_path,
        size=torrent.size,
        content_path=content,
        save_dir=save_dir,
        seeder=seeder,
    )


def connect_peers(
    leecher_client: qbittorrentapi.Client,
    infohash: str,
    seeder: QBittorrentProcess,
    *,
    timeout: float = 30.0,
    retry_every: float = 2.0,
) -> dict[str, Any]:
    """Wait until ``infohash`` is in the leecher, then add the seeder as a peer until they talk.

    "They talk" means the leecher reports progress > 0, a completed state, or a connected seed.
    ``torrents_add_peers`` is repeated every ``retry_every`` seconds meanwhile (a peer added while the
    torrent is still being checked can be dropped). Returns the leecher's ``torrents/info`` entry.
    """
    infohash = infohash.lower()
    deadline = time.monotonic() + timeout
    last_add = 0.0
    last: dict[str, Any] | None = None
    answers: list[Any] = []
    while True:
        found = leecher_client.torrents_info(torrent_hashes=infohash)
        if found:
            last = dict(found[0])
            state = str(last.get("state"))
            connected = (
                float(last.get("progress", 0)) > 0 or state in COMPLETE_STATES or int(last.get("num_seeds", 0)) > 0
            )
            if connected and last_add:
                return last
            if time.monotonic() - last_add >= retry_every:
                answers.append(leecher_client.torrents_add_peers(peers=[seeder.peer_address], torrent_hashes=infohash))
                last_add = time.monotonic()
        if time.monotonic() > deadline:
            where = f"state={last.get('state')!r} progress={last.get('progress')}" if last else "never listed"
            raise QBittorrentError(
                f"leecher never connected to seeder {seeder.name} at {seeder.peer_address} for {infohash} "
                f"within {timeout:.0f} s ({where}; addPeers answers: {answers[-3:]})"
            )
        time.sleep(0.1)
