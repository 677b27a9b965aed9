"""The library store: every SQL statement of the project lives in this package.

``LibraryStore`` knows where the database is and opens a connection only for the length of a unit of work
(DuckDB allows one writing process at a time). ``Library`` is that unit of work: the repositories over one
connection, inside one transaction.
"""

from radarr_pipeline.store.library import Library, LibraryNotCreatedError, LibraryStore, StoreBusyError, StoreError

__all__ = ["Library", "LibraryNotCreatedError", "LibraryStore", "StoreBusyError", "StoreError"]
