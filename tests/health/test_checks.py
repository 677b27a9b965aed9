"""Each health check over hand-made facts: what raises it, what does not, and what its message says."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from radarr_pipeline.decisions import health as h
from radarr_pipeline.decisions.health_state import health_changes
from radarr_pipeline.values.os_paths import PathMapping

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ROOT = h.FolderFacts("/movies", exists=True, writable=True, device=1, free_bytes=100 * 1024 * h.MB)
DOWNLOADS = h.FolderFacts("/downloads", exists=True, writable=True, device=1, free_bytes=100 * 1024 * h.MB)
TORZNAB = h.IndexerFacts("Torznab", enabled=True, rss=True, search=True, last_success_at=NOW)
FEED = h.IndexerFacts("Feed", enabled=True, rss=True, search=False, last_success_at=NOW)
CLIENT = h.ClientFacts("qBittorrent", "127.0.0.1", output_folders=(h.OutputFolder("/downloads", DOWNLOADS),))
HEALTHY = h.HealthFacts(now=NOW, indexers=(TORZNAB, FEED), root_folders=(ROOT,), client=CLIENT,
                        daemon=h.DaemonFacts({"SCHEDULER": 5.0, "SENSOR": 12.0}))


def failing(indexer: h.IndexerFacts, *, since: timedelta = timedelta(minutes=10)) -> h.IndexerFacts:
    return replace(indexer, disabled_until=NOW + timedelta(minutes=5), consecutive_failures=3,
                   last_error="HTTP 500", last_success_at=NOW - since - timedelta(days=3),
                   initial_failure_at=NOW - since)


def checks(facts: h.HealthFacts) -> dict[str, list[h.HealthIssue]]:
    found: dict[str, list[h.HealthIssue]] = {}
    for issue in h.evaluate(facts):
        found.setdefault(issue.check, []).append(issue)
    return found


def test_a_healthy_setup_has_no_issue() -> None:
    assert h.evaluate(HEALTHY) == []
    assert set(h.evaluated_checks(HEALTHY)) == set(h.CHECK_NAMES)


def test_indexers() -> None:
    assert checks(replace(HEALTHY, indexers=()))["no_indexers"][0].level is h.Level.ERROR
    assert "no_indexers" in checks(replace(HEALTHY, indexers=(replace(TORZNAB, enabled=False),)))
    only_feed = checks(replace(HEALTHY, indexers=(FEED,)))
    assert "Automatic Search" in only_feed["indexer_search"][0].message
    some = checks(replace(HEALTHY, indexers=(failing(TORZNAB), FEED)))["indexer_status"][0]
    assert some.level is h.Level.WARNING
    assert some.message.startswith("Indexers unavailable due to failures: Torznab (backing off until 2026-11-30 12:05")
    assert "HTTP 500" in some.message
    every = checks(replace(HEALTHY, indexers=(failing(TORZNAB), failing(FEED))))
    assert every["indexer_status"][0].level is h.Level.ERROR
    assert "indexer_rss" in every and "indexer_search" in every
    long = checks(replace(HEALTHY, indexers=(failing(TORZNAB, since=timedelta(hours=7)), FEED)))
    assert "for more than 6 hours: Torznab" in long["indexer_long_term_status"][0].message
    assert "indexer_status" not in long
    never_answered = replace(failing(TORZNAB), last_success_at=None, initial_failure_at=None)
    assert "indexer_status" in checks(replace(HEALTHY, indexers=(never_answered, FEED)))
    over = replace(failing(TORZNAB), disabled_until=NOW - timedelta(seconds=1))
    assert checks(replace(HEALTHY, indexers=(over, FEED))) == {}  # the back-off is over: asked again


def test_download_client() -> None:
    down = replace(CLIENT, error="qBittorrent at http://127.0.0.1:1 is unreachable (connection refused)")
    issue = checks(replace(HEALTHY, client=down))["download_client"][0]
    assert issue.message == ("Unable to communicate with qBittorrent. qBittorrent at http://127.0.0.1:1 is "
                             "unreachable (connection refused)")
    assert "remote_path_mapping" not in checks(replace(HEALTHY, client=down))


def test_root_folders() -> None:
    missing = h.FolderFacts("/gone", exists=False)
    assert checks(replace(HEALTHY, root_folders=(missing,)))["root_folders_exist"][0].message.startswith(
        "Missing root folder: /gone")
    two = checks(replace(HEALTHY, root_folders=(missing, h.FolderFacts("/also", exists=False))))
    assert "Multiple root folders are missing: /gone | /also" in two["root_folders_exist"][0].message
    locked = replace(ROOT, writable=False)
    assert "not writable" in checks(replace(HEALTHY, root_folders=(locked,)))["root_folders_writable"][0].message
    read_only = replace(ROOT, writable=False, read_only_mount="/mnt/ro")
    found = checks(replace(HEALTHY, root_folders=(read_only,)))
    assert found["read_only_mount"][0].message == (
        "Mount containing a movie path is mounted read-only: /mnt/ro (/movies)")
    assert "root_folders_writable" not in found


def test_downloads_into_a_root_folder() -> None:
    inside = replace(CLIENT, output_folders=(h.OutputFolder("/movies/downloads",
                                                            replace(DOWNLOADS, path="/movies/downloads")),))
    assert checks(replace(HEALTHY, client=inside))["download_client_root_folder"][0].message == (
        "Download client qBittorrent places downloads in the root folder /movies. You should not download to a "
        "root folder.")
    beside = replace(CLIENT, output_folders=(h.OutputFolder("/movies-dl", replace(DOWNLOADS, path="/movies-dl")),))
    assert checks(replace(HEALTHY, client=beside)) == {}


def test_completed_download_handling_and_recycle_bin() -> None:
    assert "Enable Completed Download Handling" in checks(
        replace(HEALTHY, completed_download_handling=False))["completed_download_handling"][0].message
    bin_ = h.FolderFacts("/recycle", exists=False)
    assert "Unable to write to configured recycling bin folder: /recycle" in checks(
        replace(HEALTHY, recycle_bin=bin_))["recycle_bin"][0].message


def test_remote_path_mapping_names_the_missing_mapping() -> None:
    gone = h.FolderFacts("/data/downloads", exists=False)
    client = replace(CLIENT, host="10.0.0.5", output_folders=(h.OutputFolder("/data/downloads", gone),))
    message = checks(replace(HEALTHY, client=client))["remote_path_mapping"][0].message
    assert "places downloads in /data/downloads but this directory does not appear to exist" in message
    assert "no remote path mapping for host 10.0.0.5 covers it" in message
    mapping = PathMapping("10.0.0.5", "/data", "/mnt/nas")
    mapped = replace(client, output_folders=(h.OutputFolder("/data/downloads", h.FolderFacts("/mnt/nas/downloads",
                                                                                             exists=False), mapping),))
    assert "(host 10.0.0.5, /data -> /mnt/nas) gives /mnt/nas/downloads" in checks(
        replace(HEALTHY, client=mapped))["remote_path_mapping"][0].message
    content = h.ReportedContent("Movie.2020", "/data/downloads/Movie.2020", "/data/downloads/Movie.2020", False)
    found = checks(replace(HEALTHY, client=replace(CLIENT, contents=(content,))))
    assert "reported files in /data/downloads/Movie.2020 (for Movie.2020)" in found["remote_path_mapping"][0].message
    assert checks(replace(HEALTHY, client=client, completed_download_handling=False)).keys() == {
        "completed_download_handling"}


def test_providers_hook() -> None:
    lists = (h.ProviderFacts("Trakt", failing=True, error="HTTP 500"), h.ProviderFacts("IMDb", failing=False))
    assert checks(replace(HEALTHY, import_lists=lists))["import_lists"][0].message == (
        "Lists unavailable due to failures: Trakt (HTTP 500)")
    every = (h.ProviderFacts("Discord", failing=True),)
    assert checks(replace(HEALTHY, notifications=every))["notifications"][0].message == (
        "All notifications are unavailable due to failures: Discord")


def test_hardlinks_free_space_daemon_store_backups() -> None:
    apart = replace(CLIENT, output_folders=(h.OutputFolder("/dev/shm/dl", replace(DOWNLOADS, path="/dev/shm/dl",
                                                                                  device=2)),))
    message = checks(replace(HEALTHY, client=apart))["hardlinks_possible"][0].message
    assert "different filesystem than the root folder(s) /movies" in message
    assert checks(replace(HEALTHY, client=apart, import_mode="copy")) == {}
    low = replace(ROOT, free_bytes=10 * h.MB)
    assert "/movies (10 MB free)" in checks(replace(HEALTHY, root_folders=(low,)))["free_space"][0].message
    stale = h.DaemonFacts({"SCHEDULER": 900.0, "SENSOR": None, "QUEUED_RUN_COORDINATOR": 3.0})
    assert "(no heartbeat within 300 s from: SCHEDULER, SENSOR)" in checks(
        replace(HEALTHY, daemon=stale))["dagster_daemon"][0].message
    assert "locked by another process for more than 60 s" in checks(
        replace(HEALTHY, store_locked=True))["store_lock"][0].message
    failed = h.BackupFacts("/backups", NOW, "disk full", timedelta(days=7))
    assert checks(replace(HEALTHY, backup=failed))["backups"][0].message == "The last backup failed: disk full"
    old = h.BackupFacts("/backups", NOW - timedelta(days=9), None, timedelta(days=7))
    assert "is 9 days old" in checks(replace(HEALTHY, backup=old))["backups"][0].message
    assert checks(replace(HEALTHY, backup=replace(old, newest_at=NOW - timedelta(days=7)))) == {}


def test_facts_not_gathered_are_not_evaluated() -> None:
    facts = replace(HEALTHY, daemon=None, client=None)
    assert {"dagster_daemon", "download_client", "remote_path_mapping"}.isdisjoint(h.evaluated_checks(facts))


def test_issues_appear_and_clear_by_check() -> None:
    raised = h.evaluate(replace(HEALTHY, store_locked=True, completed_download_handling=False))
    first = health_changes([], raised, h.CHECK_NAMES)
    assert [i.check for i in first.appeared] == ["store_lock", "completed_download_handling"]
    again = health_changes(["store_lock", "completed_download_handling"], raised, h.CHECK_NAMES)
    assert again.appeared == () and len(again.still) == 2 and again.cleared == ()
    # the daemon's issue stays open while it is not evaluated (from the command line), clears once it is
    kept = health_changes(["dagster_daemon"], [], ["store_lock"])
    assert kept.cleared == ()
    assert health_changes(["dagster_daemon"], [], h.CHECK_NAMES).cleared == ("dagster_daemon",)
