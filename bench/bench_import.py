"""Import and library-scan benchmarks, each beside a baseline measured in the same run (run by hand).

    .venv/bin/python bench/bench_import.py [--imports 1000] [--rounds 3] [--files both|zeros|real]
                                           [--folders 20000]

1. 1,000 completed downloads imported by hardlink through the real engine (plan, journal, link, rename, record,
   MediaInfo on and off), against a bare `ln` loop in bash over the same files, in rounds (median ratio).
   Two kinds of file: 1 KB of zeros (MediaInfo recognises nothing and tries all its parsers, its slowest
   path for a small file) and a ~100 KB real mkv made by ffmpeg (what a download holds). Goal: within 1.5x.
2. A library scan of 20,000 movie folders (one 1 KB file each), cold (every movie added and recorded) and
   warm (a rescan: unchanged folders skipped), against `find` listing the same files with size and mtime.
   Goal: within 3x. The scan leaves MediaInfo to a background step (as Radarr does); that step's cost, reading
   every file's MediaInfo in batches, is measured and printed beside it, not hidden.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from radarr_pipeline.config import parse_config
from radarr_pipeline.models import DownloadState
from radarr_pipeline.services.importing.engine import import_downloads
from radarr_pipeline.services.importing.media import REFRESH_BATCH, refresh_media_info
from radarr_pipeline.services.importing.scan import scan_root_folders
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


def prepare_downloads(base: Path, count: int, content: bytes) -> list[Path]:
    downloads = base / "downloads"
    files = []
    for n in range(count):
        folder = downloads / f"Movie.{n}.2000.1080p.BluRay.x264-GRP"
        folder.mkdir(parents=True)
        path = folder / f"{folder.name}.mkv"
        path.write_bytes(content)
        files.append(path)
    return files


def small_real_movie(base: Path) -> bytes:
    """The bytes of a 2 s 1080p H.264 + AAC Matroska file made by ffmpeg (about 100 KB): a file MediaInfo
    recognises at once, where a 1 KB file of zeros sends it through every parser it has."""
    from radarr_sandbox.media import make_movie_file

    return make_movie_file(base / "real.mkv", 2, "1920x1080", video_bitrate="200k", cache=None).read_bytes()


class PreparedImports:
    """``count`` completed downloads of one file each, tracked in a fresh library (set up once: it takes longer
    than the imports); :meth:`run` restores that state at the same paths, times an `ln` loop over the files,
    then the import."""

    def __init__(self, tmp: Path, count: int) -> None:
        self.count = count
        self.work, self.pristine = tmp / "work", tmp / "pristine"
        self.root = self.work / "library"
        self.root.mkdir(parents=True)
        self.files = prepare_downloads(self.work, count, KB)
        with LibraryStore(config(self.work, self.root, True).database).open() as library:
            for n, path in enumerate(self.files):
                movie = library.movies.add(title=f"Movie {n}", year=2000, tmdb_id=n + 1)
                variant = library.movies.add_variant(movie.id, quality_profile="HD", root_folder=str(self.root))
                download = library.downloads.track(variant_id=variant.id, release_id=None, client="bench",
                                                   download_id=f"{n:040x}", title=path.parent.name,
                                                   quality="Bluray-1080p", size=len(KB), at=NOW)
                library.downloads.update(download.id, state=DownloadState.COMPLETED, at=NOW,
                                         content_path=str(path.parent))
        shutil.copytree(self.work, self.pristine)

    def fill(self, content: bytes) -> None:
        """Every download's file now holds ``content``."""
        for path in self.files:
            (self.pristine / path.relative_to(self.work)).write_bytes(content)

    def run(self, read_media_info: bool) -> tuple[float, float]:
        shutil.rmtree(self.work)
        shutil.copytree(self.pristine, self.work)
        baseline_dir = self.work / "ln-baseline"
        baseline_dir.mkdir()
        script = "\n".join(f'mkdir -p "{baseline_dir}/{n}" && ln "{p}" "{baseline_dir}/{n}/{p.name}"'
                           for n, p in enumerate(self.files))
        started = time.perf_counter()
        subprocess.run(["bash"], input=script, text=True, check=True)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        report = import_downloads(config(self.work, self.root, read_media_info), NOW)
        elapsed = time.perf_counter() - started
        assert len(report.imported) == self.count, (len(report.imported), report.blocked[:3])
        return elapsed, baseline


def bench_imports(prepared: PreparedImports, rounds: int, kind: str, content: bytes) -> None:
    """Rounds alternate MediaInfo on and off, each beside its own `ln` loop; the median ratio is the figure
    (one `ln` loop alone varies by a third on a shared machine)."""
    print(f"import {prepared.count} downloads of {kind}, {rounds} rounds (load average {os.getloadavg()[0]:.2f}):")
    prepared.fill(content)
    runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(rounds):
        for read_media_info in (True, False):
            runs[read_media_info].append(prepared.run(read_media_info))
    for read_media_info, timed in runs.items():
        label = "with MediaInfo" if read_media_info else "MediaInfo off "
        ratios = [elapsed / baseline for elapsed, baseline in timed]
        print(f"  {label}: {' '.join(f'{e:5.2f}' for e, _ in timed)} s | ln loop "
              f"{' '.join(f'{b:5.2f}' for _, b in timed)} s | ratio {' '.join(f'{r:4.2f}' for r in ratios)}"
              f" -> median {statistics.median(ratios):4.2f}x (goal 1.5x)")


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
        cold = scan_root_folders(cfg, NOW)
        cold_s = time.perf_counter() - started
        assert cold.recorded == count, cold.recorded
        started = time.perf_counter()
        warm = scan_root_folders(cfg, NOW)
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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--files", choices=["both", "zeros", "real"], default="both",
                        help="download files: 1 KB of zeros, a small real mkv (needs ffmpeg), or both")
    args = parser.parse_args()
    if args.imports:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
            prepared = PreparedImports(Path(tmp), args.imports)
            if args.files in ("both", "zeros"):
                bench_imports(prepared, args.rounds, "1 KB of zeros (MediaInfo tries every parser)", KB)
            if args.files in ("both", "real"):
                content = small_real_movie(Path(tmp))
                bench_imports(prepared, args.rounds, f"a {len(content) // 1024} KB real mkv (ffmpeg-made)",
                              content)
    if args.folders:
        cold, warm, baseline, media = bench_scan(args.folders)
        print(f"scan {args.folders} folders: cold {cold:6.2f} s, warm rescan {warm:5.2f} s | find {baseline:5.2f} s"
              f" | ratio cold {cold / baseline:5.1f}x, warm {warm / baseline:4.1f}x (goal 3x)")
        print(f"  deferred MediaInfo step (background, batches of {REFRESH_BATCH}): {media:6.2f} s for"
              f" {args.folders} files | cold scan + MediaInfo {(cold + media) / baseline:5.1f}x find")


if __name__ == "__main__":
    main()
