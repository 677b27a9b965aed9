"""Import and library-scan benchmarks, each beside a baseline measured in the same run (run by hand).

    .venv/bin/python bench/bench_import.py [--imports 1000] [--folders 20000]

1. 1,000 small (1 KB) completed downloads imported by hardlink through the real engine (plan, journal, link,
   rename, record), against a bare `ln` loop in bash over the same files. Goal: within 2x.
2. A library scan of 20,000 movie folders (one 1 KB file each), cold (every movie added and recorded) and
   warm (a rescan: unchanged folders skipped), against `find` listing the same files with size and mtime.
   Goal: within 3x. The scan leaves MediaInfo to a background step (as Radarr does); that step's cost, reading
   every file's MediaInfo in batches, is measured and printed beside it, not hidden.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from radarr_pipeline.config import parse_config
from radarr_pipeline.models import DownloadState
from radarr_pipeline.services.importing.engine import import_completed
from radarr_pipeline.services.importing.media import REFRESH_BATCH, refresh_media_info
from radarr_pipeline.services.importing.scan import scan_library
from radarr_pipeline.store import LibraryStore

NOW = datetime(2026, 1, 1, tzinfo=UTC)
KB = b"\0" * 1024


def config(base: Path, root: Path, read_media_info: bool):
    return parse_config({
        "database": "library.duckdb", "root_folders": [str(root)],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:1"},
        "importing": {"read_media_info": read_media_info, "import_extra_files": False},
        "decisions": {"minimum_free_space_mb": 0},
    }, source="bench", base_dir=base)


def prepare_downloads(base: Path, count: int) -> list[Path]:
    downloads = base / "downloads"
    files = []
    for n in range(count):
        folder = downloads / f"Movie.{n}.2000.1080p.BluRay.x264-GRP"
        folder.mkdir(parents=True)
        path = folder / f"{folder.name}.mkv"
        path.write_bytes(KB)
        files.append(path)
    return files


def bench_imports(count: int, read_media_info: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        root = base / "library"
        root.mkdir()
        files = prepare_downloads(base, count)
        cfg = config(base, root, read_media_info)
        with LibraryStore(cfg.database).open() as library:
            for n, path in enumerate(files):
                movie = library.movies.add(title=f"Movie {n}", year=2000, tmdb_id=n + 1)
                variant = library.movies.add_variant(movie.id, quality_profile="HD", root_folder=str(root))
                download = library.downloads.track(variant_id=variant.id, release_id=None, client="bench",
                                                   download_id=f"{n:040x}", title=path.parent.name,
                                                   quality="Bluray-1080p", size=1024, at=NOW)
                library.downloads.update(download.id, state=DownloadState.COMPLETED, at=NOW,
                                         content_path=str(path.parent))
        baseline_dir = base / "ln-baseline"
        baseline_dir.mkdir()
        script = "\n".join(f'mkdir -p "{baseline_dir}/{n}" && ln "{p}" "{baseline_dir}/{n}/{p.name}"'
                           for n, p in enumerate(files))
        started = time.perf_counter()
        subprocess.run(["bash"], input=script, text=True, check=True)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        with LibraryStore(cfg.database).open() as library:
            report = import_completed(library, cfg, NOW)
        elapsed = time.perf_counter() - started
        assert len(report.imported) == count, (len(report.imported), report.blocked[:3])
        return elapsed, baseline


def bench_scan(count: int) -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        root = base / "library"
        for n in range(count):
            folder = root / f"Movie {n} ({1900 + n % 120})"
            folder.mkdir(parents=True)
            (folder / f"Movie {n} ({1900 + n % 120}) Bluray-1080p.mkv").write_bytes(KB)
        cfg = config(base, root, True)
        started = time.perf_counter()
        subprocess.run(["find", str(root), "-type", "f", "-printf", "%s %T@ %p\n"], check=True,
                       stdout=subprocess.DEVNULL)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        with LibraryStore(cfg.database).open() as library:
            cold = scan_library(library, cfg, NOW)
        cold_s = time.perf_counter() - started
        assert cold.recorded == count, cold.recorded
        started = time.perf_counter()
        with LibraryStore(cfg.database).open() as library:
            warm = scan_library(library, cfg, NOW)
        warm_s = time.perf_counter() - started
        assert warm.unchanged == count
        started = time.perf_counter()
        read = 0
        while True:  # the background step, batch after batch, until every file has MediaInfo
            step = refresh_media_info(LibraryStore(cfg.database), NOW, REFRESH_BATCH)
            read += step.read + step.unreadable
            if step.remaining == 0:
                break
        media_s = time.perf_counter() - started
        assert read == count, read
        return cold_s, warm_s, baseline, media_s


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--imports", type=int, default=1000)
    parser.add_argument("--folders", type=int, default=20000)
    args = parser.parse_args()
    if args.imports:
        for read_media_info in (True, False):
            elapsed, baseline = bench_imports(args.imports, read_media_info)
            label = "with MediaInfo" if read_media_info else "MediaInfo off "
            print(f"import {args.imports} downloads ({label}): {elapsed:6.2f} s  | ln loop {baseline:5.2f} s"
                  f"  | ratio {elapsed / baseline:4.1f}x (goal 2x)")
    if args.folders:
        cold, warm, baseline, media = bench_scan(args.folders)
        print(f"scan {args.folders} folders: cold {cold:6.2f} s, warm rescan {warm:5.2f} s | find {baseline:5.2f} s"
              f" | ratio cold {cold / baseline:5.1f}x, warm {warm / baseline:4.1f}x (goal 3x)")
        print(f"  deferred MediaInfo step (background, batches of {REFRESH_BATCH}): {media:6.2f} s for"
              f" {args.folders} files | cold scan + MediaInfo {(cold + media) / baseline:5.1f}x find")


if __name__ == "__main__":
    main()
