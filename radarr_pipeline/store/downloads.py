"""Tracked downloads: one row per torrent the pipeline follows, with its state in the tracking state machine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from radarr_pipeline.models import DownloadState, TrackedDownload
from radarr_pipeline.store.bulk import bulk_rows, reserve_ids

_COLUMNS = (
    "id, variant_id, release_id, client, download_id, title, quality, state, progress, size, content_path,"
    " status_message, grabbed_at, completed_at, client_state, eta_seconds, stalled_since, updated_at"
)
_KEEP = object()  # "leave this column as it is"


@dataclass(frozen=True)
class NewDownload:
    """A download to track (see :meth:`DownloadRepository.track`)."""

    variant_id: int
    release_id: int | None
    client: str
    download_id: str
    title: str
    quality: str
    size: int | None


@dataclass(frozen=True)
class FollowedUpdate:
    """What a refresh learnt of one tracked download (see :meth:`DownloadRepository.update`)."""

    download_pk: int
    state: DownloadState
    progress: float | None = None
    content_path: str | None = None
    status_message: str | None = None
    client_state: str | None = None
    eta_seconds: int | None = None
    stalled_since: datetime | None = None


def _download(row: tuple) -> TrackedDownload:
    return TrackedDownload(
        id=row[0], variant_id=row[1], release_id=row[2], client=row[3], download_id=row[4], title=row[5],
        quality=row[6], state=DownloadState(row[7]), progress=row[8], size=row[9], content_path=row[10],
        status_message=row[11], grabbed_at=row[12], completed_at=row[13], client_state=row[14],
        eta_seconds=row[15], stalled_since=row[16], updated_at=row[17],
    )


class DownloadRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def track(
        self,
        *,
        variant_id: int,
        release_id: int | None,
        client: str,
        download_id: str,
        title: str,
        quality: str,
        size: int | None,
        at: datetime,
    ) -> TrackedDownload:
        row = self._conn.execute(
            "INSERT INTO downloads (variant_id, release_id, client, download_id, title, quality, state, size,"
            " grabbed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [variant_id, release_id, client, download_id.lower(), title, quality, DownloadState.QUEUED.value,
             size, at, at],
        ).fetchone()
        assert row is not None
        return self.get(row[0])

    def track_many(self, downloads: list[NewDownload], at: datetime) -> list[int]:
        """Track many downloads at once, each as :meth:`track` does (queued, grabbed now); their ids, in order.
        A download already tracked for the client is an error and nothing is added."""
        if not downloads:
            return []
        first = reserve_ids(self._conn, "downloads_id_seq", len(downloads))
        columns: dict[str, Sequence[object]] = {
            "id": range(first, first + len(downloads)), "variant_id": [d.variant_id for d in downloads],
            "release_id": [d.release_id for d in downloads], "client": [d.client for d in downloads],
            "download_id": [d.download_id.lower() for d in downloads], "title": [d.title for d in downloads],
            "quality": [d.quality for d in downloads], "size": [d.size for d in downloads],
        }
        with bulk_rows(self._conn, columns) as frame:
            self._conn.execute(
                "INSERT INTO downloads (id, variant_id, release_id, client, download_id, title, quality, state, size,"
                " grabbed_at, updated_at) SELECT id::BIGINT, variant_id::BIGINT, release_id::BIGINT,"
                " client::VARCHAR, download_id::VARCHAR, title::VARCHAR, quality::VARCHAR, ?, size::BIGINT, ?, ?"
                f" FROM {frame.sql}",
                [DownloadState.QUEUED.value, at, at, *frame.params],
            )
        return list(range(first, first + len(downloads)))

    def get(self, download_pk: int) -> TrackedDownload:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", [download_pk]).fetchone()
        if row is None:
            raise KeyError(f"no tracked download with id {download_pk}")
        return _download(row)

    def find(self, client: str, download_id: str) -> TrackedDownload | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM downloads WHERE client = ? AND download_id = ?", [client, download_id.lower()]
        ).fetchone()
        return _download(row) if row else None

    def tracked_among(self, client: str, download_ids: list[str]) -> set[str]:
        """Which of these download ids the client has tracked (in any state), lower-cased (one query)."""
        if not download_ids:
            return set()
        rows = self._conn.execute(
            "SELECT download_id FROM downloads WHERE client = ? AND download_id IN (SELECT unnest(?))",
            [client, [d.lower() for d in download_ids]],
        ).fetchall()
        return {row[0] for row in rows}

    def matching(self, reference: str) -> list[TrackedDownload]:
        """Downloads a user means by ``reference``: the row id, or the infohash or a prefix of it (6+ chars)."""
        reference = reference.strip().lower()
        if reference.isascii() and reference.isdigit() and len(reference) < 6:
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", [int(reference)]).fetchone()
            return [_download(row)] if row else []
        if len(reference) < 6 or any(c not in "0123456789abcdef" for c in reference):
            return []
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM downloads WHERE starts_with(download_id, ?) ORDER BY id", [reference]
        ).fetchall()
        return [_download(row) for row in rows]

    def in_states(self, *states: DownloadState) -> list[TrackedDownload]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM downloads WHERE state IN (SELECT unnest(?)) ORDER BY id",
            [[s.value for s in states]],
        ).fetchall()
        return [_download(row) for row in rows]

    def active(self) -> list[TrackedDownload]:
        return self.in_states(*(s for s in DownloadState if s.is_active))

    def active_variant_ids(self) -> set[int]:
        return {d.variant_id for d in self.active()}

    def known_ids(self, client: str) -> set[str]:
        """Every download id this client ever had tracked, in any state."""
        rows = self._conn.execute("SELECT download_id FROM downloads WHERE client = ?", [client]).fetchall()
        return {row[0] for row in rows}

    def grabbed_release_ids(self) -> set[int]:
        """Releases never to grab again: those grabbed before, and those whose infohash is blocklisted (the same
        torrent announced again, by another indexer or under another guid)."""
        rows = self._conn.execute(
            "SELECT release_id FROM downloads WHERE release_id IS NOT NULL"
            " UNION SELECT r.id FROM releases r JOIN blocklist b ON b.infohash IS NOT NULL"
            " AND lower(r.infohash) = b.infohash"
        ).fetchall()
        return {row[0] for row in rows}

    def update(
        self,
        download_pk: int,
        *,
        state: DownloadState,
        at: datetime,
        progress: float | None = None,
        content_path: str | None = None,
        status_message: str | None = None,
        client_state: str | None = None,
        eta_seconds: object = _KEEP,
        stalled_since: object = _KEEP,
    ) -> None:
        sets = ["state = ?", "updated_at = ?", "status_message = ?"]
        values: list[object] = [state.value, at, status_message]
        for column, value in (("progress", progress), ("content_path", content_path),
                              ("client_state", client_state)):
            if value is not None:
                sets.append(f"{column} = ?")
                values.append(value)
        for column, given in (("eta_seconds", eta_seconds), ("stalled_since", stalled_since)):
            if given is not _KEEP:
                sets.append(f"{column} = ?")
                values.append(given)
        if state is DownloadState.COMPLETED:
            sets.append("completed_at = coalesce(completed_at, ?)")
            values.append(at)
        if state is DownloadState.IMPORTED:
            sets.append("imported_at = ?")
            values.append(at)
        if state is DownloadState.FAILED:
            sets.append("failed_at = coalesce(failed_at, ?)")
            values.append(at)
        values.append(download_pk)
        self._conn.execute(f"UPDATE downloads SET {', '.join(sets)} WHERE id = ?", values)

    def update_many(self, updates: list[tuple[int, DownloadState, str | None]], at: datetime) -> None:
        """(download id, state, status message) rows in one statement, each as :meth:`update` with only the state
        and the message given (the state's own timestamp set as there; other columns kept)."""
        if not updates:
            return
        updates = list({u[0]: u for u in updates}.values())  # one row per download: the last given wins
        self._conn.execute(
            "UPDATE downloads SET state = u.state, updated_at = ?, status_message = u.status_message,"
            " completed_at = CASE WHEN u.state = ? THEN coalesce(downloads.completed_at, ?)"
            " ELSE downloads.completed_at END,"
            " imported_at = CASE WHEN u.state = ? THEN ? ELSE downloads.imported_at END,"
            " failed_at = CASE WHEN u.state = ? THEN coalesce(downloads.failed_at, ?) ELSE downloads.failed_at END"
            " FROM (SELECT unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS state,"
            " unnest(?::VARCHAR[]) AS status_message) u WHERE downloads.id = u.id",
            [at, DownloadState.COMPLETED.value, at, DownloadState.IMPORTED.value, at, DownloadState.FAILED.value, at,
             [u[0] for u in updates], [u[1].value for u in updates], [u[2] for u in updates]],
        )

    def update_followed_many(self, updates: list[FollowedUpdate], at: datetime) -> None:
        """Many downloads brought up to date at once, each as :meth:`update` with every argument of the
        :class:`FollowedUpdate` given (progress, content path and client state None: kept)."""
        if not updates:
            return
        rows = list({u.download_pk: u for u in updates}.values())  # one row per download: the last given wins
        columns: dict[str, Sequence[object]] = {
            "id": [u.download_pk for u in rows], "state": [u.state.value for u in rows],
            "progress": [u.progress for u in rows], "content_path": [u.content_path for u in rows],
            "status_message": [u.status_message for u in rows], "client_state": [u.client_state for u in rows],
            "eta_seconds": [u.eta_seconds for u in rows], "stalled_since": [u.stalled_since for u in rows],
        }
        with bulk_rows(self._conn, columns) as frame:
            self._conn.execute(
                "UPDATE downloads SET state = u.state, updated_at = ?, status_message = u.status_message,"
                " progress = coalesce(u.progress, downloads.progress),"
                " content_path = coalesce(u.content_path, downloads.content_path),"
                " client_state = coalesce(u.client_state, downloads.client_state),"
                " eta_seconds = u.eta_seconds, stalled_since = u.stalled_since,"
                " completed_at = CASE WHEN u.state = ? THEN coalesce(downloads.completed_at, ?)"
                " ELSE downloads.completed_at END,"
                " imported_at = CASE WHEN u.state = ? THEN ? ELSE downloads.imported_at END,"
                " failed_at = CASE WHEN u.state = ? THEN coalesce(downloads.failed_at, ?) ELSE downloads.failed_at END"
                " FROM (SELECT id::BIGINT AS id, state::VARCHAR AS state, progress::DOUBLE AS progress,"
                " content_path::VARCHAR AS content_path, status_message::VARCHAR AS status_message,"
                " client_state::VARCHAR AS client_state, eta_seconds::BIGINT AS eta_seconds,"
                f" stalled_since::TIMESTAMPTZ AS stalled_since FROM {frame.sql}) u WHERE downloads.id = u.id",
                [at, DownloadState.COMPLETED.value, at, DownloadState.IMPORTED.value, at, DownloadState.FAILED.value,
                 at, *frame.params],
            )

    def search_again(self, movie_id: int) -> int:
        """Forget when the movie was last searched on each indexer, so the next search run takes it first
        (failed-download handling: Radarr searches again at once). Returns how many indexer records went."""
        rows = self._conn.execute(
            "DELETE FROM movie_searches WHERE movie_id = ? RETURNING movie_id", [movie_id]
        ).fetchall()
        return len(rows)
