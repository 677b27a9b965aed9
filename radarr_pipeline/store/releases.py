from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from radarr_pipeline.models import IndexerRelease, StoredRelease
from radarr_pipeline.store.bulk import bulk_rows, reserve_ids

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
        candidates = list(fresh.values())
        with bulk_rows(self._conn, {"guid": [r.guid for r in candidates],
                                          "infohash": [r.infohash for r in candidates]}) as given:
            known = {row[0] for row in self._conn.execute(
                f"SELECT g.guid FROM {given.sql} g WHERE EXISTS (SELECT 1 FROM releases r WHERE r.guid = g.guid)"
                f" OR (g.infohash <> '' AND EXISTS (SELECT 1 FROM releases r WHERE r.infohash = g.infohash))",
                given.params,
            ).fetchall()}
        new = [r for r in candidates if r.guid not in known]
        if not new:
            return []
        first = reserve_ids(self._conn, "releases_id_seq", len(new))
        columns = {
            "id": range(first, first + len(new)), "guid": [r.guid for r in new], "title": [r.title for r in new],
            "indexer": [r.indexer for r in new], "download_url": [r.download_url for r in new],
            "magnet_url": [r.magnet_url for r in new], "info_url": [r.info_url for r in new],
            "infohash": [r.infohash for r in new], "size": [r.size for r in new],
            "seeders": [r.seeders for r in new], "peers": [r.peers for r in new],
            "published_at": [r.published_at for r in new], "imdb_id": [r.imdb_id for r in new],
            "tmdb_id": [r.tmdb_id for r in new], "categories": [r.categories for r in new],
            "indexer_flags": [r.indexer_flags for r in new],
            "download_volume_factor": [r.download_volume_factor for r in new],
            "upload_volume_factor": [r.upload_volume_factor for r in new], "protocol": [r.protocol for r in new],
            "comments_url": [r.comments_url for r in new], "languages": [r.languages for r in new],
        }
        with bulk_rows(self._conn, columns) as rows:
            self._conn.execute(
                "INSERT INTO releases (id, guid, title, indexer, download_url, magnet_url, info_url, infohash, size,"
                " seeders, peers, published_at, imdb_id, tmdb_id, categories, indexer_flags, download_volume_factor,"
                " upload_volume_factor, first_seen_at, protocol, comments_url, languages)"
                " SELECT id::BIGINT, guid::VARCHAR, title::VARCHAR, indexer::VARCHAR, download_url::VARCHAR,"
                " magnet_url::VARCHAR, info_url::VARCHAR, infohash::VARCHAR, size::BIGINT, seeders::INTEGER,"
                " peers::INTEGER, published_at::TIMESTAMPTZ, imdb_id::VARCHAR, tmdb_id::BIGINT,"
                " categories::INTEGER[], indexer_flags::VARCHAR[], download_volume_factor::DOUBLE,"
                " upload_volume_factor::DOUBLE, ?, protocol::VARCHAR, comments_url::VARCHAR, languages::VARCHAR[]"
                f" FROM {rows.sql}",
                [seen_at, *rows.params],
            )
        # The releases as given, under their new ids: reading 100,000 rows back would cost more than writing them
        # (DuckDB turns each TIMESTAMPTZ into a Python datetime one at a time).
        return [StoredRelease(id=first + n, release=r) for n, r in enumerate(new)]

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
