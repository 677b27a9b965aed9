"""The same flow under `dagster dev`: the schedule syncs RSS, the automation sensor decides and grabs, the
download sensor notices completion and the import runs, with nobody clicking anything."""

from __future__ import annotations

import time
from pathlib import Path

import dagster as dg
import pytest

from radarr_pipeline.store import LibraryStore
from radarr_sandbox.demo import DemoMovie, DemoSandbox, prepare_dagster_home, start_dagster_dev, stop_dagster_dev
from radarr_sandbox.ports import free_port

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MOVIE = DemoMovie("Big Buck Bunny", 2008, 10378, "tt1254207", ("Big.Buck.Bunny.2008.1080p.BluRay.x264-DEMO",))
EXPECTED = Path("Big Buck Bunny (2008)") / "Big Buck Bunny (2008) Bluray-1080p.mkv"


def wait_until(what: str, condition, timeout: float, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:]) if log.exists() else ""
    pytest.fail(f"{what} did not happen within {timeout:.0f} s; dagster dev log tail:\n{tail}")


def test_movie_is_imported_by_the_daemon_alone(tmp_path: Path, media_cache) -> None:
    log = tmp_path / "dagster.log"
    with DemoSandbox(tmp_path / "sandbox", movies=(MOVIE,)) as sandbox:
        sandbox.add_movies()
        dagster_home = prepare_dagster_home(tmp_path / "dagster_home")
        started = time.monotonic()
        process = start_dagster_dev(sandbox.env, dagster_home, free_port(), log)
        try:
            client = sandbox.client.client()

            def torrent_complete() -> float | None:
                torrents = client.torrents_info(category="radarr")
                return time.monotonic() if torrents and float(torrents[0].progress) >= 1.0 else None

            completed_at = wait_until("download completion", torrent_complete, 420, log)
            movie_folder = sandbox.home / "library" / EXPECTED.parent
            imported_at = wait_until("a file in the library",
                                     lambda: any(movie_folder.glob("*.mkv")) and time.monotonic(), 120, log)
        finally:
            stop_dagster_dev(process, dagster_home=dagster_home)  # the import run finishes writing first
        latency = imported_at - completed_at
        print(f"\ndagster dev: start -> complete {completed_at - started:.1f} s, "
              f"completion -> file in library {latency:.1f} s")

    assert [p.name for p in movie_folder.glob("*.mkv")] == [EXPECTED.name]
    with LibraryStore(sandbox.home / "library.duckdb").open() as library:
        status = library.movies.statuses()[0]
        events = [e.event for e in library.history.for_movie(status.movie.id)]
    assert status.status == "downloaded"
    assert events == ["grabbed", "download_completed", "imported"]

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        runs = instance.get_runs()
        jobs = {r.job_name for r in runs}
        failed = [r.run_id for r in runs if r.status == dg.DagsterRunStatus.FAILURE]
        sensor_runs = [r for r in runs if r.tags.get("dagster/sensor_name") == "download_client_sensor"]
    assert "rss_sync_job" in jobs, jobs
    assert sensor_runs and all(r.status == dg.DagsterRunStatus.SUCCESS for r in sensor_runs)
    assert not failed
