"""The library store: every SQL statement of the project lives in this package.

``LibraryStore`` knows where the database is and opens a connection only for the length of a unit of work
(DuckDB allows one writing process at a time). ``Library`` is that unit of work: the repositories over one
connection, inside one transaction.

The names below are loaded on first use (PEP 562): a module of the package that needs neither DuckDB nor the
repositories (``store.listing``'s page shapes, which the command line builds before it asks) does not pay for
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from radarr_pipeline.store.library import LibraryNotCreatedError, LibraryStore, StoreBusyError, StoreError
    from radarr_pipeline.store.repositories import Library

__all__ = ["Library", "LibraryNotCreatedError", "LibraryStore", "StoreBusyError", "StoreError"]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name == "Library":
        from radarr_pipeline.store.repositories import Library

        return Library
    from radarr_pipeline.store import library

    return getattr(library, name)
