"""scored_candidates: load every release and wanted movie version, judge every pair, record the decisions.

Gather (one read: releases with their cached parses, the titles not parsed yet, wanted versions, queue,
history, blocklist, group reputation) -> decide with the database closed (parse the new titles, then
``radarr_pipeline.decisions.engine``, pure) -> apply (one bulk write: the new parses and every decision).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import duckdb
import numpy as np
import pandas as pd

from radarr_pipeline.config import AppConfig
from radarr_pipeline.decisions.assemble import FreeSpace, disk_free_bytes
from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.decisions.engine import Evaluation, decisions_frame, evaluate
from radarr_pipeline.decisions.inputs import EngineInputs
from radarr_pipeline.decisions.report import ScoringReport
from radarr_pipeline.parsing import PARSER_VERSION, ParsedRelease, parse_many
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.services.configured import decision_context, load_formats, quality_profiles
from radarr_pipeline.services.reputation import group_scores, reputation_markdown
from radarr_pipeline.store import Library, LibraryStore
from radarr_pipeline.store.candidates import DecisionInputs
from radarr_pipeline.store.indexer_status import IndexerStatusRepository
from radarr_pipeline.store.paging import concat_pages, read_id_ranges
from radarr_pipeline.store.parse_cache import (
    ParseRows,
    cached_parses,
    parse_columns,
    parse_rows,
    store_parse_rows,
    store_parses,
)


def parse_through_cache(conn: duckdb.DuckDBPyConnection, titles: Iterable[str]) -> dict[str, ParsedRelease | None]:
    """Parse ``titles`` through the cache: cached results are reused, only misses are parsed (in bulk) and stored."""
    unique = list(dict.fromkeys(titles))
    results = cached_parses(conn, unique, PARSER_VERSION)
    missing = [title for title in unique if title not in results]
    if missing:
        misses = dict(zip(missing, parse_many(missing), strict=True))
        store_parses(conn, PARSER_VERSION, misses)
        results.update(misses)
    return {title: results[title] for title in unique}


@dataclass
class Gathered:
    """What one read of the store gives scoring: the engine's inputs (new titles not parsed yet), the titles
    the parse cache does not know, and what the report shows beside the decisions."""

    inputs: EngineInputs
    new_titles: list[str]
    labels: dict[int, str] = field(default_factory=dict)
    reputation: str = ""


@dataclass
class Scored:
    """What the write stores: the decisions, their rejections and the parses of the new titles (as the cache's
    rows, built with the file closed: the typed columns scoring reads, not the full parse)."""

    evaluation: Evaluation
    decisions: pd.DataFrame
    rejections: pd.DataFrame
    parses: dict[str, ParsedRelease | None]
    parse_rows: ParseRows


def gather(library: Library, also: Sequence[int] = (), *, releases: pd.DataFrame | None = None,
           new_titles: list[str] | None = None, wanted: pd.DataFrame | None = None) -> Gathered:
    """Everything scoring reads, in one short read; nothing is parsed here (the file stays open only to read).
    ``also``: variants to judge though they are not wanted (an interactive search). ``releases``, ``new_titles``
    (the titles not parsed yet) and ``wanted``: those reads, already made (in units: see :func:`gather_store`)."""
    reads = DecisionInputs(library.conn)
    by_id, by_hash = reads.grabbed()
    hashes, titles = library.blocklist.blocked_keys()
    inputs = EngineInputs(
        releases=reads.releases(PARSER_VERSION) if releases is None else releases,
        wanted=reads.wanted(also) if wanted is None else wanted,
        alternative_titles=reads.alternative_titles(also),
        queue=reads.queue(),
        grabbed_by_id=by_id,
        grabbed_by_hash=by_hash,
        blocked_hashes={h.lower() for h in hashes},
        blocked_titles=titles,
        group_scores=group_scores(library.conn),
        failing_indexers={s.indexer: s.disabled_until for s in IndexerStatusRepository(library.conn).all()
                          if s.disabled_until is not None},
    )
    return Gathered(inputs, reads.unparsed_titles(PARSER_VERSION) if new_titles is None else new_titles,
                    variant_labels(inputs.wanted),
                    reputation_markdown(library.conn))


# The release columns DecisionInputs.releases reads from a cached parse (parse_cache.PARSE_COLUMNS' order), from a
# parse just made.
_PARSE_COLUMNS = ("movie_titles", "year", "edition", "release_group", "simple_release_title", "languages",
                  "parsed_imdb_id", "parsed_tmdb_id", "quality", "resolution", "revision", "real")


def with_parses(releases: pd.DataFrame, parses: Mapping[str, ParsedRelease | None]) -> pd.DataFrame:
    """The releases with the parse columns of the titles parsed in this run filled in, as the cache would."""
    found = {title: parsed for title, parsed in parses.items() if parsed is not None}
    if not found:
        return releases
    rows = np.flatnonzero(releases["title"].isin(list(found)).to_numpy(dtype=bool))
    if not len(rows):
        return releases
    values = [parse_columns(found[t]) for t in releases["title"].to_numpy(dtype=object)[rows]]
    filled = releases.copy()
    for position, name in enumerate(_PARSE_COLUMNS):
        column = filled[name].astype(object).to_numpy(dtype=object, copy=True)
        column[rows] = [v[position] for v in values]
        filled[name] = column
    parsed_flags = filled["parsed"].to_numpy(dtype=bool, copy=True)
    parsed_flags[rows] = True
    filled["parsed"] = parsed_flags
    return filled


def decide(gathered: Gathered, formats: Sequence[CustomFormat], ctx: DecisionContext,
           free_space: FreeSpace = disk_free_bytes) -> Scored:
    """With the store closed: parse the new titles, judge every pair, build the rows to write."""
    started = time.perf_counter()
    titles = gathered.new_titles
    parses = dict(zip(titles, parse_many(titles), strict=True)) if titles else {}
    inputs = replace(gathered.inputs, releases=with_parses(gathered.inputs.releases, parses))
    parsing = time.perf_counter() - started
    evaluation = evaluate(inputs, formats, ctx, free_space)
    started = time.perf_counter()
    decisions, rejections = decisions_frame(evaluation)
    evaluation.timings = {"parse_new_titles": parsing, **evaluation.timings,
                          "decisions_frame": time.perf_counter() - started}
    return Scored(evaluation, decisions, rejections, parses, parse_rows(parses, full=False))


# New parses are written in units of this many titles, each its own short hold of the file (a cache: a run
# stopped between units parses the rest again next time).
PARSE_UNIT = 2_000
#: Release ids a read page covers. A page scans the whole parse cache (titles cannot be pruned by release id): at
#: 1,000,000 cached parses a page of 50,000 held the file 0.9-1.1 s, of 25,000 0.6-0.7 s (loaded machine).
READ_PAGE_ROWS = 25_000
#: Decisions a write unit replaces, about (a variant's decisions are never split between units). Every unit pays
#: a fixed cost (DuckDB checkpoints when the file is closed), so units are as large as a short hold allows: at
#: 50,000 movies and 100,000 releases the longest hold is 0.5 s (units of 5,000: 0.4 s, with 60% more CPU).
DECISION_UNIT = 15_000


def gather_store(store: LibraryStore, also: Sequence[int] = ()) -> Gathered:
    """:func:`gather` in short units of work: the read that grows with the indexers' feeds (releases with their
    parses, and the titles not parsed yet) in pages of :data:`READ_PAGE_ROWS` release ids, the wanted versions in
    one unit, the rest in one more. The units are not one snapshot: a release written meanwhile is judged or not
    by where its id falls, a version wanted meanwhile is judged by the next run."""
    pages = list(read_id_ranges(
        store, lambda library: DecisionInputs(library.conn).release_ids(),
        lambda library, after, last: DecisionInputs(library.conn).releases_and_unparsed(PARSER_VERSION, (after, last)),
        rows=READ_PAGE_ROWS))
    releases = concat_pages(iter([frame for frame, _titles in pages]))
    new_titles = list(dict.fromkeys(title for _frame, titles in pages for title in titles))
    with store.open() as library:
        wanted = DecisionInputs(library.conn).wanted(also)
    with store.open() as library:
        return gather(library, also, releases=releases, new_titles=new_titles, wanted=wanted)


def decision_units(variant_ids: np.ndarray, rows: int) -> list[tuple[int | None, int | None]]:
    """Ranges of variant ids ``(after, last]`` each with about ``rows`` of these decisions (a variant's all in
    one), covering every id once: the first from the lowest, the last to the highest (None: unbounded)."""
    ids, counts = np.unique(variant_ids, return_counts=True)
    bounds: list[int | None] = []
    total = 0
    for variant, count in zip(ids.tolist(), counts.tolist(), strict=True):
        total += count
        if total >= rows:
            bounds.append(variant)
            total = 0
    return list(itertools.pairwise([None, *bounds, None]))


def record_parses(library: Library, scored: Scored, start: int = 0, stop: int | None = None) -> None:
    """Rows ``start:stop`` of the new parses into the cache."""
    store_parse_rows(library.conn, PARSER_VERSION, scored.parse_rows, start, stop)


def record(library: Library, scored: Scored, evaluated_at: datetime) -> None:
    """The new parses into the cache, every decision replaced (one unit of work)."""
    record_parses(library, scored)
    record_decisions(library, scored, evaluated_at)


def record_decisions(library: Library, scored: Scored, evaluated_at: datetime) -> None:
    library.candidates.replace_all(scored.decisions, scored.rejections, evaluated_at)


def record_decisions_in_units(store: LibraryStore, scored: Scored, evaluated_at: datetime) -> None:
    """Every decision replaced, in units of about :data:`DECISION_UNIT` decisions by ranges of variant ids (each
    its own short unit of work: a reader between two sees each variant's decisions all this run's or all the
    last run's); one unit, with no bound, when they fit in one."""
    decisions, rejections = scored.decisions, scored.rejections
    variants = decisions["variant_id"].to_numpy(dtype=np.int64)
    for after, last in decision_units(variants, DECISION_UNIT):
        chosen = np.ones(len(variants), dtype=bool)
        if after is not None:
            chosen &= variants > after
        if last is not None:
            chosen &= variants <= last
        part = decisions[chosen]
        with store.open() as library:
            library.candidates.replace_between(after, last, part, rejections[rejections["row"].isin(part["row"])],
                                               evaluated_at)


def variant_labels(wanted: pd.DataFrame) -> dict[int, str]:
    """Variant id -> "Title (year) [profile]" for every wanted variant (rows of DecisionInputs.wanted)."""
    years = [None if pd.isna(year) else int(year) for year in wanted["year"].tolist()]
    return {int(variant): f"{title} ({year}) [{profile}]" for variant, title, year, profile in zip(
        wanted["variant_id"].tolist(), wanted["title"].tolist(), years, wanted["quality_profile"].tolist(),
        strict=True)}


def score_candidates(library: Library, formats: Sequence[CustomFormat], ctx: DecisionContext,
                     free_space: FreeSpace = disk_free_bytes) -> Evaluation:
    """gather -> decide -> record on a library that is already open (one unit of work)."""
    scored = decide(gather(library), formats, ctx, free_space)
    record(library, scored, ctx.now)
    return scored.evaluation


def score_store(store: LibraryStore, formats: Sequence[CustomFormat], ctx: DecisionContext,
                free_space: FreeSpace = disk_free_bytes, also: Sequence[int] = ()) -> tuple[Evaluation, Gathered]:
    """Load (open, read, close) -> parse and decide with the file closed -> write (the new parses in units of
    PARSE_UNIT titles, then the decisions, each unit opening and closing the file): the database is never held
    while titles are parsed or releases judged."""
    started = time.perf_counter()
    gathered = gather_store(store, also)
    loaded = time.perf_counter() - started
    scored = decide(gathered, formats, ctx, free_space)
    started = time.perf_counter()
    for start in range(0, len(scored.parse_rows["title"]), PARSE_UNIT):
        with store.open() as library:
            record_parses(library, scored, start, start + PARSE_UNIT)
    record_decisions_in_units(store, scored, ctx.now)
    scored.evaluation.timings = {"load": loaded, **scored.evaluation.timings, "write": time.perf_counter() - started}
    return scored.evaluation, gathered


def score(config: AppConfig, now: datetime, also: Sequence[int] = ()) -> ScoringReport:
    """The scored_candidates workflow: every release judged for every wanted movie version, recorded; and for
    the versions ``also`` names though they are not wanted (judged, never grabbed: the grab reads wanted ones)."""
    profiles = quality_profiles(config)
    formats = load_formats(config, profiles)
    ctx = decision_context(config, profiles, now)
    evaluation, gathered = score_store(LibraryStore(config.database), formats, ctx, also=also)
    return ScoringReport(evaluation, gathered.labels, gathered.reputation)
