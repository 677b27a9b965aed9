"""Reading a large table in pages, each page its own short unit of work.

DuckDB locks the database file for as long as a process has it open, so a step that reads every row of a 50,000-
movie library in one unit of work keeps every other process out for as long as the read and its conversion take.
Read in pages by a key (keyset paging: ``WHERE key > last ORDER BY key LIMIT n``), each hold is bounded by the
page, not by the library. The pages are not one snapshot: a row written between two pages is seen or not by where
its key falls, which suits the steps that recompute a derived view on every run (the next run sees it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from radarr_pipeline.store.library import LibraryStore
from radarr_pipeline.store.repositories import Library

if TYPE_CHECKING:  # frames come from DuckDB (.df()); importing pandas here would slow every command down
    import pandas as pd

#: Rows a page reads: about a tenth of a second of DuckDB's reading and Python's converting on these machines.
PAGE_ROWS = 10_000

Row = TypeVar("Row")
Key = TypeVar("Key")


def read_pages(
    store: LibraryStore, read: Callable[[Library, Key | None, int], list[Row]], key: Callable[[Row], Key], *,
    rows: int = PAGE_ROWS, read_only: bool = False, after: Key | None = None,
) -> Iterator[list[Row]]:
    """Each page of ``read(library, after, limit)`` (the rows whose key follows ``after``, None for the first page,
    in key order, at most ``limit``), read in its own unit of work and yielded with the file closed. ``after``: start
    past this key (the last row of a first page read with other facts)."""
    while True:
        with store.open(read_only=read_only) as library:
            page = read(library, after, rows)
        yield page
        if len(page) < rows:
            return
        after = key(page[-1])


def read_id_ranges(
    store: LibraryStore, bounds: Callable[[Library], tuple[int | None, int | None]],
    read: Callable[[Library, int, int], Row], *, rows: int = PAGE_ROWS, read_only: bool = False,
) -> Iterator[Row]:
    """Each page of ``read(library, after, last)`` (the rows whose id is in ``(after, last]``, in id order), over
    the ids from the lowest to the highest that ``bounds`` gives (read with the first page), ``rows`` ids a page,
    each in its own unit of work. A page is a range of ids, not ``ORDER BY id LIMIT n``: no page sorts or scans
    the rows after it, so reading n rows costs n, not n² / rows. Ids left by deleted rows make a page smaller; a
    row added after the first page with an id above the highest is left to the next run."""
    with store.open(read_only=read_only) as library:
        low, high = bounds(library)
        after = (low or 1) - 1
        top = high if high is not None else after
        page = read(library, after, min(after + rows, top))
    yield page
    after += rows
    while after < top:
        with store.open(read_only=read_only) as library:
            page = read(library, after, min(after + rows, top))
        yield page
        after += rows


def concat_pages(pages: Iterator[pd.DataFrame]) -> pd.DataFrame:
    """The pages as the one frame a single read gives: indexed 0..n-1, a text column typed as text even where
    a page had only NULLs in it (DuckDB gives such a page's column as objects); pages without rows left out."""
    import pandas as pd

    frames = list(pages)
    filled = [frame for frame in frames if len(frame)] or frames[:1]
    if len(filled) == 1:
        return filled[0]
    joined = pd.concat(filled, ignore_index=True)
    for column in joined.columns:
        if joined[column].dtype == object:
            texts = [f[column].dtype for f in filled if isinstance(f[column].dtype, pd.StringDtype)]
            if texts:
                joined[column] = joined[column].astype(texts[0])
    return joined
