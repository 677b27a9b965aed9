"""How fast the command line answers: each command in a fresh process, beside `python -c pass` and the import
of the CLI package, as medians and as ratios.

    .venv/bin/python bench/bench_cli.py [--runs 7] [--tree /path/to/another/checkout] [--movies 50000]
                                        [--no-bytecode]

``--tree`` times another checkout's package (run from that folder) on the same homes: figures before a change
(a command that checkout does not have is shown as failed).

Builds its own homes in a temporary folder: a small one (a config, a three-movie library added through the
services, one tracked download) and a large one (``--movies`` movies, 40% with a file, 10% with a download,
three history events each, written with bulk SQL; 0 skips it). Run by hand; not part of the test suite.
Issue 16 asks `--help`, `movies list` and `queue` to answer in under 0.8 s on the small library; issue 11 asks
the lists of 50,000 movies in under 2 s. Each large list is shown beside the bare DuckDB query of the same rows
in a new process (``bare SQL``).

The commands run with their bytecode cached (in a temporary ``PYTHONPYCACHEPREFIX``, after one run not counted),
as an installed package runs: a sandbox that sets ``PYTHONDONTWRITEBYTECODE`` otherwise compiles every module of
the project on every run. ``--no-bytecode`` times them that way instead. The uncounted run also leaves the
validated copy of the configuration the command line reads back (``config.load_config(cached=True)``), as any
command after the first one after an edit of the file finds it. The machine's load average is printed
beside the figures: on a loaded machine the wall-clock seconds grow and the CPU seconds much less.
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

from bench_home import MINIMAL_CONFIG

CONFIG = MINIMAL_CONFIG
TARGET_SECONDS = 0.8
LARGE_TARGET_SECONDS = 2.0

# A large library, written straight in SQL (movies, versions, files, downloads, history) over the migrated schema.
LARGE_LIBRARY = """
INSERT INTO movies (id, title, year, tmdb_id) SELECT i, 'Movie ' || i, 1950 + i % 70, i FROM range(1, $n + 1) t(i);
INSERT INTO variants (id, movie_id, quality_profile, root_folder, monitored)
    SELECT i, i, 'HD', $root, i % 20 <> 0 FROM range(1, $n + 1) t(i);
INSERT INTO movie_files (variant_id, path, size, quality, import_mode, added_at)
    SELECT i, $root || '/Movie ' || i || '/Movie ' || i || '.mkv', 8000000000, 'Bluray-1080p', 'hardlink', now()
    FROM range(1, $n + 1) t(i) WHERE i % 5 < 2;
INSERT INTO downloads (variant_id, client, download_id, title, quality, state, progress, grabbed_at, updated_at)
    SELECT i, 'qBittorrent', lpad(to_hex(i), 40, '0'), 'Movie.' || i || '.1080p.BluRay.x264-GRP', 'Bluray-1080p',
           ['downloading', 'queued', 'completed', 'imported'][1 + i % 4], 0.5, now(), now()
    FROM range(1, $n + 1) t(i) WHERE i % 10 = 2;
INSERT INTO history (occurred_at, event, movie_id, variant_id, source_title, quality, data)
    SELECT now() - INTERVAL (i) MINUTE, ['grabbed', 'download_completed', 'imported'][1 + i % 3], i // 3 + 1,
           i // 3 + 1, 'Movie.' || (i // 3 + 1) || '.1080p.BluRay.x264-GRP', 'Bluray-1080p', '{"indexer": "Torznab"}'
    FROM range(0, 3 * $n) t(i);
"""
BARE_MOVIES = ("SELECT m.id, m.title, m.year, v.quality_profile, f.quality, f.path FROM movies m"
               " JOIN variants v ON v.movie_id = m.id LEFT JOIN movie_files f ON f.variant_id = v.id"
               " ORDER BY m.title, m.year, v.id")
BARE_HISTORY = "SELECT * FROM history ORDER BY occurred_at DESC, id DESC"


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


def build_large_home(folder: Path, movies: int) -> Path:
    import duckdb

    from radarr_pipeline.config import load_config
    from radarr_pipeline.store import LibraryStore

    folder.mkdir()
    config_path = folder / "config.yaml"
    config_path.write_text(CONFIG, encoding="utf-8")
    config = load_config(config_path)
    config.root_folders[0].mkdir(parents=True)
    with LibraryStore(config.database).open():
        pass  # the schema, migrated
    with duckdb.connect(str(config.database)) as conn:
        conn.execute(LARGE_LIBRARY.replace("$n", str(movies)).replace("$root", f"'{config.root_folders[0]}'"))
    return config_path


def median_seconds(command: list[str], runs: int, env: dict[str, str], cwd: Path) -> tuple[float, float] | None:
    """Median wall-clock and median CPU seconds (user + system) of the command, each run in a new process; None
    when the command fails (a checkout without it)."""
    walls, cpus = [], []
    if subprocess.run(command, capture_output=True, env=env, cwd=cwd).returncode != 0:  # warm-up, not counted
        return None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        if subprocess.run(command, capture_output=True, env=env, cwd=cwd).returncode != 0:
            return None
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def print_results(title: str, results: dict[str, tuple[float, float] | None], baseline: str, target: float,
                  timed: tuple[str, ...]) -> None:
    base = results[baseline]
    assert base is not None
    print(title)
    print(f"{'command':<34}{'seconds':>9}{'cpu s':>8}{'× ' + baseline:>22}")
    for name, figures in results.items():
        if figures is None:
            print(f"{name:<34}{'failed':>9}")
            continue
        seconds, cpu = figures
        flag = "  over target" if name in timed and seconds >= target else ""
        print(f"{name:<34}{seconds:>9.3f}{cpu:>8.3f}{seconds / base[0]:>22.1f}{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1],
                        help="the checkout whose radarr_pipeline is timed (default: this one)")
    parser.add_argument("--movies", type=int, default=50_000, help="movies in the large library (0: no large one)")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="run without cached bytecode (every module compiled on every run)")
    args = parser.parse_args()
    python = sys.executable
    cli = [python, "-m", "radarr_pipeline.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        config_path = build_home(Path(tmp))
        env = {**os.environ, "RADARR_PIPELINE_CONFIG": str(config_path), "COLUMNS": "120"}
        if args.no_bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import radarr_pipeline.cli": [python, "-c", "import radarr_pipeline.cli"],
            "--help": [*cli, "--help"],
            "movies list": [*cli, "movies", "list"],
            "queue": [*cli, "queue"],
            "history": [*cli, "history"],
        }
        small = {name: median_seconds(command, args.runs, env, args.tree) for name, command in commands.items()}
        large: dict[str, tuple[float, float] | None] = {}
        if args.movies:
            large_config = build_large_home(Path(tmp) / "large", args.movies)
            env = {**env, "RADARR_PIPELINE_CONFIG": str(large_config)}
            database = str(large_config.parent / "library.duckdb")
            bare = "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True).execute(sys.argv[2]).fetchall()"
            large_commands = {
                "bare SQL: movies": [python, "-c", bare, database, BARE_MOVIES],
                "bare SQL: history": [python, "-c", bare, database, BARE_HISTORY],
                "movies list (table, a page)": [*cli, "movies", "list"],
                "movies list --format plain": [*cli, "movies", "list", "--format", "plain"],
                "movies list --format json": [*cli, "movies", "list", "--format", "json"],
                "movies list --status missing -f json": [*cli, "movies", "list", "--status", "missing", "-f", "json"],
                "queue --format json": [*cli, "queue", "--format", "json"],
                "history --format plain": [*cli, "history", "--format", "plain"],
                "history --format json": [*cli, "history", "--format", "json"],
                "history --limit 100 -f json": [*cli, "history", "--limit", "100", "-f", "json"],
            }
            runs = max(1, args.runs // 2)
            large = {name: median_seconds(command, runs, env, args.tree) for name, command in large_commands.items()}
    print(f"{args.tree}: medians of runs each in a new process, "
          + ("no bytecode cached" if args.no_bytecode else "bytecode cached as in an installed package"))
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f} on {} CPUs".format(*os.getloadavg(), os.cpu_count())
          + " (on a loaded machine the CPU seconds move less than the wall-clock ones)")
    print_results(f"\nsmall library, {args.runs} runs (target: under {TARGET_SECONDS} s)", small, "python -c pass",
                  TARGET_SECONDS, ("--help", "movies list", "queue"))
    if large:
        print_results(f"\n{args.movies} movies, {3 * args.movies} history events, {max(1, args.runs // 2)} runs "
                      f"(target: under {LARGE_TARGET_SECONDS} s)", large, "bare SQL: movies", LARGE_TARGET_SECONDS,
                      tuple(name for name in large if not name.startswith("bare")))


if __name__ == "__main__":
    main()
