"""How a list is written: a table for people (a page at a time), tab-separated lines or JSON for scripts.

The options every list command shares (--format, --limit, --offset) live here too. Plain lines carry each value
with its control characters written out (a tab or a newline in a title cannot split a line); JSON escapes them
itself. A pipe closed early (``| head``) ends the command quietly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import typer

from radarr_pipeline.cli.common import console
from radarr_pipeline.cli.display import cell, visible
from radarr_pipeline.store.listing import JsonPage, Page, Window

#: Rows a table shows when no --limit is given (a table of thousands of rows helps no one).
TABLE_LIMIT = 50
_BATCH = 2000  # lines written at once


class OutputFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"


FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="table (a page for people), plain (tab-separated lines) or json (an array of objects)")]
LimitOption = Annotated[int | None, typer.Option(
    min=0, help=f"At most this many rows (default: {TABLE_LIMIT} in a table, all otherwise)")]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many rows first")]

@dataclass(frozen=True)
class Column:
    """A column shown from a list: its heading, the page's column it comes from, and how a value is written
    (None: as it is; ``NULL`` is always empty)."""

    heading: str
    source: str
    written: Callable[[Any], object] | None = None


View = Sequence[Column]


def page_window(output: OutputFormat, limit: int | None, offset: int) -> Window:
    """The rows to ask for: ``limit`` if given, else a page's worth for a table and everything for the others."""
    if limit is None and output is OutputFormat.TABLE:
        limit = TABLE_LIMIT
    return Window(limit, offset, as_json=output is OutputFormat.JSON)


def write_page(page: Page | JsonPage, output: OutputFormat, *, shown: View, offset: int, empty: str,
               plain: View | None = None, fold: bool = False) -> None:
    """Write the page: ``shown`` is the table's columns, ``plain`` those of the plain lines (default: the
    table's); a JSON page is an array of its objects, one a line."""
    if isinstance(page, JsonPage):
        _write_lines(_json_array(page.objects))
    elif output is OutputFormat.PLAIN:
        _write_lines(_plain_lines(page, shown if plain is None else plain))
    elif not page.rows:
        console.print(empty if page.total == 0 else f"No rows from {offset + 1} on ({page.total} in all).")
    else:
        _print_table(page, shown, offset, fold)


def _values(page: Page, view: View) -> Iterator[list[str]]:
    """Each row's values as text, in the view's columns (``NULL`` as empty text)."""
    picks = [(page.columns.index(column.source), column.written) for column in view]
    for row in page.rows:
        values = []
        for index, written in picks:
            value = row[index]
            if value is None:
                values.append("")
            else:
                values.append(str(value if written is None else written(value)))
        yield values


def _plain_lines(page: Page, view: View) -> Iterator[str]:
    for values in _values(page, view):
        line = "\t".join(values)
        # A tab or a control character inside a value: write each one out so the line keeps its columns.
        yield line if "".join(values).isprintable() else "\t".join(map(visible, values))


def _print_table(page: Page, view: View, offset: int, fold: bool) -> None:
    from rich.table import Table

    table = Table()
    for column in view:
        table.add_column(column.heading, overflow="fold" if fold else "ellipsis")
    for values in _values(page, view):
        table.add_row(*map(cell, values))
    console.print(table)
    more = page.total - offset - len(page.rows)
    if more > 0:
        console.print(f"[dim]{more} more: --offset {offset + len(page.rows)} for the next page, --limit for a longer"
                      " one, or --format plain for all[/dim]")


def _json_array(objects: list[str]) -> Iterator[str]:
    """An array with one object a line: ``[`` first, ``]`` last, a comma after every object but the last."""
    yield "["
    last = len(objects) - 1
    for index, item in enumerate(objects):
        yield item if index == last else f"{item},"
    yield "]"


def _write_lines(lines: Iterable[str]) -> None:
    out = sys.stdout
    batch: list[str] = []
    try:
        for line in lines:
            batch.append(line)
            if len(batch) >= _BATCH:
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")
        out.flush()
    except BrokenPipeError:
        # The reader stopped reading (`| head`): say nothing more, and let Python's exit not write to the pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
