"""Custom formats in bulk: every format evaluated once per release (not per release and movie).

Regex conditions run in DuckDB (RE2, vectorised, linear time: no catastrophic backtracking) behind literal
prefilters; the few patterns RE2 cannot run (look-arounds, back-references) and non-ASCII titles (where RE2's
ASCII ``\\b``/``\\w`` would differ) run through Python's ``regex`` with a match timeout, and only on titles that
pass the prefilter. A regex that times out makes that release's formats unknown: the rule
``custom_formats_evaluated`` then rejects it rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd
import regex

from radarr_pipeline.decisions.prefilter import necessary_literals
from radarr_pipeline.quality.custom_formats import (
    GIGABYTE,
    CustomFormat,
    EditionSpecification,
    IndexerFlagSpecification,
    LanguageSpecification,
    QualityModifierSpecification,
    ReleaseGroupSpecification,
    ReleaseTitleSpecification,
    ResolutionSpecification,
    SizeSpecification,
    SourceSpecification,
    Specification,
    YearSpecification,
)
from radarr_pipeline.quality.dotnet_regex import MATCH_TIMEOUT_SECONDS
from radarr_pipeline.quality.qualities import QUALITIES

_MAX_INPUT = 1024
_SOURCE_OF = np.full(max(q.id for q in QUALITIES) + 1, "", dtype=object)
_MODIFIER_OF = np.full(max(q.id for q in QUALITIES) + 1, "", dtype=object)
for _quality in QUALITIES:
    _SOURCE_OF[_quality.id], _MODIFIER_OF[_quality.id] = _quality.source, _quality.modifier
_REGEX_FIELDS: dict[type[Specification], str] = {
    ReleaseTitleSpecification: "title",
    EditionSpecification: "edition",
    ReleaseGroupSpecification: "release_group",
}


@dataclass(frozen=True)
class FormatFacts:
    """Columns of what custom formats look at, one row per release (or file, or queued download)."""

    title: Sequence[str]
    release_group: Sequence[str | None]
    edition: Sequence[str | None]
    quality_id: np.ndarray
    resolution: np.ndarray
    languages: Sequence[Sequence[str]]
    indexer_flags: np.ndarray
    size: np.ndarray
    year: np.ndarray  # -1 when unknown

    def __len__(self) -> int:
        return len(self.title)


@dataclass(frozen=True)
class FormatMatches:
    """``matrix[i, j]``: row i matches format j. ``timed_out[i]``: some regex gave up on row i."""

    formats: tuple[CustomFormat, ...]
    matrix: np.ndarray
    timed_out: np.ndarray
    python_patterns: int = 0
    duckdb_patterns: int = 0

    def scores(self, format_scores: dict[str, int]) -> np.ndarray:
        """Every row's score under one profile's format scores."""
        weights = np.array([format_scores.get(f.name, 0) for f in self.formats], dtype=np.int64)
        if not len(self.formats):
            return np.zeros(len(self.matrix), dtype=np.int64)
        return self.matrix.astype(np.int64) @ weights

    def names(self, row: int) -> list[str]:
        return [self.formats[j].name for j in np.flatnonzero(self.matrix[row])]


@lru_cache(maxsize=4096)
def runs_in_duckdb(pattern: str) -> bool:
    """Whether RE2 (DuckDB's regex engine) accepts the (Python-syntax) pattern."""
    try:
        duckdb.execute("SELECT regexp_matches('', ?, 'i')", [pattern])
    except duckdb.Error:
        return False
    return True


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _prefilter_sql(pattern: str) -> str | None:
    requirements = necessary_literals(pattern)
    if not requirements:
        return None
    return " AND ".join(
        "(" + " OR ".join(f"contains(l, {_sql_string(s)})" for s in sorted(requirement)) + ")"
        for requirement in requirements
    )


class _FieldMatcher:
    """Every regex over one text column, evaluated once per distinct pattern."""

    def __init__(self, texts: Sequence[str | None]) -> None:
        clipped = [t[:_MAX_INPUT] if isinstance(t, str) else None for t in texts]
        self.texts = clipped
        self.ascii = np.array([t is None or t.isascii() for t in clipped], dtype=bool)
        self.frame = pd.DataFrame({
            "t": pd.Series(clipped, dtype=object),
            "l": pd.Series([t.lower() if t is not None else None for t in clipped], dtype=object),
            "a": self.ascii,
        })
        self.timed_out = np.zeros(len(clipped), dtype=bool)
        self.python_patterns = 0
        self.duckdb_patterns = 0

    def evaluate(self, patterns: list[regex.Pattern[str]]) -> dict[str, np.ndarray]:
        if not patterns or not len(self.texts):
            return {p.pattern: np.zeros(len(self.texts), dtype=bool) for p in patterns}
        columns: list[str] = []
        kinds: list[tuple[regex.Pattern[str], bool]] = []
        for compiled in patterns:
            pattern = compiled.pattern
            prefilter = _prefilter_sql(pattern) or "true"
            in_duckdb = runs_in_duckdb(pattern)
            if in_duckdb:
                # ASCII rows in RE2 behind the prefilter; the rest is marked for Python below.
                columns.append(f"coalesce(CASE WHEN a AND {prefilter} THEN regexp_matches(t, {_sql_string(pattern)},"
                               " 'i') ELSE false END, false)")
                self.duckdb_patterns += 1
            else:
                columns.append(f"coalesce(t IS NOT NULL AND (NOT a OR ({prefilter})), false)")
                self.python_patterns += 1
            kinds.append((compiled, in_duckdb))
        connection = duckdb.connect()
        try:
            connection.register("texts", self.frame)
            selected = ", ".join(f"{column} AS c{i}" for i, column in enumerate(columns))
            result = connection.execute(f"SELECT {selected} FROM texts").fetchnumpy()
        finally:
            connection.close()
        outcome: dict[str, np.ndarray] = {}
        for i, (compiled, in_duckdb) in enumerate(kinds):
            column = np.asarray(result[f"c{i}"], dtype=bool)
            to_check = np.flatnonzero(~self.ascii) if in_duckdb else np.flatnonzero(column)
            column = column.copy() if in_duckdb else np.zeros(len(self.texts), dtype=bool)
            for row in to_check:
                text = self.texts[row]
                if text is None:
                    continue
                try:
                    column[row] = compiled.search(text, timeout=MATCH_TIMEOUT_SECONDS) is not None
                except TimeoutError:
                    self.timed_out[row] = True
            outcome[compiled.pattern] = column
        return outcome


def _regex_patterns(formats: Sequence[CustomFormat]) -> dict[str, list[regex.Pattern[str]]]:
    by_field: dict[str, dict[str, regex.Pattern[str]]] = {name: {} for name in _REGEX_FIELDS.values()}
    for custom_format in formats:
        for spec in custom_format.specifications:
            field_name = _REGEX_FIELDS.get(type(spec))
            compiled = getattr(spec, "compiled", None)
            if field_name and compiled is not None:
                by_field[field_name][compiled.pattern] = compiled
    return {name: list(patterns.values()) for name, patterns in by_field.items()}


def _holds(spec: Specification, facts: FormatFacts, regex_results: dict[str, dict[str, np.ndarray]]) -> np.ndarray:
    """Whether the condition holds on every row (before ``negate``)."""
    rows = len(facts)
    field_name = _REGEX_FIELDS.get(type(spec))
    if field_name is not None:
        compiled = getattr(spec, "compiled", None)
        if compiled is None:
            return np.zeros(rows, dtype=bool)
        return regex_results[field_name][compiled.pattern]
    if isinstance(spec, SourceSpecification):
        return _SOURCE_OF[facts.quality_id] == spec.source
    if isinstance(spec, QualityModifierSpecification):
        return _MODIFIER_OF[facts.quality_id] == spec.modifier
    if isinstance(spec, ResolutionSpecification):
        return facts.resolution == spec.resolution
    if isinstance(spec, IndexerFlagSpecification):
        return (facts.indexer_flags & spec.flag) == spec.flag if spec.flag else np.zeros(rows, dtype=bool)
    if isinstance(spec, SizeSpecification):
        return (facts.size > spec.min_gb * GIGABYTE) & (facts.size <= spec.max_gb * GIGABYTE)
    if isinstance(spec, YearSpecification):
        return (facts.year >= spec.min_year) & (facts.year <= spec.max_year) & (facts.year >= 0)
    if isinstance(spec, LanguageSpecification):
        if spec.except_language:
            return np.array([any(lang != spec.language for lang in langs) for langs in facts.languages], dtype=bool)
        return np.array([spec.language in langs for langs in facts.languages], dtype=bool)
    raise TypeError(f"no bulk evaluation for {type(spec).__name__}")


def evaluate_formats(formats: Sequence[CustomFormat], facts: FormatFacts) -> FormatMatches:
    """Which formats every row matches, with Radarr's rule: for each condition type a format uses, no required
    condition fails and at least one condition holds."""
    rows = len(facts)
    fields = {"title": facts.title, "edition": facts.edition, "release_group": facts.release_group}
    patterns = _regex_patterns(formats)
    regex_results: dict[str, dict[str, np.ndarray]] = {}
    timed_out = np.zeros(rows, dtype=bool)
    python_patterns = duckdb_patterns = 0
    for field_name, field_patterns in patterns.items():
        matcher = _FieldMatcher(fields[field_name])
        regex_results[field_name] = matcher.evaluate(field_patterns)
        timed_out |= matcher.timed_out
        python_patterns += matcher.python_patterns
        duckdb_patterns += matcher.duckdb_patterns
    matrix = np.zeros((rows, len(formats)), dtype=bool)
    for j, custom_format in enumerate(formats):
        by_type: dict[type, list[tuple[Specification, np.ndarray]]] = {}
        for spec in custom_format.specifications:
            satisfied = _holds(spec, facts, regex_results) != spec.negate
            by_type.setdefault(type(spec), []).append((spec, satisfied))
        matches = np.ones(rows, dtype=bool)
        for results in by_type.values():
            any_ok = np.zeros(rows, dtype=bool)
            for spec, satisfied in results:
                any_ok |= satisfied
                if spec.required:
                    matches &= satisfied
            matches &= any_ok
        matrix[:, j] = matches
    return FormatMatches(tuple(formats), matrix, timed_out, python_patterns, duckdb_patterns)
