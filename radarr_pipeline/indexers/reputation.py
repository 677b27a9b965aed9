"""Scene-group reputation: a score per release group from what happened to its releases here.

Evidence is one row per outcome (``imported`` without problems, download ``failed``, ``blocklisted``), kept in
DuckDB (``group_outcomes``). The score is :func:`reputation_score`:

    score = (imported - failed - 2 * blocklisted) / (imported + failed + 2 * blocklisted + PRIOR_WEIGHT)

- in (-1, 1): +1 is "every release imported", -1 "every release blocklisted", 0 "no evidence";
- a blocklisting weighs twice a failure: it is a deliberate verdict (a fake, a wrong movie), while a failure
  can be the tracker's or the client's fault;
- ``PRIOR_WEIGHT`` pseudo-observations pull small samples toward 0, so one good import gives +0.2, not +1,
  and a group needs a track record before it ranks far from neutral.

Custom formats and ranking read :func:`group_scores` (keys are case-folded group names; use
:func:`score_for`), and :func:`reputation_markdown` shows the table in the UI.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

import duckdb

from radarr_pipeline.reports import markdown_cell
from radarr_pipeline.store.indexer_status import GroupEvidence, GroupReputationRepository, group_key

Outcome = Literal["imported", "failed", "blocklisted"]
PRIOR_WEIGHT = 4.0
BLOCKLIST_WEIGHT = 2.0


class _HasConn(Protocol):
    conn: duckdb.DuckDBPyConnection


def reputation_score(imported: int, failed: int, blocklisted: int, *, prior: float = PRIOR_WEIGHT) -> float:
    """The reputation formula (see the module's documentation). Pure; always within (-1, 1)."""
    good = max(imported, 0)
    bad = max(failed, 0) + BLOCKLIST_WEIGHT * max(blocklisted, 0)
    return (good - bad) / (good + bad + prior)


def _connection(library_or_conn: _HasConn | duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return library_or_conn if isinstance(library_or_conn, duckdb.DuckDBPyConnection) else library_or_conn.conn


def record_outcome(
    library_or_conn: _HasConn | duckdb.DuckDBPyConnection,
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
    return GroupReputationRepository(_connection(library_or_conn)).record(release_group, outcome, at, evidence_id)


def group_scores(conn: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Score of every group with evidence, keyed by the case-folded group name."""
    evidence = GroupReputationRepository(conn).evidence()
    return {key: reputation_score(e.imported, e.failed, e.blocklisted) for key, e in evidence.items()}


def score_for(scores: dict[str, float], release_group: str | None) -> float:
    """A group's score from :func:`group_scores`; 0.0 (neutral) for an unknown or missing group."""
    if not release_group:
        return 0.0
    return scores.get(group_key(release_group), 0.0)


def reputation_rows(conn: duckdb.DuckDBPyConnection) -> list[tuple[GroupEvidence, float]]:
    """Every group's evidence and score, best first."""
    evidence = GroupReputationRepository(conn).evidence().values()
    rows = [(e, reputation_score(e.imported, e.failed, e.blocklisted)) for e in evidence]
    rows.sort(key=lambda pair: (-pair[1], pair[0].release_group.casefold()))
    return rows


def reputation_markdown(conn: duckdb.DuckDBPyConnection, *, limit: int = 50) -> str:
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
