"""Radarr's own naming and slug test cases (tests/data/radarr), run against radarr_pipeline.naming.

Every record must pass, except those listed in known_failures.json (each with a reason). A listed case
that now passes fails the test too, so the list only ever shrinks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from radarr_pipeline.naming.conformance import CASE_FUNCTIONS

CONFORMANCE_DIR = Path(__file__).resolve().parents[1] / "data" / "radarr"
CASE_FILES = ("naming.jsonl", "slug.jsonl")
KNOWN_FAILURES_FILE = Path(__file__).with_name("known_failures.json")


def _case_label(record: dict[str, Any]) -> str:
    subject = record.get("title", record.get("input"))
    if isinstance(subject, dict):
        naming = subject.get("naming", {})
        fmt = naming.get("movie_folder_format" if record["function"] == "get_movie_folder" else "standard_movie_format")
        subject = f"{subject.get('movie', {}).get('title')}|{fmt}"
    label = f"{record['function']}-{record['test']}-{subject}"
    return re.sub(r"\s+", "_", label)[:150]


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for file_name in CASE_FILES:
        path = CONFORMANCE_DIR / file_name
        if not path.is_file():
            # Not a skip: a missing suite must not pass silently.
            raise FileNotFoundError(f"conformance data missing: {path} (vendored in tests/data/radarr)")
        for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                cases.append((f"{file_name}:{line_number}", json.loads(line)))
    return cases


def _load_known_failures() -> dict[str, str]:
    entries = json.loads(KNOWN_FAILURES_FILE.read_text(encoding="utf-8"))
    for entry in entries:
        assert entry.get("reason"), f"known failure {entry.get('case')!r} needs a reason"
    return {entry["case"]: entry["reason"] for entry in entries}


CASES = _load_cases()
KNOWN_FAILURES = _load_known_failures()


def _mismatches(record: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    try:
        actual = CASE_FUNCTIONS[record["function"]](record)
    except Exception as error:  # a crash is a failure of the case, reported with the rest
        actual = {key: f"raised {error!r}" for key in record["expected"]}
    return {
        key: (expected, actual.get(key)) for key, expected in record["expected"].items() if actual.get(key) != expected
    }


@pytest.mark.parametrize(("case_id", "record"), CASES, ids=[f"{cid}-{_case_label(r)}" for cid, r in CASES])
def test_conformance_case(case_id: str, record: dict[str, Any]) -> None:
    mismatches = _mismatches(record)
    if case_id in KNOWN_FAILURES:
        assert mismatches, f"{case_id} passes now: remove it from known_failures.json"
        return
    assert not mismatches, f"{case_id} ({record['fixture']} {record['test']}): expected vs actual {mismatches}"


def test_known_failures_name_real_cases() -> None:
    case_ids = {case_id for case_id, _record in CASES}
    unknown = sorted(set(KNOWN_FAILURES) - case_ids)
    assert not unknown, f"known_failures.json names cases that do not exist: {unknown}"


def test_every_case_function_is_adapted() -> None:
    functions = {record["function"] for _case_id, record in CASES}
    assert functions <= set(CASE_FUNCTIONS), functions - set(CASE_FUNCTIONS)
