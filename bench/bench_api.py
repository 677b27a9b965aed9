"""HTTP API latency over a 10,000-movie library: p50/p99 of GET movie, GET movie/{id}, GET movie?tmdbId=,
GET queue, GET calendar, GET wanted/missing and GET wanted/cutoff against `radarr-pipeline serve` (its own
process), first alone, then while another process writes the library in a loop (the wanted_movies service, as a
pipeline run does); counts of 503 (the bounded wait for DuckDB's single writer) and of any other 5xx (there must
be none). Several sizes (``--movies 10000 50000``) run one after the other, each with its own library and
server; the last table gives each endpoint's growth from one size to the next beside the growth in movies.

    .venv/bin/python bench/bench_api.py [--movies 10000 ...] [--requests 200] [--list-requests 20] [--alone]

Baseline in the same run: the "alone" rows; the "writing" rows show the ratio of their p50 to it. The library
is built through the store's bulk calls (movies, versions, release dates, metadata in one statement each; a file
for every other movie, two tags on every fifth, 100 tracked downloads, half the files below their cutoff). Run
by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_home import MINIMAL_CONFIG  # noqa: E402

KEY = "0123456789abcdef0123456789abcdef"
KEY_ENV = "BENCH_RADARR_API_KEY"
CONFIG = MINIMAL_CONFIG + """\
api:
  port: {port}
  api_key_env: {env}
  database_wait_seconds: {wait}
"""
WRITER = """
import sys, time
from datetime import UTC, datetime
from radarr_pipeline.config import load_config
from radarr_pipeline.services.wanted import refresh_wanted
config = load_config(sys.argv[1])
print("ready", flush=True)
runs, busy = 0, 0
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    try:
        refresh_wanted(config, datetime.now(UTC))
        runs += 1
    except Exception:  # the API may hold the file for a moment: count it, try again
        busy += 1
    time.sleep(float(sys.argv[3]))
print(runs, busy, flush=True)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_library(config_path: Path, movies: int) -> None:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    root = str(config.root_folders[0])
    now = datetime.now(UTC)
    with LibraryStore(config.database).open() as library:
        added = library.movies.add_many([{"title": f"Bench Movie {n}", "year": 1950 + n % 75, "tmdb_id": 10_000 + n,
                                          "imdb_id": f"tt{9_000_000 + n}", "runtime_minutes": 90 + n % 60}
                                         for n in range(movies)])
        variants = library.movies.add_variants_many([(m.id, "HD", root) for m in added])
        today = date.today()
        library.conn.execute(  # release dates spread over four months around today, in one statement
            "UPDATE movies SET in_cinemas = ?::DATE + CAST(id % 120 - 60 AS INTEGER),"
            " digital_release = ?::DATE + CAST(id % 120 - 30 AS INTEGER), genres = ['Drama', 'Comedy'],"
            " certification = 'PG-13', tmdb_status = 'Released', poster_path = '/poster' || id || '.jpg'",
            [today, today])
        library.files.record_many([
            {"variant_id": v.id, "path": f"{root}/Bench Movie {n} ({1950 + n % 75})/Bench.Movie.{n}.1080p.mkv",
             "size": 8 * 1024**3, "quality": "Bluray-1080p" if n % 4 else "Bluray-720p", "import_mode": "move",
             "release_group": "GRP", "scene_name": f"Bench.Movie.{n}.1080p.BluRay.x264-GRP"}
            for n, v in enumerate(variants) if n % 2 == 0], now)
        library.conn.execute("INSERT INTO tags (label) VALUES ('1 - admin'), ('lists')")
        library.conn.execute("INSERT INTO movie_tags SELECT m.id, t.id FROM movies m, tags t WHERE m.id % 5 = 0")
        for n, variant in enumerate(variants[:100]):
            library.downloads.track(variant_id=variant.id, release_id=None, client="qbittorrent",
                                    download_id=f"{n:040x}", title=f"Bench.Movie.{n}.1080p.BluRay.x264-GRP",
                                    quality="Bluray-1080p", size=8 * 1024**3, at=now - timedelta(minutes=n))


def start_server(folder: Path, config: Path, port: int) -> subprocess.Popen[bytes]:
    log = (folder / "serve.log").open("wb")
    env = {**os.environ, KEY_ENV: KEY}
    process = subprocess.Popen([sys.executable, "-m", "radarr_pipeline.cli", "serve", "--config", str(config)],
                               stdout=log, stderr=subprocess.STDOUT, env=env, cwd=folder)
    log.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api", timeout=1)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("serve did not start: " + (folder / "serve.log").read_text())


def measure(client: httpx.Client, path: str, params: dict[str, str], count: int) -> tuple[list[float], dict[int, int]]:
    times: list[float] = []
    statuses: dict[int, int] = {}
    for _ in range(count):
        started = time.perf_counter()
        answer = client.get(path, params=params)
        times.append(time.perf_counter() - started)
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
    return times, statuses


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--movies", type=int, nargs="+", default=[10_000], help="library sizes, one run each")
    parser.add_argument("--requests", type=int, default=200, help="requests per small endpoint and phase")
    parser.add_argument("--list-requests", type=int, default=20, help="requests of GET movie (all) per phase")
    parser.add_argument("--wait", type=float, default=3.0, help="api.database_wait_seconds")
    parser.add_argument("--writer-pause", type=float, default=0.5,
                        help="seconds the writer leaves the file closed between its runs (0: back to back)")
    parser.add_argument("--alone", action="store_true", help="only the alone phase (no writer)")
    parser.add_argument("--editor", type=int, default=1000, help="movies the movie editor changes at once (0: none)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a request may take")
    args = parser.parse_args()
    rows: list[tuple[int, str, str, int, float, float, int, int]] = []
    for movies in args.movies:
        rows.extend(run(args, movies))
    print_tables(rows, args.movies)
    if any(r[7] for r in rows):
        raise SystemExit("some answers were 5xx other than 503")


def run(args: argparse.Namespace, movies: int) -> list[tuple[int, str, str, int, float, float, int, int]]:
    """(movies, endpoint, phase, requests, p50 ms, p99 ms, 503s, other 5xx) of each endpoint and phase."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "library/movies").mkdir(parents=True)
        port = free_port()
        config = folder / "config.yaml"
        config.write_text(CONFIG.format(port=port, env=KEY_ENV, wait=args.wait), encoding="utf-8")
        started = time.perf_counter()
        build_library(config, movies)
        print(f"library of {movies} movies built in {time.perf_counter() - started:.1f} s")
        from radarr_pipeline.config import load_config
        from radarr_pipeline.services.wanted import refresh_wanted

        started = time.perf_counter()
        refresh_wanted(load_config(config), datetime.now(UTC))
        print(f"one writer run (refresh_wanted over {movies} movies) holds the library"
              f" {time.perf_counter() - started:.2f} s")
        server = start_server(folder, config, port)
        today = date.today()
        endpoints = [
            ("GET movie", "/api/v3/movie", {}, args.list_requests),
            ("GET movie/{id}", f"/api/v3/movie/{movies // 2}", {}, args.requests),
            ("GET movie?tmdbId=", "/api/v3/movie", {"tmdbId": str(10_000 + movies // 3)}, args.requests),
            ("GET queue", "/api/v3/queue", {"pageSize": "50"}, args.requests),
            ("GET calendar", "/api/v3/calendar", {"start": str(today), "end": str(today + timedelta(days=7))},
             args.requests),
            ("GET wanted/missing", "/api/v3/wanted/missing", {"pageSize": "50"}, args.list_requests),
            ("GET wanted/cutoff", "/api/v3/wanted/cutoff", {"pageSize": "50"}, args.list_requests),
        ]
        rows: list[tuple[int, str, str, int, float, float, int, int]] = []
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-Api-Key": KEY},
                              timeout=args.timeout) as client:
                for name, path, params, _count in endpoints:  # warm up
                    assert client.get(path, params=params).status_code == 200, name
                for phase in ("alone",) if args.alone else ("alone", "writing"):
                    writer = None
                    if phase == "writing":
                        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(config), "100000",
                                                   str(args.writer_pause)],
                                                  stdout=subprocess.PIPE, text=True, cwd=ROOT)
                        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
                    phase_started = time.perf_counter()
                    for name, path, params, count in endpoints:
                        times, statuses = measure(client, path, params, count)
                        busy = statuses.get(503, 0)
                        other = sum(n for s, n in statuses.items() if s >= 500 and s != 503)
                        rows.append((movies, name, phase, count, percentile(times, 50) * 1000,
                                     percentile(times, 99) * 1000, busy, other))
                    if writer is not None:
                        writer.terminate()
                        writer.wait(timeout=30)
                        if writer.stdout is not None:
                            writer.stdout.close()
                        writes = time.perf_counter() - phase_started
                        print(f"writer: refresh_wanted over {movies} movies in a loop for {writes:.0f} s,"
                              f" {args.writer_pause} s closed between runs")
                if args.editor:
                    time_editor(client, movies, args.editor)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return rows


def time_editor(client: httpx.Client, movies: int, count: int) -> None:
    """The movie editor (PUT movie/editor, Radarr's mass editor) on ``count`` movies, beside PUT movie/{id} one
    movie at a time (what the editor costs per movie if it were a loop of single edits)."""
    ids = list(range(1, min(count, movies) + 1))
    started = time.perf_counter()
    for monitored in (False, True):
        answer = client.put("/api/v3/movie/editor", json={"movieIds": ids, "monitored": monitored})
        assert answer.status_code == 202, answer.text
    editor = (time.perf_counter() - started) / 2
    singles = []
    for movie_id in ids[:20]:
        body = client.get(f"/api/v3/movie/{movie_id}").json()
        started = time.perf_counter()
        answer = client.put(f"/api/v3/movie/{movie_id}", json={**body, "monitored": not body["monitored"]})
        singles.append(time.perf_counter() - started)
        assert answer.status_code == 202, answer.text
    single = statistics.median(singles)
    print(f"movie editor: {len(ids)} movies in {editor:.2f} s ({editor / len(ids) * 1000:.1f} ms a movie); "
          f"PUT movie/{{id}} alone: {single * 1000:.0f} ms a movie, so {len(ids)} of them ~{single * len(ids):.1f} s "
          f"({single * len(ids) / editor:.0f}x the editor)")


def print_tables(rows: list[tuple[int, str, str, int, float, float, int, int]], sizes: list[int]) -> None:
    alone = {(r[0], r[1]): r[4] for r in rows if r[2] == "alone"}
    print("\n| movies | endpoint | phase | requests | p50 ms | p99 ms | p50 vs alone | 503 | other 5xx |")
    print("|---|---|---|---|---|---|---|---|---|")
    for movies, name, phase, count, p50, p99, busy, other in rows:
        print(f"| {movies} | {name} | {phase} | {count} | {p50:.1f} | {p99:.1f} | {p50 / alone[movies, name]:.2f}x"
              f" | {busy} | {other} |")
    if len(sizes) > 1:
        print("\n| endpoint | sizes | movies grow | p50 grows |")
        print("|---|---|---|---|")
        for small, large in itertools.pairwise(sizes):
            for (movies, name), p50 in alone.items():
                if movies == small and (large, name) in alone:
                    print(f"| {name} | {small} → {large} | {large / small:.1f}x | {alone[large, name] / p50:.2f}x |")


if __name__ == "__main__":
    main()
