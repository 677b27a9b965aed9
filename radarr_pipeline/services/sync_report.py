"""What an RSS sync or a search did, per indexer: the asset's metadata and the table the UI shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from radarr_pipeline.reports import markdown_cell


@dataclass(frozen=True)
class IndexerRow:
    """What happened with one indexer in one sync."""

    name: str
    kind: str
    status: str  # "ok", "failed", "backing off", "disabled", "not due", "no search"
    fetched: int = 0
    new: int = 0
    requests: int = 0
    searched: int = 0
    error: str | None = None
    error_kind: str | None = None
    disabled_until: datetime | None = None
    escalation_level: int = 0
    consecutive_failures: int = 0
    #: Feed items left out, by reason (Radarr drops them too): {"no valid download link": 2}.
    skipped: dict[str, int] = field(default_factory=dict)

    def skipped_text(self) -> str:
        return ", ".join(f"{reason}: {count}" for reason, count in sorted(self.skipped.items()))


@dataclass(frozen=True)
class SyncReport:
    mode: str  # "rss" or "search"
    at: datetime
    rows: list[IndexerRow] = field(default_factory=list)

    @property
    def fetched(self) -> int:
        return sum(r.fetched for r in self.rows)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.rows)

    @property
    def failed(self) -> list[str]:
        return [r.name for r in self.rows if r.status == "failed"]

    @property
    def backing_off(self) -> list[str]:
        return [r.name for r in self.rows if r.status == "backing off"]

    def row(self, name: str) -> IndexerRow:
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)

    def markdown(self) -> str:
        lines = [
            f"**{self.mode.upper()} sync** at {self.at:%Y-%m-%d %H:%M:%S %Z}: {self.fetched} fetched, "
            f"{self.new} new, {len(self.failed)} failed, {len(self.backing_off)} backing off",
            "",
            "| indexer | kind | status | fetched | new | requests | searched | failures | disabled until | skipped "
            "| error |",
            "|---|---|---|---:|---:|---:|---:|---:|---|---|---|",
        ]
        for r in self.rows:
            until = f"{r.disabled_until:%Y-%m-%d %H:%M:%S}" if r.disabled_until else ""
            error = markdown_cell(r.error or "")
            status = f"{r.status} ({r.error_kind})" if r.error_kind else r.status  # e.g. failed (auth)
            lines.append(
                f"| {markdown_cell(r.name)} | {r.kind} | {status} | {r.fetched} | {r.new} | {r.requests} |"
                f" {r.searched} | {r.consecutive_failures} | {until} | {markdown_cell(r.skipped_text())} | {error} |"
            )
        return "\n".join(lines)

    def metadata(self) -> dict[str, object]:
        """Plain values for Dagster metadata."""
        return {
            "fetched": self.fetched,
            "new": self.new,
            "failed": self.failed,
            "backing_off": self.backing_off,
            "indexers": [
                {
                    "name": r.name, "status": r.status, "fetched": r.fetched, "new": r.new,
                    "error": r.error, "disabled_until": r.disabled_until.isoformat() if r.disabled_until else None,
                    "escalation_level": r.escalation_level, "consecutive_failures": r.consecutive_failures,
                    "skipped": dict(r.skipped),
                }
                for r in self.rows
            ],
        }
