"""How long a notification takes under `dagster dev`: from the event's commit to the outbox to its webhook post,
through ``notifications_sensor`` (every 5 s) and the delivery run it launches. Events are movies added by the
command line while the daemon runs; the figures are the path of every event but an import's (an import run
sends its own notifications as its last step, without a sensor tick or a run launch).

    .venv/bin/python bench/bench_notify_latency.py [--events 6] [--gap 4]

Builds its own home and Dagster instance in a temporary folder (no indexer, a download client nobody listens
to, schedules set to once a year so only the notification path runs). Run by hand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from radarr_pipeline.store import LibraryStore
from radarr_sandbox.demo import prepare_dagster_home, start_dagster_dev, stop_dagster_dev
from radarr_sandbox.ports import free_port

ONCE_A_YEAR = "0 0 1 1 *"
ARRIVED: dict[str, float] = {}  # event id -> arrival (wall clock)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        ARRIVED.setdefault(body.get("eventId", ""), time.time())
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


def add_movie(env: dict[str, str], title: str) -> None:
    subprocess.run([sys.executable, "-m", "radarr_pipeline.cli", "movies", "add", "--title", title, "--year", "2001"],
                   check=True, capture_output=True, env=env, timeout=300)


def wait_for(count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(ARRIVED) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(ARRIVED)} of {count} notifications arrived within {timeout:.0f} s")
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=6)
    parser.add_argument("--gap", type=float, default=4.0, help="seconds between events")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "movies").mkdir()
        (home / "config.yaml").write_text(json.dumps({
            "database": "library.duckdb", "root_folders": ["movies"],
            "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
            "download_client": {"kind": "qbittorrent", "url": f"http://127.0.0.1:{free_port()}"},
            "notifications": {"connections": [{"name": "hook", "kind": "webhook",
                                               "url": f"http://127.0.0.1:{server.server_address[1]}/hook"}]},
        }))
        env = {**os.environ, "RADARR_PIPELINE_CONFIG": str(home / "config.yaml"),
               "RADARR_PIPELINE_RSS_CRON": ONCE_A_YEAR, "RADARR_PIPELINE_SEARCH_CRON": ONCE_A_YEAR}
        add_movie(env, "Warm Up")  # the library exists and the first delivery run starts the daemon's habits
        process = start_dagster_dev(env, prepare_dagster_home(home / "dagster_home"), free_port(), home / "dagster.log")
        try:
            wait_for(1, 300)
            for number in range(args.events):
                add_movie(env, f"Latency Probe {number}")
                time.sleep(args.gap)
            wait_for(1 + args.events, 300)
        finally:
            stop_dagster_dev(process)
            server.shutdown()
        with LibraryStore(home / "library.duckdb").open(read_only=True) as library:
            delivered = library.outbox.in_state("delivered")
        created = {d.stored.event.event_id: (d.stored.event.facts["movie"]["title"], d.stored.created_at.timestamp())
                   for d in delivered}
    delays = sorted(ARRIVED[event_id] - at for event_id, (title, at) in created.items() if title != "Warm Up")
    print(f"event -> webhook post under dagster dev, {len(delays)} events: p50 {statistics.median(delays):.1f} s, "
          f"max {max(delays):.1f} s ({', '.join(f'{d:.1f}' for d in delays)}); load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
