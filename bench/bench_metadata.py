"""Metadata refresh throughput: refreshing N movies (default 10,000) against the local TMDB-shaped server at a
configured request rate; prints the achieved rate beside the configured one (issue 12's goal: at least 90%).

    .venv/bin/python bench/bench_metadata.py [--movies 10000] [--rate 200]

Baseline in the same run: the same client unpaced (rate 100,000/s) on a sample, i.e. what this machine can do
at most, so a low ratio can be told apart from a slow machine. The server runs in its own process
(``python -m radarr_sandbox.tmdb``): in this one it would compete with the client for the GIL. Builds its own
home in a temporary folder (the movies are inserted in one statement, never refreshed, so all are due). Run by
hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_home import MINIMAL_CONFIG

KEY_ENV = "BENCH_TMDB_API_KEY"
CONFIG = MINIMAL_CONFIG + """\
metadata:
  base_url: {url}
  api_key_env: {env}
  requests_per_second: {rate}
  refresh_per_run: {movies}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--movies", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=50.0,
                        help="configured requests per second (TMDB allows about 50 per second and address)")
    parser.add_argument("--baseline-sample", type=int, default=1000)
    args = parser.parse_args()

    from radarr_sandbox.tmdb import SYNTHETIC_FIRST_ID

    server = subprocess.Popen([sys.executable, "-m", "radarr_sandbox.tmdb", "--synthetic", str(args.movies)],
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    try:
        assert server.stdout is not None
        started_server = json.loads(server.stdout.readline())
        run(args, started_server["url"], started_server["api_key"],
            list(range(SYNTHETIC_FIRST_ID, SYNTHETIC_FIRST_ID + args.movies)))
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(args: argparse.Namespace, url: str, api_key: str, ids: list[int]) -> None:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.metadata import TmdbAuth, TmdbClient
    from radarr_pipeline.services.metadata_refresh import refresh_metadata
    from radarr_pipeline.store import LibraryStore

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "library/movies").mkdir(parents=True)
        os.environ[KEY_ENV] = api_key
        config_path = folder / "config.yaml"
        config_path.write_text(CONFIG.format(url=url, env=KEY_ENV, rate=args.rate, movies=args.movies))
        config = load_config(config_path)
        with LibraryStore(config.database).open() as library:
            library.movies.add_many([{"title": f"Synthetic Movie {n}", "year": 1950 + n % 70, "tmdb_id": tmdb_id}
                                     for n, tmdb_id in enumerate(ids)])

        assert config.metadata is not None
        unpaced = config.metadata.model_copy(update={"requests_per_second": 100_000.0})
        sample = ids[:args.baseline_sample]
        with TmdbClient(unpaced, TmdbAuth("api_key", api_key)) as client:
            started = time.perf_counter()
            for tmdb_id in sample:
                client.movie(tmdb_id)
            ceiling = len(sample) / (time.perf_counter() - started)

        started = time.perf_counter()
        cpu = time.process_time()
        report = refresh_metadata(config, datetime.now(UTC))
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu

    achieved_total = report.requests / wall
    print(f"movies: {args.movies:,}  refreshed: {report.refreshed:,}  changed: {len(report.changed):,}  "
          f"errors: {len(report.errors)}  requests: {report.requests:,}")
    print(f"configured rate:                {args.rate:10.1f} req/s")
    print(f"achieved, whole run (load+write): {achieved_total:8.1f} req/s  "
          f"({achieved_total / args.rate:6.1%} of configured; wall {wall:.1f} s, CPU {cpu:.1f} s)")
    print(f"baseline, unpaced on {len(sample):,}:      {ceiling:8.1f} req/s  "
          f"(configured rate is {args.rate / ceiling:.0%} of this machine's ceiling)")
    print("goal: >= 90% of configured:", "met" if achieved_total >= 0.9 * args.rate else "NOT met")


if __name__ == "__main__":
    main()
