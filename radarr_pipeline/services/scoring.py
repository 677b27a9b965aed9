"""scored_candidates: load every release and wanted movie version, judge every pair, record the decisions.

Gather (one read: releases, wanted versions, queue, history, blocklist, group reputation; then the releases'
cached parses and the titles not parsed yet, from the parse cache's own file) -> decide with the database closed
(parse the new titles, then ``radarr_pipeline.decisions.engine``, pure) -> apply (bulk writes: the new parses into
the parse cache, and the decisions of the variants whose decisions changed since the last run, known by a digest
of each variant's decisions).
"""

from __future__ import annotations

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
    WRITE_UNIT,
    ParseCache,
    ParseRows,
    cached_parses,
    join_parses,
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
    #: The digest of each variant's decisions as last written: only the variants whose decisions differ are written.
    written: dict[int, int] = field(default_factory=dict)


@dataclass
class Scored:
    """What the write stores: the decisions, their rejections and the parses of the new titles (as the cache's
    rows, built with the file closed: the typed columns scoring reads, not the full parse)."""

    evaluation: Evaluation
    decisions: pd.DataFrame
    rejections: pd.DataFrame
    parses: dict[str, ParsedRelease | None]
    parse_rows: ParseRows
    digests: dict[int, int]  # variant id -> the digest of its decisions (see decision_digests)
    written: dict[int, int]  # ... as last written (Gathered.written)

    def changed_variants(self) -> list[int]:
        """The variants whose decisions differ from those last written: changed, new, or gone (none now)."""
        return sorted([v for v, digest in self.digests.items() if self.written.get(v) != digest]
                      + [v for v in self.written if v not in self.digests])


def gather(library: Library, also: Sequence[int] = (), *, releases: pd.DataFrame | None = None,
           new_titles: list[str] | None = None, wanted: pd.DataFrame | None = None) -> Gathered:
    """Everything scoring reads, in one short read; nothing is parsed here (the file stays open only to read).
    ``also``: variants to judge though they are not wanted (an interactive search). ``releases``, ``new_titles``
    (the titles not parsed yet) and ``wanted``: those reads, already made (in units: see :func:`gather_store`)."""
    reads = DecisionInputs(library.conn)
    if releases is None:
        releases, new_titles = releases_with_parses(library.parse_cache, reads.releases())
    by_id, by_hash = reads.grabbed()
    hashes, titles = library.blocklist.blocked_keys()
    inputs = EngineInputs(
        releases=releases,
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
    return Gathered(inputs, new_titles or [],
                    variant_labels(inputs.wanted),
                    reputation_markdown(library.conn), library.candidates.digests())


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
    return Scored(evaluation, decisions, rejections, parses, parse_rows(parses, full=False),
                  decision_digests(decisions, rejections), gathered.written)


# What a stored decision shows (the candidates table's columns): equal digests, equal rows.
_DIGESTED = ("release_id", "movie_id", "matched_by", "quality", "quality_rank", "revision", "real", "format_score",
             "formats", "status", "rank")


def decision_digests(decisions: pd.DataFrame, rejections: pd.DataFrame) -> dict[int, int]:
    """Each variant's decisions and their reasons as one number (never 0): equal numbers, equal decisions (in any
    row order), so a run rewrites only the variants whose decisions changed. Sums of 64-bit row hashes."""
    rows = pd.util.hash_pandas_object(decisions[list(_DIGESTED)], index=False).to_numpy(dtype=np.uint64)
    reasons = np.zeros(len(decisions), dtype=np.uint64)
    if len(rejections):
        each = pd.util.hash_pandas_object(pd.DataFrame({
            "rule": rejections["rule"], "message": rejections["message"],
            "position": rejections.groupby("row").cumcount()}), index=False).to_numpy(dtype=np.uint64)
        np.add.at(reasons, rejections["row"].to_numpy(dtype=np.int64), each)
    bound = pd.util.hash_pandas_object(pd.DataFrame({"row": rows, "reasons": reasons}), index=False)  # reasons to rows
    variants, variant_of = np.unique(decisions["variant_id"].to_numpy(dtype=np.int64), return_inverse=True)
    sums = np.zeros(len(variants), dtype=np.uint64)
    np.add.at(sums, variant_of, bound.to_numpy(dtype=np.uint64))  # unsigned: wraps around, never raises
    return dict(zip(variants.tolist(), (sums | np.uint64(1)).view(np.int64).tolist(), strict=True))


#: Release ids a read page covers.
READ_PAGE_ROWS = 25_000
#: Decisions a write unit replaces, about (a variant's decisions are never split between units). Every unit pays
#: a fixed cost (DuckDB checkpoints when the file is closed), so units are as large as a short hold allows: at
#: 50,000 movies and 100,000 releases the longest hold is 0.5 s (units of 5,000: 0.4 s, with 60% more CPU).
DECISION_UNIT = 15_000


def releases_with_parses(cache: ParseCache, releases: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The releases with their cached parses, and the titles not parsed yet (one read of the parse cache's file)."""
    with cache.connection(read_only=True) as conn:
        return join_parses(conn, releases, PARSER_VERSION)


def parse_cache_of(store: LibraryStore) -> ParseCache:
    """The parse cache beside the library's database file."""
    return ParseCache.beside(store.path, lock_timeout=store.lock_timeout)


def gather_store(store: LibraryStore, also: Sequence[int] = ()) -> Gathered:
    """:func:`gather` in short units of work: the read that grows with the indexers' feeds in pages of
    :data:`READ_PAGE_ROWS` release ids (their parses then read from the parse cache's own file, with the library's
    closed), the wanted versions in one unit, the rest in one more. The units are not one snapshot: a release
    written meanwhile is judged or not by where its id falls, a version wanted meanwhile is judged by the next run."""
    releases = concat_pages(read_id_ranges(
        store, lambda library: DecisionInputs(library.conn).release_ids(),
        lambda library, after, last: DecisionInputs(library.conn).releases((after, last)), rows=READ_PAGE_ROWS))
    releases, new_titles = releases_with_parses(parse_cache_of(store), releases)
    with store.open() as library:
        wanted = DecisionInputs(library.conn).wanted(also)
    with store.open() as library:
        return gather(library, also, releases=releases, new_titles=new_titles, wanted=wanted)


def variant_units(variant_ids: Sequence[int], rows_of: Mapping[int, int], rows: int) -> list[list[int]]:
    """``variant_ids`` in consecutive groups of about ``rows`` decisions (``rows_of`` each; a variant's all in one
    group, a variant without decisions counting as one)."""
    units: list[list[int]] = [[]]
    total = 0
    for variant in variant_ids:
        if total >= rows:
            units.append([])
            total = 0
        units[-1].append(variant)
        total += max(rows_of.get(variant, 0), 1)
    return [unit for unit in units if unit]


def record_parses(cache: ParseCache, scored: Scored) -> None:
    """The new parses into the cache, in units of :data:`WRITE_UNIT` (a cache: a run stopped between units parses
    the rest again next time)."""
    for start in range(0, len(scored.parse_rows["title"]), WRITE_UNIT):
        with cache.connection() as conn:
            store_parse_rows(conn, PARSER_VERSION, scored.parse_rows, start, start + WRITE_UNIT)


def record(library: Library, scored: Scored, evaluated_at: datetime) -> None:
    """The new parses into the cache, the decisions that changed replaced (one unit of work)."""
    record_parses(library.parse_cache, scored)
    record_decisions(library, scored, scored.changed_variants(), evaluated_at)


def record_decisions(library: Library, scored: Scored, variant_ids: Sequence[int], evaluated_at: datetime) -> None:
    """The decisions of these variants replaced by this run's."""
    decisions, rejections = scored.decisions, scored.rejections
    part = decisions[decisions["variant_id"].isin(variant_ids)]
    library.candidates.replace_variants(
        variant_ids, part, rejections[rejections["row"].isin(part["row"])],
        {v: scored.digests[v] for v in variant_ids if v in scored.digests}, evaluated_at)


def record_decisions_in_units(store: LibraryStore, scored: Scored, evaluated_at: datetime) -> None:
    """The decisions that changed replaced, in units of about :data:`DECISION_UNIT` decisions (each its own short
    unit of work: a reader between two sees each variant's decisions all this run's or all the last run's)."""
    variants, counts = np.unique(scored.decisions["variant_id"].to_numpy(dtype=np.int64), return_counts=True)
    rows_of = dict(zip(variants.tolist(), counts.tolist(), strict=True))
    for unit in variant_units(scored.changed_variants(), rows_of, DECISION_UNIT):
        with store.open() as library:
            record_decisions(library, scored, unit, evaluated_at)


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
    """Load (open, read, close) -> parse and decide with the file closed -> write (the new parses into the parse
    cache's file, then the decisions in units, each unit opening and closing the file): the database is never held
    while titles are parsed or releases judged."""
    started = time.perf_counter()
    gathered = gather_store(store, also)
    loaded = time.perf_counter() - started
    scored = decide(gathered, formats, ctx, free_space)
    started = time.perf_counter()
    record_parses(parse_cache_of(store), scored)
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
