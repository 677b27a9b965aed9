"""Readable summaries of what a pipeline step did, for the Dagster UI and the CLI."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def markdown_cell(value: object) -> str:
    """A value as one markdown table cell: pipes escaped, on one line."""
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: Sequence[Mapping[str, object]], *, empty: str = "_nothing_", limit: int = 50) -> str:
    """A markdown table of the rows (columns from the first row); long lists say how many were left out."""
    if not rows:
        return empty
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(markdown_cell(row.get(c)) for c in columns) + " |" for row in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"\n_{len(rows) - limit} more rows not shown_")
    return "\n".join(lines)
