"""The notification outbox: events written with what caused them, and their deliveries to each connection."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from radarr_pipeline.models import NotificationEvent

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"


@dataclass(frozen=True)
class StoredEvent:
    pk: int
    event: NotificationEvent
    created_at: datetime


@dataclass(frozen=True)
class Delivery:
    """One event to send to one connection."""

    id: int
    connection: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    stored: StoredEvent


@dataclass(frozen=True)
class Outcome:
    """What one attempt at a delivery came to."""

    delivery_id: int
    state: str
    attempts: int
    next_attempt_at: datetime
    error: str | None


_EVENT_COLUMNS = "e.id, e.event_id, e.kind, e.movie_id, e.movie_tags, e.facts, e.created_at"
_DELIVERY_COLUMNS = "d.id, d.connection, d.state, d.attempts, d.next_attempt_at, d.last_error, " + _EVENT_COLUMNS


def _stored(row: tuple[Any, ...]) -> StoredEvent:
    pk, event_id, kind, movie_id, tags, facts, created_at = row
    event = NotificationEvent(kind, json.loads(facts), movie_id, tuple(tags or ()), event_id)
    return StoredEvent(pk, event, created_at)


def _delivery(row: tuple[Any, ...]) -> Delivery:
    return Delivery(row[0], row[1], row[2], row[3], row[4], row[5], _stored(row[6:]))


class OutboxRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add_many(self, events: list[NotificationEvent], at: datetime) -> None:
        """The events, in the caller's unit of work (committed with what caused them), in one statement; an event
        whose id is there already is not written again."""
        if not events:
            return
        self._conn.execute(
            "INSERT INTO notification_events (event_id, kind, movie_id, movie_tags, facts, created_at)"
            " SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS event_id, unnest(?::VARCHAR[]), unnest(?::BIGINT[]),"
            " unnest(?::VARCHAR[][]), unnest(?::VARCHAR[]), ?::TIMESTAMPTZ) AS n"
            " WHERE n.event_id NOT IN (SELECT event_id FROM notification_events)",
            [[e.event_id for e in events], [e.kind for e in events], [e.movie_id for e in events],
             [list(e.movie_tags) for e in events], [json.dumps(e.facts, default=str) for e in events], at],
        )

    def unrouted(self) -> list[StoredEvent]:
        rows = self._conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM notification_events e WHERE e.routed_at IS NULL ORDER BY e.id"
        ).fetchall()
        return [_stored(row) for row in rows]

    def route(self, events: list[int], deliveries: list[tuple[int, str]], at: datetime) -> None:
        """Write a pending delivery per (event, connection) and mark the events routed."""
        if deliveries:
            self._conn.execute(
                "INSERT INTO notification_deliveries (event_pk, connection, state, next_attempt_at)"
                " SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]), ?, ?",
                [[d[0] for d in deliveries], [d[1] for d in deliveries], PENDING, at],
            )
        if events:
            self._conn.execute(
                "UPDATE notification_events SET routed_at = ? WHERE id IN (SELECT unnest(?::BIGINT[]))", [at, events]
            )

    def due_count(self, now: datetime) -> int:
        """Events not yet routed plus deliveries whose time has come (and that no run is sending)."""
        row = self._conn.execute(
            "SELECT (SELECT count(*) FROM notification_events WHERE routed_at IS NULL)"
            " + (SELECT count(*) FROM notification_deliveries WHERE state = ? AND next_attempt_at <= ?"
            "    AND (claimed_until IS NULL OR claimed_until <= ?))",
            [PENDING, now, now],
        ).fetchone()
        return int(row[0]) if row else 0

    def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Delivery]:
        """The deliveries due now, oldest first, claimed until ``until`` so that another run leaves them."""
        rows = self._conn.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM notification_deliveries d JOIN notification_events e"
            " ON e.id = d.event_pk WHERE d.state = ? AND d.next_attempt_at <= ?"
            " AND (d.claimed_until IS NULL OR d.claimed_until <= ?) ORDER BY d.next_attempt_at, d.id LIMIT ?",
            [PENDING, now, now, limit],
        ).fetchall()
        claimed = [_delivery(row) for row in rows]
        if claimed:
            self._conn.execute(
                "UPDATE notification_deliveries SET claimed_until = ? WHERE id IN (SELECT unnest(?::BIGINT[]))",
                [until, [d.id for d in claimed]],
            )
        return claimed

    def settle(self, outcomes: list[Outcome], at: datetime) -> None:
        """Write what each attempt came to and release the claims, in one statement."""
        if not outcomes:
            return
        self._conn.execute(
            "UPDATE notification_deliveries AS d SET state = o.state, attempts = o.attempts,"
            " next_attempt_at = o.next_at, last_error = o.error, claimed_until = NULL,"
            " delivered_at = CASE WHEN o.state = ? THEN ?::TIMESTAMPTZ ELSE d.delivered_at END"
            " FROM (SELECT unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS state, unnest(?::INTEGER[]) AS attempts,"
            "       unnest(?::TIMESTAMPTZ[]) AS next_at, unnest(?::VARCHAR[]) AS error) AS o WHERE d.id = o.id",
            [DELIVERED, at, [o.delivery_id for o in outcomes], [o.state for o in outcomes],
             [o.attempts for o in outcomes], [o.next_attempt_at for o in outcomes], [o.error for o in outcomes]],
        )

    def in_state(self, state: str) -> list[Delivery]:
        rows = self._conn.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM notification_deliveries d JOIN notification_events e"
            " ON e.id = d.event_pk WHERE d.state = ? ORDER BY d.id",
            [state],
        ).fetchall()
        return [_delivery(row) for row in rows]

    def failing_connections(self) -> dict[str, str | None]:
        """Connections whose sending is failing now, with their last error: one backing off after a failed attempt,
        or one whose deliveries died after the last that went through (Radarr's NotificationStatusCheck)."""
        rows = self._conn.execute(
            "SELECT connection, arg_max(last_error, id) FROM notification_deliveries d"
            " WHERE (state = 'pending' AND attempts > 0) OR (state = ? AND id > coalesce((SELECT max(x.id)"
            "  FROM notification_deliveries x WHERE x.connection = d.connection AND x.state = ?), 0))"
            " GROUP BY connection",
            [DEAD, DELIVERED],
        ).fetchall()
        return {str(name): error for name, error in rows}

    def retry_dead(self, ids: list[int] | None, now: datetime) -> int:
        """Dead deliveries (these, or all) made pending again with their attempts reset; how many."""
        where = "state = ?" + ("" if ids is None else " AND id IN (SELECT unnest(?::BIGINT[]))")
        params: list[object] = [DEAD] if ids is None else [DEAD, ids]
        count = self._conn.execute(f"SELECT count(*) FROM notification_deliveries WHERE {where}", params).fetchone()
        self._conn.execute(
            f"UPDATE notification_deliveries SET state = ?, attempts = 0, next_attempt_at = ?, claimed_until = NULL"
            f" WHERE {where}",
            [PENDING, now, *params],
        )
        return int(count[0]) if count else 0


@dataclass(frozen=True)
class ReleaseFacts:
    """What a notification tells of the release a download came from (and its decision for the variant)."""

    release_id: int
    title: str
    indexer: str
    size: int | None
    indexer_flags: tuple[str, ...]
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    format_score: int
    revision: int


class NotificationFactsRepository:
    """Facts read only to describe an event (the release behind a grab or a download)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def releases(self, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], ReleaseFacts]:
        """Each (release, variant)'s release with the variant's decision about it (formats empty if none)."""
        if not pairs:
            return {}
        rows = self._conn.execute(
            "SELECT p.release_id, p.variant_id, r.title, r.indexer, r.size, r.indexer_flags, r.languages,"
            " c.formats, c.format_score, c.revision"
            " FROM (SELECT unnest(?::BIGINT[]) AS release_id, unnest(?::BIGINT[]) AS variant_id) p"
            " JOIN releases r ON r.id = p.release_id"
            " LEFT JOIN candidates c ON c.release_id = p.release_id AND c.variant_id = p.variant_id",
            [[p[0] for p in pairs], [p[1] for p in pairs]],
        ).fetchall()
        return {(row[0], row[1]): ReleaseFacts(row[0], row[2], row[3], row[4], tuple(row[5] or ()),
                                               tuple(row[6] or ()), tuple(row[7] or ()), row[8] or 0, row[9] or 1)
                for row in rows}

    def download_releases(self, download_pks: list[int]) -> dict[int, tuple[int, int]]:
        """Each tracked download's (release, variant), for those grabbed from a known release."""
        if not download_pks:
            return {}
        rows = self._conn.execute(
            "SELECT id, release_id, variant_id FROM downloads WHERE release_id IS NOT NULL"
            " AND id IN (SELECT unnest(?::BIGINT[]))", [download_pks],
        ).fetchall()
        return {row[0]: (row[1], row[2]) for row in rows}

    def download_clients(self, download_pks: list[int]) -> dict[int, tuple[str, str | None]]:
        """Each tracked download's client kind and the client's name its grab recorded (Radarr's
        DownloadClientInfo: type and name), for the import's notification."""
        if not download_pks:
            return {}
        rows = self._conn.execute(
            "SELECT d.id, d.client, any_value(h.data->>'client')"
            " FROM downloads d LEFT JOIN history h ON h.event = 'grabbed' AND h.download_id = d.download_id"
            " WHERE d.id IN (SELECT unnest(?::BIGINT[])) GROUP BY d.id, d.client", [download_pks],
        ).fetchall()
        return {row[0]: (row[1], row[2]) for row in rows}

    def files_added_at(self, file_ids: list[int]) -> dict[int, datetime]:
        """When each of these movie files was added to the library (Radarr's movieFile.dateAdded)."""
        if not file_ids:
            return {}
        rows = self._conn.execute(
            "SELECT id, added_at FROM movie_files WHERE id IN (SELECT unnest(?::BIGINT[]))", [file_ids]
        ).fetchall()
        return {row[0]: row[1] for row in rows}
