"""Set-based writes: the rows go to DuckDB as one relation, written by one ``INSERT ... SELECT``.

Many rows go as a registered pandas frame, scanned in bulk (at 100,000 rows four times faster than list
parameters and a hundred times faster than ``executemany``, which runs a statement per row). Fewer go as list
parameters (``unnest(?)``): importing pandas takes longer than converting them, and a write should not spend that
time holding the database file.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

# From this many values (rows × columns) on, a frame: converting a list parameter costs about 1.4 µs a value, a
# frame 0.4 µs, once pandas is imported (0.5 to 2 s, while the file is held), so a frame pays when pandas is loaded
# already or when the values are many.
FRAME_VALUES = 500_000
FRAME_VALUES_WITH_PANDAS_LOADED = 20_000
_names = itertools.count()


@dataclass(frozen=True)
class Rows:
    """Rows to select from: ``sql`` is a FROM item (each column under its name), ``params`` the values its
    placeholders take, to put after those of the statement's placeholders written before it."""

    sql: str
    params: list[object]


@contextmanager
def bulk_rows(conn: duckdb.DuckDBPyConnection, columns: Mapping[str, Sequence[object]]) -> Iterator[Rows]:
    """``columns`` (name to values, all of one length) as a relation for the length of the block. DuckDB reads each
    column's type from its values (None is NULL; an integer column with gaps stays integer): cast in the SELECT."""
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    cells = (lengths.pop() if lengths else 0) * len(columns)
    loaded = "pandas" in sys.modules
    if cells < (FRAME_VALUES_WITH_PANDAS_LOADED if loaded else FRAME_VALUES):
        items = ", ".join(f'unnest(?) AS "{column}"' for column in columns)
        yield Rows(f"(SELECT {items})", [list(values) for values in columns.values()])
        return
    import pandas as pd  # only large writes need pandas: commands stay quick to start

    name = f"bulk_rows_{next(_names)}"
    frame = pd.DataFrame({column: pd.Series(list(values), dtype=object) for column, values in columns.items()})
    conn.complete()  # DuckDB registers nothing while a result of the connection is unread
    conn.register(name, frame)
    try:
        yield Rows(name, [])
    finally:
        conn.complete()
        conn.unregister(name)


def storable_text(text: str) -> bool:
    """Whether DuckDB can store the text: valid UTF-8 only (a name read from the disk that is not comes with
    surrogates standing for its bytes, which DuckDB refuses)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def reserve_ids(conn: duckdb.DuckDBPyConnection, sequence: str, count: int) -> int:
    """Take ``count`` consecutive ids from ``sequence`` and return the first (rows inserted in bulk then get ids
    in the order given, known without RETURNING). The store is the only writer, inside one transaction, so the
    ids of one statement follow each other; that is checked."""
    row = conn.execute(
        f"SELECT min(v), max(v), count(*) FROM (SELECT nextval('{sequence}') AS v FROM range(?))", [count]
    ).fetchall()
    first, last, taken = row[0]
    if count and (taken != count or last - first != count - 1):
        raise RuntimeError(f"sequence {sequence} gave {taken} ids from {first} to {last}, not {count} consecutive")
    return int(first) if count else 0


@dataclass(frozen=True)
class Selected:
    """Columns to select: ``items`` are the SELECT items (one per column, cast to its type), ``constants`` the
    parameters they take (a column whose values are all the same, most of a library scan's columns: the import
    mode, the status, the profile..., goes as one value, converted once instead of once a row), ``rows`` the FROM
    item of the others (:func:`bulk_rows`). A statement passes ``constants``, then the
    parameters of whatever it writes between the items and FROM, then ``rows.params``."""

    items: list[str]
    constants: list[object]
    rows: Rows


@contextmanager
def bulk_select(conn: duckdb.DuckDBPyConnection, columns: Sequence[tuple[str, Sequence[object], str]]
                ) -> Iterator[Selected]:
    """(name, values, SQL type) columns of one length as a :class:`Selected`, for the length of the block: the
    columns whose values differ go through :func:`bulk_rows` (a frame when they are many), one at least so the
    rows keep their number."""
    items: list[str] = []
    constants: list[object] = []
    listed: dict[str, Sequence[object]] = {}
    for position, (name, values, sql_type) in enumerate(columns):
        first = values[0] if values else None
        last_chance = not listed and position == len(columns) - 1
        if values and not last_chance and len(values) > 1 and list(values).count(first) == len(values):
            items.append(f"?::{sql_type}")
            constants.append(first)
        else:
            items.append(f'"{name}"::{sql_type}')
            listed[name] = values
    with bulk_rows(conn, listed) as rows:
        yield Selected(items, constants, rows)
