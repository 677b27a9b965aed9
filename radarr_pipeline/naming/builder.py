"""Radarr's FileNameBuilder: a movie file's name and a movie's folder from the user's formats.

Every name is built per path component (a format may contain "/" or "\\" to make sub-folders), and each
component comes out as one safe name: no separator, no control character, never "." or "..", and within
its byte limit (title-like tokens are shortened first, then the name is cut as a last resort).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from radarr_pipeline.naming.cleaning import (
    clean_file_name,
    clean_folder_name,
    collapse_repeated_separators,
    expand_ellipsis,
    is_safe_path_component,
    limit_component_bytes,
    replace_reserved_device_names,
    strip_control_characters,
    trim_trailing_separators,
)
from radarr_pipeline.naming.models import MovieFileInfo, MovieInfo, NamingConfig
from radarr_pipeline.naming.tokens import (
    NamingContext,
    count_tokens,
    longest_shrinkable_value,
    original_title,
    render_tokens,
)

_FORMAT_PATH_SEPARATORS = re.compile(r"[\\/]")

Finisher = Callable[[str], str]


class NamingError(ValueError):
    """A name could not be built (empty format, or nothing usable left once the values were cleaned)."""


def split_format(pattern: str) -> list[str]:
    """The format's path components ("{Movie TitleFirstCharacter}\\{Movie Title}" -> two), empty ones dropped."""
    return [piece for piece in _FORMAT_PATH_SEPARATORS.split(pattern) if piece]


def finish_file_component(rendered: str) -> str:
    """BuildFileName's cleanup of one component: collapse repeated separators, trim trailing ones."""
    name = trim_trailing_separators(collapse_repeated_separators(rendered.strip()))
    return replace_reserved_device_names(expand_ellipsis(name))


def finish_folder_component(rendered: str) -> str:
    """GetMovieFolder's cleanup of one component: CleanFolderName (collapse, trim spaces and dots)."""
    return replace_reserved_device_names(expand_ellipsis(clean_folder_name(rendered)))


def _fits(name: str, max_bytes: int) -> bool:
    return len(name.encode("utf-8")) <= max_bytes


def build_component(piece: str, ctx: NamingContext, finish: Finisher, max_bytes: int) -> str:
    """One component of a name, shortened to ``max_bytes``; "" when nothing is left of it.

    When the plain rendering is too long, the title-like tokens (titles, collection, edition, release
    group, original names) are all held to the largest common length that fits (a binary search), so
    the fixed parts of the format (year, quality, ids) are kept whole.
    """
    name = finish(render_tokens(piece, ctx))
    if not _fits(name, max_bytes):
        best: str | None = None
        low, high = 0, longest_shrinkable_value(piece, ctx) - 1
        while low <= high:
            budget = (low + high) // 2
            candidate = finish(render_tokens(piece, replace(ctx, shrink_to=budget)))
            if _fits(candidate, max_bytes):
                best, low = candidate, budget + 1
            else:
                high = budget - 1
        if best is None:
            shortest = finish(render_tokens(piece, replace(ctx, shrink_to=0)))
            best = replace_reserved_device_names(limit_component_bytes(shortest, max_bytes))
        name = best
    return safe_component(name, max_bytes)


def safe_component(name: str, max_bytes: int) -> str:
    """The last guard: whatever the rules let through, a component is one safe name or nothing."""
    name = strip_control_characters(name).replace("/", "+").replace("\\", "+").strip()
    if name in (".", ".."):
        return ""
    if not _fits(name, max_bytes):
        name = limit_component_bytes(name, max_bytes)
    if name and not is_safe_path_component(name, max_bytes):
        raise NamingError(f"built an unsafe path component {name!r}")
    return name


def _build(pattern: str, ctx: NamingContext, finish: Finisher, limits: Callable[[bool], int], what: str) -> str:
    pattern = strip_control_characters(pattern)
    if not pattern.strip():
        raise NamingError(f"{what} format cannot be empty")
    pieces = split_format(pattern)
    components: list[str] = []
    for index, piece in enumerate(pieces):
        component = build_component(piece, ctx, finish, limits(index == len(pieces) - 1))
        if component and not component.isspace():
            components.append(component)
    if not components:
        raise NamingError(f"{what} format {pattern!r} gives an empty name for movie {ctx.movie.title!r}")
    return "/".join(components)


def build_file_name(movie: MovieInfo, movie_file: MovieFileInfo, naming: NamingConfig | None = None) -> str:
    """The movie file's new name, without extension (Radarr's BuildFileName).

    With renaming off, the file keeps its release (scene) name, or its original file name. A format with
    "/" yields sub-folders: the result is then several safe components joined with "/".
    """
    naming = naming or NamingConfig()
    if not naming.rename_movies:
        return unrenamed_file_name(movie, movie_file, naming)
    pattern = naming.standard_movie_format
    ctx = NamingContext(movie, movie_file, naming, multiple_tokens=count_tokens(pattern) > 1)

    def limit(is_last: bool) -> int:
        return naming.max_file_name_bytes if is_last else naming.max_folder_name_bytes

    return _build(pattern, ctx, finish_file_component, limit, "standard movie")


def unrenamed_file_name(movie: MovieInfo, movie_file: MovieFileInfo, naming: NamingConfig) -> str:
    """Radarr's GetOriginalTitle when renaming is off: the scene name, else the original file name, cleaned."""
    ctx = NamingContext(movie, movie_file, naming)
    name = finish_file_component(clean_file_name(original_title(ctx)))
    name = safe_component(name, naming.max_file_name_bytes)
    if not name:
        raise NamingError(f"movie file of {movie.title!r} has no scene name or original file name to keep")
    return name


def build_folder_name(
    movie: MovieInfo,
    naming: NamingConfig | None = None,
    movie_file: MovieFileInfo | None = None,
) -> str:
    """The movie's folder (Radarr's GetMovieFolder), relative to its root folder.

    A format with "/" or "\\" yields nested folders, returned joined with "/". File tokens (quality,
    media info, release group...) are only filled when ``movie_file`` is given.
    """
    naming = naming or NamingConfig()
    pattern = naming.movie_folder_format
    ctx = NamingContext(movie, movie_file, naming, multiple_tokens=count_tokens(pattern) > 1)
    return _build(pattern, ctx, finish_folder_component, lambda _last: naming.max_folder_name_bytes, "movie folder")
