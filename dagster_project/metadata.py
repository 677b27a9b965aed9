"""Turning a domain report into metadata a person reads in the Dagster UI."""

from __future__ import annotations

from typing import Protocol

import dagster as dg


class Report(Protocol):
    def markdown(self) -> str: ...


def report_metadata(report: Report, counts: dict[str, int], *, row_count: int | None = None) -> dict:
    metadata: dict[str, object] = {name: dg.MetadataValue.int(value) for name, value in counts.items()}
    if row_count is not None:
        metadata["dagster/row_count"] = dg.MetadataValue.int(row_count)
    metadata["summary"] = dg.MetadataValue.md(report.markdown())
    return metadata
