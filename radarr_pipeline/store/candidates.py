"""What the decision engine reads (in bulk, as columns) and writes (every decision with its reasons).

All reads return pandas DataFrames: the engine works on columns, never one release at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import duckdb

from radarr_pipeline.models import FINISHED_STATES, LIST_SEPARATOR, IndexerRelease, StoredRelease

if TYPE_CHECKING:  # DataFrames come from DuckDB (.df()); importing pandas here would slow every command down
    import pandas as pd

_CANDIDATE_COLUMNS = (
    "release_id", "variant_id", "movie_id", "matched_by", "quality", "quality_rank", "revision", "real",
    "format_score", "formats", "status", "approved", "rank",
)


_SELECTED = {
    "formats": f"CASE WHEN d.formats = '' THEN []::VARCHAR[] ELSE string_split(d.formats, '{LIST_SEPARATOR}') END",
    "rank": "nullif(d.rank, 0)",
}


@dataclass(frozen=True)
class RankedCandidate:
    """An approved decision, with the release it is about, in the variant's preference order."""

    variant_id: int
    movie_id: int
    rank: int
    quality: str
    format_score: int
    release: StoredRelease


@dataclass(frozen=True)
class PendingCandidate:
    variant_id: int
    movie_id: int
    release_title: str
    indexer: str
    quality: str
    reasons: tuple[str, ...]


class CandidateRepository:
    """The candidates table: one row per (release, wanted variant), replaced on every scoring run."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def digests(self) -> dict[int, int]:
        """The digest of each variant's decisions as last written (see :meth:`replace_variants`)."""
        return dict(self._conn.execute("SELECT variant_id, digest FROM candidate_digests").fetchall())

    def replace_variants(self, variant_ids: Sequence[int], decisions: pd.DataFrame, rejections: pd.DataFrame,
                         digests: Mapping[int, int], evaluated_at: datetime) -> int:
        """Replace the decisions of these variants by ``decisions`` (theirs: one row per candidate, see
        _CANDIDATE_COLUMNS plus ``row``; ``formats`` joined by LIST_SEPARATOR; ``rank`` 0 when not approved) and
        their ``rejections`` (one row per failed rule: ``row``, ``ordinal``, ``rule``, ``message``), with the
        ``digests`` of their decisions (a variant without decisions now has none). ``evaluated_at``: when these
        decisions were reached (a variant whose decisions did not change keeps its rows and their time)."""
        ids = [int(v) for v in variant_ids]
        for table in ("candidates", "candidate_digests"):
            self._conn.execute(f"DELETE FROM {table} WHERE variant_id IN (SELECT unnest(?::BIGINT[]))", [ids])
        if digests:
            self._conn.execute("INSERT INTO candidate_digests SELECT unnest(?::BIGINT[]), unnest(?::BIGINT[])",
                               [list(digests), list(digests.values())])
        if decisions.empty:
            return 0
        self._conn.register("decisions_frame", decisions)
        self._conn.register("rejections_frame", rejections)
        try:
            self._conn.execute(
                f"""
                INSERT INTO candidates ({", ".join(_CANDIDATE_COLUMNS)}, rejections, rejected_by, evaluated_at)
                SELECT {", ".join(_SELECTED.get(c, "d." + c) for c in _CANDIDATE_COLUMNS)},
                       coalesce(r.messages, []::VARCHAR[]), coalesce(r.rules, []::VARCHAR[]), ?
                FROM decisions_frame d
                LEFT JOIN (
                    SELECT "row", list(message ORDER BY ordinal) AS messages, list(rule ORDER BY ordinal) AS rules
                    FROM rejections_frame GROUP BY "row"
                ) r ON r."row" = d."row"
                """,
                [evaluated_at],
            )
        finally:
            self._conn.unregister("decisions_frame")
            self._conn.unregister("rejections_frame")
        return len(decisions)

    def ranked_approved(self) -> list[RankedCandidate]:
        """Approved candidates of variants still wanted, best first within each variant."""
        rows = self._conn.execute(
            """
            SELECT c.variant_id, c.movie_id, c.rank, c.quality, c.format_score,
                   r.id, r.guid, r.title, r.indexer, r.download_url, r.magnet_url, r.info_url, r.infohash, r.size,
                   r.seeders, r.peers, r.published_at, r.imdb_id, r.tmdb_id, r.categories, r.indexer_flags,
                   r.download_volume_factor, r.upload_volume_factor, r.protocol
            FROM candidates c
            JOIN wanted w ON w.variant_id = c.variant_id
            JOIN releases r ON r.id = c.release_id
            WHERE c.approved
            ORDER BY c.variant_id, c.rank
            """
        ).fetchall()
        return [
            RankedCandidate(
                variant_id=row[0], movie_id=row[1], rank=row[2], quality=row[3], format_score=row[4],
                release=StoredRelease(row[5], IndexerRelease(
                    guid=row[6], title=row[7], indexer=row[8], download_url=row[9], magnet_url=row[10],
                    info_url=row[11], infohash=row[12], size=row[13], seeders=row[14], peers=row[15],
                    published_at=row[16], imdb_id=row[17], tmdb_id=row[18], categories=tuple(row[19] or ()),
                    indexer_flags=tuple(row[20] or ()), download_volume_factor=row[21],
                    upload_volume_factor=row[22], protocol=row[23] or "torrent",
                )),
            )
            for row in rows
        ]

    def pending(self) -> list[PendingCandidate]:
        """Releases waiting on a temporary rule (delay, minimum age): reconsidered on every run."""
        rows = self._conn.execute(
            """
            SELECT c.variant_id, c.movie_id, r.title, r.indexer, c.quality, c.rejections
            FROM candidates c JOIN wanted w ON w.variant_id = c.variant_id JOIN releases r ON r.id = c.release_id
            WHERE c.status = 'pending' ORDER BY c.variant_id, r.title
            """
        ).fetchall()
        return [PendingCandidate(r[0], r[1], r[2], r[3], r[4], tuple(r[5])) for r in rows]

    def for_variant(self, variant_id: int) -> list[dict[str, object]]:
        """Every decision on one variant with the release title, best first (approved by rank, then the rest)."""
        cursor = self._conn.execute(
            """
            SELECT r.title, r.indexer, c.quality, c.revision, c.format_score, c.formats, c.status, c.rank,
                   c.rejections, c.rejected_by, c.matched_by
            FROM candidates c JOIN releases r ON r.id = c.release_id
            WHERE c.variant_id = ? ORDER BY c.rank NULLS LAST, c.quality_rank DESC, r.title
            """,
            [variant_id],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def decision(self, release_id: int, variant_id: int) -> tuple[int, str, int, int] | None:
        """(movie id, quality, format score, rank or 0) of one recorded decision, or None."""
        row = self._conn.execute(
            "SELECT movie_id, quality, format_score, coalesce(rank, 0) FROM candidates"
            " WHERE release_id = ? AND variant_id = ?", [release_id, variant_id]).fetchone()
        return (int(row[0]), str(row[1]), int(row[2]), int(row[3])) if row else None

    def count(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM candidates").fetchone()
        return int(row[0]) if row else 0


def _releases_in(ids: tuple[int, int] | None) -> tuple[str, list[int]]:
    """The releases table, or with ``ids`` ``(after, last)`` those whose id is in ``(after, last]``: the text to
    read them FROM and its parameters."""
    if ids is None:
        return "releases", []
    return "(SELECT * FROM releases WHERE id > ? AND id <= ?)", list(ids)


class DecisionInputs:
    """Bulk reads of everything the rules look at."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def release_ids(self) -> tuple[int | None, int | None]:
        """The lowest and highest release id (None, None without releases): the range :meth:`releases` pages."""
        low, high = self._conn.execute("SELECT min(id), max(id) FROM releases").fetchall()[0]
        return low, high

    def releases(self, ids: tuple[int, int] | None = None) -> pd.DataFrame:
        """Every release, without its parse (``parse_cache.join_parses`` adds it). List columns come joined by
        LIST_SEPARATOR: turning DuckDB lists into Python lists costs more than the rest of the query. With ``ids``
        ``(after, last)``: a page, the releases whose id is in ``(after, last]`` (see
        :func:`store.paging.read_id_ranges`)."""
        source, ranged = _releases_in(ids)
        return self._conn.execute(
            f"""
            SELECT r.id AS release_id, r.title, r.indexer, coalesce(r.protocol, 'torrent') AS protocol,
                   r.size, r.seeders, r.peers, r.infohash,
                   r.imdb_id, r.tmdb_id, array_to_string(r.indexer_flags, '{LIST_SEPARATOR}') AS indexer_flags,
                   (r.download_url IS NOT NULL OR r.magnet_url IS NOT NULL) AS has_link,
                   coalesce(r.published_at, r.first_seen_at) AS published_at
            FROM {source} r
            ORDER BY r.id
            """,
            ranged,
        ).df()

    def wanted(self, also: Sequence[int] = ()) -> pd.DataFrame:
        """Every wanted variant with its movie, the file on disk (if any) and the wanted reason; ``also`` adds
        variants that are not wanted (reason ``judged on request``: an interactive search judges them all the
        same, so the rules say why they would not be grabbed)."""
        return self._conn.execute(
            """
            SELECT v.id AS variant_id, v.movie_id, v.quality_profile, v.root_folder, v.monitored,
                   m.title, m.original_title, m.original_language, m.year, m.secondary_year, m.imdb_id, m.tmdb_id,
                   coalesce(m.runtime_minutes, 0) AS runtime_minutes, m.minimum_availability,
                   m.in_cinemas, m.digital_release, m.physical_release,
                   f.quality AS file_quality, coalesce(f.revision, 1) AS file_revision,
                   f.scene_name AS file_scene_name, f.path AS file_path, f.size AS file_size, w.reason,
                   f.release_group AS file_release_group, f.added_at AS file_added_at
            FROM (SELECT variant_id, reason FROM wanted
                  UNION ALL
                  SELECT id, 'judged on request' FROM variants
                  WHERE id IN (SELECT unnest(?::BIGINT[])) AND id NOT IN (SELECT variant_id FROM wanted)) w
            JOIN variants v ON v.id = w.variant_id
            JOIN movies m ON m.id = v.movie_id
            LEFT JOIN movie_files f ON f.variant_id = v.id
            ORDER BY v.id
            """,
            [list(also)],
        ).df()

    def alternative_titles(self, also: Sequence[int] = ()) -> list[tuple[int, str]]:
        """The alternative titles of the movies :meth:`wanted` returns (with ``also``)."""
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT a.movie_id, a.title FROM movie_alternative_titles a"
            " WHERE a.movie_id IN (SELECT v.movie_id FROM variants v"
            " WHERE v.id IN (SELECT variant_id FROM wanted) OR v.id IN (SELECT unnest(?::BIGINT[])))",
            [list(also)],
        ).fetchall()]

    def queue(self) -> pd.DataFrame:
        """Active downloads (not imported, not failed): what is in the download client for each variant."""
        return self._conn.execute(
            "SELECT variant_id, release_id, lower(download_id) AS download_id, title, quality, state"
            " FROM downloads WHERE state NOT IN (SELECT unnest(?)) ORDER BY id", [sorted(FINISHED_STATES)]
        ).df()

    def grabbed(self) -> tuple[dict[int, datetime], dict[str, datetime]]:
        """Releases grabbed before: by release id and by infohash, with when (downloads and history)."""
        by_id: dict[int, datetime] = {}
        by_hash: dict[str, datetime] = {}
        for release_id, download_id, at in self._conn.execute(
            "SELECT release_id, lower(download_id), grabbed_at FROM downloads"
        ).fetchall():
            if release_id is not None:
                by_id.setdefault(release_id, at)
            by_hash.setdefault(download_id, at)
        for download_id, at in self._conn.execute(
            "SELECT lower(download_id), occurred_at FROM history WHERE event = 'grabbed' AND download_id IS NOT NULL"
        ).fetchall():
            by_hash.setdefault(download_id, at)
        return by_id, by_hash


class MovieDetailsRepository:
    """Release dates, secondary year and alternative titles: what matching and availability need."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def set_details(
        self,
        movie_id: int,
        *,
        in_cinemas: date | None = None,
        digital_release: date | None = None,
        physical_release: date | None = None,
        secondary_year: int | None = None,
    ) -> None:
        """Set the given fields (None leaves a field as it is)."""
        self._conn.execute(
            "UPDATE movies SET in_cinemas = coalesce(?, in_cinemas), digital_release = coalesce(?, digital_release),"
            " physical_release = coalesce(?, physical_release), secondary_year = coalesce(?, secondary_year)"
            " WHERE id = ?",
            [in_cinemas, digital_release, physical_release, secondary_year, movie_id],
        )

    def add_alternative_titles(self, movie_id: int, titles: list[str]) -> None:
        cleaned = [t.strip() for t in titles if t and t.strip()]
        if cleaned:
            self._conn.execute(
                "INSERT INTO movie_alternative_titles (movie_id, title) SELECT DISTINCT ?, unnest(?::VARCHAR[])"
                " ON CONFLICT DO NOTHING",
                [movie_id, cleaned],
            )

    def details(self, movie_id: int) -> dict[str, object]:
        cursor = self._conn.execute(
            "SELECT in_cinemas, digital_release, physical_release, secondary_year FROM movies WHERE id = ?",
            [movie_id],
        )
        row = cursor.fetchone()
        if row is None:
            raise KeyError(f"no movie with id {movie_id}")
        details = dict(zip([d[0] for d in cursor.description], row, strict=True))
        details["alternative_titles"] = [r[0] for r in self._conn.execute(
            "SELECT title FROM movie_alternative_titles WHERE movie_id = ? ORDER BY title", [movie_id]
        ).fetchall()]
        return details
