"""Worst single inputs, timed: bounds that used to be asserted inside the tests, where a loaded machine made them
flaky and a fast one made them prove nothing.

    .venv/bin/python bench/bench_worst_cases.py [--repeat 5]

Each line prints the best and the median of ``--repeat`` runs beside a budget (what a user would notice).
The exit status is 1 when a best time is over its budget. Run by hand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from radarr_pipeline.parsing import _parse_cached, parse_release_title
from radarr_pipeline.quality.custom_formats import ReleaseFacts, load_custom_formats, matching_formats

TRASH_CF = Path(__file__).resolve().parents[1] / "tests" / "data" / "trash" / "cf"
HUGE_TITLE = "Movie." * 200_000 + "2019.1080p.BluRay.x264-GRP"
REMUX_TITLE = "Movie.Title.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1.Atmos-FraMeSToR"


def _times(action: Callable[[], object], repeat: int, before: Callable[[], object] = lambda: None) -> list[float]:
    times = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    formats = load_custom_formats(TRASH_CF)
    parsed = parse_release_title(REMUX_TITLE)
    assert parsed is not None
    release = ReleaseFacts(title=parsed.release_title, quality=parsed.quality, edition=parsed.edition,
                           languages=parsed.languages, release_group=parsed.release_group, year=parsed.year)
    cases: list[tuple[str, float, list[float]]] = [
        (f"parse a {len(HUGE_TITLE) / 1e6:.1f} MB title, cold", 2.0,
         _times(lambda: parse_release_title(HUGE_TITLE), args.repeat, before=_parse_cached.cache_clear)),
        (f"load all {len(formats)} TRaSH custom formats", 5.0,
         _times(lambda: load_custom_formats(TRASH_CF), args.repeat)),
        (f"match one release against all {len(formats)} formats", 1.0,
         _times(lambda: matching_formats(formats, release), args.repeat)),
    ]
    over = False
    for name, budget, times in cases:
        best = min(times)
        verdict = "ok" if best <= budget else "OVER BUDGET"
        over = over or best > budget
        print(f"{name:<48} best {best * 1000:8.1f} ms  median {statistics.median(times) * 1000:8.1f} ms  "
              f"budget {budget * 1000:6.0f} ms  {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
