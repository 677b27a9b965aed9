"""What runs by itself: the RSS sync schedule, and our own automation sensor (Dagster's own starts stopped)."""

import os

import dagster as dg

from dagster_project.defs.acquisition import (
    grabs,
    rss_releases,
    scored_candidates,
    searched_releases,
    wanted_movies,
)
from dagster_project.defs.downloads import completed_downloads

RSS_SYNC_CRON = os.environ.get("RADARR_PIPELINE_RSS_CRON", "*/15 * * * *")
SEARCH_CRON = os.environ.get("RADARR_PIPELINE_SEARCH_CRON", "*/30 * * * *")

rss_sync_job = dg.define_asset_job(
    "rss_sync_job",
    selection=dg.AssetSelection.assets(wanted_movies, rss_releases),
    description="The wanted list and an RSS sync of every indexer; decisions and grabs follow by automation.",
)

search_job = dg.define_asset_job(
    "search_job",
    selection=dg.AssetSelection.assets(wanted_movies, searched_releases),
    description="Targeted searches for wanted movies that are due one (new first); at most a few per run.",
)

search_schedule = dg.ScheduleDefinition(
    name="search_schedule",
    job=search_job,
    cron_schedule=SEARCH_CRON,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Searches spread out over time: each movie at most every 12 hours on an indexer.",
)

rss_sync_schedule = dg.ScheduleDefinition(
    name="rss_sync_schedule",
    job=rss_sync_job,
    cron_schedule=RSS_SYNC_CRON,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="RSS sync (Radarr's default: every 15 minutes).",
)

search_again_job = dg.define_asset_job(
    "search_again_job",
    selection=dg.AssetSelection.assets(wanted_movies, searched_releases, scored_candidates, grabs),
    description="After a failed download: search again (the failed movie first, its search history was cleared), "
    "score, and grab the next best approved release (the blocklisted one never again).",
)

queue_refresh_job = dg.define_asset_job(
    "queue_refresh_job",
    selection=dg.AssetSelection.assets(completed_downloads),
    description="Refresh the download queue's progress from the download client.",
)

queue_refresh_schedule = dg.ScheduleDefinition(
    name="queue_refresh_schedule",
    job=queue_refresh_job,
    cron_schedule="*/5 * * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Queue progress and ETA every 5 minutes; also fails downloads stalled past the timeout.",
)

automation_sensor = dg.AutomationConditionSensorDefinition(
    "radarr_automation_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=10,
)
