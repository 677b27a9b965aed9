"""Clean library (Radarr's ListSyncLevel): movies in the library that no list names any more, and the safety
rules that stop a sync from acting on them. Wiping a library by a list that failed is the thing users fear
most, so each rule names why nothing was removed."""

from __future__ import annotations

from dataclasses import dataclass

#: Levels that change the library (log_only only reports).
ACTING_LEVELS = ("keep_and_unmonitor", "remove_and_keep", "remove_and_delete")


@dataclass(frozen=True)
class LibraryMovie:
    movie_id: int
    title: str
    year: int
    tmdb_id: int | None
    imdb_id: str | None


@dataclass(frozen=True)
class ListOutcome:
    name: str
    error: str | None  # why the list could not be read this sync
    fetched: int


def not_on_any_list(library: list[LibraryMovie], tmdb_ids: set[int], imdb_ids: set[str]) -> list[LibraryMovie]:
    """Movies no list names, by TMDB id or IMDb id (ImportListSyncService.CleanLibrary)."""
    return [m for m in library
            if not ((m.tmdb_id is not None and m.tmdb_id in tmdb_ids) or (m.imdb_id and m.imdb_id in imdb_ids))]


def every_list_answered(outcomes: list[ListOutcome]) -> str | None:
    failed = [f"{o.name} ({o.error})" for o in outcomes if o.error]
    return f"list(s) failed this sync: {'; '.join(failed)}: nothing removed" if failed else None


def no_list_came_back_empty(outcomes: list[ListOutcome]) -> str | None:
    empty = [o.name for o in outcomes if o.error is None and o.fetched == 0]
    return (f"list(s) returned no movies: {', '.join(empty)} (an empty answer is more often a fault than a wish "
            "to empty the library): nothing removed") if empty else None


def within_share(to_remove: int, library_size: int, max_share: float) -> str | None:
    if library_size == 0 or to_remove <= max_share * library_size:
        return None
    return (f"would remove {to_remove} of {library_size} movies ({to_remove / library_size:.0%}), more than the "
            f"allowed {max_share:.0%} in one sync (import_lists.clean_library_max_share): nothing removed")


def clean_library_blocked(outcomes: list[ListOutcome], to_remove: int, library_size: int,
                          max_share: float) -> str | None:
    """Why clean library must not act this sync; None when it may."""
    if not outcomes:
        return "no enabled list was synced: nothing removed"
    return (every_list_answered(outcomes) or no_list_came_back_empty(outcomes)
            or within_share(to_remove, library_size, max_share))
