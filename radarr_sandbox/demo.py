"""A whole local world for the pipeline on 127.0.0.1: a seeding qBittorrent, the pipeline's own qBittorrent,
a Torznab indexer listing demo releases, a TMDB-shaped metadata server and a list server, and a configuration
pointing at them. The first movie is added by lookup (``movies add tmdb:N``), the others from an import list of
TMDB ids (``lists sync``), as a user adds them; titles, years and dates come from the local TMDB server. Used by
the newcomer demo (``python -m radarr_sandbox.demo``: this, then ``dagster dev``) and by the test that runs under
the daemon.

The torrents have no tracker: a small thread introduces the seeder as a peer to every torrent the pipeline's
client receives, which is what a tracker would do.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

import qbittorrentapi

from radarr_sandbox.list_server import Answer, ListServer
from radarr_sandbox.pipeline_config import sandbox_pipeline_config, with_metadata, write_config
from radarr_sandbox.qbittorrent import QBittorrentProcess
from radarr_sandbox.scenario import SeededRelease, seed_movie_release
from radarr_sandbox.tmdb import TmdbServer
from radarr_sandbox.torznab import TorznabServer

REPO_ROOT = Path(__file__).resolve().parents[1]
TORZNAB_KEY_ENV = "SANDBOX_TORZNAB_API_KEY"
QBT_PASSWORD_ENV = "SANDBOX_QBITTORRENT_PASSWORD"
TMDB_KEY_ENV = "SANDBOX_TMDB_API_KEY"
DEMO_LIST = "/demo-list.txt"


@dataclass(frozen=True)
class DemoMovie:
    title: str
    year: int
    tmdb_id: int
    imdb_id: str
    releases: tuple[str, ...]


DEMO_MOVIES = (
    DemoMovie("Big Buck Bunny", 2008, 10378, "tt1254207",
              ("Big.Buck.Bunny.2008.1080p.BluRay.x264-DEMO", "Big.Buck.Bunny.2008.720p.HDTV.x264-LESSER")),
    DemoMovie("Sintel", 2010, 45745, "tt1727587", ("Sintel.2010.1080p.WEB-DL.DD5.1.H.264-DEMO",)),
)


def frame_size_for(release_title: str) -> str:
    """Media as large as the release says, since the importer trusts MediaInfo's resolution over the name."""
    for tag, size in (("1080p", "1920x1080"), ("720p", "1280x720"), ("576p", "1024x576"), ("480p", "854x480")):
        if tag in release_title.lower():
            return size
    return "1280x720"


class PeerIntroducer(threading.Thread):
    """Tells the pipeline's client where the seeder is, for every torrent not finished yet."""

    def __init__(self, client: qbittorrentapi.Client, seeder: QBittorrentProcess, every: float = 1.0) -> None:
        super().__init__(name="peer-introducer", daemon=True)
        self._client = client
        self._seeder = seeder
        self._every = every
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self._every):
            try:
                pending = [t.hash for t in self._client.torrents_info() if float(t.progress) < 1.0]
                if pending:
                    self._client.torrents_add_peers(peers=[self._seeder.peer_address], torrent_hashes=pending)
            except (qbittorrentapi.APIError, OSError):
                continue  # the client restarts or stops: try again on the next round

    def stop(self) -> None:
        self._stopped.set()


class DemoSandbox:
    """Start with ``with DemoSandbox(home) as sandbox:``; ``sandbox.env`` holds what the pipeline needs."""

    def __init__(self, home: Path | str, movies: tuple[DemoMovie, ...] = DEMO_MOVIES, seconds: float = 4,
                 dagster_port: int | None = None) -> None:
        self.home = Path(home).resolve()
        self.dagster_port = dagster_port  # given: qBittorrent's run-on-finish hook asks this Dagster for imports
        self.movies = movies
        self.seconds = seconds
        self.seeder = QBittorrentProcess(self.home / "qbt-seeder", name="seeder")
        self.client = QBittorrentProcess(self.home / "qbt-client", password=secrets.token_urlsafe(12),
                                         save_path=self.home / "downloads", name="pipeline-client")
        self.indexer = TorznabServer(title="Demo Torznab")
        self.tmdb = TmdbServer()
        self.lists = ListServer()
        self.seeded: list[SeededRelease] = []
        self._introducer: PeerIntroducer | None = None

    @property
    def config_path(self) -> Path:
        return self.home / "config.yaml"

    @property
    def env(self) -> dict[str, str]:
        return {
            "RADARR_PIPELINE_CONFIG": str(self.config_path),
            TORZNAB_KEY_ENV: self.indexer.apikey or "",
            QBT_PASSWORD_ENV: self.client.password,
            TMDB_KEY_ENV: self.tmdb.api_key,
        }

    def start(self) -> Self:
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self.seeder.start()
            self.client.start()
            self.indexer.start()
            self.tmdb.start()
            self.lists.start()
            listed = "".join(f"tmdb:{movie.tmdb_id}  # {movie.title}\n" for movie in self.movies[1:])
            self.lists.serve(DEMO_LIST, Answer(listed.encode("utf-8"), content_type="text/plain"))
            for movie in self.movies:
                for title in movie.releases:
                    seeded = seed_movie_release(self.home, self.seeder, title, self.seconds,
                                                size=frame_size_for(title))
                    self.seeded.append(seeded)
                    self.indexer.add_item(seeded.torznab_item(imdb_id=movie.imdb_id, tmdb_id=movie.tmdb_id,
                                                              seeders=1, peers=1))
            self.write_config()
            self._introducer = PeerIntroducer(self.client.client(), self.seeder)
            self._introducer.start()
        except BaseException:
            self.stop()
            raise
        return self

    def write_config(self) -> None:
        config = sandbox_pipeline_config(self.indexer, self.client, indexer_name="Demo Torznab",
                                         api_key_env=TORZNAB_KEY_ENV, password_env=QBT_PASSWORD_ENV)
        config = with_metadata(config, self.tmdb, TMDB_KEY_ENV)
        if self.dagster_port is not None:
            config["api"] = {"dagster_url": f"http://127.0.0.1:{self.dagster_port}"}
            config["download_client"] = {**config["download_client"], "completion_hook": None}  # type: ignore[dict-item]
        if len(self.movies) > 1:
            config["import_lists"] = {"lists": [{"name": "Demo list", "kind": "ids",
                                                 "url": f"{self.lists.url}{DEMO_LIST}"}]}
        write_config(self.config_path, config)

    def add_movies(self) -> None:
        """Add the demo movies through the real command line: the first by lookup on the metadata server, the
        others from the demo's import list (both fill titles, years and dates from the local TMDB server)."""
        commands = [["movies", "add", f"tmdb:{self.movies[0].tmdb_id}"]]
        if len(self.movies) > 1:
            commands.append(["lists", "sync", "--force"])
        for command in commands:
            subprocess.run([sys.executable, "-m", "radarr_pipeline.cli", *command], check=True,
                           env={**os.environ, **self.env})

    def stop(self) -> None:
        if self._introducer is not None:
            self._introducer.stop()
        self.indexer.stop()
        self.lists.stop()
        self.tmdb.stop()
        self.client.stop()
        self.seeder.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def prepare_dagster_home(dagster_home: Path) -> Path:
    """A Dagster instance folder with the project's dagster.yaml."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO_ROOT / "data" / "dagster_home" / "dagster.yaml", dagster_home / "dagster.yaml")
    return dagster_home


def start_dagster_dev(env: dict[str, str], dagster_home: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``dagster dev`` as a process group of its own, so it can be stopped as a whole."""
    full_env = {
        **os.environ, **env, "DAGSTER_HOME": str(dagster_home),
        "RADARR_PIPELINE_RSS_CRON": env.get("RADARR_PIPELINE_RSS_CRON", "* * * * *"),
        "RADARR_PIPELINE_SEARCH_CRON": env.get("RADARR_PIPELINE_SEARCH_CRON", "* * * * *"),
    }
    dagster = Path(sys.executable).with_name("dagster")
    with log.open("wb") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [str(dagster), "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", "127.0.0.1", "-p", str(port)],
            cwd=REPO_ROOT, env=full_env, stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )


def drain_dagster_runs(dagster_home: Path, timeout: float = 120.0, quiet: float = 3.0) -> None:
    """Stop every sensor and schedule of the instance, then wait until no run is queued, starting or started for
    ``quiet`` seconds (or ``timeout`` passes): stopping `dagster dev` then kills no run that was already asked for
    (a run dequeued during the shutdown would die of the SIGINT and count as failed)."""
    import dagster as dg
    from dagster._core.scheduler.instigation import InstigatorStatus

    active = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
              dg.DagsterRunStatus.STARTED]
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            # Again on every turn: a sensor tick under way when its state was stopped writes its state back.
            running = [state for state in instance.all_instigator_state() if state.status != InstigatorStatus.STOPPED]
            for state in running:
                instance.update_instigator_state(state.with_status(InstigatorStatus.STOPPED))
            if running or instance.get_runs_count(dg.RunsFilter(statuses=active)):
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return
            time.sleep(0.5)


def stop_dagster_dev(process: subprocess.Popen[bytes], timeout: float = 20.0, *,
                     dagster_home: Path | None = None) -> None:
    """SIGINT to dagster dev's own process group (its children follow), then SIGKILL if it lingers. With
    ``dagster_home``, its runs are drained first (:func:`drain_dagster_runs`)."""
    if process.poll() is not None:
        return
    if dagster_home is not None:
        drain_dagster_runs(dagster_home)
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the pipeline against a local sandbox, in the Dagster UI.")
    parser.add_argument("--home", type=Path, default=REPO_ROOT / "data" / "sandbox",
                        help="where the sandbox and its Dagster instance live (default: data/sandbox, wiped at start)")
    parser.add_argument("--port", type=int, default=3000, help="Dagster UI port on 127.0.0.1")
    args = parser.parse_args(argv)
    # Ctrl-C or a plain kill stop everything the demo started (a shell may hand SIGINT down as ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    if args.home.exists():
        shutil.rmtree(args.home)
    # A fresh Dagster instance with the sandbox: run keys and cursors of an earlier demo must not carry over.
    dagster_home = prepare_dagster_home(args.home / "dagster_home")
    with DemoSandbox(args.home, dagster_port=args.port) as sandbox:
        sandbox.add_movies()
        print(f"indexer: {sandbox.indexer.api_url}\nqBittorrent (pipeline): {sandbox.client.url}"
              f"  user {sandbox.client.username}, password in ${QBT_PASSWORD_ENV}\n"
              f"library: {args.home / 'library'}\n"
              f"Dagster UI: http://127.0.0.1:{args.port}  (RSS sync every minute; Ctrl-C stops everything)",
              flush=True)
        process = start_dagster_dev(sandbox.env, dagster_home, args.port, args.home / "dagster.log")
        try:
            while process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            stop_dagster_dev(process)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
