"""Start the sandbox by hand: ``python -m radarr_sandbox [--dir DIR] [--check]``.

Starts a seeder and a leecher qBittorrent and a Torznab indexer on 127.0.0.1, seeds one release that the
indexer lists, prints the addresses and credentials as JSON, and runs until Ctrl-C (or SIGTERM); then stops
everything it started. ``--check`` instead adds the release's magnet to the leecher, waits for it to complete,
prints the timings, and exits.
"""

from __future__ import annotations

import argparse
import json
import signal
import tempfile
import threading
import time
from contextlib import ExitStack, suppress
from pathlib import Path
from types import FrameType

from radarr_sandbox.qbittorrent import QBittorrentProcess, wait_for_complete
from radarr_sandbox.scenario import connect_peers, seed_movie_release
from radarr_sandbox.torznab import TorznabServer

DEFAULT_TITLE = "Big.Buck.Bunny.2008.720p.BluRay.x264-GRP"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m radarr_sandbox", description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="work dir (default: a new temp dir)")
    parser.add_argument("--title", default=DEFAULT_TITLE, help="release title to seed")
    parser.add_argument("--imdb-id", default="tt1254207")
    parser.add_argument("--tmdb-id", type=int, default=10378)
    parser.add_argument("--check", action="store_true", help="run one transfer, print timings, exit")
    args = parser.parse_args(argv)
    workdir = (args.dir or Path(tempfile.mkdtemp(prefix="radarr-sandbox-"))).resolve()
    timings: dict[str, float] = {}

    with ExitStack() as stack:
        began = time.monotonic()
        seeder = stack.enter_context(QBittorrentProcess(workdir / "qbt-seeder", name="seeder"))
        leecher = stack.enter_context(QBittorrentProcess(workdir / "qbt-leecher", name="leecher"))
        timings["qbittorrent_start_s"] = round(time.monotonic() - began, 3)
        torznab = stack.enter_context(TorznabServer())
        began = time.monotonic()
        release = seed_movie_release(workdir, seeder, args.title)
        timings["seed_ready_s"] = round(time.monotonic() - began, 3)
        torznab.add_item(release.torznab_item(imdb_id=args.imdb_id, tmdb_id=args.tmdb_id, category=2040))
        info = {
            "workdir": str(workdir),
            "torznab": {"url": torznab.api_url, "apikey": torznab.apikey},
            "leecher": {"url": leecher.url, "username": leecher.username, "password": leecher.password},
            "seeder": {"url": seeder.url, "peer": seeder.peer_address, "password": seeder.password},
            "release": {"title": release.title, "infohash": release.infohash, "size": release.size},
        }
        if args.check:
            client = leecher.client()
            began = time.monotonic()
            client.torrents_add(urls=release.magnet, category="radarr")
            connect_peers(client, release.infohash, seeder)
            done = wait_for_complete(client, release.infohash)
            timings["transfer_add_to_complete_s"] = round(time.monotonic() - began, 3)
            print(json.dumps({**info, "timings": timings, "state": done["state"]}, indent=2))
            return 0
        print(json.dumps({**info, "timings": timings}, indent=2), flush=True)
        print("Running on 127.0.0.1; Ctrl-C to stop.", flush=True)
        stop = threading.Event()

        def _on_signal(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _on_signal)
        with suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
