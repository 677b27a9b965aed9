"""Every case of tests/data/radarr/*.jsonl must pass, except the listed known failures.

The data is vendored in the repository (tests/data/radarr/SOURCE.md); its absence is a failure, not a skip.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from radarr_pipeline.conformance import DEFAULT_CONFORMANCE_DIR, CaseResult, compare, main, run_all

KNOWN_FAILURES_FILE = Path(__file__).with_name("known_failures.json")
TARGET_PASS_RATE = 0.99


def _known_failures() -> dict[str, dict[str, str]]:
    return json.loads(KNOWN_FAILURES_FILE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def results() -> dict[str, list[CaseResult]]:
    return run_all(DEFAULT_CONFORMANCE_DIR)


def test_the_default_directory_is_the_vendored_copy() -> None:
    assert Path(__file__).resolve().parents[1] / "data" / "radarr" == DEFAULT_CONFORMANCE_DIR
    assert (DEFAULT_CONFORMANCE_DIR / "SOURCE.md").is_file()


def test_every_conformance_file_is_run(results: dict[str, list[CaseResult]]) -> None:
    on_disk = sorted(path.name for path in DEFAULT_CONFORMANCE_DIR.glob("*.jsonl"))
    assert sorted(results) == on_disk
    assert all(results[name] for name in on_disk), "a conformance file produced no cases"


def test_only_known_failures_fail(results: dict[str, list[CaseResult]]) -> None:
    known = _known_failures()
    unexpected = [
        f"{case.case_id} {case.subject}: {case.failure}"
        for cases in results.values()
        for case in cases
        if not case.passed and case.case_id not in known
    ]
    assert not unexpected, "new conformance failures:\n" + "\n".join(unexpected)


def test_known_failures_still_fail_and_are_explained(results: dict[str, list[CaseResult]]) -> None:
    by_id = {case.case_id: case for cases in results.values() for case in cases}
    problems = []
    for case_id, entry in _known_failures().items():
        case = by_id.get(case_id)
        if case is None:
            problems.append(f"{case_id}: no such case (data changed?)")
        elif case.passed:
            problems.append(f"{case_id}: passes now; remove it from known_failures.json")
        elif entry.get("input") != json.loads(case.subject):
            problems.append(f"{case_id}: input is {case.subject}, the list says {entry.get('input')!r}")
        elif not entry.get("reason", "").strip():
            problems.append(f"{case_id}: no reason given")
    assert not problems, "\n".join(problems)


def test_pass_rate_per_file_meets_target(results: dict[str, list[CaseResult]]) -> None:
    low = {
        name: f"{sum(c.passed for c in cases)}/{len(cases)}"
        for name, cases in results.items()
        if sum(c.passed for c in cases) / len(cases) < TARGET_PASS_RATE
    }
    assert not low, f"files below {TARGET_PASS_RATE:.0%}: {low}"


def test_comparison_rules_detect_mismatches() -> None:
    assert compare({"languages_contains": ["french"]}, {"languages_contains": ["english"]})
    assert not compare({"languages_contains": ["french"]}, {"languages_contains": ["english", "french"]})
    assert compare({"languages_count": 1}, {"languages_count": ["german", "original"]})
    assert compare({"languages_first": "english"}, {"languages_first": ["german", "english"]})
    assert not compare({"movie_title_clean_match": "Movie Title"}, {"movie_title_clean_match": "Movie.Title"})
    assert compare({"movie_title_clean_match": "Movie Title"}, {"movie_title_clean_match": "Other Title"})
    assert compare({"release_group": None}, {"release_group": "LOL"})
    assert compare({"parsed": False}, {"parsed": True})
    assert not compare({"found": False, "language": "x"}, {"found": False, "language": None})


def test_an_empty_case_file_is_reported_not_crashed_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "one.jsonl").write_text(
        json.dumps({"title": "Movie.2019.1080p.BluRay.x264-GRP", "function": "parse_release_group",
                    "expected": {"release_group": "GRP"}}) + "\n",
        encoding="utf-8",
    )
    assert main(["--conformance-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["empty.jsonl", "0/0", "no", "cases"]
    assert lines[1].split() == ["one.jsonl", "1/1", "100.0%"]
    assert lines[2].split() == ["total", "1/1", "100.0%"]


def test_a_missing_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--conformance-dir", str(tmp_path / "absent")]) == 2
    assert "conformance data not found" in capsys.readouterr().err
