"""The vendored TRaSH Guides custom formats (tests/data/trash), and a seeded sample of them for the tests."""

from __future__ import annotations

import random
from pathlib import Path

from radarr_pipeline.quality.custom_formats import CustomFormat, load_custom_format

TRASH_CF = Path(__file__).resolve().parents[1] / "data" / "trash" / "cf"


def trash_sample(count: int, seed: int) -> list[CustomFormat]:
    """``count`` formats that load, in a shuffled order fixed by ``seed``; missing data fails the test."""
    files = sorted(TRASH_CF.glob("*.json"))
    assert files, f"TRaSH Guides data missing at {TRASH_CF}"
    random.Random(seed).shuffle(files)
    loaded = []
    for path in files:
        try:
            loaded.append(load_custom_format(path))
        except ValueError:
            continue
        if len(loaded) == count:
            break
    return loaded
