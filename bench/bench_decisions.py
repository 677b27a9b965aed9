"""Decision engine throughput: releases x wanted movies x custom formats, per stage, with peak memory, beside a
naive per-release Python loop measured on a subsample in the same run.

    .venv/bin/python bench/bench_decisions.py [--releases 100000] [--movies 10000] [--formats 40]
                                              [--baseline-sample 300] [--seed 11]

The library (movies, variants, files, releases) is generated into a temporary DuckDB file; a first run parses
every release title into the parse cache (reported on its own: a real run only parses titles it has not seen).
The scoring run (``services.scoring.score_store``: load with the file open, decide with it closed, write) happens
in a child process so its peak RSS is its own; "load" and "write" are the two holds of the file. Run by hand;
not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.decisions.matching import release_is_for_movie
from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality.custom_formats import CustomFormat, load_custom_format
from radarr_pipeline.quality.profiles import build_quality_profile
from radarr_pipeline.services.scoring import score_store
from radarr_pipeline.store import LibraryStore
from tests.quality.format_oracle import OracleInput, matching_names

TRASH_CF = Path(__file__).resolve().parents[1] / "tests" / "data" / "trash" / "cf"
WORDS = ("dark", "night", "rising", "return", "king", "lost", "city", "river", "house", "star", "empire", "blade",
         "runner", "alien", "matrix", "heat", "jaws", "vertigo", "psycho", "memento", "arrival", "gravity", "drive",
         "sicario", "oldboy", "parasite", "coco", "frozen", "moana", "brave", "shrek", "rocky", "rambo", "predator",
         "robocop", "gladiator", "titanic", "avatar", "dune", "fargo", "zodiac", "prisoners", "ronin", "collateral",
         "winter", "summer", "ghost", "shadow", "iron", "golden", "silent", "wild", "broken", "hidden", "final")
QUALITY_TOKENS = ("2160p.UHD.BluRay.x265", "1080p.BluRay.x264", "1080p.WEB-DL.DDP5.1.H.264", "1080p.WEBRip.x265",
                  "720p.BluRay.x264", "720p.HDTV.x264", "1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1", "2160p.WEB-DL.HDR.DV",
                  "DVDRip.XviD", "HDCAM", "1080p.AMZN.WEB-DL.DDP5.1.H.264", "2160p.BluRay.REMUX.HEVC.TrueHD.Atmos")
EXTRAS = ("", "", "", "PROPER.", "REPACK.", "EXTENDED.", "IMAX.", "MULTi.", "GERMAN.DL.", "Directors.Cut.")
GROUPS = ("SPARKS", "GECKOS", "FraMeSToR", "NTb", "FLUX", "CMRG", "EVO", "YIFY", "RARBG", "AMIABLE", "DON",
          "HiFi", "playHD", "EbP", "CtrlHD", "TayTO", "BLOW", "KiNGDOM", "ION10", "PSA", "Tigole", "QxR")
PROFILES = {
    "HD-1080p": (["Bluray-720p", {"name": "WEB 1080p", "qualities": ["WEBDL-1080p", "WEBRip-1080p"]},
                  "Bluray-1080p", "Remux-1080p"], "Bluray-1080p"),
    "UHD": ([{"name": "WEB 2160p", "qualities": ["WEBDL-2160p", "WEBRip-2160p"]}, "Bluray-2160p", "Remux-2160p"],
            "Remux-2160p"),
}


def _movie_title(rng: random.Random, serial: int) -> str:
    words = [rng.choice(WORDS).title() for _ in range(rng.randint(1, 3))]
    return " ".join(words) + f" {serial}"  # a serial keeps 10,000 titles distinct, as a real library is


def load_formats(count: int, seed: int) -> tuple[list[CustomFormat], dict[str, int]]:
    files = sorted(TRASH_CF.glob("*.json"))
    if not files:
        raise SystemExit(f"TRaSH custom formats missing at {TRASH_CF}")
    random.Random(seed).shuffle(files)
    formats: list[CustomFormat] = []
    scores: dict[str, int] = {}
    for path in files:
        if len(formats) == count:
            break
        try:
            custom_format = load_custom_format(path)
        except ValueError:
            continue
        formats.append(custom_format)
        scores[custom_format.name] = json.loads(path.read_text()).get("trash_scores", {}).get("default", 0)
    return formats, scores


def generate(store: LibraryStore, releases: int, movies: int, seed: int) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    titles = [(_movie_title(rng, i), rng.randint(1950, 2024)) for i in range(movies * 2)]  # half not wanted
    movie_rows = pd.DataFrame({
        "id": range(1, movies + 1), "title": [t for t, _ in titles[:movies]], "year": [y for _, y in titles[:movies]],
        "imdb_id": [f"tt{1000000 + i}" for i in range(movies)], "runtime_minutes": [rng.choice([0, 95, 120, 150])
                                                                                     for _ in range(movies)],
    })
    variant_rows = pd.DataFrame({"id": range(1, movies + 1), "movie_id": range(1, movies + 1),
                                 "quality_profile": [rng.choice(list(PROFILES)) for _ in range(movies)],
                                 "root_folder": ["/tmp"] * movies})
    with_file = rng.sample(range(1, movies + 1), movies // 5)
    file_rows = pd.DataFrame({"variant_id": with_file, "path": [f"/lib/{v}.mkv" for v in with_file],
                              "size": [4 << 30] * len(with_file),
                              "quality": [rng.choice(["Bluray-720p", "WEBDL-1080p", "WEBDL-2160p"])
                                          for _ in with_file]})
    rows = []
    for i in range(releases):
        wanted = rng.random() < 0.7
        title, year = titles[rng.randrange(movies)] if wanted else titles[movies + rng.randrange(movies)]
        name = (f"{title.replace(' ', '.')}.{year}.{rng.choice(EXTRAS)}{rng.choice(QUALITY_TOKENS)}"
                f"-{rng.choice(GROUPS)}")
        rows.append((i + 1, f"guid-{i}", name, f"indexer-{i % 3}", rng.randint(300, 60_000) << 20,
                     rng.choice([0, 1, 5, 20, 200]), now - timedelta(minutes=rng.randint(0, 100_000)),
                     f"magnet:?xt=urn:btih:{i:040x}"))
    release_rows = pd.DataFrame(rows, columns=["id", "guid", "title", "indexer", "size", "seeders", "published_at",
                                               "magnet_url"])
    with store.open() as library:
        conn = library.conn
        conn.register("m", movie_rows)
        conn.execute("INSERT INTO movies (id, title, year, imdb_id, runtime_minutes) SELECT * FROM m")
        conn.register("v", variant_rows)
        conn.execute("INSERT INTO variants (id, movie_id, quality_profile, root_folder) SELECT * FROM v")
        conn.register("f", file_rows)
        conn.execute("INSERT INTO movie_files (variant_id, path, size, quality, import_mode, added_at)"
                     " SELECT *, 'hardlink', now() FROM f")
        conn.execute("INSERT INTO wanted SELECT id, 'missing', now() FROM variants")
        conn.register("r", release_rows)
        conn.execute("INSERT INTO releases (id, guid, title, indexer, size, seeders, published_at, magnet_url,"
                     " first_seen_at) SELECT *, now() FROM r")


def profiles_with(scores: dict[str, int]) -> dict:
    return {name: build_quality_profile(name, allowed, cutoff, format_scores=scores, min_format_score=-10_000)
            for name, (allowed, cutoff) in PROFILES.items()}


def _score_in_child(path: str, formats_count: int, seed: int, queue: multiprocessing.Queue) -> None:
    formats, scores = load_formats(formats_count, seed)
    ctx = DecisionContext(profiles=profiles_with(scores), now=datetime.now(UTC), delay_minutes=60,
                          minimum_seeders={f"indexer-{i}": 1 for i in range(3)})
    started = time.perf_counter()
    evaluation, _ = score_store(LibraryStore(path), formats, ctx)  # the workflow's own load -> decide -> write
    total = time.perf_counter() - started
    status = pd.Series(evaluation.status).value_counts().to_dict()
    timed_out = int((~evaluation.candidates.formats_known.astype(bool)).sum())
    queue.put({"timings": evaluation.timings, "total": total, "status": status, "timed_out": timed_out,
               "candidates": len(evaluation.status), "rejections": len(evaluation.rejection_rules),
               "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def baseline(path: str, formats_count: int, seed: int, sample: int) -> tuple[float, int]:
    """The naive way: each release against each wanted movie, formats per (release, movie), in Python (the
    per-release custom-format oracle of the tests)."""
    formats, scores = load_formats(formats_count, seed)
    with LibraryStore(path).open(read_only=True) as library:
        movies = [Movie(id=r[0], title=r[1], year=r[2], imdb_id=r[3]) for r in library.conn.execute(
            "SELECT id, title, year, imdb_id FROM movies ORDER BY id").fetchall()]
        titles = [r[0] for r in library.conn.execute(
            "SELECT title FROM releases ORDER BY id LIMIT ?", [sample]).fetchall()]
    started = time.perf_counter()
    decisions = 0
    for title in titles:
        parsed = parse_release_title(title)
        release = IndexerRelease(guid=title, title=title, indexer="x")
        for movie in movies:
            if not release_is_for_movie(release, parsed, movie):
                continue
            facts = OracleInput(simple_release_title=title, quality=parsed.quality.quality if parsed else None,
                                release_group=parsed.release_group if parsed else None)
            sum(scores.get(name, 0) for name in matching_names(formats, facts))
            decisions += 1
    return time.perf_counter() - started, decisions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--movies", type=int, default=10_000)
    parser.add_argument("--formats", type=int, default=40)
    parser.add_argument("--baseline-sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.duckdb")
        store = LibraryStore(path)
        started = time.perf_counter()
        generate(store, args.releases, args.movies, args.seed)
        print(f"generated {args.releases:,} releases, {args.movies:,} wanted movies: "
              f"{time.perf_counter() - started:.1f} s")
        formats, scores = load_formats(args.formats, args.seed)
        ctx = DecisionContext(profiles=profiles_with(scores), now=datetime.now(UTC), delay_minutes=60,
                              minimum_seeders={f"indexer-{i}": 1 for i in range(3)})
        started = time.perf_counter()
        evaluation, _ = score_store(store, formats, ctx)  # every title is new: parsed with the file closed
        timings = evaluation.timings
        print(f"run after {args.releases:,} new releases: {time.perf_counter() - started:.1f} s, of which parsing "
              f"the new titles {timings['parse_new_titles']:.1f} s with the database closed; longest hold of the "
              f"file {max(timings['load'], timings['write']):.2f} s (the parse is not part of a steady-state run)")
        runs = []
        for _ in range(2):  # the first run also creates the candidates; the second is the steady state
            queue: multiprocessing.Queue = multiprocessing.Queue()
            child = multiprocessing.get_context("fork").Process(
                target=_score_in_child, args=(path, args.formats, args.seed, queue))
            child.start()
            runs.append(queue.get())
            child.join()
        for label, run in zip(("first run", "second run"), runs, strict=True):
            stages = ", ".join(f"{k} {v:.2f} s" for k, v in run["timings"].items())
            print(f"\n{label}: {run['total']:.2f} s in all; peak RSS {run['peak_rss_mib']:.0f} MiB")
            print(f"  stages: {stages}")
            print(f"  longest hold of the database file: {max(run['timings']['load'], run['timings']['write']):.2f} s")
            print(f"  {run['candidates']:,} candidates {run['status']}, {run['rejections']:,} rejection reasons; "
                  f"{run['timed_out']:,} with a format regex that timed out (a loaded machine)")
        seconds, decisions = baseline(path, args.formats, args.seed, args.baseline_sample)
        per_release = seconds / args.baseline_sample
        print(f"\nbaseline (per-release Python loop over every movie, formats per pair) on {args.baseline_sample} "
              f"releases: {seconds:.2f} s, {decisions} decisions -> {per_release * 1000:.1f} ms a release, "
              f"about {per_release * args.releases:.0f} s for {args.releases:,}")
        print(f"speed-up of the bulk engine: about {per_release * args.releases / runs[-1]['total']:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
