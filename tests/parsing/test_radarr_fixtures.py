"""Radarr's own ParserTests fixtures (vendored, commit 1b9662d5) run against the parser: every case whose test
method bench/radarr_holdout.py knows must pass (the others are counted there as skipped)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _holdout() -> ModuleType:
    spec = importlib.util.spec_from_file_location("radarr_holdout", ROOT / "bench" / "radarr_holdout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("radarr_holdout", module)
    spec.loader.exec_module(module)
    return module


HOLDOUT = _holdout()


@pytest.mark.parametrize("fixture", HOLDOUT.FIXTURES)
def test_radarr_parser_fixture(fixture: str) -> None:
    source = (HOLDOUT.FIXTURES_DIR / fixture).read_text(encoding="utf-8-sig")
    results = HOLDOUT.outcomes(source)
    checked = [r for r in results if r[2] is not None]
    failed = [f"{method}({args[0]!r}): {outcome}" for method, args, outcome in checked if outcome]
    assert checked, f"no case of {fixture} was checked"
    assert failed == []
