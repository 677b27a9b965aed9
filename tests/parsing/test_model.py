"""ParsedRelease's own ``__init__`` (slot descriptors, for speed) behaves as the dataclass's generated one."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.parsing.model import ParsedRelease


def _generated_twin() -> type:
    """The same fields in a class that keeps the generated ``__init__``."""
    fields = [(item.name, item.type, item) for item in dataclasses.fields(ParsedRelease)]
    return dataclasses.make_dataclass("Generated", fields, frozen=True, slots=True)


def _parameters(init: object) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(init).parameters.values()]  # type: ignore[arg-type]


def test_the_parameters_are_the_generated_ones() -> None:
    assert _parameters(ParsedRelease.__init__) == _parameters(_generated_twin().__init__)  # type: ignore[misc]


def test_positional_keyword_and_default_arguments_set_every_field() -> None:
    parsed = parse_release_title("The.Movie.2010.Directors.Cut.1080p.BluRay.x264-GRP")
    assert parsed is not None
    values = {item.name: getattr(parsed, item.name) for item in dataclasses.fields(ParsedRelease)}
    positional = ParsedRelease(*values.values())
    by_keyword = ParsedRelease(**values)
    assert positional == by_keyword == parsed
    assert positional.simple_release_title == "A.Movie.2010.Directors.Cut.1080p.BluRay.x264-GRP"
    defaults = ParsedRelease(*list(values.values())[:11])
    assert (defaults.release_hash, defaults.simple_release_title) == (None, "")
    twin = _generated_twin()(**values)
    assert {name: getattr(twin, name) for name in values} == values


def test_it_stays_frozen_and_refuses_bad_calls() -> None:
    parsed = parse_release_title("The.Movie.2010.1080p.BluRay.x264-GRP")
    assert parsed is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.year = 1999  # type: ignore[misc]
    with pytest.raises(TypeError):
        ParsedRelease("only the title")  # type: ignore[call-arg]
    assert dataclasses.replace(parsed, year=1999).year == 1999
