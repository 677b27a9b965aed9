"""Custom formats: the specification model of Radarr's ten condition types, and TRaSH/Radarr JSON loading.

This module only describes formats. They are evaluated in one place, ``radarr_pipeline.decisions.formats``
(in bulk, with Radarr's CustomFormatCalculationService rule: for each condition type a format uses, no
*required* condition fails and at least one condition holds).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from radarr_pipeline.quality.dotnet_regex import UnsafeRegexError, compile_dotnet_regex
from radarr_pipeline.quality.qualities import MODIFIERS, SOURCES
from radarr_pipeline.values.languages import LANGUAGE_IDS

GIGABYTE = 1024**3
# Radarr's IndexerFlags bits.
INDEXER_FLAGS: dict[str, int] = {
    "freeleech": 1, "halfleech": 2, "double_upload": 4, "ptp_golden": 8, "ptp_approved": 16,
    "hdb_internal": 32, "ahd_internal": 64, "scene": 128, "freeleech75": 256, "freeleech25": 512,
    "ahd_user_release": 1024, "nuked": 2048,
}
# LanguageSpecification value -2: the movie's original language.
ORIGINAL_LANGUAGE = "original"
_LANGUAGE_BY_ID = {lid: identifier for identifier, lid in LANGUAGE_IDS.items()}


class CustomFormatError(ValueError):
    """A custom format that cannot be loaded: ``"<file>: <reason>"``."""


def gigabytes(value: float) -> int:
    """Radarr's ``double.Gigabytes()``: ``Convert.ToInt64(value * 1024^3)`` (rounds half to even, as round())."""
    return round(value * GIGABYTE)


@dataclass(frozen=True)
class Specification:
    """One condition: ``negate`` inverts it, ``required`` makes it mandatory within its type."""

    name: str
    negate: bool = False
    required: bool = False


@dataclass(frozen=True)
class RegexSpecification(Specification):
    """A .NET regular expression, matched case-insensitively (``compiled``) against one text of the release."""

    pattern: str = ""
    compiled: regex.Pattern[str] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ReleaseTitleSpecification(RegexSpecification):
    """Matches Radarr's simple release title, or the file name (movie files and imports)."""


@dataclass(frozen=True)
class EditionSpecification(RegexSpecification):
    pass


@dataclass(frozen=True)
class ReleaseGroupSpecification(RegexSpecification):
    pass


@dataclass(frozen=True)
class LanguageSpecification(Specification):
    """A language identifier (``ORIGINAL_LANGUAGE``: the movie's original language when known);
    ``except_language`` makes it 'any language other than'."""

    language: str = "unknown"
    except_language: bool = False


@dataclass(frozen=True)
class IndexerFlagSpecification(Specification):
    flag: int = 0


@dataclass(frozen=True)
class SourceSpecification(Specification):
    source: str = "unknown"


@dataclass(frozen=True)
class ResolutionSpecification(Specification):
    resolution: int = 0


@dataclass(frozen=True)
class QualityModifierSpecification(Specification):
    modifier: str = "none"


@dataclass(frozen=True)
class SizeSpecification(Specification):
    """Size in GB: above ``min_gb`` and at most ``max_gb``."""

    min_gb: float = 0.0
    max_gb: float = 0.0

    @property
    def min_bytes(self) -> int:
        return gigabytes(self.min_gb)

    @property
    def max_bytes(self) -> int:
        return gigabytes(self.max_gb)


@dataclass(frozen=True)
class YearSpecification(Specification):
    min_year: int = 0
    max_year: int = 0


@dataclass(frozen=True)
class CustomFormat:
    name: str
    specifications: tuple[Specification, ...]


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
    cls: type[RegexSpecification], common: dict[str, Any], fields: Mapping[str, Any]
) -> RegexSpecification:
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
            flag = _int_field(fields, "value")
            if flag not in INDEXER_FLAGS.values():
                raise ValueError(f"unknown indexer flag value {flag}")
            return IndexerFlagSpecification(**common, flag=flag)
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
