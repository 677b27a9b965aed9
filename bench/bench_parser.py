"""Parser throughput: this parser cold (no cache), cached, and guessit alone on a sample, side by side.

    .venv/bin/python bench/bench_parser.py [--titles 100000] [--guessit-sample 2000] [--seed 7] [--rounds 3]
        [--slices 20]

Generates its own varied titles (naming styles, qualities, groups, editions, languages, anime, folders,
junk). Run by hand; not part of the test suite. The parser's hot modules run compiled when their build is
current (radarr_pipeline/parsing/native.py); ``RADARR_PIPELINE_NATIVE=0`` measures the plain modules. On a shared
machine the cold run's CPU time is printed beside its wall-clock time (load from other processes only affects the
latter). The last lines give the ratio to guessit in CPU time over ``--rounds`` alternations (the bulk parse, then
guessit's sample): both sides of each ratio ran under the same load, one right after the other; then the same over
``--slices`` paired slices of both (a slice of the titles, then a slice of the sample), whose median a slow spell of
the machine moves least.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = (
    "the", "dark", "night", "rising", "return", "king", "lost", "city", "river", "house", "star", "wars",
    "empire", "strikes", "back", "blade", "runner", "alien", "matrix", "heat", "jaws", "vertigo", "psycho",
    "casablanca", "memento", "inception", "arrival", "gravity", "her", "drive", "sicario", "amelie", "oldboy",
    "parasite", "roma", "coco", "up", "cars", "toy", "story", "frozen", "moana", "brave", "shrek", "rocky",
    "rambo", "predator", "terminator", "robocop", "gladiator", "titanic", "avatar", "dune", "fargo", "seven",
    "zodiac", "prisoners", "heat", "ronin", "collateral", "of", "and", "a", "in", "on", "to", "at", "for",
    "from", "with", "la", "le", "der", "die", "das", "el", "los",
)
SOURCES = ["BluRay", "Blu-Ray", "WEB-DL", "WEBRip", "WEB", "HDTV", "DVDRip", "BDRip", "BRRip", "HDRip", "DVD5",
           "CAM", "HDCAM", "TS", "TELESYNC", "DVDSCR", "AMZN.WEB-DL", "NF.WEB-DL", "UHD.BluRay", "REMUX",
           "BluRay.REMUX", "WEB-DLRip", "PDTV", "DSR", "R5", "TC", "WORKPRINT", "BDREMUX", ""]
RESOLUTIONS = ["2160p", "1080p", "720p", "480p", "576p", "1080i", "4K", "UHD", "", ""]
CODECS = ["x264", "x265", "H.264", "H.265", "HEVC", "AVC", "XviD", "DivX", "AV1", "10bit.x265", ""]
AUDIO = ["DTS", "DTS-HD.MA.5.1", "TrueHD.7.1.Atmos", "DD5.1", "DDP5.1", "AAC2.0", "AC3", "FLAC", "EAC3", "", ""]
GROUPS = ["SPARKS", "GECKOS", "FraMeSToR", "NTb", "FLUX", "CMRG", "EVO", "YIFY", "RARBG", "AMIABLE", "DON",
          "HiFi", "playHD", "EbP", "CtrlHD", "TayTO", "BLOW", "KiNGDOM", "ION10", "PSA", "Tigole", "QxR",
          "D-Z0N3", "DIMENSION", "LOL", "KILLERS", "W4F", "RlsGrp", "VXT", "iFT", "NOGRP", "TEPES"]
EDITIONS = ["", "", "", "", "EXTENDED", "Directors.Cut", "UNRATED", "REMASTERED", "IMAX", "Theatrical",
            "Special.Edition", "Ultimate.Edition", "25th.Anniversary.Edition", "Criterion", "Open.Matte", "UNCUT"]
LANGUAGES = ["", "", "", "", "", "GERMAN", "FRENCH", "TRUEFRENCH", "MULTi", "iTALiAN", "SPANISH", "German.DL",
             "ENG", "RUS", "POLISH", "Hindi", "Korean", "NORDiC", "DUBBED", "SUBBED", "KORSUB", "PL", "VOSTFR"]
REVISIONS = ["", "", "", "", "", "", "PROPER", "REPACK", "REPACK2", "REAL.PROPER", "RERIP", "iNTERNAL"]
EXTENSIONS = ["", "", "", "", ".mkv", ".mp4", ".avi", ".m2ts", ".iso"]


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))).title()


def _scene(rng: random.Random, serial: int) -> str:
    parts = [_title(rng).replace(" ", "."), str(rng.randint(1930, 2025))]
    for pool in (EDITIONS, LANGUAGES, REVISIONS, RESOLUTIONS, SOURCES, AUDIO, CODECS):
        token = rng.choice(pool)
        if token:
            parts.append(token)
    return ".".join(parts) + f"-{rng.choice(GROUPS)}{serial % 97 or ''}" + rng.choice(EXTENSIONS)


def _spaced(rng: random.Random, serial: int) -> str:
    quality = " ".join(filter(None, (rng.choice(RESOLUTIONS), rng.choice(SOURCES), rng.choice(CODECS))))
    return f"{_title(rng)} ({rng.randint(1930, 2025)}) [{quality}] {rng.choice(LANGUAGES)} {serial}".strip()


def _plex(rng: random.Random, serial: int) -> str:
    return (f"{_title(rng)} ({rng.randint(1950, 2025)}) {{tmdb-{serial}}} "
            f"[{rng.choice(SOURCES) or 'WEBDL'}-{rng.choice(RESOLUTIONS) or '1080p'}]{rng.choice(EXTENSIONS)}")


def _anime(rng: random.Random, serial: int) -> str:
    hash8 = f"{rng.getrandbits(32):08X}"
    resolution = rng.choice(RESOLUTIONS) or "1080p"
    return f"[{rng.choice(GROUPS)}] {_title(rng)} - {serial % 200:02d} ({resolution}) [{hash8}].mkv"


def _junk(rng: random.Random, serial: int) -> str:
    kind = serial % 5
    if kind == 0:
        return f"{rng.getrandbits(160):040x}"
    if kind == 1:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(36))
    if kind == 2:
        return f"password - \"{serial}\" yEnc"
    if kind == 3:
        episode = f"S{serial % 20:02d}E{serial % 30:02d}"
        return f"{_title(rng)} {episode} {rng.choice(RESOLUTIONS)} HDTV x264-{rng.choice(GROUPS)}"
    return "Фильм " + _title(rng) + f" {rng.randint(1950, 2025)} " + "日本語 " + rng.choice(RESOLUTIONS)


STYLES = ((_scene, 60), (_spaced, 15), (_plex, 8), (_anime, 7), (_junk, 10))


def generate_titles(count: int, seed: int,
                    styles: tuple[tuple[Callable[[random.Random, int], str], int], ...] = STYLES) -> list[str]:
    """``count`` distinct titles in a realistic mix of naming styles (``styles``: each maker with its weight)."""
    rng = random.Random(seed)
    makers = [maker for maker, weight in styles for _ in range(weight)]
    titles: dict[str, None] = {}
    serial = 0
    while len(titles) < count:
        serial += 1
        titles[rng.choice(makers)(rng, serial)] = None
    return list(titles)


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} titles/s  ({seconds:7.2f} s for {count:,})"


def _duckdb_figures(titles: list[str]) -> tuple[float, float]:
    """Seconds for parse_through_cache on an empty DuckDB cache (parse + store) and then on the warm cache."""
    import tempfile

    from radarr_pipeline.parsing import _parse_cached
    from radarr_pipeline.services.scoring import parse_through_cache
    from radarr_pipeline.store.parse_cache import ParseCache

    with tempfile.TemporaryDirectory() as folder, ParseCache(Path(folder) / "bench.parse-cache.duckdb").connection(
            ) as conn:  # the parse cache's file as the pipeline has it
        _parse_cached.cache_clear()
        start = time.perf_counter()
        parse_through_cache(conn, titles)
        cold = time.perf_counter() - start
        _parse_cached.cache_clear()
        start = time.perf_counter()
        parse_through_cache(conn, titles)
        warm = time.perf_counter() - start
    return cold, warm


def _cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _guessit_all(sample: list[str]) -> None:
    import guessit

    for title in sample:
        with contextlib.suppress(Exception):  # guessit raises on some junk; it still counts
            guessit.guessit(title, {"type": "movie"})


def alternating_ratios(titles: list[str], sample: list[str], rounds: int) -> list[tuple[float, float]]:
    """(bulk CPU seconds per title, guessit CPU seconds per title) for each round; each round parses every
    title cold with ``parse_many`` and then runs guessit on the sample, so both see the same load."""
    return [_cold_then_guessit(titles, sample) for _ in range(rounds)]


def _cold_then_guessit(titles: list[str], sample: list[str]) -> tuple[float, float]:
    """(CPU seconds per title of a cold ``parse_many`` of ``titles``, CPU seconds per title of guessit on
    ``sample``), one right after the other; the parse cache is left empty."""
    from radarr_pipeline.parsing import _parse_cached, parse_many

    _parse_cached.cache_clear()
    ours = _cpu_seconds(lambda: parse_many(titles)) / len(titles)
    _parse_cached.cache_clear()
    return ours, _cpu_seconds(lambda: _guessit_all(sample)) / len(sample)


def paired_slice_ratios(titles: list[str], sample: list[str], slices: int) -> list[float]:
    """The ratio to guessit, in CPU time, measured ``slices`` times on paired slices: the i-th slice of the titles
    parsed cold with ``parse_many``, then guessit on the i-th slice of the sample, right after. Each pair runs
    within a second, so both sides see the same load: a slow spell of the shared machine moves one ratio, where
    it can move a whole round of the alternating figure."""
    ratios = []
    for index in range(slices):
        ours, theirs = _cold_then_guessit(
            titles[index * len(titles) // slices : (index + 1) * len(titles) // slices],
            sample[index * len(sample) // slices : (index + 1) * len(sample) // slices],
        )
        ratios.append(theirs / ours)
    return ratios


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=100_000)
    parser.add_argument("--guessit-sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slices", type=int, default=20, help="paired slices for the last figure (0: none)")
    args = parser.parse_args()

    from radarr_pipeline.parsing import _parse_cached, native, parse_many, parse_release_title, scene_tokens

    titles = generate_titles(args.titles, args.seed)
    print("parser modules: " + ("compiled with mypyc (build/native)" if native.IN_USE else "plain Python (turned"
                                " off, or no current build: scripts/build_native_parser.py)"))
    print(f"scene token table: {len(scene_tokens.tables().tokens):,} spellings (built on first use)")
    print(f"{len(titles):,} distinct generated titles; guessit on the first {args.guessit_sample:,}")

    _parse_cached.cache_clear()
    start, start_cpu = time.perf_counter(), time.process_time()
    parsed = [parse_release_title(title) for title in titles]
    cold, cold_cpu = time.perf_counter() - start, time.process_time() - start_cpu

    del parsed
    _parse_cached.cache_clear()
    start = time.perf_counter()
    parsed = parse_many(titles)
    bulk = time.perf_counter() - start

    in_process = titles[-min(len(titles), _parse_cached.cache_info().maxsize or len(titles)) :]
    start = time.perf_counter()
    for title in in_process:
        parse_release_title(title)
    cached = time.perf_counter() - start

    store_cold, store_warm = _duckdb_figures(titles)

    sample = titles[: args.guessit_sample]
    import guessit

    guessit.guessit("warm.up.2019.1080p.BluRay.x264-GRP")
    start = time.perf_counter()
    _guessit_all(sample)
    guess = time.perf_counter() - start

    _parse_cached.cache_clear()
    start = time.perf_counter()
    for title in sample:
        parse_release_title(title)
    ours_sample = time.perf_counter() - start

    releases = sum(result is not None for result in parsed)
    from radarr_pipeline.parsing.scene_fast_path import parse_scene_title

    fast = sum(parse_scene_title(title) is not None for title in titles)
    from radarr_pipeline.parsing.title_parser import clean_release_title, match_plex_shape

    plex = sum(match_plex_shape(clean_release_title(title)) is not None for title in titles)
    print(f"not a release: {len(titles) - releases:,}; parsed: {releases:,}; "
          f"answered by the scene fast path: {fast:,} ({fast / len(titles):.1%}); "
          f"title found by the plex shape: {plex:,} ({plex / len(titles):.1%})")
    print(f"{'this parser, cold (no cache)':<34}{_rate(len(titles), cold)}")
    # CPU time of this process: the same run, without the time other processes took the cores.
    print(f"{'  same run, CPU time of this process':<34}{_rate(len(titles), cold_cpu)}")
    print(f"{'this parser, cold, bulk (parse_many)':<34}{_rate(len(titles), bulk)}")
    print(f"{'this parser, cached (in-process)':<34}{_rate(len(in_process), cached)}")
    print(f"{'DuckDB parse_through_cache, empty cache':<34}{_rate(len(titles), store_cold)}")
    print(f"{'DuckDB parse_through_cache, warm cache':<34}{_rate(len(titles), store_warm)}")
    print(f"{'this parser, cold, guessit sample':<34}{_rate(len(sample), ours_sample)}")
    print(f"{'guessit alone, same sample':<34}{_rate(len(sample), guess)}")
    print(f"speed-up over guessit (cold): {guess / len(sample) / (cold / len(titles)):,.0f}x")
    print(f"speed-up over guessit (cold, bulk): {guess / len(sample) / (bulk / len(titles)):,.0f}x")
    ratios = [guess_cpu / bulk_cpu for bulk_cpu, guess_cpu in alternating_ratios(titles, sample, args.rounds)]
    print(f"speed-up over guessit (cold, bulk, CPU time, {args.rounds} alternating rounds): "
          f"median {statistics.median(ratios):,.0f}x  (rounds: {', '.join(f'{r:,.0f}x' for r in ratios)})")
    if args.slices:
        sliced = sorted(paired_slice_ratios(titles, sample, args.slices))
        quartiles = statistics.quantiles(sliced, n=4)
        print(f"speed-up over guessit (cold, bulk, CPU time, {args.slices} paired slices): "
              f"median {statistics.median(sliced):,.0f}x  (quartiles {quartiles[0]:,.0f}x-{quartiles[2]:,.0f}x, "
              f"range {sliced[0]:,.0f}x-{sliced[-1]:,.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
