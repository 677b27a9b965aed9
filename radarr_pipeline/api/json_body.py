"""Answers as JSON text. Resources DuckDB laid out already (:class:`RawJson`) go into the body as they are,
inside the values Python serialises (a page's records, a list of lookups), never parsed and serialised again."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RawJson:
    text: str


def raw_array(texts: Iterable[str]) -> RawJson:
    return RawJson("[" + ",".join(texts) + "]")


def _other(value: object) -> str:
    if isinstance(value, RawJson):
        raise TypeError("JSON text may be an answer, a value of its object or an item of its list, not deeper")
    return str(value)


def encode(value: Any) -> str:
    """``value`` as JSON text: RawJson as it is, at the top, as a value of a top-level object or as an item of a
    top-level list; the rest as ``json.dumps`` writes it."""
    if isinstance(value, RawJson):
        return value.text
    if isinstance(value, dict) and any(isinstance(v, RawJson) for v in value.values()):
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list) and any(isinstance(v, RawJson) for v in value):
        return "[" + ", ".join(encode(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False, default=_other)
