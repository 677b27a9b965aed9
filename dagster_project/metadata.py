"""Turning a domain report into metadata a person reads in the Dagster UI."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import dagster as dg

from radarr_pipeline.config import ConfigError


class Report(Protocol):
    def markdown(self) -> str: ...


def report_metadata(report: Report, counts: dict[str, int], *, row_count: int | None = None) -> dict:
    metadata: dict[str, object] = {name: dg.MetadataValue.int(value) for name, value in counts.items()}
    if row_count is not None:
        metadata["dagster/row_count"] = dg.MetadataValue.int(row_count)
    metadata["summary"] = dg.MetadataValue.md(report.markdown())
    return metadata


@contextmanager
def configuration_errors_fail_at_once() -> Iterator[None]:
    """A configuration error (an unset secret, a wrong setting) is not a network fault: the run fails at once
    with its message, and is not retried (a retry cannot fix it)."""
    try:
        yield
    except ConfigError as exc:
        raise dg.Failure(description=f"configuration error: {exc}", allow_retries=False) from None
