"""Instructions the parser executes per title, counted by valgrind, per naming style: a figure the load of a shared
machine does not move (wall and CPU times here vary by a third from one run to the next), to compare two trees.

    .venv/bin/python bench/parser_instructions.py [--titles 4000] [--styles all scene spaced plex anime junk]
        [--oracle DIR]

Each figure is the difference between two runs under ``valgrind --tool=cachegrind`` that do the same work (import,
a warm-up parse of 20,000 other titles that builds the tables and memos, the generation of the titles) except the
cold bulk parse (``parse_many``) of ``--titles`` titles of one style from bench_parser's generator, divided by that
number. With ``--oracle DIR`` (e.g. a worktree of main, with its own native build) the same titles are counted in
that tree too, side by side. An instruction is not a unit of time (a regex step and a dict lookup differ), so this
complements bench_parser.py's ratio to guessit; it does not replace it. Needs valgrind (``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLES = ("all", "scene", "spaced", "plex", "anime", "junk")
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _child(tree: str, style: str, count: int, parse: bool) -> None:
    """The work counted: ``tree``'s parser, this checkout's title generator."""
    sys.path[:0] = [tree, str(ROOT / "bench")]
    from radarr_pipeline.parsing import _parse_cached, native, parse_many

    # Imported after the parser: importing bench_parser puts this checkout first on the path.
    bench_parser = importlib.import_module("bench_parser")
    if not Path(native.__file__).is_relative_to(tree):
        raise SystemExit(f"the parser came from {native.__file__}, not from {tree}")
    if not native.IN_USE:
        print(f"note: {tree} runs its plain modules (no current native build)", file=sys.stderr)
    parse_many(bench_parser.generate_titles(20_000, seed=99))
    _parse_cached.cache_clear()
    styles = tuple(item for item in bench_parser.STYLES if style in ("all", item[0].__name__.lstrip("_")))
    titles = bench_parser.generate_titles(count, seed=7, styles=styles)
    if parse:
        parse_many(titles)


def _instructions(tree: str, style: str, count: int, parse: bool) -> int:
    command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
               sys.executable, __file__, "--child", tree, style, str(count), "1" if parse else "0"]
    # A fixed hash seed: string hashes (dict and set layouts, the order of set iteration) otherwise change the counts
    # by 1-2% from one run to the next.
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind run failed ({tree}, {style}): {done.stderr.strip()[-500:]}")
    return int(found.group(1).replace(",", ""))


def per_title(tree: str, style: str, count: int) -> float:
    """Instructions per title of the cold bulk parse (the two runs go in parallel)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        without, with_parse = pool.map(lambda parse: _instructions(tree, style, count, parse), (False, True))
    return (with_parse - without) / count


def main() -> int:
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=4_000)
    parser.add_argument("--styles", nargs="+", choices=STYLES, default=list(STYLES))
    parser.add_argument("--oracle", type=Path, help="another checkout to count side by side")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 1
    trees = [str(ROOT)] + ([str(args.oracle.resolve())] if args.oracle else [])
    print(f"instructions per title, cold bulk parse of {args.titles:,} titles of each style")
    header = "".join(f"{Path(tree).name:>16}" for tree in trees)
    print(f"{'style':<8}{header}" + ("     change" if args.oracle else ""))
    for style in args.styles:
        figures = [per_title(tree, style, args.titles) for tree in trees]
        change = f"{figures[0] / figures[1] - 1:>+11.1%}" if args.oracle else ""
        print(f"{style:<8}" + "".join(f"{figure:>16,.0f}" for figure in figures) + change)
    return 0


if __name__ == "__main__":
    sys.exit(main())
