"""Completion to library under `dagster dev` with the default configuration: qBittorrent's ``completion_on`` to
the movie file in the library, for torrents added one after another while the daemon runs; polling only
(``completion_hook: false``) beside qBittorrent's run-on-finish hook (the default for a local qBittorrent), in
the same run.

    .venv/bin/python bench/bench_completion.py [--downloads 8] [--gap 8] [--mode both|poll|hook]

Builds everything in a temporary folder (two qBittorrents on 127.0.0.1, a library, a Dagster instance). Run by
hand; not part of the test suite (tests/integration/test_completion_hook.py checks the hook works).

Measured 2026-11-30 on the shared 2-core machine (load average 11 to 17), three paired runs, p50 / p95:
polling 27.1 / 37.6, 39.8 / 97.6, 34.3 / 48.7 s; hook 28.6 / 47.8, 35.0 / 53.3, 35.7 / 168.6 s. An import run
took 25 to 170 s from its creation to its start (p50 about 33 s), so under that load the run's start decides the
figure and the hook's gain (at most the 5 s poll interval) is within the noise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from radarr_sandbox.completion import CompletionWorld, summary

MODES = {"poll": False, "hook": None}  # None: the default setting (on for a qBittorrent on this machine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--downloads", type=int, default=8)
    parser.add_argument("--gap", type=float, default=8.0, help="seconds between torrents added")
    parser.add_argument("--mode", choices=["both", *MODES], default="both")
    args = parser.parse_args()
    modes = list(MODES) if args.mode == "both" else [args.mode]
    for mode in modes:
        with tempfile.TemporaryDirectory() as folder, \
                CompletionWorld(Path(folder), args.downloads, MODES[mode]) as world:
            samples = world.measure(args.gap)
            delays = world.run_start_delays()
        print(f"{mode:>4} (completion_hook {MODES[mode]}): {summary(samples)}; {len(delays)} import runs, created "
              f"to started p50 {statistics.median(delays):.1f} s, max {max(delays):.1f} s; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
