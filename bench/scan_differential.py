"""Differential check of the library scan (run by hand): the store's rows after a cold scan, then after a rescan,
of the same folder trees, by this checkout and by another one (an oracle: e.g. a worktree of main), must be equal.

    .venv/bin/python bench/scan_differential.py --oracle /tmp/scan_oracle [--folders 3000]

Each checkout runs in its own process (its own ``radarr_pipeline`` first on the path) and prints the rows as JSON;
the trees are the benchmark's ("Movie N (YEAR)/... Bluray-1080p.mkv") and one of odd names (unicode, nested
folders, extras, samples, a year in the title, no year, the same movie twice, release-like names...).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 1, 1, tzinfo=UTC)
KB = b"\0" * 1024
REPORT_ROWS_SHOWN = 200

# folder -> {relative file: size}
ODD: dict[str, dict[str, int]] = {
    "Amélie (2001)": {"Amélie (2001) Bluray-1080p.mkv": 3000},
    "千と千尋の神隠し (2001)": {"千と千尋の神隠し (2001) WEBDL-1080p.mkv": 2000},
    "Blade Runner 2049 (2017)": {"Blade Runner 2049 (2017) Bluray-2160p.mkv": 4000},
    "Movie 1850 (1970)": {"Movie 1850 (1970) Bluray-1080p-GRP.mkv": 1000},
    "The 1999 Movie (2001)": {"The 1999 Movie (2001) HDTV-720p.mkv": 1000},
    "2001 A Space Odyssey (1968)": {"2001 A Space Odyssey (1968) Remux-1080p.mkv": 1000},
    "Movie 11999 (1980)": {"Movie 11999 (1980) Director's Cut Bluray-1080p.mkv": 1000},
    "Movie 1850 1990 (1970)": {"Movie 1850 1990 (1970) Bluray-720p.mkv": 1000},
    "Year 2019 Extended (2019)": {"Year 2019 Extended (2019) Extended Bluray-1080p.mkv": 1000},
    "Some Movie Without Year": {"Some Movie Without Year.mkv": 1000},
    "Heat (1995) {tmdb-949}": {"Heat (1995) Bluray-1080p.mkv": 1000},
    "Heat (1995)": {"Heat (1995) Bluray-720p.mkv": 2000},
    "Heat [1995]": {"Heat [1995] DVD.avi": 500},
    "The Matrix (1999)": {"Extras/Behind the Scenes.mkv": 9000, "The Matrix (1999) Bluray-1080p.mkv": 5000,
                          "Sample/sample.mkv": 100, "the.matrix.sample.mkv": 200},
    "The Matrix (1999) [imdb-tt0133093]": {"The Matrix (1999) WEBDL-2160p.mkv": 6000},
    "The.Matrix.Reloaded.2003.1080p.BluRay.x264-GRP": {"The.Matrix.Reloaded.2003.1080p.BluRay.x264-GRP.mkv": 7000},
    "Nested (2010)": {"CD1/Nested (2010) part1.mkv": 700, "CD2/Nested (2010) part2.mkv": 800},
    "Empty (2011)": {},
    "Only Subtitles (2012)": {"Only Subtitles (2012).srt": 10},
    "Hidden File (2013)": {".Hidden File (2013).mkv": 10, "Hidden File (2013) SDTV.mkv": 5},
    ".hidden folder (2014)": {"x (2014).mkv": 10},
    "Die Hard German (1988)": {"Die Hard German (1988) Bluray-1080p.mkv": 1000},
    "Movie (2000) Director's Cut": {"Movie (2000) Director's Cut Bluray-1080p-GRP.mkv": 1000},
    "Proper Movie (2005)": {"Proper Movie (2005) Bluray-1080p Proper.mkv": 1000},
    "HD Movie (2006)": {"HD Movie (2006) HDTV-1080p.mkv": 1000},
    "Max 264 (2007)": {"Max 264 (2007) x264.mkv": 1000},
    "Crouching Tiger, Hidden Dragon (2000)": {"Crouching Tiger, Hidden Dragon (2000) Bluray-1080p.mkv": 1000},
    "Alien³ (1992)": {"Alien³ (1992) Bluray-1080p.mkv": 1000},
    "Se7en (1995)": {"Se7en (1995) Bluray-1080p.m2ts": 1000},
    "Leon The Professional (1994)": {"Léon: The Professional (1994) Bluray-1080p.mkv": 1000},
    "Upper CASE (1999)": {"UPPER CASE (1999) BLURAY-1080P.MKV": 1000},
    "Two Files (2015)": {"Two Files (2015) Bluray-1080p.mkv": 1000, "Two Files (2015) Bluray-2160p.mkv": 3000},
    "The Movie 2 (2004)": {"The Movie 2 (2004) Bluray-1080p.mkv": 1000},
    "The Movie II (2004)": {"The Movie II (2004) Bluray-720p.mkv": 1000},
    "1917 (2019)": {"1917 (2019) Bluray-2160p.mkv": 1000},
    "2012 (2009)": {"2012 (2009) Bluray-1080p.mkv": 1000},
    "Movie 5 (1905)": {"Movie 5 (1905) WEBDL-720p.mkv": 1000},  # the bench tree's movie, in a second root folder
    "Movie 5 1 (2020)": {"Movie 5 1 (2020) DD 5 1 Bluray-1080p.mkv": 1000},
}


def build_trees(base: Path, folders: int) -> list[Path]:
    bench, odd = base / "bench", base / "odd"
    for n in range(folders):
        folder = bench / f"Movie {n} ({1900 + n % 120})"
        folder.mkdir(parents=True)
        (folder / f"Movie {n} ({1900 + n % 120}) Bluray-1080p.mkv").write_bytes(KB)
    for name, files in ODD.items():
        folder = odd / name
        folder.mkdir(parents=True)
        for relative, size in files.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(b"\0" * size)
    for n, folder in enumerate(sorted(odd.iterdir())):
        os.utime(folder, ns=(1_700_000_000_000_000_000 + n, 1_700_000_000_000_000_000 + n))
    return [bench, odd]


_TABLES = {
    "movies": "SELECT id, tmdb_id, imdb_id, title, original_title, year, runtime_minutes, minimum_availability"
              " FROM movies ORDER BY id",
    # a version by its movie, profile and root folder, not its id: main numbers a unit's new versions in the order of
    # a DISTINCT (a hash aggregate's, not the folders')
    "variants": "SELECT movie_id, quality_profile, root_folder, monitored FROM variants ORDER BY ALL",
    "movie_files": "SELECT f.id, v.movie_id, v.quality_profile, v.root_folder, path, size, quality, revision,"
                   " release_group, edition, scene_name,"
                   " download_id, import_mode, f.added_at::VARCHAR, media_info, runtime_seconds, source_path"
                   " FROM movie_files f JOIN variants v ON v.id = f.variant_id ORDER BY f.id",
    "library_folders": "SELECT path, mtime_ns, movie_id, status, scanned_at::VARCHAR FROM library_folders"
                       " ORDER BY path",
}


def run_one(base: Path, roots: list[Path], database: Path) -> dict[str, object]:
    """Scan the trees cold, then again; the rows and reports after each (in this process's checkout)."""
    import duckdb

    from radarr_pipeline.config import parse_config
    from radarr_pipeline.services.importing.scan import scan_root_folders

    config = parse_config({
        "database": str(database), "root_folders": [str(r) for r in roots],
        "quality_profiles": [{"name": "HD", "allowed": ["Bluray-1080p"], "cutoff": "Bluray-1080p"}],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:1"},
        "importing": {"read_media_info": True, "import_extra_files": False},
    }, source="differential", base_dir=base)
    result: dict[str, object] = {}
    for run in ("cold", "rescan"):
        report = scan_root_folders(config, NOW)
        with duckdb.connect(str(database), read_only=True) as conn:
            tables = {name: [list(row) for row in conn.execute(sql).fetchall()] for name, sql in _TABLES.items()}
        # the rows a report shows, the first 200 (a report no longer keeps a row per file recorded)
        shown = {**vars(report), "rows": report.rows[:REPORT_ROWS_SHOWN]}
        result[run] = {"report": shown, "tables": tables}
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", required=True, help="another checkout of the project to compare with")
    parser.add_argument("--folders", type=int, default=3000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        base = Path(args.child[0])
        print(json.dumps(run_one(base, [base / "bench", base / "odd"], Path(args.child[1])), default=str))
        return
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        build_trees(base, args.folders)
        outputs = {}
        for label, checkout in (("this", here), ("oracle", Path(args.oracle).resolve())):
            env = dict(os.environ, PYTHONPATH=str(checkout))
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--oracle", args.oracle,
                                   "--child", str(base), str(base / f"{label}.duckdb")],
                                  env=env, cwd=checkout, capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(f"{label} ({checkout}) failed:\n{done.stderr[-3000:]}")
            outputs[label] = json.loads(done.stdout)
    differences = 0
    for run in ("cold", "rescan"):
        this, oracle = outputs["this"][run], outputs["oracle"][run]
        for name in _TABLES:
            rows, expected = this["tables"][name], oracle["tables"][name]
            if rows != expected:
                differences += 1
                extra = [r for r in rows if r not in expected][:5]
                missing = [r for r in expected if r not in rows][:5]
                print(f"{run} {name}: {len(rows)} rows against {len(expected)}; only here {extra};"
                      f" only there {missing}")
        if this["report"] != oracle["report"]:
            differences += 1
            print(f"{run} report differs: {json.dumps(this['report'])[:600]}\n"
                  f"  vs {json.dumps(oracle['report'])[:600]}")
    counts = {name: len(outputs["this"]["cold"]["tables"][name]) for name in _TABLES}
    print(f"{'same' if not differences else f'{differences} differences'}: rows after a cold scan {counts}")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
