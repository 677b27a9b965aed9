"""Which health issues appeared and which cleared since the last evaluation (Radarr's HealthCheckService
publishes HealthCheckFailedEvent / HealthCheckRestoredEvent on such changes). One issue per check: a check that
finds several problems is one issue whose message lists them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from radarr_pipeline.decisions.health import HealthIssue, Level


@dataclass(frozen=True)
class CheckIssue:
    check: str
    level: Level
    message: str


@dataclass(frozen=True)
class HealthChanges:
    appeared: tuple[CheckIssue, ...]
    still: tuple[CheckIssue, ...]  # open before and now (its message may have changed)
    cleared: tuple[str, ...]  # check names


def by_check(issues: Iterable[HealthIssue]) -> dict[str, CheckIssue]:
    grouped: dict[str, list[HealthIssue]] = {}
    for issue in issues:
        grouped.setdefault(issue.check, []).append(issue)
    return {
        check: CheckIssue(
            check,
            Level.ERROR if any(i.level is Level.ERROR for i in found) else Level.WARNING,
            " | ".join(i.message for i in found),
        )
        for check, found in grouped.items()
    }


def health_changes(
    open_checks: Iterable[str], issues: Iterable[HealthIssue], evaluated: Iterable[str]
) -> HealthChanges:
    """Compare the open issues with what the evaluated checks found now; a check not evaluated keeps its state."""
    before = set(open_checks)
    now: Mapping[str, CheckIssue] = by_check(issues)
    evaluated_now = set(evaluated)
    return HealthChanges(
        appeared=tuple(issue for check, issue in now.items() if check not in before),
        still=tuple(issue for check, issue in now.items() if check in before),
        cleared=tuple(sorted(check for check in before if check in evaluated_now and check not in now)),
    )
