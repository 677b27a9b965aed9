"""The 30 qualities, lookups, revisions and definitions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from radarr_pipeline.quality import QUALITIES, Revision, quality_by_name, quality_for
from radarr_pipeline.quality.definitions import (
    QualityDefinitionError,
    apply_definition_overrides,
    default_quality_definitions,
)

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "radarr" / "qualities.json"


def test_embedded_qualities_match_radarr_reference() -> None:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))["qualities"]
    assert [(q.id, q.name, q.source, q.resolution, q.modifier) for q in QUALITIES] == [
        (r["id"], r["name"], r["source"], r["resolution"], r["modifier"]) for r in reference
    ]
    definitions = default_quality_definitions()
    for row in reference:
        definition = definitions[row["name"]]
        assert (definition.weight, definition.min_size, definition.max_size, definition.preferred_size) == (
            row["weight"], row["min_size"], row["max_size"], row["preferred_size"]
        )


def test_quality_by_name_is_case_insensitive_with_clear_error() -> None:
    assert quality_by_name("bluray-1080P").id == 7
    with pytest.raises(KeyError, match="unknown quality 'Bluray-9000p'"):
        quality_by_name("Bluray-9000p")


def test_quality_finder_falls_back_to_the_next_source() -> None:
    assert quality_for("bluray", 720, "remux").name == "Bluray-720p"
    assert quality_for("webdl", 1080).name == "WEBDL-1080p"
    assert quality_for("tv", 576).name == "Bluray-576p"
    assert quality_for("bluray", 360).name == "Unknown"


def test_revision_order_real_then_version() -> None:
    assert Revision(version=2) > Revision(version=1)
    assert Revision(version=1, real=1) > Revision(version=3)
    assert Revision(version=2, is_repack=True) == Revision(version=2)


def test_definition_overrides_are_validated() -> None:
    definitions = apply_definition_overrides(default_quality_definitions(), {"bluray-1080p": {"min": 5, "max": 60}})
    assert (definitions["Bluray-1080p"].min_size, definitions["Bluray-1080p"].max_size) == (5.0, 60.0)
    for overrides, message in [
        ({"Nope": {"min": 1}}, "unknown quality"),
        ({"SDTV": {"min": 50, "max": 10}}, "SDTV: min 50 is above max 10"),
        ({"SDTV": {"preferred": 120}}, "SDTV: preferred 120 is above max 100"),
        ({"SDTV": {"max": -1}}, "SDTV: max must be between"),
        ({"SDTV": {"max": "big"}}, "SDTV: max must be a number"),
        ({"SDTV": {"size": 3}}, "unknown field"),
    ]:
        with pytest.raises(QualityDefinitionError, match=message):
            apply_definition_overrides(default_quality_definitions(), overrides)
