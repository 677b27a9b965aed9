"""Run Radarr's conformance cases (../shared/conformance/radarr/*.jsonl) and report the pass rate per file.

    python -m radarr_pipeline.conformance [--conformance-dir PATH] [-v]

One loop for every file: record -> adapter -> actual values -> compare each key present in ``expected``.
Naming and slug cases go to ``radarr_pipeline.naming.conformance.CASE_FUNCTIONS`` when that module exists.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFORMANCE_DIR = REPO_ROOT.parent / "shared" / "conformance" / "radarr"
NAMING_MODULE = "radarr_pipeline.naming.conformance"
NAMING_FUNCTIONS = frozenset({"build_file_name", "get_movie_folder", "clean_file_name", "to_url_slug"})

Record = dict[str, Any]
Adapter = Callable[[Record], Record]


@dataclass(frozen=True)
class CaseResult:
    """One conformance case: where it is, what went in, and why it failed (empty when it passed)."""

    case_id: str
    subject: str
    failure: str

    @property
    def passed(self) -> bool:
        return not self.failure


def _clean(value: str) -> str:
    from radarr_pipeline.parsing.normalize import clean_movie_title

    return clean_movie_title(value)


def key_matches(key: str, expected: Any, actual: Any) -> bool:
    """Whether an actual value satisfies one asserted key (set-like keys compare as the C# tests do)."""
    if key == "languages_contains":
        return isinstance(actual, list) and all(language in actual for language in expected)
    if key == "languages_first":
        return isinstance(actual, list) and bool(actual) and actual[0] == expected
    if key == "languages_count":
        return isinstance(actual, list) and len(actual) == expected
    if key == "movie_title_clean_match":
        return isinstance(actual, str) and _clean(actual) == _clean(expected)
    if key == "found" and expected is False:
        return actual is False
    return actual == expected


def compare(expected: Record, actual: Record) -> str:
    """'' when every asserted key matches, else a readable list of the mismatches."""
    problems = []
    for key, value in expected.items():
        if key == "language" and expected.get("found") is False:
            continue
        got = actual.get(key)
        if not key_matches(key, value, got):
            problems.append(f"{key}: expected {value!r}, got {got!r}")
    return "; ".join(problems)


def load_adapters() -> tuple[dict[str, Adapter], str]:
    """Our adapters plus the naming module's; the second value explains a missing naming module."""
    from radarr_pipeline.parsing.conformance import CASE_FUNCTIONS

    adapters: dict[str, Adapter] = dict(CASE_FUNCTIONS)
    try:
        naming = importlib.import_module(NAMING_MODULE)
    except ImportError:
        return adapters, "naming module missing"
    adapters.update(getattr(naming, "CASE_FUNCTIONS", {}))
    return adapters, ""


def read_records(path: Path) -> Iterable[tuple[int, Record]]:
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if line.strip():
                yield line_number, json.loads(line)


def run_case(record: Record, adapters: dict[str, Adapter], naming_problem: str) -> str:
    function = record["function"]
    adapter = adapters.get(function)
    if adapter is None:
        if function in NAMING_FUNCTIONS and naming_problem:
            return naming_problem
        return f"no adapter for function {function!r}"
    try:
        actual = adapter(record)
    except Exception as error:  # a crash is a failing case, reported with its cause
        return f"exception: {type(error).__name__}: {error}"
    return compare(record["expected"], actual)


def run_file(path: Path, adapters: dict[str, Adapter], naming_problem: str) -> list[CaseResult]:
    results = []
    for line_number, record in read_records(path):
        subject = record.get("title", record.get("input"))
        failure = run_case(record, adapters, naming_problem)
        results.append(CaseResult(f"{path.name}:{line_number}", json.dumps(subject, ensure_ascii=False), failure))
    return results


def conformance_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise FileNotFoundError(
            f"conformance data not found at {directory} (expected ../shared/conformance/radarr beside the repo)"
        )
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl conformance files in {directory}")
    return files


def run_all(directory: Path = DEFAULT_CONFORMANCE_DIR) -> dict[str, list[CaseResult]]:
    adapters, naming_problem = load_adapters()
    return {path.name: run_file(path, adapters, naming_problem) for path in conformance_files(directory)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conformance-dir", type=Path, default=DEFAULT_CONFORMANCE_DIR)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failing case")
    args = parser.parse_args(argv)
    try:
        results = run_all(args.conformance_dir)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    total_passed = total = 0
    for name, cases in results.items():
        passed = sum(case.passed for case in cases)
        total_passed += passed
        total += len(cases)
        print(f"{name:<26} {passed:>4}/{len(cases):<4} {100.0 * passed / len(cases):6.1f}%")
        if args.verbose:
            for case in cases:
                if not case.passed:
                    print(f"    FAIL {case.case_id} {case.subject}\n         {case.failure}")
    print(f"{'total':<26} {total_passed:>4}/{total:<4} {100.0 * total_passed / max(total, 1):6.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
