"""The repositories over one open connection: the unit of work :meth:`LibraryStore.open` yields.

In a module of its own so that a reader of the bare connection (``LibraryStore.connection``: the lists the front
doors show) does not import every repository.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from radarr_pipeline.store.blocklist import BlocklistRepository
from radarr_pipeline.store.downloads import DownloadRepository
from radarr_pipeline.store.files import (
    ExtraFileRepository,
    LibraryFolderRepository,
    MovieFileRepository,
    RecycleBinRepository,
)
from radarr_pipeline.store.health import HealthIssueRepository
from radarr_pipeline.store.history import HistoryRepository
from radarr_pipeline.store.import_journal import ImportJournalRepository
from radarr_pipeline.store.indexer_status import (
    GroupReputationRepository,
    IndexerStatusRepository,
    MovieSearchRepository,
    ReleaseDetailsRepository,
)
from radarr_pipeline.store.mediainfo_cache import MediaInfoCacheRepository
from radarr_pipeline.store.movies import MovieRepository
from radarr_pipeline.store.outbox import NotificationFactsRepository, OutboxRepository
from radarr_pipeline.store.parse_cache import ParseCache
from radarr_pipeline.store.pending_grabs import PendingGrabRepository
from radarr_pipeline.store.releases import CandidateRepository, ReleaseRepository


class Library:
    """The repositories over one open connection, and the parse cache beside the database file (``path``; None: a
    database that is not a file, whose parses are not kept)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: Path | None = None, *,
                 lock_timeout: float = 30.0) -> None:
        self.conn = conn
        self.parse_cache = (ParseCache(None) if path is None else
                            ParseCache.beside(path, lock_timeout=lock_timeout))
        self.movies = MovieRepository(conn)
        self.releases = ReleaseRepository(conn)
        self.candidates = CandidateRepository(conn)
        self.downloads = DownloadRepository(conn)
        self.files = MovieFileRepository(conn)
        self.history = HistoryRepository(conn)
        self.indexer_status = IndexerStatusRepository(conn)
        self.movie_searches = MovieSearchRepository(conn)
        self.release_details = ReleaseDetailsRepository(conn)
        self.group_reputation = GroupReputationRepository(conn)
        self.blocklist = BlocklistRepository(conn)
        self.extra_files = ExtraFileRepository(conn)
        self.recycle_bin = RecycleBinRepository(conn)
        self.import_journal = ImportJournalRepository(conn)
        self.mediainfo_cache = MediaInfoCacheRepository(conn)
        self.library_folders = LibraryFolderRepository(conn)
        self.pending_grabs = PendingGrabRepository(conn)
        self.outbox = OutboxRepository(conn)
        self.notification_facts = NotificationFactsRepository(conn)
        self.health_issues = HealthIssueRepository(conn)
