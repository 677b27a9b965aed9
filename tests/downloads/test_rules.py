"""Pure rules: the sensor's cursor and run keys, seeding goals, hand-added matching, the queue's words."""

from __future__ import annotations

from radarr_pipeline.models import (
    ClientDownload,
    DownloadState,
    DownloadStatus,
    Movie,
    ShareLimits,
    TrackedDownload,
    Variant,
    WantedVariant,
)
from radarr_pipeline.tracking.pickup import match_hand_added
from radarr_pipeline.tracking.queue import format_eta, queue_rows
from radarr_pipeline.tracking.seeding import limits_to_apply, removal_after_import, seeding_goal_met
from radarr_pipeline.tracking.watch import Seen, observe, read_cursor, work_needed, write_cursor

H = "a" * 40


def seen_in_client(status: DownloadStatus, progress: float = 0.5, **kw: object) -> ClientDownload:
    return ClientDownload(H, "Heat.1995.1080p.BluRay.x264-GRP", status, "x", progress, 10, None, None, "radarr",
                          **kw)  # type: ignore[arg-type]


def test_cursor_round_trip_and_old_or_broken_cursors() -> None:
    seen = {H: Seen("stalled", 0.5, 100.0)}
    assert read_cursor(write_cursor(seen)) == seen
    assert read_cursor(f'{{"{H}": "completed"}}') == {H: Seen("completed")}, "the first cursor format"
    assert read_cursor("not json") == {} and read_cursor("[1]") == {} and read_cursor(None) == {}


def test_runs_are_asked_once_per_completion_or_failure() -> None:
    previous = {H: Seen("downloading", 0.5)}
    now = observe(previous, [seen_in_client(DownloadStatus.COMPLETED, 1.0)], 10.0)
    assert [w.run_key for w in work_needed(previous, now, 10.0, 0)] == [f"{H}:completed"]
    assert work_needed(now, now, 11.0, 0) == [], "nothing new on the next tick"
    failed = observe(previous, [seen_in_client(DownloadStatus.FAILED)], 10.0)
    assert [w.reason for w in work_needed(previous, failed, 10.0, 0)] == ["failed"]


def test_stalled_past_the_timeout_asks_for_a_run_and_progress_resets_the_clock() -> None:
    first = observe({}, [seen_in_client(DownloadStatus.STALLED, 0.5)], 0.0)
    assert first[H].stalled_since == 0.0
    later = observe(first, [seen_in_client(DownloadStatus.STALLED, 0.5)], 600.0)
    assert later[H].stalled_since == 0.0
    assert [w.run_key for w in work_needed(first, later, 600.0, 10)] == [f"{H}:stalled:0"]
    assert work_needed(first, later, 600.0, 0) == [], "a timeout of 0 never fails a download"
    moved = observe(later, [seen_in_client(DownloadStatus.STALLED, 0.6)], 700.0)
    assert moved[H].stalled_since == 700.0 and work_needed(later, moved, 700.0, 10) == []


def test_seeding_goal_and_removal_after_import() -> None:
    assert limits_to_apply(seen_in_client(DownloadStatus.DOWNLOADING), ShareLimits(1.0, 60)) == ShareLimits(1.0, 60)
    set_already = seen_in_client(DownloadStatus.DOWNLOADING, ratio_limit=1.0, seeding_time_limit_minutes=60)
    assert limits_to_apply(set_already, ShareLimits(1.0, 60)) is None
    assert limits_to_apply(set_already, None) is None
    imported = TrackedDownload(1, 1, 1, "qbittorrent", H, "Heat", "Bluray-1080p", DownloadState.IMPORTED)
    seeding = seen_in_client(DownloadStatus.COMPLETED, 1.0, ratio=0.4, ratio_limit=1.0)
    done = seen_in_client(DownloadStatus.COMPLETED, 1.0, ratio=1.2, ratio_limit=1.0, seeding_stopped=True)
    no_goal = seen_in_client(DownloadStatus.COMPLETED, 1.0, ratio=5.0, seeding_stopped=True)
    assert not seeding_goal_met(seeding) and seeding_goal_met(done) and not seeding_goal_met(no_goal)
    assert removal_after_import(imported, done, enabled=True) == (True, "imported and seeding goal met")
    assert removal_after_import(imported, done, enabled=False)[0] is False, "off by default"
    assert removal_after_import(imported, seeding, enabled=True) == (False, "still seeding")
    assert removal_after_import(imported, no_goal, enabled=True)[0] is False, "no goal: seeding may be required"
    completed = TrackedDownload(1, 1, 1, "qbittorrent", H, "Heat", "Bluray-1080p", DownloadState.COMPLETED)
    assert removal_after_import(completed, done, enabled=True) == (False, "not imported yet")


def wanted(movie_id: int, title: str, year: int, variant_id: int | None = None) -> WantedVariant:
    return WantedVariant(Variant(variant_id or movie_id, movie_id, "HD", "/m"), Movie(movie_id, title, year), "missing")


def test_hand_added_matching() -> None:
    heat = wanted(1, "Heat", 1995)
    alien = wanted(2, "Alien", 1979)
    found, why = match_hand_added(seen_in_client(DownloadStatus.DOWNLOADING), [heat, alien], set())
    assert found is not None and (found.variant_id, found.quality) == (1, "Bluray-1080p") and why
    assert match_hand_added(seen_in_client(DownloadStatus.DOWNLOADING), [alien], set()) == (
        None, "no wanted movie has this name")
    assert match_hand_added(seen_in_client(DownloadStatus.DOWNLOADING), [heat], {1}) == (
        None, "the movie already has a download in progress")
    assert match_hand_added(seen_in_client(DownloadStatus.FAILED), [heat], set()) == (None, "failed in the client")


def test_queue_rows_speak_radarr() -> None:
    rows = queue_rows([
        TrackedDownload(1, 1, 1, "qbittorrent", H, "Heat", "Bluray-1080p", DownloadState.COMPLETED, progress=1.0),
        TrackedDownload(2, 2, 2, "qbittorrent", "b" * 40, "Alien", "Bluray-720p", DownloadState.DOWNLOADING,
                        progress=0.25, eta_seconds=3725),
        TrackedDownload(3, 3, 3, "qbittorrent", "c" * 40, "Old", "Bluray-720p", DownloadState.IMPORTED),
    ])
    assert [(r["state"], r["progress"], r["eta"]) for r in rows] == [
        ("completed, import pending", "100%", ""), ("downloading", "25%", "1h02m")]
    assert format_eta(59) == "59s" and format_eta(3 * 86400) == "3d"
