"""Reading a large table in pages, each page its own short unit of work.

DuckDB locks the database file for as long as a process has it open, so a step that reads every row of a 50,000-
movie library in one unit of work keeps every other process out for as long as the read and its conversion take.
Read in pages by a key (keyset paging: ``WHERE key > last ORDER BY key LIMIT n``), each hold is bounded by the
page, not by the library. The pages are not one snapshot: a row written between two pages is seen or not by where
its key falls, which suits the steps that recompute a derived view on every run (the next run sees it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from radarr_pipeline.store.library import LibraryStore
from radarr_pipeline.store.repositories import Library

#: Rows a page reads: about a tenth of a second of DuckDB's reading and Python's converting on these machines.
PAGE_ROWS = 10_000

Row = TypeVar("Row")
Key = TypeVar("Key")


def read_pages(
    store: LibraryStore, read: Callable[[Library, Key | None, int], list[Row]], key: Callable[[Row], Key], *,
    rows: int = PAGE_ROWS, read_only: bool = False,
) -> Iterator[list[Row]]:
    """Each page of ``read(library, after, limit)`` (the rows whose key follows ``after``, None for the first page,
    in key order, at most ``limit``), read in its own unit of work and yielded with the file closed."""
    after: Key | None = None
    while True:
        with store.open(read_only=read_only) as library:
            page = read(library, after, rows)
        yield page
        if len(page) < rows:
            return
        after = key(page[-1])
