"""Names vulture cannot see used (``.venv/bin/vulture``, configured in pyproject.toml). Only what a framework,
a stored row or a test reaches by itself belongs here, each with the reason; everything else unused is removed."""

import logging

from dagster_project import definitions, resources
from dagster_project.defs import automation, imports, library_scan, movie_metadata, sensors, system
from radarr_pipeline.cli import movies, queue
from radarr_pipeline.config import AppConfig, QualityProfileConfig
from radarr_pipeline.decisions import matching
from radarr_pipeline.mediainfo.model import RawMediaInfo
from radarr_pipeline.models import Availability, TrackedDownload
from radarr_pipeline.parsing import native, scene_tokens
from radarr_pipeline.quality.definitions import QualityDefinition
from radarr_pipeline.services import scoring
from radarr_pipeline.settings.base import Strict
from radarr_pipeline.settings.decisions import DecisionSettings
from radarr_pipeline.settings.downloads import BlackholeConfig
from radarr_pipeline.settings.metadata import MetadataSettings
from radarr_pipeline.settings.remote_paths import RemotePathMappingConfig
from radarr_pipeline.store.files import RecycledFile
from radarr_pipeline.store.health import HealthIssueRow
from radarr_pipeline.store.history import HistoryRepository
from radarr_pipeline.store.import_journal import JournalEntry
from radarr_pipeline.store.movies import MovieStatus
from radarr_pipeline.store.snapshot import TableSummary

# Dagster loads these from the code location (pyproject [tool.dagster] / [tool.dg]).
definitions.defs
automation.search_schedule
automation.rss_sync_schedule
automation.queue_refresh_schedule
automation.automation_sensor
imports.library_files_exist
library_scan.library_scan_schedule
library_scan.library_media_info_schedule
movie_metadata.movie_metadata_schedule
sensors.download_client_sensor
sensors.search_again_sensor
system.health_schedule
system.health_after_sync_sensor
system.health_after_failure_sensor
system.backup_schedule
resources.RadarrResource.setup_for_execution  # Dagster calls it before a run uses the resource

# Typer commands, registered by decorator on the CLI app.
movies.add_movie
movies.list_movies
movies.lookup_movie
queue.show_queue
queue.fail_download

# A movie version's file as the status list has it, read by the end-to-end test.
MovieStatus.file_path

# Pydantic: model configuration and validators, called by the model.
Strict.model_config
QualityProfileConfig._profile_is_usable
AppConfig._names_are_consistent
DecisionSettings._known_flags
BlackholeConfig._absolute
MetadataSettings._one_secret

# logging: RedactingFilter rewrites the record's message, which the handlers then format.
logging.LogRecord.msg

# Enum members reached by value: the configuration's `minimum_availability: announced | in_cinemas | released`.
Availability.ANNOUNCED
Availability.IN_CINEMAS

# Fields of records that mirror a table row or a stored document: rows are built positionally from their SELECT
# and documents round-trip through JSON, so a field stays while its column does.
TrackedDownload.completed_at
TrackedDownload.updated_at
RecycledFile.recycled_at
JournalEntry.started_at
RawMediaInfo.container
RawMediaInfo.video_profile
QualityDefinition.weight  # Radarr's definitions table, checked column by column by the quality tests

# Read by the tests only, as their oracle of what was recorded.
HistoryRepository.for_movie

# Module-level __getattr__ (PEP 562): Python calls it for the names these packages load on first use.
from radarr_pipeline import naming, store  # noqa: E402

naming.__getattr__
store.__getattr__

# Notifications: Dagster loads the sensor, typer the commands, pydantic the validators and the Discord setting
# (read through secret_settings()); health_event is the hook the health checks call when an issue appears or clears.
from dagster_project.defs import notifications as notification_defs  # noqa: E402
from radarr_pipeline.cli import notify  # noqa: E402
from radarr_pipeline.services.notifications import events as notification_events  # noqa: E402
from radarr_pipeline.settings import notifications as notification_settings  # noqa: E402

notification_defs.run_failure_notification_sensor
notification_defs.notifications_sensor
notify.test_connection
notify.list_failed
notify.retry
notification_events.health_event
notification_settings.WebhookConnection._one_url
notification_settings.DiscordConnection.webhook_url_env
notification_settings.AppriseConnection._some_url
notification_settings.NotificationSettings._unique_names
# Pydantic validators of the remote path mappings, called by the model.
RemotePathMappingConfig._host
RemotePathMappingConfig._paths

# Stored rows: a health issue's times (when it appeared, was last seen, cleared) are what the notification
# events (health issue / health restored) will read; a table's checksum is compared as part of the summary and
# written to a backup's manifest.
HealthIssueRow.appeared_at
HealthIssueRow.last_seen_at
HealthIssueRow.cleared_at
TableSummary.checksum

# Movie management, import lists and the calendar: Typer commands, Dagster schedules, pydantic validators.
from dagster_project.defs import import_lists as import_list_defs  # noqa: E402
from radarr_pipeline.cli import lists as list_commands  # noqa: E402
from radarr_pipeline.cli import movie_edits  # noqa: E402
from radarr_pipeline.settings.import_lists import ImportListConfig, ImportListSettings  # noqa: E402

import_list_defs.import_lists_schedule
import_list_defs.calendar_schedule
movie_edits.monitor
movie_edits.unmonitor
movie_edits.profile
movie_edits.availability
movie_edits.tag
movie_edits.move
movie_edits.delete
movie_edits.rename
list_commands.sync
list_commands.exclusions
list_commands.exclude
list_commands.unexclude
ImportListConfig._has_what_its_kind_needs
ImportListSettings._names_are_unique

# The HTTP API: uvicorn loads the app by its import string, pydantic calls the validator.
from radarr_pipeline.api import app as api_app  # noqa: E402
from radarr_pipeline.settings.api import ApiSettings  # noqa: E402

api_app.app_from_environment
ApiSettings._bases_are_distinct
# The hold measure of LibraryStore: read by bench/bench_scale.py (outside vulture's paths) and its tests.
from radarr_pipeline.store.library import recorded_holds  # noqa: E402

recorded_holds
# Tests reach these: scoring on a library already open (the same gather/decide/record as score_store, in one
# unit of work), the parse cache through one connection (and bench_parser), matching over ReleaseKeys (the same
# match_columns as production).
scoring.score_candidates
scoring.parse_through_cache
matching.match_releases

# `movies collection monitor|unmonitor`: Typer commands, called by the command line only.
from radarr_pipeline.cli import collections as collection_commands  # noqa: E402

collection_commands.monitor_collection
collection_commands.unmonitor_collection

# RE2 options, read by the google-re2 binding (custom formats' RE2 set).
from radarr_pipeline.decisions.formats import _RE2_OPTIONS  # noqa: E402

_RE2_OPTIONS.max_mem
_RE2_OPTIONS.log_errors
# qBittorrent's run-on-finish hook: typer loads the commands
from radarr_pipeline.cli import hook as hook_commands  # noqa: E402

hook_commands.download_finished
hook_commands.setup

# Whether the compiled parser runs: read by bench/parser_differential.py, bench_parser.py and the tests.
native.IN_USE
# Read by unpacking the tables in scene_fast_path._read_tail (vulture sees no attribute read).
scene_tokens.Tables.compound_firsts
