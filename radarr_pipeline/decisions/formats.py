"""Custom formats in bulk: every format evaluated once per release (not per release and movie).

Regex conditions run in RE2 (linear time: no catastrophic backtracking), every pattern of a text column in one
``re2.Set`` pass per distinct text; the few patterns RE2 cannot run (look-arounds, back-references) run through
Python's ``regex`` with a match timeout, only on the texts their RE2 screen (the pattern minus its look-arounds)
or their literal prefilter lets through, and non-ASCII texts (where RE2's ASCII ``\\b``/``\\w`` would differ)
run through Python's ``regex`` too. A regex that times out makes that release's formats unknown: the rule
``custom_formats_evaluated`` then rejects it rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import cast

import numpy as np
import pandas as pd
import re2
import regex

from radarr_pipeline.decisions.prefilter import Requirement, necessary_literals
from radarr_pipeline.models import LIST_SEPARATOR
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
    re2_patterns: int = 0

    def scores(self, format_scores: dict[str, int]) -> np.ndarray:
        """Every row's score under one profile's format scores."""
        weights = np.array([format_scores.get(f.name, 0) for f in self.formats], dtype=np.int64)
        if not len(self.formats):
            return np.zeros(len(self.matrix), dtype=np.int64)
        return self.matrix.astype(np.int64) @ weights

    def names(self, row: int) -> list[str]:
        return [self.formats[j].name for j in np.flatnonzero(self.matrix[row])]


_LOOKAROUND = re.compile(r"\(\?<?[=!]")
_RE2_VERDICTS: dict[str, bool] = {}


def _re2_options() -> re2.Options:
    options = re2.Options()
    options.max_mem = 64 << 20
    options.case_sensitive = False  # Radarr's RegexOptions.IgnoreCase
    options.log_errors = False
    return options


#: RE2 as custom formats (and every rule searching titles in RE2) run it: case-insensitive, bounded memory.
RE2_OPTIONS = _re2_options()


def runs_in_re2(patterns: Sequence[str]) -> dict[str, bool]:
    """Whether RE2 accepts each (Python-syntax) pattern. A look-around (which RE2 never runs) is turned down
    without asking."""
    for pattern in dict.fromkeys(patterns):
        if pattern not in _RE2_VERDICTS:
            _RE2_VERDICTS[pattern] = not _LOOKAROUND.search(pattern) and _re2_accepts(pattern)
    return {p: _RE2_VERDICTS[p] for p in patterns}


def _re2_accepts(pattern: str) -> bool:
    try:
        re2.Set.SearchSet(RE2_OPTIONS).Add(pattern)
    except re2.error:
        return False
    return True


def _class_end(pattern: str, start: int) -> int:
    """The index after the character class opened at ``start`` (a ']' first, or after '^', is a member)."""
    i = start + 1
    i += pattern[i : i + 1] == "^"
    i += pattern[i : i + 1] == "]"
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _group_end(pattern: str, start: int) -> int | None:
    """The index after the parenthesis that closes the group opened at ``start`` (None: it never closes)."""
    depth, i = 0, start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        depth += (ch == "(") - (ch == ")")
        i += 1
        if depth == 0:
            return i
    return None


def without_lookarounds(pattern: str) -> str | None:
    """The pattern with its look-arounds removed. Removing a zero-width condition only relaxes the pattern: it
    matches wherever the pattern does (and maybe more), so it can screen titles for a pattern RE2 cannot run.
    None when the pattern's groups do not close."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern[i] == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif _LOOKAROUND.match(pattern, i):
            close = _group_end(pattern, i)
            if close is None:
                return None
            i = close
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class _Plan:
    """How one pattern is searched: ``exact`` RE2 runs it itself; else Python's regex checks the texts that
    pass ``screen`` (the pattern minus its look-arounds, in RE2; None: every text passing the prefilter)."""

    compiled: regex.Pattern[str]
    exact: bool
    screen: str | None
    requirements: tuple[Requirement, ...]


def _plans(patterns: Sequence[regex.Pattern[str]]) -> list[_Plan]:
    exact = runs_in_re2([p.pattern for p in patterns])
    supersets = {p.pattern: without_lookarounds(p.pattern) for p in patterns if not exact[p.pattern]}
    screens = runs_in_re2([s for s in supersets.values() if s is not None])
    return [_Plan(p, exact[p.pattern], None if exact[p.pattern] or not screens.get(supersets[p.pattern] or "")
                  else supersets[p.pattern], necessary_literals(p.pattern)) for p in patterns]


def _literal_pattern(requirement: Requirement) -> str:
    """An RE2 pattern (case-insensitive) that finds any of the requirement's literals: on ASCII texts, what
    containing one of them in lower case means (a Unicode literal can only widen it)."""
    return "|".join(re2.escape(literal) for literal in sorted(requirement))


def _set_patterns(plan: _Plan) -> list[str]:
    """What the RE2 set searches for a plan: the pattern itself, or its screen and its literal requirements."""
    if plan.exact:
        return [plan.compiled.pattern]
    return [*([plan.screen] if plan.screen is not None else []), *map(_literal_pattern, plan.requirements)]


def _set_match(search_set: re2.Set) -> Callable[[bytes], list[int] | None]:
    """The set's search: the indexes of its patterns found in a text, None for none (the binding's stubs say a
    bool, which is wrong for a search set)."""
    return cast(Callable[[bytes], list[int] | None], search_set.Match)


class _FieldMatcher:
    """Every regex over one text column, evaluated once per distinct pattern and distinct text: ASCII texts go
    through one RE2 set (every RE2 pattern and every screen in one pass per text); Python's regex checks the
    texts RE2 cannot decide (look-arounds, non-ASCII texts, where RE2's ASCII ``\\b``/``\\w`` would differ)."""

    def __init__(self, texts: Sequence[str | None]) -> None:
        codes, unique = pd.factorize(pd.Series(list(texts), dtype=object), use_na_sentinel=True)
        self.codes = codes  # -1: no text
        self.texts: list[str] = [t[:_MAX_INPUT] for t in unique.tolist()]
        self.ascii = np.fromiter((t.isascii() for t in self.texts), dtype=bool, count=len(self.texts))
        self.timed_out = np.zeros(len(codes), dtype=bool)
        self.python_patterns = 0
        self.re2_patterns = 0

    def _rows(self, per_text: np.ndarray) -> np.ndarray:
        """Per distinct text -> per row (False where there is no text)."""
        return np.append(per_text, False)[self.codes]

    def _set_hits(self, set_patterns: list[str]) -> np.ndarray:
        """``hits[text, k]``: ASCII text matches set pattern k (False for non-ASCII texts). The set holds an
        empty pattern too, which matches every text: a text without it is one the set's DFA gave up on (out of
        memory), and is searched pattern by pattern instead."""
        hits = np.zeros((len(self.texts), len(set_patterns)), dtype=bool)
        rows = np.flatnonzero(self.ascii)
        if not set_patterns or not len(rows):
            return hits
        search_set = re2.Set.SearchSet(RE2_OPTIONS)
        for pattern in ["", *set_patterns]:
            search_set.Add(pattern)
        search_set.Compile()
        texts = self.texts
        match = _set_match(search_set)
        found = [match(texts[row].encode()) or [] for row in rows.tolist()]
        for position in [i for i, matched in enumerate(found) if not matched]:
            text = texts[rows[position]]
            found[position] = [0, *(k + 1 for k, p in enumerate(set_patterns) if re2.search(p, text, RE2_OPTIONS))]
        counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        columns = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=int(counts.sum())) - 1
        found_rows = np.repeat(rows, counts)
        hits[found_rows[columns >= 0], columns[columns >= 0]] = True  # column -1: the empty pattern
        return hits

    def _to_check(self, plan: _Plan, column: Callable[[str], np.ndarray]) -> np.ndarray:
        """The texts Python's regex must check for ``plan``: every non-ASCII text, and the ASCII texts RE2 could
        not decide: those passing its screen (if any) and its literal prefilter."""
        other = np.flatnonzero(~self.ascii)
        if plan.exact:
            return other
        undecided = self.ascii.copy()
        if plan.screen is not None:
            undecided &= column(plan.screen)
        for requirement in plan.requirements:
            undecided &= column(_literal_pattern(requirement))
        return np.union1d(np.flatnonzero(undecided), other)

    def evaluate(self, patterns: list[regex.Pattern[str]]) -> dict[str, np.ndarray]:
        if not patterns or not self.texts:
            return {p.pattern: np.zeros(len(self.codes), dtype=bool) for p in patterns}
        plans = _plans(patterns)
        set_patterns = list(dict.fromkeys(chain.from_iterable(_set_patterns(plan) for plan in plans)))
        hits = self._set_hits(set_patterns)
        index = {pattern: k for k, pattern in enumerate(set_patterns)}

        def column(pattern: str) -> np.ndarray:
            return hits[:, index[pattern]]

        timed_out = np.zeros(len(self.texts), dtype=bool)
        outcome: dict[str, np.ndarray] = {}
        for plan in plans:
            pattern = plan.compiled.pattern
            matched = column(pattern).copy() if plan.exact else np.zeros(len(self.texts), dtype=bool)
            for row in self._to_check(plan, column).tolist():
                try:
                    matched[row] = plan.compiled.search(self.texts[row], timeout=MATCH_TIMEOUT_SECONDS) is not None
                except TimeoutError:
                    timed_out[row] = True
            self.re2_patterns += plan.exact
            self.python_patterns += not plan.exact
            outcome[pattern] = self._rows(matched)
        self.timed_out |= self._rows(timed_out)
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
    return np.equal(_SOURCE_OF, spec.source)[facts.quality_id]


def modifier_holds(spec: QualityModifierSpecification, facts: FormatFacts) -> np.ndarray:
    return np.equal(_MODIFIER_OF, spec.modifier)[facts.quality_id]


def resolution_holds(spec: ResolutionSpecification, facts: FormatFacts) -> np.ndarray:
    return np.equal(_RESOLUTION_OF, spec.resolution)[facts.quality_id]


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
        # each column factorized on its own (languages as joined text: tuples hash slowly), then the pairs
        languages, language_sets = pd.factorize(pd.Series([LIST_SEPARATOR.join(langs) for langs in facts.languages],
                                                          dtype=object), use_na_sentinel=False)
        given: list[object] = list(facts.original_language or [None] * len(facts))
        originals, known = pd.factorize(pd.Series(given, dtype=object))
        original_values: list[str | None] = [None, *known.tolist()]  # code -1 (none known) first
        width = len(original_values)
        pairs, self.group_of = np.unique(languages.astype(np.int64) * width + originals + 1, return_inverse=True)
        sets = [tuple(text.split(LIST_SEPARATOR)) if text else () for text in language_sets.tolist()]
        self.groups: list[tuple[tuple[str, ...], str | None]] = [
            (sets[pair // width], original_values[pair % width]) for pair in pairs.tolist()]

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
    python_patterns = re2_patterns = 0
    for field_name, field_patterns in _regex_patterns(formats).items():
        texts = getattr(facts, field_name)
        if texts is None:  # no such text on these rows (file names of releases): nothing can match it
            continue
        matcher = _FieldMatcher(texts)
        found[field_name] = matcher.evaluate(field_patterns)
        timed_out |= matcher.timed_out
        python_patterns += matcher.python_patterns
        re2_patterns += matcher.re2_patterns
    return found, timed_out, python_patterns, re2_patterns


def evaluate_formats(formats: Sequence[CustomFormat], facts: FormatFacts) -> FormatMatches:
    """Which formats every row matches (Radarr's CustomFormatCalculationService): the one evaluation of custom
    formats, for releases, queued downloads and files alike."""
    rows = len(facts)
    found, timed_out, python_patterns, re2_patterns = _search_texts(formats, facts)
    languages = _LanguageRows(facts)
    matrix = np.zeros((rows, len(formats)), dtype=bool)
    for j, custom_format in enumerate(formats):
        by_type: dict[type, list[tuple[bool, np.ndarray]]] = {}
        for spec in custom_format.specifications:
            satisfied = _holds(spec, facts, found, languages) != spec.negate
            by_type.setdefault(type(spec), []).append((spec.required, satisfied))
        matrix[:, j] = format_matches(list(by_type.values()), rows)
    return FormatMatches(tuple(formats), matrix, timed_out, python_patterns, re2_patterns)
