"""Run Radarr's conformance cases (tests/data/radarr/*.jsonl) and report the pass rate per file.

    python -m radarr_pipeline.conformance [--conformance-dir PATH] [-v]

One loop for every file: record -> adapter -> actual values -> compare each key present in ``expected``.
Parser cases go to ``radarr_pipeline.parsing.conformance``, naming and slug cases to
``radarr_pipeline.naming.conformance``. The data is vendored in the repository (see tests/data/radarr/SOURCE.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radarr_pipeline.naming.conformance import CASE_FUNCTIONS as NAMING_CASE_FUNCTIONS
from radarr_pipeline.parsing.conformance import CASE_FUNCTIONS as PARSING_CASE_FUNCTIONS
from radarr_pipeline.parsing.normalize import clean_movie_title

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFORMANCE_DIR = REPO_ROOT / "tests" / "data" / "radarr"

Record = dict[str, Any]
Adapter = Callable[[Record], Record]
ADAPTERS: dict[str, Adapter] = {**PARSING_CASE_FUNCTIONS, **NAMING_CASE_FUNCTIONS}


@dataclass(frozen=True)
class CaseResult:
    """One conformance case: where it is, what went in, and why it failed (empty when it passed)."""

    case_id: str
    subject: str
    failure: str

    @property
    def passed(self) -> bool:
        return not self.failure


def key_matches(key: str, expected: Any, actual: Any) -> bool:
    """Whether an actual value satisfies one asserted key (set-like keys compare as the C# tests do)."""
    if key == "languages_contains":
        return isinstance(actual, list) and all(language in actual for language in expected)
    if key == "languages_first":
        return isinstance(actual, list) and bool(actual) and actual[0] == expected
    if key == "languages_count":
        return isinstance(actual, list) and len(actual) == expected
    if key == "movie_title_clean_match":
        return isinstance(actual, str) and clean_movie_title(actual) == clean_movie_title(expected)
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


def read_records(path: Path) -> Iterable[tuple[int, Record]]:
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if line.strip():
                yield line_number, json.loads(line)


def run_case(record: Record, adapters: dict[str, Adapter] = ADAPTERS) -> str:
    function = record["function"]
    adapter = adapters.get(function)
    if adapter is None:
        return f"no adapter for function {function!r}"
    try:
        actual = adapter(record)
    except Exception as error:  # a crash is a failing case, reported with its cause
        return f"exception: {type(error).__name__}: {error}"
    return compare(record["expected"], actual)


def run_file(path: Path, adapters: dict[str, Adapter] = ADAPTERS) -> list[CaseResult]:
    results = []
    for line_number, record in read_records(path):
        subject = record.get("title", record.get("input"))
        failure = run_case(record, adapters)
        results.append(CaseResult(f"{path.name}:{line_number}", json.dumps(subject, ensure_ascii=False), failure))
    return results


def conformance_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise FileNotFoundError(
            f"conformance data not found at {directory} (the repository keeps it in tests/data/radarr)"
        )
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl conformance files in {directory}")
    return files


def run_all(directory: Path = DEFAULT_CONFORMANCE_DIR) -> dict[str, list[CaseResult]]:
    return {path.name: run_file(path) for path in conformance_files(directory)}


def pass_rate_line(name: str, passed: int, total: int) -> str:
    """One report line; a file with no cases reads 0/0 and 'no cases' instead of dividing by zero."""
    rate = f"{100.0 * passed / total:6.1f}%" if total else "no cases"
    return f"{name:<26} {passed:>4}/{total:<4} {rate}"


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
        print(pass_rate_line(name, passed, len(cases)))
        if args.verbose:
            for case in cases:
                if not case.passed:
                    print(f"    FAIL {case.case_id} {case.subject}\n         {case.failure}")
    print(pass_rate_line("total", total_passed, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
