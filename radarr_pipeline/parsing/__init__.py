"""Release-title parsing in the spirit of Radarr's Parser, QualityParser, LanguageParser, ReleaseGroupParser.

``parse_release_title`` never raises: it returns a ``ParsedRelease`` or None ("not a release").
Results are memoised in-process; ``radarr_pipeline.store.parse_cache`` persists them keyed by
``PARSER_VERSION`` (bump it whenever a change could alter a result).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

# First: importing `native` puts the compiled build of the modules below on the package's path when it is current.
from radarr_pipeline.parsing import native
from radarr_pipeline.parsing.cached_parse import MAX_TITLE_LENGTH, parse_cached, parse_titles, sanitise
from radarr_pipeline.parsing.language_parser import parse_languages
from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.normalize import clean_movie_title
from radarr_pipeline.parsing.plex_fast_path import (
    library_file_fields,
    parse_name_quality,
    parse_plex_title,
    plex_group_and_edition,
    quality_template,
)
from radarr_pipeline.parsing.quality_parser import parse_hardcoded_subs, parse_quality
from radarr_pipeline.parsing.release_group import parse_release_group
from radarr_pipeline.parsing.title_parser import (
    normalize_imdb_id,
    parse_edition,
    parse_movie_path,
)
from radarr_pipeline.values.collector import collector_paused
from radarr_pipeline.values.languages import iso_language_find

PARSER_VERSION = "2"

_log = logging.getLogger(__name__)
_T = TypeVar("_T")
# The entry every parse goes through, under the names the package has always had.
_sanitise = sanitise
_parse_cached = parse_cached


def parse_many(titles: Iterable[str]) -> list[ParsedRelease | None]:
    """Parse many titles at once (an RSS sync, a backlog). The cyclic garbage collector is paused meanwhile:
    parse results hold no reference cycles, and walking the growing heap of results again and again costs
    10-15% of a 100,000-title parse."""
    with collector_paused():
        return parse_titles(titles)


def _plex_fast_path(name: str, function: Callable[..., _T], *args: str) -> _T | None:
    """``function(*args)``, a plex fast path's answer for ``name``; None when it fails (a parser bug must not stop a
    scan: the caller asks the full parser), the failure logged."""
    try:
        return function(*args)
    except Exception:
        _log.exception("plex fast path failed on %r", name[:200])
        return None


def parse_library_name(name: str, *, is_dir: bool = False) -> ParsedRelease | None:
    """``parse_release_title`` for a library's folder and file names: Radarr's own naming ("Title (Year) ...")
    first goes through the plex fast path, whose templates a library's names share."""
    if not isinstance(name, str):
        return None
    return _plex_fast_path(name, parse_plex_title, _sanitise(name)) or parse_release_title(name, is_dir=is_dir)


def library_group_and_edition(name: str) -> tuple[str | None, str | None]:
    """``(release_group, edition)`` of :func:`parse_library_name`'s result ((None, None) when it is None): a
    library scan reads only these of a file's name, and a Radarr-named file's come from its template's parse."""
    if isinstance(name, str):
        fields = _plex_fast_path(name, plex_group_and_edition, _sanitise(name))
        if fields is not None:
            return fields
    parsed = parse_release_title(name)
    return (parsed.release_group, parsed.edition) if parsed else (None, None)


def library_file_templates_and_fields(name: str, stem: str, folder: str
                                      ) -> tuple[str, str, tuple[str | None, str | None]]:
    """``(quality_template(name), quality_template(folder), library_group_and_edition(stem))`` for a library
    file's name, its stem (the name without its extension) and its folder's name: a Radarr-named file's title
    words are read once for the three."""
    template, folder_template, fields = (_plex_fast_path(name, library_file_fields, name, stem, folder)
                                         or (quality_template(name), None, None))
    return (template, folder_template if folder_template is not None else quality_template(folder),
            fields if fields is not None else library_group_and_edition(stem))


def parse_release_title(title: str, *, is_dir: bool = False) -> ParsedRelease | None:
    """Parse a release title; None means "not a release" (hash, obfuscated name, no title+year...)."""
    if not isinstance(title, str):
        return None
    return _parse_cached(title, is_dir)


__all__ = [
    "MAX_TITLE_LENGTH",
    "PARSER_VERSION",
    "ParsedRelease",
    "clean_movie_title",
    "iso_language_find",
    "library_file_templates_and_fields",
    "library_group_and_edition",
    "native",
    "normalize_imdb_id",
    "parse_edition",
    "parse_hardcoded_subs",
    "parse_languages",
    "parse_library_name",
    "parse_many",
    "parse_movie_path",
    "parse_name_quality",
    "parse_quality",
    "parse_release_group",
    "parse_release_title",
    "quality_template",
]
