"""Radarr's file and folder naming engine (FileNameBuilder), in Python.

The names below are loaded on first use (PEP 562): the configuration needs only ``NamingConfig``, and a quick
command (``movies list``) should not pay for the token tables and language data of the builder.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

_WHERE = {
    "NamingError": "builder", "build_file_name": "builder", "build_folder_name": "builder",
    "clean_file_name": "cleaning", "is_safe_path_component": "cleaning",
    "COLON_REPLACEMENT_FORMATS": "models", "MediaInfoFacts": "models", "MovieFileInfo": "models",
    "MovieInfo": "models", "NamingConfig": "models", "to_url_slug": "slug", "validate_format": "tokens",
}

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


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
