"""Each health check that can be provoked here, raised and then restored, against real parts: a qBittorrent
the test starts and stops, a Torznab server that answers 500, root folders removed and recreated, the download
folder on /dev/shm (another filesystem), a remote path without a mapping, the store held by another process."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from radarr_pipeline.config import AppConfig, load_config
from radarr_pipeline.services.configured import download_client
from radarr_pipeline.services.health import HealthReport, check_health
from radarr_pipeline.services.indexer_sync import sync_rss
from radarr_pipeline.store import LibraryStore
from radarr_sandbox.qbittorrent import QBittorrentProcess
from radarr_sandbox.torznab import TorznabServer

from .conftest import QBT_PASSWORD_ENV, TORZNAB_KEY_ENV, write_pipeline_config

pytestmark = pytest.mark.integration


@pytest.fixture
def home(tmp_path: Path, torznab_server: TorznabServer, qbittorrent: QBittorrentProcess,
         monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv(TORZNAB_KEY_ENV, torznab_server.apikey or "")
    monkeypatch.setenv(QBT_PASSWORD_ENV, qbittorrent.password)
    (home / "downloads").mkdir()
    write_pipeline_config(home, torznab_server, qbittorrent)
    edit(home, lambda c: c["download_client"].update(save_path=str(home / "downloads")))
    configure_category(home)
    return home


def edit(home: Path, change) -> AppConfig:
    path = home / "config.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_config(path)


def configure_category(home: Path) -> None:
    """qBittorrent's category save path set as the pipeline sets it before its first grab."""
    client = download_client(load_config(home / "config.yaml"))
    try:
        client.ensure_category()
    finally:
        client.close()


def run(home: Path, now: datetime | None = None) -> HealthReport:
    return check_health(load_config(home / "config.yaml"), now or datetime.now(UTC))


def issue(report: HealthReport, check: str) -> str | None:
    messages = [i.message for i in report.issues if i.check == check]
    return " | ".join(messages) if messages else None


def history(home: Path, check: str) -> list[tuple]:
    with LibraryStore(home / "library.duckdb").open(read_only=True) as library:
        return [(r.appeared_at, r.cleared_at) for r in library.health_issues.history() if r.check_name == check]


def test_a_healthy_sandbox_has_no_issue(home: Path) -> None:
    report = run(home)
    assert report.issues == [], report.issues
    assert report.changes is not None and "dagster_daemon" not in report.evaluated


def test_qbittorrent_stopped_then_started(home: Path, qbittorrent: QBittorrentProcess) -> None:
    qbittorrent.stop()
    down = run(home)
    message = issue(down, "download_client")
    assert message is not None and message.startswith(f"Unable to communicate with qBittorrent. qBittorrent at "
                                                       f"{qbittorrent.url} is unreachable")
    assert qbittorrent.password not in message
    assert down.changes is not None and [i.check for i in down.changes.appeared] == ["download_client"]
    qbittorrent.start()
    back = run(home)
    assert issue(back, "download_client") is None
    assert back.changes is not None and back.changes.cleared == ("download_client",)
    [(appeared, cleared)] = history(home, "download_client")
    assert appeared is not None and cleared is not None and cleared >= appeared
    assert health_events(home) == [("health_issue", "download_client", "error"),
                                   ("health_restored", "download_client", "error")]


def health_events(home: Path) -> list[tuple]:
    """The notification events the health checks wrote to the outbox, oldest first."""
    with LibraryStore(home / "library.duckdb").open(read_only=True) as library:
        return library.conn.execute(
            "SELECT kind, facts->>'type', facts->>'level' FROM notification_events"
            " WHERE kind LIKE 'health%' ORDER BY id").fetchall()


def test_root_folder_removed_then_recreated_and_free_space(home: Path) -> None:
    shutil.rmtree(home / "library")
    assert issue(run(home), "root_folders_exist") == (f"Missing root folder: {home / 'library'} (create it, mount "
                                                      "it, or fix `root_folders:`)")
    (home / "library").mkdir()
    assert issue(run(home), "root_folders_exist") is None
    edit(home, lambda c: c.update(health={"free_space_warning_mb": 10**9}))
    low = issue(run(home), "free_space")
    assert low is not None and str(home / "library") in low and str(home / "downloads") in low
    edit(home, lambda c: c.pop("health"))
    assert issue(run(home), "free_space") is None
    assert [cleared is not None for _, cleared in history(home, "free_space")] == [True]


def test_recycle_bin_that_cannot_be_created_then_can(home: Path) -> None:
    assert not (home / "recycle").exists() and issue(run(home), "recycle_bin") is None  # made on first use
    (home / "recycle").write_text("a file where the recycle bin should be")
    edit(home, lambda c: c["importing"].update(recycle_bin="recycle/bin"))
    message = issue(run(home), "recycle_bin")
    assert message == (f"Unable to write to configured recycling bin folder: {home / 'recycle' / 'bin'}. Ensure this "
                       "path exists and is writable by the user running the pipeline")
    (home / "recycle").unlink()
    (home / "recycle").mkdir()
    assert issue(run(home), "recycle_bin") is None


def test_an_indexer_answering_500_backs_off_then_recovers(home: Path, torznab_server: TorznabServer) -> None:
    config = load_config(home / "config.yaml")
    store = LibraryStore(config.database)
    now = datetime.now(UTC)
    torznab_server.respond_raw("/api", "Internal Server Error", status=500, content_type="text/plain")
    sync_rss(store, config.indexers, now)
    failing = run(home, now)
    message = issue(failing, "indexer_status")
    assert message is not None and message.startswith("All indexers are unavailable due to failures: Sandbox Torznab "
                                                      "(backing off until ")
    assert "500" in message and (torznab_server.apikey or "") not in message
    assert issue(failing, "indexer_rss") and issue(failing, "indexer_search")
    torznab_server.clear_raw()
    later = now + timedelta(minutes=2)  # the first back-off (a minute) is over: the indexer is asked again
    sync_rss(store, config.indexers, later)
    recovered = run(home, later)
    assert recovered.issues == []
    assert recovered.changes is not None and set(recovered.changes.cleared) == {
        "indexer_status", "indexer_rss", "indexer_search"}


@pytest.fixture
def shm_folder() -> Iterator[Path]:
    shm = Path("/dev/shm")
    if not shm.is_dir():
        pytest.skip("no /dev/shm here")
    folder = shm / f"radarr-pipeline-test-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_download_folder_on_another_filesystem_then_on_the_same(home: Path, shm_folder: Path) -> None:
    edit(home, lambda c: c["download_client"].update(save_path=str(shm_folder)))
    configure_category(home)
    message = issue(run(home), "hardlinks_possible")
    assert message is not None and message.startswith(
        f"The download folder {shm_folder} is on a different filesystem than the root folder(s) {home / 'library'}")
    edit(home, lambda c: c["download_client"].update(save_path=str(home / "downloads")))
    configure_category(home)
    assert issue(run(home), "hardlinks_possible") is None


def test_a_remote_download_folder_without_a_mapping_then_with_one(home: Path) -> None:
    remote = f"/remote-{uuid.uuid4().hex[:8]}/downloads"  # where qBittorrent "is", as in a container
    edit(home, lambda c: c["download_client"].update(save_path=remote))
    configure_category(home)
    message = issue(run(home), "remote_path_mapping")
    assert message is not None
    assert f"places downloads in {remote} but this directory does not appear to exist" in message
    assert "no remote path mapping for host 127.0.0.1 covers it" in message
    mapping = {"host": "127.0.0.1", "remote_path": str(Path(remote).parent), "local_path": "/nowhere/here"}
    edit(home, lambda c: c.update(remote_path_mappings=[mapping]))
    wrong = issue(run(home), "remote_path_mapping")
    assert wrong is not None and "gives /nowhere/here/downloads, which does not exist here" in wrong
    mapping["local_path"] = str(home)
    edit(home, lambda c: c.update(remote_path_mappings=[mapping]))
    report = run(home)
    assert issue(report, "remote_path_mapping") is None and issue(report, "hardlinks_possible") is None


def test_the_store_held_by_another_process(home: Path) -> None:
    run(home)  # creates the library
    edit(home, lambda c: c.update(health={"store_locked_seconds": 1}))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(120)", str(home / "library.duckdb")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        locked = run(home)
        assert "locked by another process for more than 1 s" in (issue(locked, "store_lock") or "")
        assert locked.not_recorded and locked.changes is None
    finally:
        holder.kill()  # the process this test started, by its PID
        holder.wait(10)
        if holder.stdout is not None:
            holder.stdout.close()
    back = run(home)
    assert issue(back, "store_lock") is None
    assert back.changes is not None and back.changes.cleared == ("store_lock",)
    [(appeared, cleared)] = history(home, "store_lock")  # seen while locked, recorded once it could be
    assert appeared < cleared


def test_qbittorrent_paths_are_mapped_where_they_are_read(home: Path, tmp_path: Path,
                                                            qbittorrent: QBittorrentProcess) -> None:
    """qBittorrent "in a container": it writes under /…/client-view, which is /…/local-view here (a symlink
    stands in for the container's volume). Tracking reads local paths; a wrong mapping is named."""
    from radarr_sandbox.torrents import make_torrent

    client_view = tmp_path / "client-view"
    (client_view / "Movie.2020.1080p.BluRay-GRP").mkdir(parents=True)
    (client_view / "Movie.2020.1080p.BluRay-GRP" / "movie.mkv").write_bytes(b"\0" * 100_000)
    (client_view / "Movie.2020.1080p.BluRay-GRP" / "movie.nfo").write_text("a folder of two files")
    local_view = tmp_path / "local-view"
    local_view.symlink_to(client_view)
    torrent = tmp_path / "movie.torrent"
    make_torrent(client_view / "Movie.2020.1080p.BluRay-GRP", torrent)
    qbittorrent.add_seed(torrent, client_view, category="radarr")
    mapping = {"host": "127.0.0.1", "remote_path": str(client_view), "local_path": str(local_view)}
    config = edit(home, lambda c: c.update(remote_path_mappings=[mapping]))

    client = download_client(config)
    try:
        [download] = client.downloads()
    finally:
        client.close()
    assert download.content_path == str(local_view / "Movie.2020.1080p.BluRay-GRP")
    assert download.save_path == str(local_view)
    assert issue(run(home), "remote_path_mapping") is None

    mapping["local_path"] = str(tmp_path / "not-mounted")
    edit(home, lambda c: c.update(remote_path_mappings=[mapping]))
    message = issue(run(home), "remote_path_mapping")
    assert message is not None and (f"reported files in {client_view / 'Movie.2020.1080p.BluRay-GRP'} "
                                    "(for Movie.2020.1080p.BluRay-GRP)") in message
    assert f"gives {tmp_path / 'not-mounted' / 'Movie.2020.1080p.BluRay-GRP'}, which does not exist here" in message
