"""Which wanted movies a search run asks the indexers for, and on which indexers: those whose search was
requested (added with a search), then new ones, then the longest-unsearched, spread over runs. Pure."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta

from radarr_pipeline.models import Movie, WantedVariant

#: A movie still missing is searched again on an indexer no sooner than this.
DEFAULT_RESEARCH_INTERVAL = timedelta(hours=12)


def movies_to_search(
    movies: Sequence[Movie],
    last_searched: Mapping[str, Mapping[int, datetime]],
    now: datetime,
    max_searches: int,
    interval: timedelta = DEFAULT_RESEARCH_INTERVAL,
    requested: Collection[int] = (),
) -> list[tuple[Movie, list[str]]]:
    """Which movies to search now, and on which indexers.

    A movie whose search was ``requested`` (its id) comes before all others and is due on every indexer,
    however recently it was searched there. Otherwise a movie is due on an indexer when it was never searched
    there or not within ``interval``. Movies never searched anywhere (newly added) come next, in the given order;
    then the longest-unsearched. At most ``max_searches`` movies per run, so the work (and the load on indexers)
    spreads over runs.
    """
    if max_searches <= 0:
        return []
    planned: list[tuple[tuple[int, datetime | None, int], Movie, list[str]]] = []
    for position, movie in enumerate(movies):
        if movie.id in requested:
            planned.append(((-1, None, position), movie, list(last_searched)))
            continue
        due = [
            name for name, seen in last_searched.items()
            if movie.id not in seen or seen[movie.id] <= now - interval
        ]
        if not due:
            continue
        times = [seen[movie.id] for seen in last_searched.values() if movie.id in seen]
        oldest = min(times) if times else None
        key = (0 if oldest is None else 1, oldest, position)
        planned.append((key, movie, due))
    planned.sort(key=lambda p: (p[0][0], p[0][1].timestamp() if p[0][1] else 0.0, p[0][2]))
    return [(movie, due) for _, movie, due in planned[:max_searches]]


def unique_movies(wanted: Sequence[WantedVariant]) -> list[Movie]:
    """One entry per movie (a 4K and a 1080p variant share one search), first occurrence kept."""
    seen: dict[int, Movie] = {}
    for entry in wanted:
        seen.setdefault(entry.movie.id, entry.movie)
    return list(seen.values())
