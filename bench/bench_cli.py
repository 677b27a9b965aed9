"""How fast the command line answers: each command in a fresh process, beside `python -c pass` and the import
of the CLI package, as medians and as ratios.

    .venv/bin/python bench/bench_cli.py [--runs 7] [--tree /path/to/another/checkout]

``--tree`` times another checkout's package (run from that folder) on the same home: figures before a change.

Builds its own home in a temporary folder (a config, a three-movie library added through the services, one
tracked download). Run by hand; not part of the test suite. Issue 16 asks `--help`, `movies list` and `queue`
to answer in under 0.8 s on the project's machines.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CONFIG = """\
database: library.duckdb
root_folders: [library/movies]
quality_profiles:
  - name: HD
    allowed: [Bluray-720p, Bluray-1080p]
    cutoff: Bluray-1080p
default_quality_profile: HD
download_client:
  kind: qbittorrent
  url: http://127.0.0.1:9
  username: admin
"""
TARGET_SECONDS = 0.8


def build_home(folder: Path) -> Path:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.services.movies import NewMovie, add_movie
    from radarr_pipeline.store import LibraryStore

    config_path = folder / "config.yaml"
    config_path.write_text(CONFIG, encoding="utf-8")
    config = load_config(config_path)
    for root in config.root_folders:
        root.mkdir(parents=True, exist_ok=True)
    added = [add_movie(config, NewMovie(title=t, year=y)) for t, y in (("Heat", 1995), ("Alien", 1979),
                                                                       ("The Matrix", 1999))]
    with LibraryStore(config.database).open() as library:
        library.downloads.track(variant_id=added[0].variant.id, release_id=None, client="qBittorrent",
                                download_id="ab" * 20, title="Heat.1995.1080p.BluRay.x264-GRP",
                                quality="Bluray-1080p", size=1, at=datetime.now(UTC))
    return config_path


def median_seconds(command: list[str], runs: int, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds (user + system) of the command, each run in a new process."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=cwd)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1],
                        help="the checkout whose radarr_pipeline is timed (default: this one)")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        config_path = build_home(Path(tmp))
        env = {**os.environ, "RADARR_PIPELINE_CONFIG": str(config_path), "COLUMNS": "120"}
        cli = [python, "-m", "radarr_pipeline.cli"]
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import radarr_pipeline.cli": [python, "-c", "import radarr_pipeline.cli"],
            "--help": [*cli, "--help"],
            "movies list": [*cli, "movies", "list"],
            "queue": [*cli, "queue"],
        }
        results = {name: median_seconds(command, args.runs, env, args.tree) for name, command in commands.items()}
    bare, package = results["python -c pass"][0], results["import radarr_pipeline.cli"][0]
    print(f"{args.tree}: median of {args.runs} runs, each in a new process (target: under {TARGET_SECONDS} s)")
    print("(on a loaded machine the CPU seconds move less than the wall-clock ones)")
    print(f"{'command':<28}{'seconds':>9}{'cpu s':>8}{'× python':>10}{'× import cli':>14}")
    for name, (seconds, cpu) in results.items():
        flag = "" if name.startswith(("python", "import")) or seconds < TARGET_SECONDS else "  over target"
        print(f"{name:<28}{seconds:>9.3f}{cpu:>8.3f}{seconds / bare:>10.1f}{seconds / package:>14.2f}{flag}")


if __name__ == "__main__":
    main()
