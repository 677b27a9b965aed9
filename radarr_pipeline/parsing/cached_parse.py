"""The parser's entry for a title and for many: the title made safe to parse, the scene fast path then the full
parser, results remembered in-process. Compiled with the parser (``native.COMPILED_MODULES``): it runs for every
title, and as plain Python its frames cost more than some of the parsing they start."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.scene_fast_path import parse_scene_title
from radarr_pipeline.parsing.title_parser import parse_movie_title

# Longer titles are cut before parsing: no release name is this long, and it bounds the work per title.
MAX_TITLE_LENGTH: Final = 1024

_log = logging.getLogger(__name__)


def sanitise(title: str) -> str:
    """Control characters become spaces; absurd lengths are cut."""
    if len(title) > MAX_TITLE_LENGTH:
        title = title[:MAX_TITLE_LENGTH]
    if not title.isprintable():
        title = "".join(char if char.isprintable() else " " for char in title)
    return title


@lru_cache(maxsize=65536)
def parse_cached(title: str, is_dir: bool) -> ParsedRelease | None:
    """The parse of ``title`` (None: not a release), remembered."""
    try:
        title = sanitise(title)
        # Plain scene names take the fast path; it answers only when its result is the full parser's.
        return parse_scene_title(title) or parse_movie_title(title, is_dir=is_dir)
    except Exception:  # a parser bug must not stop a feed: treat the title as not a release
        _log.exception("parser failed on %r", title[:200])
        return None


def parse_titles(titles: Iterable[object]) -> list[ParsedRelease | None]:
    """``parse_cached(title, False)`` for each title, None for what is not a string."""
    return [parse_cached(title, False) if isinstance(title, str) else None for title in titles]
