"""scored_candidates: load every release and wanted movie version, judge every pair, record the decisions.

Gather (one read: new titles parsed through the cache, releases, wanted versions, queue, history, blocklist,
group reputation) -> decide (``radarr_pipeline.decisions.engine``, pure) -> apply (one bulk write).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb

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
from radarr_pipeline.store.parse_cache import cached_parses, store_parses


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


def parse_new_titles(library: Library) -> int:
    """Parse the release titles the cache does not know yet (the only per-title Python work of a run)."""
    titles = DecisionInputs(library.conn).unparsed_titles(PARSER_VERSION)
    if titles:
        parse_through_cache(library.conn, titles)
    return len(titles)


def load_inputs(library: Library) -> EngineInputs:
    parse_new_titles(library)
    reads = DecisionInputs(library.conn)
    by_id, by_hash = reads.grabbed()
    hashes, titles = library.blocklist.blocked_keys()
    return EngineInputs(
        releases=reads.releases(PARSER_VERSION),
        wanted=reads.wanted(),
        alternative_titles=reads.alternative_titles(),
        queue=reads.queue(),
        grabbed_by_id=by_id,
        grabbed_by_hash=by_hash,
        blocked_hashes={h.lower() for h in hashes},
        blocked_titles=titles,
        group_scores=group_scores(library.conn),
        failing_indexers={s.indexer: s.disabled_until for s in IndexerStatusRepository(library.conn).all()
                          if s.disabled_until is not None},
    )


def variant_labels(library: Library) -> dict[int, str]:
    """Variant id -> "Title (year) [profile]" for every wanted variant."""
    return {w.variant.id: f"{w.movie.title} ({w.movie.year}) [{w.variant.quality_profile}]"
            for w in library.movies.wanted()}


def score_candidates(library: Library, formats: Sequence[CustomFormat], ctx: DecisionContext,
                     free_space: FreeSpace = disk_free_bytes) -> Evaluation:
    """Load, evaluate and record every decision; returns the evaluation (see ``report.ScoringReport``)."""
    started = time.perf_counter()
    inputs = load_inputs(library)
    loaded = time.perf_counter() - started
    evaluation = evaluate(inputs, formats, ctx, free_space)
    started = time.perf_counter()
    decisions, rejections = decisions_frame(evaluation)
    library.candidates.replace_all(decisions, rejections, ctx.now)
    evaluation.timings = {"load": loaded, **evaluation.timings, "write": time.perf_counter() - started}
    return evaluation


def score(config: AppConfig, now: datetime) -> ScoringReport:
    """The scored_candidates workflow: every release judged for every wanted movie version, recorded."""
    profiles = quality_profiles(config)
    formats = load_formats(config, profiles)
    ctx = decision_context(config, profiles, now)
    with LibraryStore(config.database).open() as library:
        evaluation = score_candidates(library, formats, ctx)
        return ScoringReport(evaluation, variant_labels(library), reputation_markdown(library.conn))
