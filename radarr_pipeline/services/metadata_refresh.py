"""Refreshing movies' metadata from TMDB (the movie_metadata asset): due movies first, a bounded batch per run.

Load (which movies are due, their ids and current facts) -> ask TMDB with the library closed -> write every
answer in one short transaction. A changed title, year or collection is written where naming reads it; the
availability rule reads the new dates on the next scoring run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.metadata_refresh import refresh_order
from radarr_pipeline.metadata import MetadataAuthError, MetadataError, MetadataRateLimitedError
from radarr_pipeline.metadata.mapping import candidates, movie_metadata
from radarr_pipeline.models import MovieMetadata
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.services.collections import CollectionReport, sync_monitored_collections
from radarr_pipeline.services.metadata_source import as_json, details_request, metadata_client
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.metadata import KnownMetadata, MetadataRepository

_WATCHED = ("title", "year", "collection", "original_title", "certification", "in_cinemas", "digital_release",
            "physical_release")


@dataclass
class MetadataRefreshReport:
    due: int = 0  # movies due a refresh before this run
    refreshed: int = 0
    changed: list[tuple[str, str]] = field(default_factory=list)  # (movie, what changed)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (movie, why)
    stopped: str | None = None  # why the run stopped early (TMDB refused the key, asked to slow down)
    requests: int = 0
    collections: list[CollectionReport] = field(default_factory=list)  # monitored collections compared

    @property
    def remaining(self) -> int:
        return max(0, self.due - self.refreshed)

    def markdown(self) -> str:
        lines = [f"{self.refreshed} of {self.due} due movie(s) refreshed ({self.requests} TMDB requests), "
                 f"{len(self.changed)} changed, {len(self.errors)} error(s)."]
        if self.stopped:
            lines.append(f"Stopped early: {self.stopped}")
        if self.changed:
            lines.append(markdown_table([{"movie": m, "changed": c} for m, c in self.changed]))
        if self.errors:
            lines.append(markdown_table([{"movie": m, "error": e} for m, e in self.errors]))
        if self.collections:
            lines.append("Monitored collections:\n\n" + "\n".join(f"- {c.line()}" for c in self.collections))
        return "\n\n".join(lines)


def what_changed(before: KnownMetadata, after: MovieMetadata) -> str | None:
    """The watched fields that differ, as 'title: Old -> New; year: 1999 -> 2000'; None when none does."""
    parts = [f"{name}: {getattr(before, name)} -> {getattr(after, name)}" for name in _WATCHED
             if getattr(before, name) != getattr(after, name)]
    return "; ".join(parts) or None


def refresh_metadata(config: AppConfig, now: datetime, *, limit: int | None = None) -> MetadataRefreshReport:
    """Refresh the metadata of the movies due one (Radarr's ShouldRefreshMovie), at most ``limit`` (default:
    metadata.refresh_per_run). Nothing to do without a metadata source."""
    report = MetadataRefreshReport()
    settings = config.metadata
    if settings is None:
        report.stopped = "no metadata source is configured"
        return report
    store = LibraryStore(config.database)
    with store.open() as library:
        repository = MetadataRepository(library.conn)
        picked, report.due = refresh_order(
            repository.refresh_facts(), now, stale_after=timedelta(days=settings.refresh_after_days),
            recent=timedelta(days=settings.recent_days), limit=limit or settings.refresh_per_run,
        )
        known = repository.known([movie_id for movie_id, _ in picked])
    updates, answers = _fetch(config, [known[movie_id] for movie_id, _ in picked if movie_id in known], report)
    for movie_id, metadata in updates:
        change = what_changed(known[movie_id], metadata)
        if change:
            report.changed.append((f"{known[movie_id].title} ({known[movie_id].year})", change))
    with store.open() as library:
        repository = MetadataRepository(library.conn)
        repository.apply(updates, now)
        repository.cache(answers, now)
    report.refreshed = len(updates)
    if report.stopped is None:  # TMDB refused the key or asked to slow down: the collections wait too
        report.collections = sync_monitored_collections(config, now)
    return report


def _fetch(
    config: AppConfig, movies: list[KnownMetadata], report: MetadataRefreshReport
) -> tuple[list[tuple[int, MovieMetadata]], list[tuple[str, str]]]:
    updates: list[tuple[int, MovieMetadata]] = []
    answers: list[tuple[str, str]] = []
    client = metadata_client(config)
    assert client is not None
    with client:
        for movie in movies:
            name = f"{movie.title} ({movie.year})"
            try:
                tmdb_id = movie.tmdb_id
                if tmdb_id is None and movie.imdb_id is not None:
                    found = candidates(client.find_by_imdb_id(movie.imdb_id), "movie_results")
                    if not found:
                        report.errors.append((name, f"TMDB knows no movie with IMDb id {movie.imdb_id}"))
                        continue
                    tmdb_id = found[0].tmdb_id
                assert tmdb_id is not None
                document = client.movie(tmdb_id)
                updates.append((movie.movie_id, movie_metadata(document, client.settings.region)))
                answers.append((details_request(config, tmdb_id), as_json(document)))
            except (MetadataAuthError, MetadataRateLimitedError) as exc:
                report.stopped = str(exc)  # every other movie would fail the same way: stop, keep what we have
                break
            except MetadataError as exc:
                report.errors.append((name, str(exc)))
        report.requests = client.requests
    return updates, answers
