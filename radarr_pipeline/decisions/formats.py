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
    ORIGINAL_LANGUAGE,
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
from radarr_pipeline.quality.dotnet_regex import MATCH_TIMEOUT_SECONDS
from radarr_pipeline.quality.qualities import QUALITIES

_MAX_INPUT = 1024
_QUALITY_IDS = max(q.id for q in QUALITIES) + 1
_SOURCE_OF = np.full(_QUALITY_IDS, "", dtype=object)
_MODIFIER_OF = np.full(_QUALITY_IDS, "", dtype=object)
_RESOLUTION_OF = np.zeros(_QUALITY_IDS, dtype=np.int64)
for _quality in QUALITIES:
    _SOURCE_OF[_quality.id], _MODIFIER_OF[_quality.id] = _quality.source, _quality.modifier
    _RESOLUTION_OF[_quality.id] = _quality.resolution
# Which text column each regex condition reads (ReleaseTitle reads the file name too).
_REGEX_FIELDS: dict[type[RegexSpecification], tuple[str, ...]] = {
    ReleaseTitleSpecification: ("title", "file_name"),
    EditionSpecification: ("edition",),
    ReleaseGroupSpecification: ("release_group",),
}


@dataclass(frozen=True)
class FormatFacts:
    """Columns of what custom formats look at, one row per release (or file, or queued download): Radarr's
    CustomFormatInput.

    ``title`` is Radarr's simple release title; ``file_name`` its ``Filename`` (movie files and imports only);
    ``year`` is 0 when unknown (Radarr's ParsedMovieInfo.Year); ``original_language`` is the movie's original
    language (None when unknown), what a Language condition with value 'original' compares."""

    title: Sequence[str | None]
    release_group: Sequence[str | None]
    edition: Sequence[str | None]
    quality_id: np.ndarray
    languages: Sequence[Sequence[str]]
    indexer_flags: np.ndarray
    size: np.ndarray
    year: np.ndarray
    file_name: Sequence[str | None] | None = None
    original_language: Sequence[str | None] | None = None

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
    """The distinct compiled patterns each text column must be searched with."""
    by_field: dict[str, dict[str, regex.Pattern[str]]] = {}
    for custom_format in formats:
        for spec in custom_format.specifications:
            if isinstance(spec, RegexSpecification) and spec.compiled is not None:
                for field_name in _REGEX_FIELDS[type(spec)]:
                    by_field.setdefault(field_name, {})[spec.compiled.pattern] = spec.compiled
    return {name: list(patterns.values()) for name, patterns in by_field.items()}


# ------------------------------------------------------------------ conditions (before negate), one per type

RegexResults = dict[str, dict[str, np.ndarray]]


def regex_holds(spec: RegexSpecification, facts: FormatFacts, found: RegexResults) -> np.ndarray:
    """RegexSpecificationBase.MatchString on each text the condition reads (a missing text never matches)."""
    holds = np.zeros(len(facts), dtype=bool)
    if spec.compiled is None:
        return holds
    for field_name in _REGEX_FIELDS[type(spec)]:
        column = found.get(field_name, {}).get(spec.compiled.pattern)
        if column is not None:
            holds |= column
    return holds


def source_holds(spec: SourceSpecification, facts: FormatFacts) -> np.ndarray:
    return _SOURCE_OF[facts.quality_id] == spec.source


def modifier_holds(spec: QualityModifierSpecification, facts: FormatFacts) -> np.ndarray:
    return _MODIFIER_OF[facts.quality_id] == spec.modifier


def resolution_holds(spec: ResolutionSpecification, facts: FormatFacts) -> np.ndarray:
    return _RESOLUTION_OF[facts.quality_id] == spec.resolution


def indexer_flag_holds(spec: IndexerFlagSpecification, facts: FormatFacts) -> np.ndarray:
    """``IndexerFlags.HasFlag(value)``."""
    return (facts.indexer_flags & spec.flag) == spec.flag


def size_holds(spec: SizeSpecification, facts: FormatFacts) -> np.ndarray:
    return (facts.size > spec.min_bytes) & (facts.size <= spec.max_bytes)


def year_holds(spec: YearSpecification, facts: FormatFacts) -> np.ndarray:
    return (facts.year >= spec.min_year) & (facts.year <= spec.max_year)


def compared_language(spec: LanguageSpecification, original_language: str | None) -> str:
    """The language a condition compares: 'original' means the movie's original language when it is known."""
    if spec.language == ORIGINAL_LANGUAGE and original_language not in (None, "unknown"):
        return str(original_language)
    return spec.language


def language_holds(spec: LanguageSpecification, languages: Sequence[str], original_language: str | None) -> bool:
    """LanguageSpecification on one row: the release has the language (or, with except_language, another)."""
    compared = compared_language(spec, original_language)
    if spec.except_language:
        return any(language != compared for language in languages)
    return compared in languages


class _LanguageRows:
    """Rows grouped by (languages, original language): a Language condition is decided once per group."""

    def __init__(self, facts: FormatFacts) -> None:
        originals = facts.original_language or [None] * len(facts)
        groups: dict[tuple[tuple[str, ...], str | None], int] = {}
        self.group_of = np.fromiter(
            (groups.setdefault((tuple(langs), original), len(groups))
             for langs, original in zip(facts.languages, originals, strict=True)),
            dtype=np.int64, count=len(facts))
        self.groups = list(groups)

    def holds(self, spec: LanguageSpecification) -> np.ndarray:
        decided = np.array([language_holds(spec, langs, original) for langs, original in self.groups], dtype=bool)
        return decided[self.group_of] if len(self.group_of) else np.zeros(0, dtype=bool)


def _holds(spec: Specification, facts: FormatFacts, found: RegexResults, languages: _LanguageRows) -> np.ndarray:
    """Whether the condition holds on every row (before ``negate``)."""
    if isinstance(spec, RegexSpecification):
        return regex_holds(spec, facts, found)
    if isinstance(spec, LanguageSpecification):
        return languages.holds(spec)
    if isinstance(spec, SourceSpecification):
        return source_holds(spec, facts)
    if isinstance(spec, QualityModifierSpecification):
        return modifier_holds(spec, facts)
    if isinstance(spec, ResolutionSpecification):
        return resolution_holds(spec, facts)
    if isinstance(spec, IndexerFlagSpecification):
        return indexer_flag_holds(spec, facts)
    if isinstance(spec, SizeSpecification):
        return size_holds(spec, facts)
    if isinstance(spec, YearSpecification):
        return year_holds(spec, facts)
    raise TypeError(f"no evaluation for {type(spec).__name__}")


def format_matches(groups: Sequence[Sequence[tuple[bool, np.ndarray]]], rows: int) -> np.ndarray:
    """Radarr's SpecificationMatchesGroup.DidMatch for every group (one per condition type), all of which must
    pass: no required condition fails and at least one condition holds. Each item: (required, satisfied)."""
    matches = np.ones(rows, dtype=bool)
    for group in groups:
        any_satisfied = np.zeros(rows, dtype=bool)
        for required, satisfied in group:
            any_satisfied |= satisfied
            if required:
                matches &= satisfied
        matches &= any_satisfied
    return matches


def _search_texts(formats: Sequence[CustomFormat], facts: FormatFacts) -> tuple[RegexResults, np.ndarray, int, int]:
    found: RegexResults = {}
    timed_out = np.zeros(len(facts), dtype=bool)
    python_patterns = duckdb_patterns = 0
    for field_name, field_patterns in _regex_patterns(formats).items():
        texts = getattr(facts, field_name)
        if texts is None:  # no such text on these rows (file names of releases): nothing can match it
            continue
        matcher = _FieldMatcher(texts)
        found[field_name] = matcher.evaluate(field_patterns)
        timed_out |= matcher.timed_out
        python_patterns += matcher.python_patterns
        duckdb_patterns += matcher.duckdb_patterns
    return found, timed_out, python_patterns, duckdb_patterns


def evaluate_formats(formats: Sequence[CustomFormat], facts: FormatFacts) -> FormatMatches:
    """Which formats every row matches (Radarr's CustomFormatCalculationService): the one evaluation of custom
    formats, for releases, queued downloads and files alike."""
    rows = len(facts)
    found, timed_out, python_patterns, duckdb_patterns = _search_texts(formats, facts)
    languages = _LanguageRows(facts)
    matrix = np.zeros((rows, len(formats)), dtype=bool)
    for j, custom_format in enumerate(formats):
        by_type: dict[type, list[tuple[bool, np.ndarray]]] = {}
        for spec in custom_format.specifications:
            satisfied = _holds(spec, facts, found, languages) != spec.negate
            by_type.setdefault(type(spec), []).append((spec.required, satisfied))
        matrix[:, j] = format_matches(list(by_type.values()), rows)
    return FormatMatches(tuple(formats), matrix, timed_out, python_patterns, duckdb_patterns)
