"""What runs by itself: the RSS sync schedule, and our own automation sensor (Dagster's own starts stopped)."""

import os

import dagster as dg

from dagster_project.defs.acquisition import rss_releases, searched_releases, wanted_movies
from dagster_project.defs.downloads import completed_downloads

RSS_SYNC_CRON = os.environ.get("RADARR_PIPELINE_RSS_CRON", "*/15 * * * *")

rss_sync_job = dg.define_asset_job(
    "rss_sync_job",
    selection=dg.AssetSelection.assets(wanted_movies, rss_releases, searched_releases),
    description="The wanted list, an RSS sync of every indexer and searches for movies due one; decisions and "
    "grabs follow by automation.",
)

rss_sync_schedule = dg.ScheduleDefinition(
    name="rss_sync_schedule",
    job=rss_sync_job,
    cron_schedule=RSS_SYNC_CRON,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="RSS sync (Radarr's default: every 15 minutes).",
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
)

automation_sensor = dg.AutomationConditionSensorDefinition(
    "radarr_automation_sensor",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=10,
)
