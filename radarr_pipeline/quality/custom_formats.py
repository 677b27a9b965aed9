"""Custom formats: Radarr's ten condition types, negate/required, TRaSH JSON loading and scoring.

A format matches when, for each condition type it uses, no *required* condition fails and at least one
condition of that type holds (Radarr's CustomFormatCalculationService).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import regex

from radarr_pipeline.quality.dotnet_regex import UnsafeRegexError, compile_dotnet_regex, safe_search
from radarr_pipeline.quality.qualities import MODIFIERS, SOURCES, Quality, QualityModel
from radarr_pipeline.values.languages import LANGUAGE_IDS

GIGABYTE = 1024**3
# Radarr's IndexerFlags bits.
INDEXER_FLAGS: dict[str, int] = {
    "freeleech": 1, "halfleech": 2, "double_upload": 4, "ptp_golden": 8, "ptp_approved": 16,
    "hdb_internal": 32, "ahd_internal": 64, "scene": 128, "freeleech75": 256, "freeleech25": 512,
    "ahd_user_release": 1024, "nuked": 2048,
}
_LANGUAGE_BY_ID = {lid: identifier for identifier, lid in LANGUAGE_IDS.items()}
_MAX_MATCH_INPUT = 1024


class CustomFormatError(ValueError):
    """A custom format that cannot be loaded: ``"<file>: <reason>"``."""


@dataclass(frozen=True)
class ReleaseFacts:
    """What custom-format conditions look at for one release (or file)."""

    title: str
    quality: QualityModel | Quality | None = None
    edition: str | None = None
    languages: tuple[str, ...] = ()
    indexer_flags: int = 0
    size: int = 0
    release_group: str | None = None
    year: int | None = None
    original_language: str | None = None
    file_name: str | None = None

    @property
    def quality_traits(self) -> Quality | None:
        if isinstance(self.quality, QualityModel):
            return self.quality.quality
        return self.quality


@dataclass(frozen=True)
class Specification:
    """One condition: ``negate`` inverts it, ``required`` makes it mandatory within its type."""

    name: str
    negate: bool = False
    required: bool = False
    implementation: ClassVar[str] = ""

    def holds(self, facts: ReleaseFacts) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def is_satisfied_by(self, facts: ReleaseFacts) -> bool:
        return self.holds(facts) != self.negate


@dataclass(frozen=True)
class _RegexSpecification(Specification):
    pattern: str = ""
    compiled: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def _matches(self, text: str | None) -> bool:
        if not text or self.compiled is None:
            return False
        return safe_search(self.compiled, text[:_MAX_MATCH_INPUT])


@dataclass(frozen=True)
class ReleaseTitleSpecification(_RegexSpecification):
    implementation: ClassVar[str] = "ReleaseTitleSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        return self._matches(facts.title) or self._matches(facts.file_name)


@dataclass(frozen=True)
class EditionSpecification(_RegexSpecification):
    implementation: ClassVar[str] = "EditionSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        return self._matches(facts.edition)


@dataclass(frozen=True)
class ReleaseGroupSpecification(_RegexSpecification):
    implementation: ClassVar[str] = "ReleaseGroupSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        return self._matches(facts.release_group)


@dataclass(frozen=True)
class LanguageSpecification(Specification):
    """A language (Radarr id; -2 'original' means the movie's original language); ``except_language``
    inverts it to 'any language other than'."""

    language: str = "unknown"
    except_language: bool = False
    implementation: ClassVar[str] = "LanguageSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        compared = self.language
        if compared == "original" and facts.original_language and facts.original_language != "unknown":
            compared = facts.original_language
        if self.except_language:
            return any(language != compared for language in facts.languages)
        return compared in facts.languages


@dataclass(frozen=True)
class IndexerFlagSpecification(Specification):
    flag: int = 0
    implementation: ClassVar[str] = "IndexerFlagSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        return bool(self.flag) and facts.indexer_flags & self.flag == self.flag


@dataclass(frozen=True)
class SourceSpecification(Specification):
    source: str = "unknown"
    implementation: ClassVar[str] = "SourceSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        quality = facts.quality_traits
        return quality is not None and quality.source == self.source


@dataclass(frozen=True)
class ResolutionSpecification(Specification):
    resolution: int = 0
    implementation: ClassVar[str] = "ResolutionSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        quality = facts.quality_traits
        return quality is not None and quality.resolution == self.resolution


@dataclass(frozen=True)
class QualityModifierSpecification(Specification):
    modifier: str = "none"
    implementation: ClassVar[str] = "QualityModifierSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        quality = facts.quality_traits
        return quality is not None and quality.modifier == self.modifier


@dataclass(frozen=True)
class SizeSpecification(Specification):
    """Size in GB: above ``min_gb`` and at most ``max_gb``."""

    min_gb: float = 0.0
    max_gb: float = 0.0
    implementation: ClassVar[str] = "SizeSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        return self.min_gb * GIGABYTE < facts.size <= self.max_gb * GIGABYTE


@dataclass(frozen=True)
class YearSpecification(Specification):
    min_year: int = 0
    max_year: int = 0
    implementation: ClassVar[str] = "YearSpecification"

    def holds(self, facts: ReleaseFacts) -> bool:
        return facts.year is not None and self.min_year <= facts.year <= self.max_year


@dataclass(frozen=True)
class CustomFormat:
    name: str
    specifications: tuple[Specification, ...]

    def matches(self, facts: ReleaseFacts) -> bool:
        """Radarr's rule: every condition type used must pass (no failed required one, at least one hit)."""
        by_type: dict[type, list[tuple[Specification, bool]]] = {}
        for spec in self.specifications:
            by_type.setdefault(type(spec), []).append((spec, spec.is_satisfied_by(facts)))
        for results in by_type.values():
            if any(spec.required and not ok for spec, ok in results):
                return False
            if not any(ok for _, ok in results):
                return False
        return True


# ---------------------------------------------------------------------------------------------- loading

def _fields(raw: Any) -> dict[str, Any]:
    """TRaSH writes ``{"value": x}``; Radarr's API export writes ``[{"name": "value", "value": x}]``."""
    if isinstance(raw, Mapping):
        return dict(raw)
    if isinstance(raw, list) and all(isinstance(item, Mapping) and "name" in item for item in raw):
        return {item["name"]: item.get("value") for item in raw}
    raise ValueError("fields must be an object or a list of {name, value}")


def _int_field(fields: Mapping[str, Any], key: str) -> int:
    value = fields.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise ValueError(f"field {key!r} must be an integer, got {value!r}")
    return value


def _number_field(fields: Mapping[str, Any], key: str) -> float:
    value = fields.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"field {key!r} must be a number, got {value!r}")
    return float(value)


def _enum_by_index(values: Sequence[str], index: int, what: str) -> str:
    if not 0 <= index < len(values):
        raise ValueError(f"unknown {what} value {index}")
    return values[index]


def _regex_spec(
    cls: type[_RegexSpecification], common: dict[str, Any], fields: Mapping[str, Any]
) -> _RegexSpecification:
    pattern = fields.get("value")
    if not isinstance(pattern, str):
        raise ValueError(f"field 'value' must be a regular expression string, got {pattern!r}")
    try:
        compiled = compile_dotnet_regex(pattern)
    except UnsafeRegexError as error:
        raise ValueError(f"bad regex {pattern!r}: {error}") from None
    return cls(**common, pattern=pattern, compiled=compiled)


def build_specification(raw: Mapping[str, Any]) -> Specification:
    """One specification from its JSON object; ValueError with the reason when it is not usable."""
    implementation = raw.get("implementation")
    name = raw.get("name") or implementation or "?"
    negate, required = raw.get("negate", False), raw.get("required", False)
    if not isinstance(negate, bool) or not isinstance(required, bool):
        raise ValueError(f"specification {name!r}: negate and required must be true or false")
    try:
        fields = _fields(raw.get("fields", {}))
        common: dict[str, Any] = {"name": str(name), "negate": negate, "required": required}
        if implementation == "ReleaseTitleSpecification":
            return _regex_spec(ReleaseTitleSpecification, common, fields)
        if implementation == "EditionSpecification":
            return _regex_spec(EditionSpecification, common, fields)
        if implementation == "ReleaseGroupSpecification":
            return _regex_spec(ReleaseGroupSpecification, common, fields)
        if implementation == "LanguageSpecification":
            language_id = _int_field(fields, "value")
            if language_id not in _LANGUAGE_BY_ID:
                raise ValueError(f"unknown language id {language_id}")
            except_language = bool(fields.get("exceptLanguage", False))
            return LanguageSpecification(**common, language=_LANGUAGE_BY_ID[language_id],
                                         except_language=except_language)
        if implementation == "IndexerFlagSpecification":
            return IndexerFlagSpecification(**common, flag=_int_field(fields, "value"))
        if implementation == "SourceSpecification":
            return SourceSpecification(**common, source=_enum_by_index(SOURCES, _int_field(fields, "value"), "source"))
        if implementation == "ResolutionSpecification":
            return ResolutionSpecification(**common, resolution=_int_field(fields, "value"))
        if implementation == "QualityModifierSpecification":
            modifier = _enum_by_index(MODIFIERS, _int_field(fields, "value"), "modifier")
            return QualityModifierSpecification(**common, modifier=modifier)
        if implementation == "SizeSpecification":
            return SizeSpecification(**common, min_gb=_number_field(fields, "min"), max_gb=_number_field(fields, "max"))
        if implementation == "YearSpecification":
            return YearSpecification(**common, min_year=_int_field(fields, "min"), max_year=_int_field(fields, "max"))
    except ValueError as error:
        raise ValueError(f"specification {name!r}: {error}") from None
    raise ValueError(f"specification {name!r}: unknown implementation {implementation!r}")


def custom_format_from_dict(data: Any) -> CustomFormat:
    """A custom format from TRaSH's (or Radarr's export) JSON object; ValueError says what is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError("top level must be a JSON object")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("missing or empty 'name'")
    specifications = data.get("specifications")
    if not isinstance(specifications, list):
        raise ValueError("'specifications' must be a list")
    built = []
    for raw in specifications:
        if not isinstance(raw, Mapping):
            raise ValueError("every specification must be an object")
        built.append(build_specification(raw))
    return CustomFormat(
        name=name.strip(),
        specifications=tuple(built),
    )


def load_custom_format(path: str | Path) -> CustomFormat:
    """Load one custom-format JSON file; CustomFormatError("<file>: <reason>") when it cannot be used."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CustomFormatError(f"{path.name}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CustomFormatError(f"{path.name}: not valid JSON: {error}") from None
    try:
        return custom_format_from_dict(data)
    except ValueError as error:
        raise CustomFormatError(f"{path.name}: {error}") from None


def load_custom_formats(directory: str | Path) -> list[CustomFormat]:
    """Every ``*.json`` custom format in ``directory`` (sorted by file name).

    All problems are collected: the CustomFormatError lists one "<file>: <reason>" line per bad file.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise CustomFormatError(f"{directory}: not a directory")
    formats: list[CustomFormat] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            custom_format = load_custom_format(path)
        except CustomFormatError as error:
            problems.append(str(error))
            continue
        key = custom_format.name.lower()
        if key in seen:
            problems.append(f"{path.name}: format name {custom_format.name!r} already defined in {seen[key]}")
            continue
        seen[key] = path.name
        formats.append(custom_format)
    if problems:
        raise CustomFormatError("\n".join(problems))
    return formats
