"""Differential check of the parser (run by hand, and by tests/parsing/test_native_build.py): every public parsing
function's result, on a large corpus, in two processes, must be equal. By default the two are this checkout's mypyc
build (radarr_pipeline/parsing/native.py) and its plain modules; with ``--oracle DIR`` they are this checkout and
another one (e.g. a worktree of main: a parser change must not change a result it does not mean to).

    .venv/bin/python bench/parser_differential.py [--titles 50000] [--seeds 7 11] [--mutations 20000] [--oracle DIR]

The corpus: every title, path and input of Radarr's own test cases (tests/data/radarr), bench_parser's generated
titles for each seed, and hostile mutations of them (separators swapped, brackets and unicode put in, words
repeated, cut, case changed). Prints the number of differences and the first ones; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

_NOISE = ["[", "]", "(", ")", " ", ".", "-", "_", "{", "}", "é", "日本", "1080p", "x264", "GERMAN", "2019", "\t"]


def radarr_cases() -> list[str]:
    """Every string Radarr's test cases feed the parser (titles, inputs, paths)."""
    strings: list[str] = []
    for file in sorted((ROOT / "tests" / "data" / "radarr").glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            strings += [value for key in ("title", "input", "path") if isinstance(value := record.get(key), str)]
    return strings


def mutate(title: str, rng: random.Random) -> str:
    """One hostile edit of ``title``."""
    kind = rng.randrange(6)
    cut = rng.randrange(len(title) + 1)
    if kind == 0:
        return title.replace(".", rng.choice([" ", "_", "-", ""]))
    if kind == 1:
        return title[:cut] + rng.choice(_NOISE) + title[cut:]
    if kind == 2:
        words = title.split(".")
        return ".".join(words + rng.sample(words, min(len(words), 2)))
    if kind == 3:
        return title[:cut]
    if kind == 4:
        return title.swapcase() if rng.random() < 0.5 else title.upper()
    return f"[{rng.choice(_NOISE)}] {title} ({rng.randint(1790, 2110)})"


def corpus(titles: int, seeds: list[int], mutations: int) -> list[str]:
    from bench_parser import generate_titles

    strings = radarr_cases()
    for seed in seeds:
        strings += generate_titles(titles, seed)
    rng = random.Random(5)
    strings += [mutate(rng.choice(strings), rng) for _ in range(mutations)]
    return list(dict.fromkeys(strings))


def _readings(title: str) -> tuple[str, ...]:
    """The repr of every public parsing function's result for ``title`` (an exception's type and text)."""
    import radarr_pipeline.parsing as parsing
    from radarr_pipeline.parsing.scene import get_scene_title, is_scene_title
    from radarr_pipeline.parsing.title_parser import normalize_imdb_id

    stem = title.rsplit(".", 1)[0]
    calls: list[Callable[[], object]] = [
        lambda: parsing.parse_release_title(title),
        lambda: parsing.parse_release_title(title, is_dir=True),
        lambda: parsing.parse_library_name(title),
        lambda: parsing.library_group_and_edition(title),
        lambda: parsing.library_file_templates_and_fields(title, stem, title[: title.find(")") + 1]),
        lambda: parsing.parse_quality(title),
        lambda: parsing.parse_name_quality(title),
        lambda: parsing.quality_template(title),
        lambda: parsing.parse_languages(title),
        lambda: parsing.parse_release_group(title),
        lambda: parsing.parse_edition(title),
        lambda: parsing.clean_movie_title(title),
        lambda: parsing.parse_movie_path(title),
        lambda: parsing.parse_hardcoded_subs(title),
        lambda: normalize_imdb_id(title),
        lambda: get_scene_title(title),
        lambda: is_scene_title(title),
        lambda: parsing.parse_many([title, title.upper()]),
    ]
    readings: list[str] = []
    for call in calls:
        try:
            readings.append(repr(call()))
        except Exception as exc:  # an exception is a reading too: both sides must raise the same
            readings.append(f"{type(exc).__name__}: {exc}")
    return tuple(readings)


def _side(corpus_file: Path, out: Path, tree: Path) -> None:
    """Child process: the readings of every title of the corpus, by the parser of the checkout ``tree``."""
    sys.path.insert(0, str(tree))
    import radarr_pipeline.parsing as parsing

    titles = pickle.loads(corpus_file.read_bytes())
    results = [_readings(title) for title in titles]
    native = getattr(parsing, "native", None)  # an oracle from before the compiled build has none
    out.write_bytes(pickle.dumps((bool(native and native.IN_USE), results)))


def _run_side(native: bool, corpus_file: Path, out: Path, tree: Path = ROOT) -> tuple[bool, list[tuple[str, ...]]]:
    """The readings by ``tree``'s parser, compiled when ``native`` (and its build is current), else plain."""
    env = {**os.environ, "RADARR_PIPELINE_NATIVE": "1" if native else "0"}
    subprocess.run([sys.executable, __file__, "--side", str(corpus_file), str(out), str(tree)], env=env, check=True)
    in_use, results = pickle.loads(out.read_bytes())
    return in_use, results


def _kind(native: bool) -> str:
    return "compiled" if native else "plain"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=50_000, help="generated titles per seed")
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11])
    parser.add_argument("--mutations", type=int, default=20_000)
    parser.add_argument("--oracle", type=Path, help="another checkout to compare this one with (both compiled"
                        " when their builds are current)")
    parser.add_argument("--side", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        _side(*args.side)
        return 0
    titles = corpus(args.titles, args.seeds, args.mutations)
    with tempfile.TemporaryDirectory() as folder:
        corpus_file = Path(folder) / "corpus.pickle"
        corpus_file.write_bytes(pickle.dumps(titles))
        native_in_use, this = _run_side(True, corpus_file, Path(folder) / "this.pickle")
        if args.oracle:
            other_native, other = _run_side(True, corpus_file, Path(folder) / "other.pickle", args.oracle.resolve())
            sides = f"this checkout ({_kind(native_in_use)}) against {args.oracle} ({_kind(other_native)})"
        else:
            _plain, other = _run_side(False, corpus_file, Path(folder) / "other.pickle")
            sides = "compiled against plain"
    if not native_in_use and not args.oracle:
        print("the compiled build is not in use (missing or older than the sources): run"
              " scripts/build_native_parser.py", file=sys.stderr)
        return 2
    differences = [(title, a, b) for title, a, b in zip(titles, this, other, strict=True) if a != b]
    print(f"{sides}: {len(titles):,} titles x {len(other[0])} functions: {len(differences)} differences")
    for title, a, b in differences[:20]:
        print(f"  {title!r}")
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:  # from a little before the first character that differs
                start = max(0, len(os.path.commonprefix([x, y])) - 60)  # noqa: RUF071 - by character, as meant
                print(f"    function {index}: this   ...{x[start:start + 240]}\n"
                      f"    {'':>{len(str(index)) + 9}} other  ...{y[start:start + 240]}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
