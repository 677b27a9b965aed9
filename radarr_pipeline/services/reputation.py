"""Scene-group reputation evidence: recorded when a download is imported, fails or is blocklisted; read as scores
for ranking and as a table for the UI. The formula is ``radarr_pipeline.decisions.reputation``."""

from __future__ import annotations

from datetime import datetime

import duckdb

from radarr_pipeline.decisions.reputation import Outcome, reputation_score
from radarr_pipeline.reports import markdown_cell
from radarr_pipeline.store.indexer_status import GroupEvidence, GroupReputationRepository


def record_outcome(
    conn: duckdb.DuckDBPyConnection,
    release_group: str | None,
    outcome: Outcome,
    at: datetime,
    *,
    evidence_id: str | None = None,
) -> bool:
    """Add evidence for a group. ``evidence_id`` (e.g. the download id) makes repeats count once; a later,
    more severe outcome for the same evidence replaces the earlier one. A release without a group is ignored.
    Returns True when the evidence changed."""
    if not release_group or not release_group.strip():
        return False
    return GroupReputationRepository(conn).record(release_group, outcome, at, evidence_id)


def record_outcomes(
    conn: duckdb.DuckDBPyConnection, outcomes: list[tuple[str | None, Outcome, datetime, str | None]]
) -> int:
    """:func:`record_outcome` for many (release group, outcome, at, evidence id) rows, written in bulk; rows
    without a group are ignored. Returns how many changed the evidence."""
    rows = [(group, outcome, at, evidence) for group, outcome, at, evidence in outcomes if group and group.strip()]
    return GroupReputationRepository(conn).record_many(rows) if rows else 0


def group_scores(conn: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Score of every group with evidence, keyed by the case-folded group name."""
    evidence = GroupReputationRepository(conn).evidence()
    return {key: reputation_score(e.imported, e.failed, e.blocklisted) for key, e in evidence.items()}


def reputation_rows(conn: duckdb.DuckDBPyConnection) -> list[tuple[GroupEvidence, float]]:
    """Every group's evidence and score, best first."""
    evidence = GroupReputationRepository(conn).evidence().values()
    rows = [(e, reputation_score(e.imported, e.failed, e.blocklisted)) for e in evidence]
    rows.sort(key=lambda pair: (-pair[1], pair[0].release_group.casefold()))
    return rows


def reputation_markdown(conn: duckdb.DuckDBPyConnection, *, limit: int = 50) -> str:
    """The release groups' standing, best first: shown with every scoring run in the Dagster UI."""
    rows = reputation_rows(conn)
    if not rows:
        return "_No release-group evidence yet._"
    lines = ["| group | score | imported | failed | blocklisted | last |", "|---|---:|---:|---:|---:|---|"]
    for evidence, score in rows[:limit]:
        last = f"{evidence.last_outcome_at:%Y-%m-%d}" if evidence.last_outcome_at else ""
        name = markdown_cell(evidence.release_group)
        lines.append(
            f"| {name} | {score:+.2f} | {evidence.imported} | {evidence.failed} | {evidence.blocklisted} | {last} |"
        )
    if len(rows) > limit:
        lines.append(f"| ... {len(rows) - limit} more | | | | | |")
    return "\n".join(lines)
