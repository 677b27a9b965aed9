"""The fixed cost of a Dagster run: `wanted_movies` on an empty library, each step in a new process, beside
`python -c "import dagster"`, as medians (wall-clock and CPU seconds) and ratios.

    .venv/bin/python bench/bench_run.py [--runs 5] [--tree /path/to/another/checkout]

``--tree`` times another checkout (run from that folder) on the same home: figures before a change.

What is timed, each in a fresh Python:
- ``import dagster``: the floor of every run, not ours;
- ``import dagster_project.definitions`` and loading the code location (``defs()``: every module under defs/);
- ``dg.materialize([wanted_movies])`` with an ephemeral instance (what a test or a script pays);
- ``dagster asset materialize --select wanted_movies`` with a DAGSTER_HOME on disk (the run a user launches from
  a shell; the daemon's runs pay the same process start, code location load and event-log writes).
Run by hand; not part of the test suite (issue 11: "the fixed cost of a run").
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
from pathlib import Path

from bench_home import MINIMAL_CONFIG

CONFIG = MINIMAL_CONFIG
MATERIALIZE = """
import dagster as dg
from dagster_project.definitions import defs
from dagster_project.defs.acquisition import wanted_movies
from dagster_project.resources import RadarrResource
result = dg.materialize([wanted_movies], resources={"radarr": RadarrResource()})
assert result.success
"""


def median_seconds(command: list[str], runs: int, env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system, children included) seconds of the command, each run anew."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env, cwd=cwd, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1],
                        help="the checkout whose code is timed (default: this one)")
    args = parser.parse_args()
    python = sys.executable
    dagster = str(Path(python).with_name("dagster"))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "config.yaml").write_text(CONFIG, encoding="utf-8")
        (home / "library" / "movies").mkdir(parents=True)
        (home / "dagster_home").mkdir()
        env = {**os.environ, "RADARR_PIPELINE_CONFIG": str(home / "config.yaml"),
               "DAGSTER_HOME": str(home / "dagster_home"), "PYTHONPATH": str(args.tree)}
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import dagster": [python, "-c", "import dagster"],
            "import dagster_project.definitions": [python, "-c", "import dagster_project.definitions"],
            "load the code location": [python, "-c", "from dagster_project.definitions import defs; defs()"],
            "dg.materialize(wanted_movies)": [python, "-c", MATERIALIZE],
            "dagster asset materialize": [dagster, "asset", "materialize", "--select", "wanted_movies",
                                          "-m", "dagster_project.definitions"],
        }
        results = {name: median_seconds(command, args.runs, env, args.tree) for name, command in commands.items()}
    floor = results["import dagster"][0]
    print(f"{args.tree}: median of {args.runs} runs, each in a new process")
    print(f"{'step':<38}{'seconds':>9}{'cpu s':>8}{'× import dagster':>18}")
    for name, (seconds, cpu) in results.items():
        print(f"{name:<38}{seconds:>9.3f}{cpu:>8.3f}{seconds / floor:>18.2f}")


if __name__ == "__main__":
    main()
