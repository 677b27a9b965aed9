"""The lists a front door shows (movies, queue, history), one page at a time, read without writing.

Each opens the library read-only for one query and closes it before anything is shown, so a slow reader (a
terminal, a pipe) never keeps a writer waiting. A library not created yet is an empty list.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from radarr_pipeline.models import FINISHED_STATES, DownloadState
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.listing import (
    HISTORY_COLUMNS,
    MOVIE_COLUMNS,
    QUEUE_COLUMNS,
    JsonPage,
    ListingQueries,
    Page,
    Window,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from radarr_pipeline.settings.validated_copy import ConfigSummary

#: What a download can be doing while it is in the queue (the one definition of "active" is in models).
QUEUE_STATES = tuple(state.value for state in DownloadState if state not in FINISHED_STATES)
#: Where a version of a movie can stand (``store.listing.VARIANT_STATUS``).
MOVIE_STATUSES = ("downloaded", "missing", "unmonitored", *QUEUE_STATES)


class ListingError(ValueError):
    """What was asked cannot be listed; the message says why (a front door shows it as is)."""


def _checked_window(window: Window) -> None:
    if window.limit is not None and window.limit < 0:
        raise ListingError(f"a limit of {window.limit} rows is not possible (0 or more)")
    if window.offset < 0:
        raise ListingError(f"an offset of {window.offset} rows is not possible (0 or more)")


def _checked_choice(label: str, given: tuple[str, ...], known: tuple[str, ...]) -> None:
    unknown = [value for value in given if value not in known]
    if unknown:
        raise ListingError(f"unknown {label} {', '.join(map(repr, unknown))} (one of: {', '.join(known)})")


def _read(config: ConfigSummary, query: Callable[[ListingQueries], Page | JsonPage], columns: dict[str, str],
          window: Window) -> Page | JsonPage:
    try:
        with LibraryStore(config.database).connection(read_only=True) as conn:
            return query(ListingQueries(conn))
    except LibraryNotCreatedError:
        return JsonPage([], 0) if window.as_json else Page(tuple(columns), [], 0)


def movie_page(config: ConfigSummary, window: Window, *, statuses: tuple[str, ...] = (),
               profiles: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Page | JsonPage:
    """Versions of movies with their status, by title; filtered by status, quality profile and tag (a movie with
    any of the tags)."""
    _checked_window(window)
    _checked_choice("status", statuses, MOVIE_STATUSES)
    _checked_choice("quality profile", profiles, config.profile_names)
    labels = tuple(tag.strip().lower() for tag in tags)  # labels are kept lower-case
    return _read(config, lambda q: q.movies(window, statuses=statuses, profiles=profiles, tags=labels),
                 MOVIE_COLUMNS, window)


def queue_page(config: ConfigSummary, window: Window, *, movie_id: int | None = None,
               states: tuple[str, ...] = ()) -> Page | JsonPage:
    """Downloads in the queue (as of the last refresh from the client), in the order they were grabbed."""
    _checked_window(window)
    _checked_choice("state", states, QUEUE_STATES)
    return _read(config, lambda q: q.queue(window, movie_id=movie_id, states=states), QUEUE_COLUMNS, window)


def history_page(config: ConfigSummary, window: Window, *, movie_id: int | None = None, events: tuple[str, ...] = (),
                 since: datetime | None = None) -> Page | JsonPage:
    """Events, newest first; filtered by movie, event type and time (``since`` with its time zone)."""
    _checked_window(window)
    if since is not None and since.tzinfo is None:
        raise ListingError("a time to list history since needs its time zone")
    return _read(config, lambda q: q.history(window, movie_id=movie_id, events=events, since=since),
                 HISTORY_COLUMNS, window)

