"""A test oracle for custom formats: Radarr's per-release evaluation, written as plainly as the C# it follows
(CustomFormatCalculationService, SpecificationMatchesGroup and the ten specification classes at 1b9662d5).

It shares nothing with the production evaluation (``radarr_pipeline.decisions.formats``) but the specification
model: one release at a time, Python's ``regex`` for every pattern (production runs most in DuckDB's RE2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from radarr_pipeline.decisions.formats import FormatFacts, evaluate_formats
from radarr_pipeline.quality.custom_formats import (
    CustomFormat,
    EditionSpecification,
    IndexerFlagSpecification,
    LanguageSpecification,
    QualityModifierSpecification,
    RegexSpecification,
    ReleaseGroupSpecification,
    ReleaseTitleSpecification,
    ResolutionSpecification,
    SizeSpecification,
    SourceSpecification,
    Specification,
    YearSpecification,
)
from radarr_pipeline.quality.qualities import Quality

# Production clips texts to this many characters before matching (a bound on regex work); so does the oracle.
MAX_TEXT = 1024


@dataclass(frozen=True)
class OracleInput:
    """Radarr's CustomFormatInput for one release or file."""

    simple_release_title: str | None
    quality: Quality | None = None
    edition: str | None = None
    languages: tuple[str, ...] = ()
    indexer_flags: int = 0
    size: int = 0
    release_group: str | None = None
    year: int = 0
    original_language: str | None = None
    file_name: str | None = None


def _match_string(spec: RegexSpecification, text: str | None) -> bool:
    if text is None or spec.compiled is None:
        return False
    return spec.compiled.search(text[:MAX_TEXT]) is not None


def _gigabytes(value: float) -> int:
    exact = value * 1073741824
    floor = int(exact // 1)
    fraction = exact - floor
    if fraction > 0.5 or (fraction == 0.5 and floor % 2):  # Convert.ToInt64: half to even
        return floor + 1
    return floor


def _without_negate(spec: Specification, given: OracleInput) -> bool:
    if isinstance(spec, ReleaseTitleSpecification):
        return _match_string(spec, given.simple_release_title) or _match_string(spec, given.file_name)
    if isinstance(spec, EditionSpecification):
        return _match_string(spec, given.edition)
    if isinstance(spec, ReleaseGroupSpecification):
        return _match_string(spec, given.release_group)
    if isinstance(spec, LanguageSpecification):
        compared = spec.language
        if spec.language == "original" and given.original_language is not None \
                and given.original_language != "unknown":
            compared = given.original_language
        if spec.except_language:
            return any(language != compared for language in given.languages)
        return compared in given.languages
    if isinstance(spec, IndexerFlagSpecification):
        return given.indexer_flags & spec.flag == spec.flag
    if isinstance(spec, SourceSpecification):
        return (given.quality.source if given.quality else "unknown") == spec.source
    if isinstance(spec, ResolutionSpecification):
        return (given.quality.resolution if given.quality else 0) == spec.resolution
    if isinstance(spec, QualityModifierSpecification):
        return (given.quality.modifier if given.quality else "none") == spec.modifier
    if isinstance(spec, SizeSpecification):
        return _gigabytes(spec.min_gb) < given.size <= _gigabytes(spec.max_gb)
    if isinstance(spec, YearSpecification):
        return spec.min_year <= given.year <= spec.max_year
    raise TypeError(type(spec).__name__)


def is_satisfied_by(spec: Specification, given: OracleInput) -> bool:
    return _without_negate(spec, given) != spec.negate


def matches(custom_format: CustomFormat, given: OracleInput) -> bool:
    """Every group of conditions of one type DidMatch: no required one fails, and not all of them fail."""
    groups: dict[type, list[tuple[Specification, bool]]] = {}
    for spec in custom_format.specifications:
        groups.setdefault(type(spec), []).append((spec, is_satisfied_by(spec, given)))
    return all(
        not (any(spec.required and not ok for spec, ok in group) or all(not ok for _, ok in group))
        for group in groups.values()
    )


def matching_names(formats: list[CustomFormat], given: OracleInput) -> list[str]:
    """The names of the formats ``given`` matches, in the order of ``formats``."""
    return [custom_format.name for custom_format in formats if matches(custom_format, given)]


def as_facts(rows: list[OracleInput]) -> FormatFacts:
    """The same rows as the production evaluation's columns."""
    return FormatFacts(
        title=[r.simple_release_title for r in rows],
        release_group=[r.release_group for r in rows],
        edition=[r.edition for r in rows],
        quality_id=np.array([r.quality.id if r.quality else 0 for r in rows], dtype=np.int64),
        languages=[r.languages for r in rows],
        indexer_flags=np.array([r.indexer_flags for r in rows], dtype=np.int64),
        size=np.array([r.size for r in rows], dtype=np.int64),
        year=np.array([r.year for r in rows], dtype=np.int64),
        file_name=[r.file_name for r in rows],
        original_language=[r.original_language for r in rows],
    )


def production_names(formats: list[CustomFormat], given: OracleInput) -> list[str]:
    """What the production evaluation says of one row."""
    return evaluate_formats(formats, as_facts([given])).names(0)
