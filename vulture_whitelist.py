"""Names vulture cannot see used (``.venv/bin/vulture``, configured in pyproject.toml). Only what a framework,
a stored row or a test reaches by itself belongs here, each with the reason; everything else unused is removed."""

import logging

from dagster_project import definitions, resources
from dagster_project.defs import automation, imports, library_scan, sensors
from radarr_pipeline.cli import movies, queue
from radarr_pipeline.config import AppConfig, QualityProfileConfig
from radarr_pipeline.mediainfo.model import RawMediaInfo
from radarr_pipeline.models import Availability, TrackedDownload
from radarr_pipeline.quality.definitions import QualityDefinition
from radarr_pipeline.settings.base import Strict
from radarr_pipeline.settings.decisions import DecisionSettings
from radarr_pipeline.settings.downloads import BlackholeConfig
from radarr_pipeline.store.files import RecycledFile
from radarr_pipeline.store.history import HistoryRepository
from radarr_pipeline.store.import_journal import JournalEntry
from radarr_pipeline.store.movies import MovieStatus

# Dagster loads these from the code location (pyproject [tool.dagster] / [tool.dg]).
definitions.defs
automation.search_schedule
automation.rss_sync_schedule
automation.queue_refresh_schedule
automation.automation_sensor
imports.library_files_exist
library_scan.library_scan_schedule
library_scan.library_media_info_schedule
sensors.download_client_sensor
sensors.search_again_sensor
resources.RadarrResource.setup_for_execution  # Dagster calls it before a run uses the resource

# Typer commands, registered by decorator on the CLI app.
movies.add_movie
movies.list_movies
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

# A module-level __getattr__ (PEP 562): Python calls it for the token tables built on first use.
from radarr_pipeline.parsing import scene_tokens  # noqa: E402

scene_tokens.__getattr__
