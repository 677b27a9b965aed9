"""Completion to library under ``dagster dev``: torrents added to the pipeline's qBittorrent one after another
while the daemon runs, and for each the time from qBittorrent's ``completion_on`` to the movie file in the
library. Used by the daemon test of the run-on-finish hook and by ``bench/bench_completion.py``.

The configuration is the default one plus what a sandbox must say: where the library, database and qBittorrent
are, the one quality profile, and where Dagster's webserver listens (``api.dagster_url``, for the hook). The
movies are in the library and wanted before Dagster starts; the torrents are added by hand to our category (the
pipeline picks them up), so the measured path is completion -> sensor or hook -> import run -> file.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

import qbittorrentapi

from radarr_pipeline.config import load_config
from radarr_pipeline.services.movies import NewMovie, add_movie
from radarr_pipeline.services.wanted import refresh_wanted
from radarr_sandbox.demo import PeerIntroducer, prepare_dagster_home, start_dagster_dev, stop_dagster_dev
from radarr_sandbox.media import MediaCache
from radarr_sandbox.pipeline_config import write_config
from radarr_sandbox.ports import free_port
from radarr_sandbox.qbittorrent import QBittorrentProcess
from radarr_sandbox.scenario import SeededRelease, seed_movie_release

PASSWORD_ENV = "SANDBOX_QBITTORRENT_PASSWORD"
WORDS = ("Amber", "Silver", "Quiet", "Hollow", "Crimson", "Distant", "Paper", "Winter", "Velvet", "Iron",
         "Golden", "Broken")
PLACES = ("Harbor", "Meadow", "Valley", "Orchard", "Lantern", "Station", "Garden", "Bridge", "Summit", "Canyon",
          "Island", "Forest")
#: The schedules as configured by default (start_dagster_dev would otherwise sync every minute).
DEFAULT_SCHEDULES = {"RADARR_PIPELINE_RSS_CRON": "*/15 * * * *", "RADARR_PIPELINE_SEARCH_CRON": "*/30 * * * *"}


@dataclass(frozen=True)
class Probe:
    title: str
    year: int
    release: SeededRelease

    @property
    def folder(self) -> str:
        return f"{self.title} ({self.year})"


@dataclass(frozen=True)
class Sample:
    title: str
    completed_at: float  # qBittorrent's completion_on (whole seconds, epoch)
    in_library_at: float  # when the movie file was first seen in the library (epoch)

    @property
    def seconds(self) -> float:
        return self.in_library_at - self.completed_at


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p95 of 10 values is the 10th): never below what was seen."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def summary(samples: list[Sample]) -> str:
    values = [s.seconds for s in samples]
    return (f"{len(values)} downloads: p50 {statistics.median(values):.1f} s, p95 {percentile(values, 0.95):.1f} s, "
            f"max {max(values):.1f} s ({', '.join(f'{v:.1f}' for v in values)})")


class CompletionWorld:
    """``with CompletionWorld(home, probes=6, hook=None) as world: samples = world.measure(gap=8)``.

    ``hook``: the ``download_client.completion_hook`` setting (None: not written, the default applies)."""

    def __init__(self, home: Path, probes: int, hook: bool | None, media: MediaCache | None = None,
                 dagster_env: dict[str, str] | None = None) -> None:
        if probes + 1 > len(WORDS):
            raise ValueError(f"at most {len(WORDS) - 1} probes")
        self.home = home.resolve()
        self.count = probes + 1  # the first warms Dagster up and is not counted
        self.hook = hook
        self.media = media
        self.dagster_env = dagster_env or {}
        self.seeder = QBittorrentProcess(self.home / "qbt-seeder", name="seeder")
        self.client = QBittorrentProcess(self.home / "qbt-client", save_path=self.home / "downloads",
                                         name="pipeline-client")
        self.dagster_port = free_port()
        self.probes: list[Probe] = []
        self.log = self.home / "dagster.log"
        self._introducer: PeerIntroducer | None = None

    @property
    def config_path(self) -> Path:
        return self.home / "config.yaml"

    @property
    def env(self) -> dict[str, str]:
        return {"RADARR_PIPELINE_CONFIG": str(self.config_path), PASSWORD_ENV: self.client.password,
                **DEFAULT_SCHEDULES, **self.dagster_env}

    def __enter__(self) -> Self:
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self.seeder.start()
            self.client.start()
            self._write_config()
            self._prepare_library()
            self._introducer = PeerIntroducer(self.client.client(), self.seeder, every=0.5)
            self._introducer.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._introducer is not None:
            self._introducer.stop()
        self.client.stop()
        self.seeder.stop()

    def _write_config(self) -> None:
        download_client: dict[str, object] = {"kind": "qbittorrent", "url": self.client.url,
                                              "username": self.client.username, "password_env": PASSWORD_ENV}
        if self.hook is not None:
            download_client["completion_hook"] = self.hook
        write_config(self.config_path, {
            "database": "library.duckdb",
            "root_folders": ["library"],
            "quality_profiles": [{"name": "HD-1080p", "allowed": ["Bluray-720p", "Bluray-1080p"],
                                  "cutoff": "Bluray-1080p"}],
            "download_client": download_client,
            "api": {"dagster_url": f"http://127.0.0.1:{self.dagster_port}"},
        })

    def _prepare_library(self) -> None:
        """The movies in the library and wanted, their releases seeded (before Dagster holds anything)."""
        os.environ[PASSWORD_ENV] = self.client.password
        config = load_config(self.config_path)
        for number in range(self.count):
            title, year = f"{WORDS[number]} {PLACES[number]}", 2001 + number
            add_movie(config, NewMovie(title=title, year=year))
            release = f"{title.replace(' ', '.')}.{year}.1080p.BluRay.x264-PROBE"
            seeded = seed_movie_release(self.home, self.seeder, release, 2, size="1920x1080",
                                        cache=self.media or "default")
            self.probes.append(Probe(title, year, seeded))
        refresh_wanted(config, datetime.now(UTC))

    def hook_installed(self) -> bool:
        return "hook download-finished" in str(self.client.client().app_preferences().get("autorun_program"))

    def _sensor_ticked(self) -> bool:
        return self.log.exists() and "Sensor download_client_sensor skipped" in self.log.read_text(errors="replace")

    def _wait(self, what: str, condition: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
                raise TimeoutError(f"{what} did not happen within {timeout:.0f} s; dagster dev log tail:\n{tail}")
            time.sleep(0.1)

    @staticmethod
    def _add(api: qbittorrentapi.Client, probe: Probe) -> None:
        api.torrents_add(torrent_files=probe.release.torrent_bytes, category="radarr",
                         use_auto_torrent_management=True)

    def measure(self, gap: float, timeout: float = 180.0) -> list[Sample]:
        """Start dagster dev, add the torrents ``gap`` seconds apart, and time each completion to its file."""
        dagster_home = prepare_dagster_home(self.home / "dagster_home")
        process = start_dagster_dev(self.env, dagster_home, self.dagster_port, self.log)
        api = self.client.client()
        try:
            self._wait("the download sensor's first tick", self._sensor_ticked, 2 * timeout)
            if self.hook is not False:  # the sensor sets the hook up on its first tick
                self._wait("the hook set up in qBittorrent", self.hook_installed, timeout)
            samples = []
            watcher = _Watcher(api, self.home / "library", self.probes)
            watcher.start()
            try:
                warm_up = self.probes[0]  # Dagster's first run of the import job, not counted
                self._add(api, warm_up)
                self._wait("the warm-up import", lambda: warm_up.title in watcher.in_library, timeout)
                for probe in self.probes[1:]:
                    self._add(api, probe)
                    time.sleep(gap)
                self._wait("every import", lambda: len(watcher.in_library) == len(self.probes), timeout)
            finally:
                watcher.stop()
            for probe in self.probes[1:]:
                samples.append(Sample(probe.title, watcher.completed[probe.title], watcher.in_library[probe.title]))
        finally:
            stop_dagster_dev(process, dagster_home=dagster_home)  # the last run finishes writing first
        return samples


    def run_start_delays(self) -> list[float]:
        """For each import run that started: seconds from its creation (hook or sensor) to its start."""
        import dagster as dg

        from radarr_pipeline.services.completion_hook import IMPORT_JOB

        with dg.DagsterInstance.from_config(str(self.home / "dagster_home")) as instance:
            records = instance.get_run_records(filters=dg.RunsFilter(job_name=IMPORT_JOB))
        return sorted(r.start_time - r.create_timestamp.timestamp() for r in records if r.start_time is not None)


class _Watcher(threading.Thread):
    """Every 0.1 s: qBittorrent's completion_on of each probe, and whether its file is in the library."""

    def __init__(self, api: qbittorrentapi.Client, library: Path, probes: list[Probe]) -> None:
        super().__init__(name="completion-watcher", daemon=True)
        self._api = api
        self._library = library
        self._probes = probes
        self._stopped = threading.Event()
        self.completed: dict[str, float] = {}
        self.in_library: dict[str, float] = {}

    def run(self) -> None:
        while not self._stopped.wait(0.1):
            now = time.time()
            for probe in self._probes:
                if probe.title not in self.in_library and any((self._library / probe.folder).glob("*.mkv")):
                    self.in_library[probe.title] = now
            pending = [p for p in self._probes if p.title not in self.completed]
            if pending:
                hashes = {p.release.infohash: p.title for p in pending}
                for torrent in self._api.torrents_info(torrent_hashes="|".join(hashes)):
                    if float(torrent.progress) >= 1.0 and int(torrent.completion_on) > 0:
                        self.completed[hashes[torrent.hash]] = float(torrent.completion_on)

    def stop(self) -> None:
        self._stopped.set()
        self.join(5)
