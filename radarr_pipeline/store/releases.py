from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from radarr_pipeline.models import IndexerRelease, StoredRelease

# The candidates table's repository lives with the decision engine's other reads; Library imports it from here.
from radarr_pipeline.store.candidates import CandidateRepository as CandidateRepository

_RELEASE_COLUMNS = (
    "id, guid, title, indexer, download_url, magnet_url, info_url, infohash, size, seeders, peers, published_at,"
    " imdb_id, tmdb_id, categories, indexer_flags, download_volume_factor, upload_volume_factor, protocol,"
    " comments_url, languages"
)


def _stored_release(row: tuple) -> StoredRelease:
    return StoredRelease(
        id=row[0],
        release=IndexerRelease(
            guid=row[1], title=row[2], indexer=row[3], download_url=row[4], magnet_url=row[5], info_url=row[6],
            infohash=row[7], size=row[8], seeders=row[9], peers=row[10], published_at=row[11], imdb_id=row[12],
            tmdb_id=row[13], categories=tuple(row[14] or ()), indexer_flags=tuple(row[15] or ()),
            download_volume_factor=row[16], upload_volume_factor=row[17], protocol=row[18] or "torrent",
            comments_url=row[19], languages=tuple(row[20] or ()),
        ),
    )


class ReleaseRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add_new(self, releases: Iterable[IndexerRelease], seen_at: datetime) -> list[StoredRelease]:
        """Store releases not seen before (by guid, or by infohash); return only the new ones.

        An indexer repeats its feed on every sync, and two indexers may carry the same torrent: both are the
        same release to us.
        """
        fresh: dict[str, IndexerRelease] = {}
        hashes: set[str] = set()
        for release in releases:
            if release.guid in fresh or (release.infohash and release.infohash in hashes):
                continue
            fresh[release.guid] = release
            if release.infohash:
                hashes.add(release.infohash)
        if not fresh:
            return []
        known_guids = {
            r[0] for r in self._conn.execute(
                "SELECT guid FROM releases WHERE guid IN (SELECT unnest(?))", [list(fresh)]
            ).fetchall()
        }
        known_hashes = {
            r[0] for r in self._conn.execute(
                "SELECT infohash FROM releases WHERE infohash IN (SELECT unnest(?))", [sorted(hashes)]
            ).fetchall()
        }
        new = [
            r for r in fresh.values()
            if r.guid not in known_guids and not (r.infohash and r.infohash in known_hashes)
        ]
        if not new:
            return []
        self._conn.executemany(
            "INSERT INTO releases (guid, title, indexer, download_url, magnet_url, info_url, infohash, size,"
            " seeders, peers, published_at, imdb_id, tmdb_id, categories, indexer_flags, download_volume_factor,"
            " upload_volume_factor, first_seen_at, protocol, comments_url, languages)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (r.guid, r.title, r.indexer, r.download_url, r.magnet_url, r.info_url, r.infohash, r.size,
                 r.seeders, r.peers, r.published_at, r.imdb_id, r.tmdb_id, list(r.categories),
                 list(r.indexer_flags), r.download_volume_factor, r.upload_volume_factor, seen_at, r.protocol,
                 r.comments_url, list(r.languages))
                for r in new
            ],
        )
        rows = self._conn.execute(
            f"SELECT {_RELEASE_COLUMNS} FROM releases WHERE guid IN (SELECT unnest(?)) ORDER BY id",
            [[r.guid for r in new]],
        ).fetchall()
        return [_stored_release(row) for row in rows]

    def get(self, release_id: int) -> StoredRelease:
        row = self._conn.execute(f"SELECT {_RELEASE_COLUMNS} FROM releases WHERE id = ?", [release_id]).fetchone()
        if row is None:
            raise KeyError(f"no release with id {release_id}")
        return _stored_release(row)

    def all(self) -> list[StoredRelease]:
        rows = self._conn.execute(f"SELECT {_RELEASE_COLUMNS} FROM releases ORDER BY id").fetchall()
        return [_stored_release(row) for row in rows]

    def count(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM releases").fetchone()
        return int(row[0]) if row else 0
