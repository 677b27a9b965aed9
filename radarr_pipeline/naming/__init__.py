"""Radarr's file and folder naming engine (FileNameBuilder), in Python."""

from radarr_pipeline.naming.builder import NamingError, build_file_name, build_folder_name
from radarr_pipeline.naming.cleaning import clean_file_name, is_safe_path_component
from radarr_pipeline.naming.models import (
    COLON_REPLACEMENT_FORMATS,
    MediaInfoFacts,
    MovieFileInfo,
    MovieInfo,
    NamingConfig,
)
from radarr_pipeline.naming.slug import to_url_slug
from radarr_pipeline.naming.tokens import validate_format

__all__ = [
    "COLON_REPLACEMENT_FORMATS",
    "MediaInfoFacts",
    "MovieFileInfo",
    "MovieInfo",
    "NamingConfig",
    "NamingError",
    "build_file_name",
    "build_folder_name",
    "clean_file_name",
    "is_safe_path_component",
    "to_url_slug",
    "validate_format",
]
