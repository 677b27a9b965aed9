"""A large library without a slow step: every service step at 2,000, 20,000 and 50,000 movies, beside bare DuckDB.

    .venv/bin/python bench/bench_scale.py                 # a quick run: 1,000 and 4,000 movies, 10k then 40k releases
    .venv/bin/python bench/bench_scale.py --full          # issue 11: 2k/20k/50k movies, 100k then 1M releases
    .venv/bin/python bench/bench_scale.py --sizes 50000 --releases 100000,1000000 [--steps score,API] [--formats 40]

For each size a library is built in a temporary folder through the store's own bulk paths (movies, versions,
files on disk and recorded, history, tracked downloads, release dates, then the releases, 100,000 a batch through
``releases.add_new``: a registered frame and one ``INSERT ... SELECT``), and each step then runs in a fresh
process (its peak RSS is its own): ``LibraryStore.open()``, ``refresh_wanted``, the sync write path
(``releases.add_new`` with half of the batch already known), ``score`` twice (the first parses the new titles),
``grab_best`` (a fake client, on 50 wanted versions with an approved release: one release in ten is a 1080p
Blu-ray of a wanted movie), ``track_downloads`` (a fake client reporting every active download), import planning
(completed downloads whose files are gone: each is blocked with its reason), ``scan_library`` (a folder and a
video per movie), ``refresh_media_info``, the CLI's ``movies list`` and ``queue`` (the installed entry point, in a
subprocess), and the API's list endpoints (GET movie, queue, history, wanted/missing, calendar, through the ASGI
application). Each figure stands beside the same operation written as bare DuckDB SQL (or a bare disk walk) in
the same run, with the growth from the previous size beside the growth of the rows, the longest hold of the
database file (``store.library.recorded_holds``) and the peak RSS.

A second release count (``--releases 100000,1000000``) grows the releases after the first round and runs the
steps that read releases again. Run by hand; not part of the test suite. Issue 11 asks, at 50,000 movies and
1,000,000 releases, for no step growing faster than its rows, no hold over a second, and the list under 2 s.

Not timed: the RSS and search network phases (they touch no database; the write phase is timed) and grabs beyond
50 (grabs go in batches of ``GRABS_PER_UNIT``: each batch's intents in one short unit of work, the torrents sent
with the file closed, the grabs recorded in another, so a batch's holds do not grow with the run's grabs).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TRASH_CF = ROOT / "tests" / "data" / "trash" / "cf"
CLI = ROOT / ".venv" / "bin" / "radarr-pipeline"
WORDS = ("dark", "night", "rising", "return", "king", "lost", "city", "river", "house", "star", "empire", "blade",
         "runner", "alien", "matrix", "heat", "jaws", "vertigo", "psycho", "memento", "arrival", "gravity", "drive",
         "sicario", "oldboy", "parasite", "coco", "frozen", "moana", "brave", "shrek", "rocky", "rambo", "predator")
QUALITY_TOKENS = ("2160p.UHD.BluRay.x265", "1080p.BluRay.x264", "1080p.WEB-DL.DDP5.1.H.264", "1080p.WEBRip.x265",
                  "720p.BluRay.x264", "720p.HDTV.x264", "1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1", "2160p.WEB-DL.HDR.DV",
                  "DVDRip.XviD", "HDCAM", "1080p.AMZN.WEB-DL.DDP5.1.H.264", "2160p.BluRay.REMUX.HEVC.TrueHD.Atmos")
EXTRAS = ("", "", "", "PROPER.", "REPACK.", "EXTENDED.", "IMAX.", "MULTi.", "GERMAN.DL.", "Directors.Cut.")
GROUPS = ("SPARKS", "GECKOS", "FraMeSToR", "NTb", "FLUX", "CMRG", "EVO", "YIFY", "RARBG", "AMIABLE", "DON",
          "HiFi", "playHD", "EbP", "CtrlHD", "TayTO", "BLOW", "KiNGDOM", "ION10", "PSA", "Tigole", "QxR")
FILE_QUALITIES = ("Bluray-720p", "WEBDL-1080p", "Bluray-1080p", "WEBDL-2160p")
GRAB_SAMPLE = 50
SYNC_BATCH = 2_000
RELEASE_BATCH = 100_000  # releases per add_new call while building (the peak memory of the build is one batch's)
GOOD_SHARE = 10  # one release in this many is a good one for a wanted movie (a quality its profile takes, seeded)
API_KEY = "0123456789abcdef0123456789abcdef"

CONFIG = """\
database: library.duckdb
root_folders: [library/movies]
quality_profiles:
  - name: HD-1080p
    allowed: [Bluray-720p, {{name: WEB 1080p, qualities: [WEBDL-1080p, WEBRip-1080p]}}, Bluray-1080p, Remux-1080p]
    cutoff: Bluray-1080p
    min_format_score: -10000
    format_scores: {scores}
  - name: Ultra-HD
    allowed: [{{name: WEB 2160p, qualities: [WEBDL-2160p, WEBRip-2160p]}}, Bluray-2160p, Remux-2160p]
    cutoff: Remux-2160p
    min_format_score: -10000
    format_scores: {scores}
default_quality_profile: HD-1080p
download_client:
  kind: qbittorrent
  url: http://127.0.0.1:9
importing:
  read_media_info: false
decisions:
  custom_formats_dir: custom_formats
  minimum_free_space_mb: 0
"""


# -- building a library -------------------------------------------------------------------------------------


def movie_title(rng: random.Random, serial: int) -> str:
    return " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(1, 3))) + f" {serial}"


def write_home(home: Path, formats: int, seed: int) -> Path:
    """The config, its custom formats (TRaSH's, as they are) and the root folder."""
    from radarr_pipeline.quality.custom_formats import load_custom_format

    folder = home / "custom_formats"
    folder.mkdir(parents=True)
    files = sorted(TRASH_CF.glob("*.json"))
    random.Random(seed).shuffle(files)
    scores: dict[str, int] = {}
    for path in files:
        if len(scores) == formats:
            break
        try:
            custom_format = load_custom_format(path)
        except ValueError:
            continue
        shutil.copy(path, folder / path.name)
        scores[custom_format.name] = json.loads(path.read_text()).get("trash_scores", {}).get("default", 0)
    (home / "library" / "movies").mkdir(parents=True)
    config = home / "config.yaml"
    config.write_text(CONFIG.format(scores=json.dumps(scores)), encoding="utf-8")
    return config


def release_batch(rng: random.Random, titles: list[tuple[str, int]], start: int, count: int, now: datetime,
                  wanted: range | None = None) -> list:
    """``count`` releases of random titles (a third of them for movies not in the library); with ``wanted`` (the
    indexes in ``titles`` of movies without a file or a download), one in :data:`GOOD_SHARE` is a release such a
    movie's profile takes (1080p Blu-ray, seeded, of a plausible size), so the grab step has something to grab."""
    from radarr_pipeline.models import IndexerRelease

    batch = []
    for i in range(start, start + count):
        good = wanted is not None and len(wanted) > 0 and i % GOOD_SHARE == 0
        title, year = titles[wanted[rng.randrange(len(wanted))] if good and wanted else rng.randrange(len(titles))]
        token = "1080p.BluRay.x264" if good else f"{rng.choice(EXTRAS)}{rng.choice(QUALITY_TOKENS)}"
        name = f"{title.replace(' ', '.')}.{year}.{token}-{rng.choice(GROUPS)}"
        batch.append(IndexerRelease(
            guid=f"guid-{i}", title=name, indexer=f"indexer-{i % 3}", infohash=f"{i:040x}",
            magnet_url=f"magnet:?xt=urn:btih:{i:040x}",
            size=(rng.randint(6_000, 12_000) if good else rng.randint(300, 60_000)) << 20,
            seeders=rng.choice([20, 200]) if good else rng.choice([0, 1, 5, 20, 200]), peers=rng.randint(0, 50),
            categories=(2000,), published_at=now - timedelta(minutes=rng.randint(0, 100_000)),
        ))
    return batch


def wanted_indexes(movies: int) -> range:
    """The movies (by index in the order built) that have neither a file nor a download: see build_library."""
    return range(movies // 5 + max(10, movies // 20), movies)


def build_library(config_path: Path, movies: int, seed: int) -> dict[str, float]:
    """Movies, a version each, a file for a fifth of them (on disk too), history, downloads: through the store's
    bulk paths. Returns each bulk write's seconds."""
    from radarr_pipeline.config import load_config
    from radarr_pipeline.models import DownloadState, HistoryEvent
    from radarr_pipeline.store import LibraryStore
    from radarr_pipeline.store.downloads import FollowedUpdate, NewDownload

    config = load_config(config_path)
    root = config.root_folders[0]
    rng = random.Random(seed)
    now = datetime.now(UTC)
    titles = [(movie_title(rng, i), rng.randint(1950, 2024)) for i in range(movies)]
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with LibraryStore(config.database).open() as library:
        added = library.movies.add_many([{"title": t, "year": y, "imdb_id": f"tt{1_000_000 + i}",
                                          "runtime_minutes": rng.choice([95, 120, 150])}
                                         for i, (t, y) in enumerate(titles)])
        timings["movies.add_many"] = time.perf_counter() - started
        mark = time.perf_counter()
        variants = library.movies.add_variants_many(
            [(m.id, "Ultra-HD" if m.id % 4 == 0 else "HD-1080p", str(root)) for m in added])
        timings["movies.add_variants_many"] = time.perf_counter() - mark
        with_file = variants[: movies // 5]
        files = []
        for variant in with_file:
            movie = added[variant.movie_id - added[0].id]
            folder = root / f"{movie.title} ({movie.year})"
            files.append({"variant_id": variant.id, "path": str(folder / f"{movie.title} ({movie.year}).mkv"),
                          "size": 4 << 30, "quality": rng.choice(FILE_QUALITIES), "import_mode": "hardlink",
                          "scene_name": f"{movie.title.replace(' ', '.')}.{movie.year}.1080p.BluRay.x264-GRP"})
        mark = time.perf_counter()
        library.files.record_many(files, now)
        timings["files.record_many"] = time.perf_counter() - mark
        events = [HistoryEvent(event=kind, movie_id=v.movie_id, variant_id=v.id, source_title="x", download_id=None,
                               quality="Bluray-1080p", data={"n": i})
                  for i, v in enumerate(with_file) for kind in ("grabbed", "imported")]
        mark = time.perf_counter()
        library.history.add_many(events, now)
        timings["history.add_many"] = time.perf_counter() - mark
        downloading = variants[movies // 5: movies // 5 + max(10, movies // 20)]
        new = [NewDownload(v.id, None, "qbittorrent", f"{v.id:040x}", f"download {v.id}", "Bluray-1080p", 1 << 30)
               for v in downloading]
        mark = time.perf_counter()
        ids = library.downloads.track_many(new, now)
        states = [DownloadState.DOWNLOADING, DownloadState.QUEUED, DownloadState.STALLED]
        library.downloads.update_followed_many(
            [FollowedUpdate(pk, states[i % 3], progress=0.5) for i, pk in enumerate(ids)], now)
        timings["downloads.track_many + update"] = time.perf_counter() - mark
        mark = time.perf_counter()
        library.conn.execute(  # release dates over four months around today (the calendar's), one statement
            "UPDATE movies SET in_cinemas = ?::DATE + CAST(id % 120 - 60 AS INTEGER),"
            " digital_release = ?::DATE + CAST(id % 120 - 30 AS INTEGER)", [now.date(), now.date()])
        timings["release dates"] = time.perf_counter() - mark
    timings["library total"] = time.perf_counter() - started
    for f in files:  # the files on disk, for the scan (every movie gets a folder and a video)
        Path(f["path"]).parent.mkdir(parents=True, exist_ok=True)
        Path(f["path"]).touch()
    for movie in added[movies // 5:]:
        folder = root / f"{movie.title} ({movie.year})"
        folder.mkdir(exist_ok=True)
        (folder / f"{movie.title} ({movie.year}) 1080p.mkv").touch()
    return timings


def add_releases(config_path: Path, movies: int, start: int, count: int, seed: int) -> float:
    """``count`` releases through ``releases.add_new`` (a registered frame and one ``INSERT ... SELECT`` a batch),
    in batches of :data:`RELEASE_BATCH`, each made just before it is written; the seconds the writes took."""
    from radarr_pipeline.config import load_config
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    rng = random.Random(seed + start)
    naming = random.Random(seed)
    titles = [(movie_title(naming, i), naming.randint(1950, 2024)) for i in range(movies)]
    titles += [(movie_title(rng, movies + i), rng.randint(1950, 2024)) for i in range(movies // 2)]
    now = datetime.now(UTC)
    spent = 0.0
    for offset in range(start, start + count, RELEASE_BATCH):
        batch = release_batch(rng, titles, offset, min(RELEASE_BATCH, start + count - offset), now,
                              wanted_indexes(movies))
        started = time.perf_counter()
        with LibraryStore(config.database).open() as library:
            library.releases.add_new(batch, now)
        spent += time.perf_counter() - started
    return spent


# -- the steps, each in its own process ------------------------------------------------------------------------


class FakeClient:
    """A download client that has every torrent it is given and reports the tracked ones as downloading."""

    kind = "qbittorrent"
    name = "fake"

    def __init__(self, reported: list | None = None) -> None:
        self.reported = reported or []
        self.added: list[str] = []

    def add_torrent(self, *, torrent: bytes | None = None, magnet: str | None = None, limits: object = None) -> str:
        self.added.append(magnet or "")
        return magnet or ""

    def downloads(self) -> list:
        return self.reported

    def has(self, download_id: str) -> bool:
        return False

    def remove(self, download_id: str, *, delete_files: bool) -> bool:
        return True

    def set_share_limits(self, download_id: str, limits: object) -> None:
        return None

    def close(self) -> None:
        return None


@dataclass
class Clock:
    """The seconds of a timed block, and the longest hold of the library's database file in it (and of the parse
    cache's own file, which only scoring opens: its holds block no other front door)."""

    seconds: float = 0.0
    cpu: float = 0.0  # of the whole process (DuckDB's threads too): what the seconds would be on an idle machine
    hold: float = 0.0
    cache_hold: float = 0.0


LONGEST_HOLD = Clock()  # the longest hold and the CPU seconds over every timed block of the step


@contextmanager
def timed() -> Iterator[Clock]:
    from radarr_pipeline.store.library import recorded_holds

    clock = Clock()
    started, cpu = time.perf_counter(), time.process_time()
    with recorded_holds() as holds:
        yield clock
    clock.seconds, clock.cpu = time.perf_counter() - started, time.process_time() - cpu
    LONGEST_HOLD.cpu += clock.cpu
    clock.hold = max((h.seconds for h in holds if not _is_cache(h.path)), default=0.0)
    clock.cache_hold = max((h.seconds for h in holds if _is_cache(h.path)), default=0.0)
    LONGEST_HOLD.hold = max(LONGEST_HOLD.hold, clock.hold)
    LONGEST_HOLD.cache_hold = max(LONGEST_HOLD.cache_hold, clock.cache_hold)


def _is_cache(path: str) -> bool:
    from radarr_pipeline.store.parse_cache import CACHE_SUFFIX

    return path.endswith(CACHE_SUFFIX)


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: getrusage would also count the parent it was forked from)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(database: str, sql: str, params: list | None = None, *, read_only: bool = False) -> None:
    import duckdb

    conn = duckdb.connect(database, read_only=read_only)
    try:
        conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


def step_open(config_path: str) -> dict:
    import duckdb

    from radarr_pipeline.config import load_config
    from radarr_pipeline.store import LibraryStore

    database = str(load_config(config_path).database)
    ours, bare = [], []
    for _ in range(5):
        with timed() as clock, LibraryStore(database).open():
            pass
        ours.append(clock.seconds)
        started = time.perf_counter()
        duckdb.connect(database).close()
        bare.append(time.perf_counter() - started)
    return {"seconds": statistics.median(ours), "bare": statistics.median(bare), "rows": 1}


def step_wanted(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.services.wanted import refresh_wanted

    config = load_config(config_path)
    with timed() as clock:
        report = refresh_wanted(config, datetime.now(UTC))
    seconds = clock.seconds
    started = time.perf_counter()
    _bare(str(config.database), "BEGIN; CREATE TEMP TABLE w AS SELECT * FROM wanted; DELETE FROM wanted;"
          " INSERT INTO wanted SELECT v.id, CASE WHEN f.id IS NULL THEN 'missing' ELSE 'cutoff unmet' END, now()"
          " FROM variants v LEFT JOIN movie_files f ON f.variant_id = v.id WHERE v.monitored"
          " AND (f.id IS NULL OR f.quality <> 'Bluray-1080p'); ROLLBACK")
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": report.monitored}


def step_sync_write(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.models import IndexerRelease
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    database = str(config.database)
    rng = random.Random(7)
    now = datetime.now(UTC)
    with LibraryStore(database).open(read_only=True) as library:
        rows = library.conn.execute("SELECT guid, title, infohash FROM releases ORDER BY id DESC LIMIT ?",
                                    [SYNC_BATCH // 2]).fetchall()
        known = [IndexerRelease(guid=row[0], title=row[1], indexer="x", infohash=row[2]) for row in rows]
        top = library.conn.execute("SELECT max(id) FROM releases").fetchall()[0][0]
    fresh = release_batch(rng, [("Sync Batch", 2020)], 10 * top + 1, SYNC_BATCH // 2, now)
    with timed() as clock, LibraryStore(database).open() as library:
        stored = library.releases.add_new(known + fresh, now)
    seconds = clock.seconds
    assert len(stored) == len(fresh)
    import duckdb
    import pandas as pd

    bare_rows = release_batch(random.Random(8), [("Bare Batch", 2020)], 20 * top + 1, SYNC_BATCH // 2, now)
    frame = pd.DataFrame({"guid": [r.guid for r in known + bare_rows], "title": [r.title for r in known + bare_rows],
                          "infohash": [r.infohash for r in known + bare_rows]})
    started = time.perf_counter()
    conn = duckdb.connect(database)
    conn.register("f", frame)
    conn.execute("INSERT INTO releases (guid, title, indexer, infohash, first_seen_at) SELECT guid, title, 'bare',"
                 " infohash, now() FROM f WHERE NOT EXISTS (SELECT 1 FROM releases r WHERE r.guid = f.guid)"
                 " AND NOT EXISTS (SELECT 1 FROM releases r WHERE r.infohash = f.infohash) ORDER BY guid")
    conn.close()
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": SYNC_BATCH}


def step_score(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.services.scoring import score
    from radarr_pipeline.store.parse_cache import cache_path

    config = load_config(config_path)
    with timed() as clock:
        report = score(config, datetime.now(UTC))
    seconds = clock.seconds
    started = time.perf_counter()
    cache = str(cache_path(config.database)).replace("'", "''")
    _bare(str(config.database), f"""
        ATTACH '{cache}' AS cache (READ_ONLY);
        SELECT count(*) FROM releases r
        JOIN (SELECT title, lower(split_part(movie_titles, chr(31), 1)) AS name, year
              FROM cache.parsed_releases) p ON p.title = r.title
        JOIN movies m ON lower(m.title) = p.name AND m.year = p.year
        JOIN variants v ON v.movie_id = m.id JOIN wanted w ON w.variant_id = v.id""", read_only=True)
    timings = report.evaluation.timings
    stages = ", ".join(f"{k} {v:.1f}" for k, v in sorted(timings.items(), key=lambda kv: -kv[1])[:4])
    approved = int((report.evaluation.status == "approved").sum())
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": len(report.evaluation.status),
            "note": f"{approved} approved; {stages}"}


def step_grab(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.services.grabbing import grab_best
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    sample = Path(config_path).parent / "grab_sample.duckdb"
    _bare(str(config.database), "CHECKPOINT")  # the file alone has every row: no write-ahead log left to copy
    shutil.copy(config.database, sample)  # 50 wanted versions with an approved candidate and no active download
    _bare(str(sample), f"DELETE FROM wanted WHERE variant_id NOT IN (SELECT DISTINCT c.variant_id FROM candidates c"
          f" JOIN wanted w USING (variant_id) WHERE c.approved AND c.variant_id NOT IN (SELECT variant_id FROM"
          f" downloads WHERE state IN ('queued', 'downloading', 'stalled', 'completed')) ORDER BY 1"
          f" LIMIT {GRAB_SAMPLE})")
    with timed() as clock:
        report = grab_best(LibraryStore(sample), FakeClient(), datetime.now(UTC))  # type: ignore[arg-type]
    seconds = clock.seconds
    started = time.perf_counter()
    _bare(str(sample), "SELECT c.variant_id, arg_min(c.release_id, c.rank) FROM candidates c JOIN wanted w"
          " USING (variant_id) WHERE c.approved GROUP BY 1", read_only=True)
    bare = time.perf_counter() - started
    sample.unlink()
    return {"seconds": seconds, "bare": bare, "rows": len(report.grabbed),
            "note": f"{len(report.skipped)} skipped, {len(report.failed)} failed"}


def step_track(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.models import ClientDownload, DownloadStatus
    from radarr_pipeline.services.downloads import track_downloads, tracking_policy
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    store = LibraryStore(config.database)
    with store.open(read_only=True) as library:
        active = library.downloads.active()
    reported = [ClientDownload(d.download_id, d.title, DownloadStatus.DOWNLOADING, "downloading", 0.75, 1 << 30,
                               f"/downloads/{d.download_id}", "/downloads", "radarr", eta_seconds=600)
                for d in active]
    with timed() as clock:
        track_downloads(store, FakeClient(reported), datetime.now(UTC), tracking_policy(config))  # type: ignore[arg-type]
    seconds = clock.seconds
    import duckdb
    import pandas as pd

    frame = pd.DataFrame({"id": [d.id for d in active], "progress": [0.8] * len(active)})
    started = time.perf_counter()
    conn = duckdb.connect(str(config.database))
    conn.register("f", frame)
    conn.execute("UPDATE downloads SET progress = f.progress, updated_at = now() FROM f WHERE downloads.id = f.id")
    conn.close()
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": len(active)}


def step_import(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.models import DownloadState
    from radarr_pipeline.services.importing.engine import import_downloads
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    with LibraryStore(config.database).open() as library:  # a tenth of the queue completed, its files gone
        active = library.downloads.active()[::10]
        library.downloads.update_many([(d.id, DownloadState.COMPLETED, None) for d in active], datetime.now(UTC))
    with timed() as clock:
        report = import_downloads(config, datetime.now(UTC))
    seconds = clock.seconds
    started = time.perf_counter()
    _bare(str(config.database), "SELECT d.*, v.*, m.*, f.* FROM downloads d JOIN variants v ON v.id = d.variant_id"
          " JOIN movies m ON m.id = v.movie_id LEFT JOIN movie_files f ON f.variant_id = v.id"
          " WHERE d.state = 'completed'", read_only=True)
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": len(active),
            "note": f"{len(report.blocked)} blocked"}


def step_scan(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.services.importing.scan import scan_library
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    with timed() as clock:
        report = scan_library(LibraryStore(config.database), config, datetime.now(UTC))
    seconds = clock.seconds
    started = time.perf_counter()
    walked = 0
    for entry in os.scandir(config.root_folders[0]):
        walked += sum(1 for _ in os.scandir(entry.path))
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": report.folders,
            "note": f"{report.recorded} recorded"}


def step_media(config_path: str) -> dict:
    from radarr_pipeline.config import load_config
    from radarr_pipeline.services.importing.media import refresh_media_info
    from radarr_pipeline.store import LibraryStore

    config = load_config(config_path)
    with timed() as clock:
        report = refresh_media_info(LibraryStore(config.database), datetime.now(UTC), limit=500)
    seconds = clock.seconds
    started = time.perf_counter()
    _bare(str(config.database), "SELECT id, path FROM movie_files WHERE media_info IS NULL ORDER BY id LIMIT 500",
          read_only=True)
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": 500,
            "note": f"{report.remaining} left"}


STATUS_SQL = ("SELECT m.title, m.year, v.quality_profile, f.path, f.quality, d.state FROM movies m"
              " JOIN variants v ON v.movie_id = m.id LEFT JOIN movie_files f ON f.variant_id = v.id"
              " LEFT JOIN (SELECT variant_id, arg_max(state, updated_at) AS state FROM downloads GROUP BY 1) d"
              " ON d.variant_id = v.id ORDER BY m.title, m.year, v.id")
QUEUE_SQL = ("SELECT id, title, state, progress, eta_seconds, download_id, status_message FROM downloads"
             " WHERE state IN ('queued', 'downloading', 'stalled', 'completed') ORDER BY id")


def _cli(config_path: str, args: list[str], sql: str) -> dict:
    from radarr_pipeline.config import load_config

    env = {**os.environ, "RADARR_PIPELINE_CONFIG": config_path, "COLUMNS": "160"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with timed() as clock:
        done = subprocess.run([str(CLI), *args], capture_output=True, env=env, check=False)
    seconds = clock.seconds
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = ("import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True)\n"
            "for row in c.execute(sys.argv[2]).fetchall(): print(*row, sep='\\t')")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(load_config(config_path).database), sql], capture_output=True,
                   check=True)
    bare = time.perf_counter() - started
    return {"seconds": seconds, "bare": bare, "rows": done.stdout.count(b"\n"),
            "note": f"exit {done.returncode}", "rss_mib": after.ru_maxrss / 1024, "hold": None,
            "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}


def step_cli_list(config_path: str) -> dict:
    return _cli(config_path, ["movies", "list"], STATUS_SQL)


def step_cli_queue(config_path: str) -> dict:
    return _cli(config_path, ["queue"], QUEUE_SQL)


def _api(config_path: str, path: str, sql: str, count: Callable[[object], int]) -> dict:
    """One GET through the ASGI application (Starlette's TestClient: routing, the key, the unit of work, the JSON),
    after a first request that loads the routes; beside the same rows read by bare SQL in the same process."""
    from starlette.testclient import TestClient

    from radarr_pipeline.api.app import build_app
    from radarr_pipeline.config import load_config

    config = load_config(config_path)
    with TestClient(build_app(config, API_KEY)) as client:
        client.get("/api/v3/system/status", headers={"X-Api-Key": API_KEY})
        with timed() as clock:
            answer = client.get(path, headers={"X-Api-Key": API_KEY})
        seconds = clock.seconds
    if answer.status_code != 200:
        raise RuntimeError(f"GET {path}: {answer.status_code} {answer.text[:120]}")
    started = time.perf_counter()
    _bare(str(config.database), sql, read_only=True)
    return {"seconds": seconds, "bare": time.perf_counter() - started, "rows": count(answer.json()),
            "note": f"{len(answer.content) >> 10:,} KiB"}


API_MOVIES_SQL = ("SELECT m.*, v.*, f.* FROM movies m JOIN variants v ON v.movie_id = m.id"
                  " LEFT JOIN movie_files f ON f.variant_id = v.id ORDER BY m.id")


def step_api_movies(config_path: str) -> dict:
    return _api(config_path, "/api/v3/movie", API_MOVIES_SQL, lambda body: len(body))  # type: ignore[arg-type]


def step_api_queue(config_path: str) -> dict:
    return _api(config_path, "/api/v3/queue?page=1&pageSize=50", QUEUE_SQL + " LIMIT 50",
                lambda body: body["totalRecords"])  # type: ignore[index]


def step_api_history(config_path: str) -> dict:
    return _api(config_path, "/api/v3/history?page=1&pageSize=50",
                "SELECT *, count(*) OVER () FROM history ORDER BY occurred_at DESC, id DESC LIMIT 50",
                lambda body: body["totalRecords"])  # type: ignore[index]


def step_api_wanted(config_path: str) -> dict:
    return _api(config_path, "/api/v3/wanted/missing?page=1&pageSize=50",
                "SELECT m.*, v.*, count(*) OVER () FROM movies m JOIN variants v ON v.movie_id = m.id LEFT JOIN"
                " movie_files f ON f.variant_id = v.id WHERE f.id IS NULL AND v.monitored ORDER BY m.title LIMIT 50",
                lambda body: body["totalRecords"])  # type: ignore[index]


def step_api_calendar(config_path: str) -> dict:
    today = datetime.now(UTC).date()
    start, end = today - timedelta(days=7), today + timedelta(days=7)
    return _api(config_path, f"/api/v3/calendar?start={start}&end={end}",
                f"SELECT m.*, v.* FROM movies m JOIN variants v ON v.movie_id = m.id WHERE m.in_cinemas BETWEEN"
                f" '{start}' AND '{end}' OR m.digital_release BETWEEN '{start}' AND '{end}' ORDER BY m.id",
                lambda body: len(body))  # type: ignore[arg-type]


STEPS: dict[str, Callable[[str], dict]] = {
    "LibraryStore.open() (write)": step_open,
    "refresh_wanted": step_wanted,
    "sync write (add_new, half known)": step_sync_write,
    "score (first: parses the new titles)": step_score,
    "score (again)": step_score,
    f"grab_best ({GRAB_SAMPLE} wanted)": step_grab,
    "track_downloads": step_track,
    "import planning (files gone)": step_import,
    # before the scan, which records a file for every movie (then none is missing)
    "API GET movie": step_api_movies,
    "API GET queue": step_api_queue,
    "API GET history": step_api_history,
    "API GET wanted/missing": step_api_wanted,
    "API GET calendar": step_api_calendar,
    "scan_library": step_scan,
    "refresh_media_info (500)": step_media,
    "CLI movies list": step_cli_list,
    "CLI queue": step_cli_queue,
}
RELEASE_STEPS = ("sync write (add_new, half known)", "score (first: parses the new titles)", "score (again)",
                 f"grab_best ({GRAB_SAMPLE} wanted)")


def _child(name: str, config_path: str, queue: multiprocessing.Queue) -> None:
    try:
        result = STEPS[name](config_path)
        result.setdefault("hold", LONGEST_HOLD.hold)
        result.setdefault("cache_hold", LONGEST_HOLD.cache_hold)
        result.setdefault("cpu", LONGEST_HOLD.cpu)
        result.setdefault("rss_mib", peak_rss_mib())
    except Exception as exc:
        result = {"error": f"{type(exc).__name__}: {exc}"[:200]}
    queue.put(result)


def run_step(name: str, config_path: Path) -> dict:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_child, args=(name, str(config_path), queue))
    process.start()
    result = queue.get()
    process.join()
    return result


# -- report -----------------------------------------------------------------------------------------------------


@dataclass
class Row:
    step: str
    movies: int
    releases: int
    result: dict = field(default_factory=dict)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"


def print_table(rows: list[Row]) -> None:
    header = ("step", "movies", "releases", "ours s", "CPU s", "bare s", "×bare", "growth", "rows growth", "max hold s",
              "cache hold s", "peak RSS MiB", "rows", "note")
    lines = [header]
    previous: dict[str, Row] = {}
    for row in rows:
        r = row.result
        if "error" in r:
            lines.append((row.step, str(row.movies), str(row.releases), "error", "", "", "", "", "", "", "", "", "",
                          r["error"]))
            continue
        growth = rows_growth = ""
        before = previous.get(row.step)
        if before is not None and "seconds" in before.result and before.result["seconds"] > 0:
            growth = f"{r['seconds'] / before.result['seconds']:.1f}×"
            size_before = before.releases if row.step in RELEASE_STEPS else before.movies
            size_now = row.releases if row.step in RELEASE_STEPS else row.movies
            rows_growth = f"{size_now / size_before:.1f}×"
        previous[row.step] = row
        ratio = f"{r['seconds'] / r['bare']:.1f}" if r.get("bare") else "–"
        lines.append((row.step, f"{row.movies:,}", f"{row.releases:,}", _fmt(r["seconds"]), _fmt(r.get("cpu")),
                      _fmt(r.get("bare")), ratio, growth, rows_growth, _fmt(r.get("hold")),
                      _fmt(r.get("cache_hold")) if r.get("cache_hold") else "",
                      f"{r.get('rss_mib', 0):.0f}", f"{r.get('rows', '')}", r.get("note", "")))
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="library sizes (movies), comma-separated (a quick run"
                        " by default)")
    parser.add_argument("--releases", default="10000,40000", help="release counts, grown in turn, comma-separated")
    parser.add_argument("--full", action="store_true", help="issue 11's sizes: 2,000, 20,000 and 50,000 movies,"
                        " 100,000 then 1,000,000 releases")
    parser.add_argument("--formats", type=int, default=40, help="TRaSH custom formats in the profiles")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--steps", default="", help="only the steps whose name contains one of these words")
    args = parser.parse_args()
    if args.full:
        args.sizes, args.releases = "2000,20000,50000", "100000,1000000"
    sizes = [int(s) for s in args.sizes.split(",")]
    counts = [int(c) for c in args.releases.split(",")]
    chosen = [w.strip() for w in args.steps.split(",") if w.strip()]
    rows: list[Row] = []
    for movies in sizes:
        with tempfile.TemporaryDirectory(prefix="bench_scale_") as folder:
            config = write_home(Path(folder), args.formats, args.seed)
            builds = build_library(config, movies, args.seed)
            have = 0
            for n, count in enumerate(counts):
                spent = add_releases(config, movies, have, count - have, args.seed)
                builds[f"releases.add_new ({count - have:,})"] = spent
                built = ", ".join(f"{k} {v:.2f} s" for k, v in builds.items())
                print(f"# {movies:,} movies, {count:,} releases: built ({built}; {(count - have) / spent:,.0f}"
                      " releases/s)", flush=True)
                have = count
                builds = {}
                if n == 0 and chosen and not any(w in "refresh_wanted" for w in chosen):
                    run_step("refresh_wanted", config)  # the wanted list every later step reads (not reported)
                for name in STEPS:
                    if (n and name not in RELEASE_STEPS) or (chosen and not any(w in name for w in chosen)):
                        continue
                    rows.append(Row(name, movies, count, run_step(name, config)))
                    print(f"  {name}: {rows[-1].result}", flush=True)
    print()
    rows.sort(key=lambda r: (list(STEPS).index(r.step), r.movies, r.releases))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
