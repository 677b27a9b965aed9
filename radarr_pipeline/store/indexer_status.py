"""Indexer bookkeeping in DuckDB: health and back-off, search spreading, release details, group evidence.

Each repository takes the connection like the others in this package (``IndexerStatusRepository(conn)``).
Every value stored here is already redacted by the indexer code; nothing here sees a secret.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from radarr_pipeline.decisions.indexer_backoff import IndexerStatus
from radarr_pipeline.decisions.reputation import group_key
from radarr_pipeline.store.bulk import bulk_rows

_STATUS_COLUMNS = (
    "indexer, escalation_level, consecutive_failures, disabled_until, last_error, last_error_kind,"
    " last_failure_at, last_success_at, last_request_at, last_fetched, last_new, initial_failure_at"
)


class IndexerStatusRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def get(self, indexer: str) -> IndexerStatus:
        row = self._conn.execute(
            f"SELECT {_STATUS_COLUMNS} FROM indexer_status WHERE indexer = ?", [indexer]
        ).fetchone()
        return IndexerStatus(*row) if row else IndexerStatus(indexer)

    def all(self) -> list[IndexerStatus]:
        rows = self._conn.execute(f"SELECT {_STATUS_COLUMNS} FROM indexer_status ORDER BY indexer").fetchall()
        return [IndexerStatus(*row) for row in rows]

    def save(self, status: IndexerStatus, at: datetime) -> IndexerStatus:
        """Store an indexer's new health (computed by ``radarr_pipeline.decisions.indexer_backoff``)."""
        self._upsert(status, at)
        return status

    def _upsert(self, s: IndexerStatus, at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO indexer_status (indexer, escalation_level, consecutive_failures, disabled_until,"
            " last_error, last_error_kind, last_failure_at, last_success_at, last_request_at, last_fetched,"
            " last_new, initial_failure_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (indexer) DO UPDATE SET escalation_level = excluded.escalation_level,"
            " consecutive_failures = excluded.consecutive_failures, disabled_until = excluded.disabled_until,"
            " last_error = excluded.last_error, last_error_kind = excluded.last_error_kind,"
            " last_failure_at = excluded.last_failure_at, last_success_at = excluded.last_success_at,"
            " last_request_at = excluded.last_request_at, last_fetched = excluded.last_fetched,"
            " last_new = excluded.last_new, initial_failure_at = excluded.initial_failure_at,"
            " updated_at = excluded.updated_at",
            [s.indexer, s.escalation_level, s.consecutive_failures, s.disabled_until, s.last_error,
             s.last_error_kind, s.last_failure_at, s.last_success_at, s.last_request_at, s.last_fetched,
             s.last_new, s.initial_failure_at, at],
        )


class MovieSearchRepository:
    """When each movie was last searched on each indexer."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def last_searched(self, indexer: str) -> dict[int, datetime]:
        rows = self._conn.execute(
            "SELECT movie_id, last_searched_at FROM movie_searches WHERE indexer = ?", [indexer]
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def record(self, indexer: str, movie_id: int, at: datetime, found: int) -> None:
        self._conn.execute(
            "INSERT INTO movie_searches (movie_id, indexer, last_searched_at, searches, last_found)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT (movie_id, indexer) DO UPDATE SET"
            " last_searched_at = excluded.last_searched_at, searches = movie_searches.searches + 1,"
            " last_found = excluded.last_found",
            [movie_id, indexer, at, found],
        )

    def record_many(self, searches: list[tuple[str, int, int]], at: datetime) -> None:
        """(indexer, movie id, releases found) rows in one statement, each as :meth:`record` (a search given
        twice counts twice; the last one's count of releases is kept)."""
        if not searches:
            return
        counted: dict[tuple[str, int], tuple[int, int]] = {}
        for indexer, movie_id, found in searches:
            times, _ = counted.get((indexer, movie_id), (0, 0))
            counted[(indexer, movie_id)] = (times + 1, found)
        self._conn.execute(
            "INSERT INTO movie_searches (movie_id, indexer, last_searched_at, searches, last_found)"
            " SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]), ?, unnest(?::INTEGER[]), unnest(?::INTEGER[])"
            " ON CONFLICT (movie_id, indexer) DO UPDATE SET last_searched_at = excluded.last_searched_at,"
            " searches = movie_searches.searches + excluded.searches, last_found = excluded.last_found",
            [[k[1] for k in counted], [k[0] for k in counted], at, [v[0] for v in counted.values()],
             [v[1] for v in counted.values()]],
        )


@dataclass(frozen=True)
class StoredReleaseDetails:
    guid: str
    indexer: str
    category: str | None
    codec: str | None
    medium: str | None
    origin: str | None


class ReleaseDetailsRepository:
    """Typed details some indexers give (HDBits: category, codec, medium, origin), keyed by release guid."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, details: Iterable[StoredReleaseDetails], at: datetime) -> int:
        given = list(details)
        if given:
            first = {d.guid: d for d in reversed(given)}  # a guid given twice: the first is kept, as row by row
            rows = list(first.values())
            columns: dict[str, Sequence[object]] = {
                "guid": [d.guid for d in rows], "indexer": [d.indexer for d in rows],
                "category": [d.category for d in rows], "codec": [d.codec for d in rows],
                "medium": [d.medium for d in rows], "origin": [d.origin for d in rows],
            }
            with bulk_rows(self._conn, columns) as frame:
                self._conn.execute(
                    "INSERT INTO release_details (guid, indexer, category, codec, medium, origin, recorded_at)"
                    " SELECT guid::VARCHAR, indexer::VARCHAR, category::VARCHAR, codec::VARCHAR, medium::VARCHAR,"
                    f" origin::VARCHAR, ? FROM {frame.sql} ON CONFLICT (guid) DO NOTHING",
                    [at, *frame.params],
                )
        return len(given)

    def get(self, guid: str) -> StoredReleaseDetails | None:
        row = self._conn.execute(
            "SELECT guid, indexer, category, codec, medium, origin FROM release_details WHERE guid = ?", [guid]
        ).fetchone()
        return StoredReleaseDetails(*row) if row else None


@dataclass(frozen=True)
class GroupEvidence:
    """Counts of outcomes for one release group."""

    release_group: str
    imported: int = 0
    failed: int = 0
    blocklisted: int = 0
    last_outcome_at: datetime | None = None


OUTCOMES = ("imported", "failed", "blocklisted")
_SEVERITY = {outcome: rank for rank, outcome in enumerate(OUTCOMES)}


class GroupReputationRepository:
    """Evidence rows for scene-group reputation; the score itself is a pure function elsewhere."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def record(self, release_group: str, outcome: str, at: datetime, evidence_id: str | None = None) -> bool:
        """Add one outcome; with ``evidence_id``, the same evidence is counted once (its most severe outcome
        wins: a failed download later blocklisted counts as blocklisted). True when something changed."""
        if outcome not in _SEVERITY:
            raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
        name = release_group.strip()
        if not name:
            raise ValueError("release group is empty")
        if evidence_id is not None:
            row = self._conn.execute(
                "SELECT id, outcome FROM group_outcomes WHERE evidence_id = ?", [evidence_id]
            ).fetchone()
            if row is not None:
                if _SEVERITY[outcome] <= _SEVERITY[row[1]]:
                    return False
                self._conn.execute(
                    "UPDATE group_outcomes SET outcome = ?, occurred_at = ? WHERE id = ?", [outcome, at, row[0]]
                )
                return True
        self._conn.execute(
            "INSERT INTO group_outcomes (group_key, release_group, outcome, occurred_at, evidence_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [group_key(name), name, outcome, at, evidence_id],
        )
        return True

    def record_many(self, outcomes: Sequence[tuple[str, str, datetime, str | None]]) -> int:
        """(release group, outcome, at, evidence id) rows, each as :meth:`record` would take them in order, in
        one query and at most two statements. Returns how many of them changed something."""
        for _group, outcome, _at, _evidence in outcomes:
            if outcome not in _SEVERITY:
                raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
        evidence_ids = list({evidence for *_rest, evidence in outcomes if evidence is not None})
        stored: dict[str, tuple[int | None, str]] = {  # evidence id -> (row id, None for a new row; outcome)
            row[1]: (row[0], row[2])
            for row in self._conn.execute(
                "SELECT id, evidence_id, outcome FROM group_outcomes WHERE evidence_id IN (SELECT unnest(?))",
                [evidence_ids],
            ).fetchall()
        } if evidence_ids else {}
        changed_rows: dict[int, tuple[int, str, datetime]] = {}
        inserts: list[list[object]] = []  # [group, outcome, at, evidence id], updated in place by later evidence
        new_rows: dict[str, list[object]] = {}
        changed = 0
        for release_group, outcome, at, evidence_id in outcomes:
            name = release_group.strip()
            if not name:
                raise ValueError("release group is empty")
            if evidence_id is not None and evidence_id in stored:
                row_id, current = stored[evidence_id]
                if _SEVERITY[outcome] <= _SEVERITY[current]:
                    continue
                stored[evidence_id] = (row_id, outcome)
                if row_id is None:
                    new_rows[evidence_id][1:3] = [outcome, at]
                else:
                    changed_rows[row_id] = (row_id, outcome, at)
            else:
                inserts.append([name, outcome, at, evidence_id])
                if evidence_id is not None:
                    stored[evidence_id] = (None, outcome)
                    new_rows[evidence_id] = inserts[-1]
            changed += 1
        updates = list(changed_rows.values())
        if updates:
            self._conn.execute(
                "UPDATE group_outcomes SET outcome = u.outcome, occurred_at = u.occurred_at FROM (SELECT"
                " unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS outcome, unnest(?::TIMESTAMPTZ[]) AS occurred_at)"
                " AS u WHERE group_outcomes.id = u.id",
                [[u[0] for u in updates], [u[1] for u in updates], [u[2] for u in updates]],
            )
        if inserts:
            self._conn.execute(
                "INSERT INTO group_outcomes (group_key, release_group, outcome, occurred_at, evidence_id)"
                " SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::TIMESTAMPTZ[]),"
                " unnest(?::VARCHAR[])",
                [[group_key(str(r[0])) for r in inserts], [r[0] for r in inserts], [r[1] for r in inserts],
                 [r[2] for r in inserts], [r[3] for r in inserts]],
            )
        return changed

    def evidence(self) -> dict[str, GroupEvidence]:
        """Per casefolded group: counts of each outcome, the name as first written, the latest time."""
        rows = self._conn.execute(
            "SELECT group_key, arg_min(release_group, id),"
            " count(*) FILTER (WHERE outcome = 'imported'), count(*) FILTER (WHERE outcome = 'failed'),"
            " count(*) FILTER (WHERE outcome = 'blocklisted'), max(occurred_at)"
            " FROM group_outcomes GROUP BY group_key ORDER BY group_key"
        ).fetchall()
        return {row[0]: GroupEvidence(row[1], row[2], row[3], row[4], row[5]) for row in rows}
