"""RSS sync and targeted search across every enabled indexer, with back-off, into the library.

Two phases, so the database is touched only briefly: first every indexer that is not backing off is asked
(network only; each bounded by its timeouts), then the results are written: new releases through
``library.releases.add_new`` (de-duplicated by guid and infohash), details, and each indexer's health. One
indexer's failure is recorded against it and the others go on. Running the same sync twice stores nothing
twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx

from radarr_pipeline.config import IndexerConfig
from radarr_pipeline.decisions.indexer_backoff import (
    IndexerStatus,
    is_backing_off,
    status_after_config_error,
    status_after_failure,
    status_after_success,
)
from radarr_pipeline.decisions.search_plan import DEFAULT_RESEARCH_INTERVAL, movies_to_search, unique_movies
from radarr_pipeline.indexers.base import FetchResult, Indexer, ReleaseDetails, add_counts
from radarr_pipeline.indexers.errors import IndexerConfigError, IndexerError
from radarr_pipeline.indexers.factory import build_indexer, default_client, minimum_interval
from radarr_pipeline.indexers.http import address_of
from radarr_pipeline.indexers.pacing import MAX_SINGLE_WAIT, Pacer
from radarr_pipeline.models import IndexerRelease, Movie
from radarr_pipeline.services.sync_report import IndexerRow, SyncReport
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.collections import SearchRequestRepository
from radarr_pipeline.store.indexer_status import (
    IndexerStatusRepository,
    StoredReleaseDetails,
)
from radarr_pipeline.values.secrets import redact, without_secrets

log = logging.getLogger("radarr_pipeline.indexers")


Clients = Mapping[str, httpx.Client] | httpx.Client | None


# -- planning -------------------------------------------------------------------------------------------------


def supports_search(config: IndexerConfig) -> bool:
    """Plain RSS feeds cannot be searched; every other kind can."""
    return config.kind != "rss"


def initial_wait_seconds(last_request_at: datetime | None, interval: float, now: datetime) -> float:
    """How long to wait before the first request of this run, given the last request of an earlier run."""
    if last_request_at is None or interval <= 0:
        return 0.0
    remaining = (last_request_at + timedelta(seconds=interval) - now).total_seconds()
    return max(0.0, min(remaining, MAX_SINGLE_WAIT))


# -- running ------------------------------------------------------------------------------------------------


@dataclass
class _Attempt:
    config: IndexerConfig
    status: IndexerStatus
    releases: list[IndexerRelease] = field(default_factory=list)
    details: list[ReleaseDetails] = field(default_factory=list)
    requests: int = 0
    searched: list[tuple[int, int]] = field(default_factory=list)  # (movie id, releases found)
    error: IndexerError | None = None
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexerState:
    """What a sync needs from the store before asking anyone: each indexer's health and search history."""

    statuses: dict[str, IndexerStatus]
    last_searched: dict[str, dict[int, datetime]]


@dataclass
class Collected:
    """Answers gathered from the indexers, not yet written."""

    mode: str
    rows: list[IndexerRow]
    attempts: list[_Attempt]


def load_state(library: Library, configs: Sequence[IndexerConfig]) -> IndexerState:
    statuses = library.indexer_status
    searches = library.movie_searches
    return IndexerState(
        {c.name: statuses.get(c.name) for c in configs},
        {c.name: searches.last_searched(c.name) for c in configs},
    )


def sync_rss(
    store: LibraryStore,
    configs: Sequence[IndexerConfig],
    now: datetime,
    *,
    clients: Clients = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SyncReport:
    """The rss_releases workflow: every available indexer's feed, new releases and each indexer's health stored.

    The database is open only to read the indexers' state and to write what came back, never while the
    network is asked."""
    with store.open() as library:
        state = load_state(library, configs)
    collected = collect_rss(configs, state, now, clients=clients, sleep=sleep)
    with store.open() as library:
        return store_collected(library, collected, now)


def sync_search(
    store: LibraryStore,
    configs: Sequence[IndexerConfig],
    now: datetime,
    *,
    max_searches: int,
    movie_ids: Collection[int] | None = None,
    clients: Clients = None,
    research_interval: timedelta = DEFAULT_RESEARCH_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
) -> SyncReport:
    """The searched_releases workflow: search for wanted movies (new ones first, then the longest-unsearched),
    at most ``max_searches`` movies per run, each on the indexers where it is due (:func:`movies_to_search`).

    With ``movie_ids`` (a MoviesSearch command, an interactive search) only those movies are searched, every one
    of them on every indexer, now, wanted or not (Radarr searches what the user names), whatever
    ``max_searches``; ids not in the library are ignored."""
    with store.open() as library:
        state = load_state(library, configs)
        if movie_ids is None:
            movies = unique_movies(library.movies.wanted())
        else:
            named = library.movies.get_many(sorted(set(movie_ids)))
            movies = [named[movie_id] for movie_id in sorted(named)]
        marked = set(SearchRequestRepository(library.conn).requested())
    requested = marked if movie_ids is None else {movie.id for movie in movies}
    collected = collect_search(
        configs, state, movies, now, max_searches=max_searches if movie_ids is None else len(movies),
        clients=clients, research_interval=research_interval, sleep=sleep, requested=requested,
    )
    with store.open() as library:
        report = store_collected(library, collected, now)
        searched = {movie_id for a in collected.attempts for movie_id, _ in a.searched}
        SearchRequestRepository(library.conn).clear(sorted(searched & marked))
    return report


def collect_rss(
    configs: Sequence[IndexerConfig],
    state: IndexerState,
    now: datetime,
    *,
    clients: Clients = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Collected:
    """Ask every available indexer for its feed. Network only: no database access."""
    rows, attempts = _plan(configs, state, now)
    with _client_pool(clients) as pick:
        for attempt in attempts:
            indexer = _open(attempt, pick, now, sleep)
            if indexer is None:
                continue
            try:
                _collect(attempt, indexer.fetch_rss_result())
            except Exception as exc:
                attempt.error = _as_indexer_error(attempt.config, exc)
            finally:
                _close(indexer)
    return Collected("rss", rows, attempts)


def collect_search(
    configs: Sequence[IndexerConfig],
    state: IndexerState,
    movies: Sequence[Movie],
    now: datetime,
    *,
    max_searches: int,
    clients: Clients = None,
    research_interval: timedelta = DEFAULT_RESEARCH_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    requested: set[int] | frozenset[int] = frozenset(),
) -> Collected:
    """Search the due ``movies`` (one entry per movie) on the available indexers. Network only: no database
    access.

    A search is complete per (indexer, movie): when an indexer fails part-way, the searches it finished are
    kept and the indexer's failure is recorded; the movie it failed on is not marked as searched."""
    rows, attempts = _plan(configs, state, now)
    for attempt in [a for a in attempts if not supports_search(a.config)]:
        rows.append(IndexerRow(attempt.config.name, attempt.config.kind, "no search",
                               escalation_level=attempt.status.escalation_level))
        attempts.remove(attempt)
    last = {a.config.name: state.last_searched.get(a.config.name, {}) for a in attempts}
    plan = movies_to_search(movies, last, now, max_searches, research_interval, requested)
    asked: list[_Attempt] = []
    with _client_pool(clients) as pick:
        for attempt in attempts:
            due = [movie for movie, names in plan if attempt.config.name in names]
            if not due:
                rows.append(IndexerRow(attempt.config.name, attempt.config.kind, "not due",
                                       escalation_level=attempt.status.escalation_level))
                continue
            asked.append(attempt)
            indexer = _open(attempt, pick, now, sleep)
            if indexer is None:
                continue
            try:
                for movie in due:
                    result = indexer.search_result(movie)
                    _collect(attempt, result)
                    attempt.searched.append((movie.id, len(result.releases)))
            except Exception as exc:
                attempt.error = _as_indexer_error(attempt.config, exc)
            finally:
                _close(indexer)
    return Collected("search", rows, asked)


def store_collected(library: Library, collected: Collected, now: datetime) -> SyncReport:
    """Write what was collected: new releases, details, search history, each indexer's health."""
    statuses = library.indexer_status
    report = _write(collected.mode, library, statuses, collected.attempts, list(collected.rows), now)
    searched = [(a.config.name, movie_id, found) for a in collected.attempts for movie_id, found in a.searched]
    library.movie_searches.record_many(searched, now)
    return report


def _plan(
    configs: Sequence[IndexerConfig], state: IndexerState, now: datetime
) -> tuple[list[IndexerRow], list[_Attempt]]:
    rows: list[IndexerRow] = []
    attempts: list[_Attempt] = []
    for config in configs:
        status = state.statuses.get(config.name) or IndexerStatus(config.name)
        if not config.enabled:
            rows.append(IndexerRow(config.name, config.kind, "disabled"))
        elif is_backing_off(status.disabled_until, now):
            rows.append(IndexerRow(
                config.name, config.kind, "backing off", error=status.last_error,
                error_kind=status.last_error_kind, disabled_until=status.disabled_until,
                escalation_level=status.escalation_level, consecutive_failures=status.consecutive_failures,
            ))
        else:
            attempts.append(_Attempt(config, status))
    return rows, attempts


def _open(
    attempt: _Attempt, pick: Callable[[str], httpx.Client], now: datetime, sleep: Callable[[float], None]
) -> Indexer | None:
    interval = minimum_interval(attempt.config)
    pacer = Pacer(interval, sleep=sleep,
                  initial_wait=initial_wait_seconds(attempt.status.last_request_at, interval, now))
    try:
        return build_indexer(attempt.config, client=pick(attempt.config.name), pacer=pacer)
    except Exception as exc:
        attempt.error = _as_indexer_error(attempt.config, exc)
        return None


def _collect(attempt: _Attempt, result: FetchResult) -> None:
    attempt.releases.extend(result.releases)
    attempt.details.extend(result.details)
    attempt.requests += result.requests
    attempt.skipped = add_counts(attempt.skipped, result.skipped)


def _close(indexer: Indexer) -> None:
    close = getattr(indexer, "close", None)
    if callable(close):
        close()


def _as_indexer_error(config: IndexerConfig, exc: BaseException) -> IndexerError:
    if isinstance(exc, IndexerError):
        return exc
    # A bug or an unforeseen answer: still this indexer's failure, never the whole sync's. Redacted.
    secrets = _secrets_of(config)
    log.error("indexer %s: unexpected %s", config.name, type(exc).__name__, exc_info=False)
    return IndexerError(
        config.name, address_of(config.url), redact(f"unexpected {type(exc).__name__}: {exc}", secrets)[:500]
    )


def _secrets_of(config: IndexerConfig) -> tuple[str, ...]:
    try:
        key = config.api_key()
    except Exception:
        return ()
    return (key,) if key else ()


def _write(
    mode: str,
    library: Library,
    statuses: IndexerStatusRepository,
    attempts: list[_Attempt],
    rows: list[IndexerRow],
    now: datetime,
) -> SyncReport:
    details_repo = library.release_details
    for attempt in attempts:
        name, kind = attempt.config.name, attempt.config.kind
        if attempt.error is not None and not attempt.releases:
            rows.append(_record_failure(statuses, attempt, now))
            continue
        secrets = _secrets_of(attempt.config)  # download links are stored without the indexer's key
        at_rest = [replace(r, download_url=without_secrets(r.download_url, secrets)) if r.download_url else r
                   for r in attempt.releases]
        stored = library.releases.add_new(at_rest, now)
        details_repo.add(
            (StoredReleaseDetails(d.guid, d.indexer, d.category, d.codec, d.medium, d.origin) for d in attempt.details),
            now,
        )
        if attempt.error is not None:  # searches that completed before the failure are kept
            row = _record_failure(statuses, attempt, now)
            rows.append(replace(row, fetched=len(attempt.releases), new=len(stored), skipped=attempt.skipped))
        else:
            status = statuses.save(status_after_success(statuses.get(name), now, fetched=len(attempt.releases),
                                                       new=len(stored)), now)
            rows.append(IndexerRow(
                name, kind, "ok", fetched=len(attempt.releases), new=len(stored), requests=attempt.requests,
                searched=len(attempt.searched), escalation_level=status.escalation_level, skipped=attempt.skipped,
            ))
    order = {c.config.name: i for i, c in enumerate(attempts)}
    rows.sort(key=lambda r: order.get(r.name, -1))
    return SyncReport(mode, now, rows)


def _record_failure(statuses: IndexerStatusRepository, attempt: _Attempt, now: datetime) -> IndexerRow:
    error = attempt.error
    assert error is not None
    message = redact(str(error), _secrets_of(attempt.config))
    log.warning("%s", message)
    current = statuses.get(attempt.config.name)
    if isinstance(error, IndexerConfigError):
        status = statuses.save(status_after_config_error(current, now, error=message), now)
    else:
        status = statuses.save(status_after_failure(current, now, error=message, kind=error.kind,
                                                    retry_after_seconds=getattr(error, "retry_after", None)), now)
    return IndexerRow(
        attempt.config.name, attempt.config.kind, "failed", requests=attempt.requests,
        searched=len(attempt.searched), error=message, error_kind=error.kind,
        disabled_until=status.disabled_until, escalation_level=status.escalation_level,
        consecutive_failures=status.consecutive_failures,
    )


@contextmanager
def _client_pool(clients: Clients) -> Iterator[Callable[[str], httpx.Client]]:
    if isinstance(clients, httpx.Client):
        yield lambda _name: clients
        return
    owned = default_client()
    try:
        if clients is None:
            yield lambda _name: owned
        else:
            yield lambda name: clients.get(name, owned)
    finally:
        owned.close()
