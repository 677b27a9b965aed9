"""Answers whose resources DuckDB laid out: the JSON text goes into the body as it is, inside the envelope Python
writes, and is the same JSON as the values serialised by Python."""

from __future__ import annotations

import json
from datetime import date

import pytest

from radarr_pipeline.api.json_body import RawJson, encode, raw_array


def test_json_text_goes_in_as_it_is_at_the_top_in_an_object_and_in_a_list() -> None:
    movies = [{"id": 1, "title": "Amélie \"quoted\""}, {"id": 2, "title": "Ταινία"}]
    records = raw_array(json.dumps(m, ensure_ascii=False) for m in movies)
    assert json.loads(encode(records)) == movies
    page = {"page": 1, "sortKey": "title", "records": records, "totalRecords": 2}
    assert json.loads(encode(page)) == {**page, "records": movies}
    assert encode(page).index('"records"') < encode(page).index('"totalRecords"')  # the envelope's order kept
    lookups = [RawJson(json.dumps(movies[0])), {"title": "Not here", "tmdbId": 3}]
    assert json.loads(encode(lookups)) == [movies[0], {"title": "Not here", "tmdbId": 3}]
    assert json.loads(encode(raw_array([]))) == []


def test_values_without_json_text_are_serialised_as_before() -> None:
    value = {"when": date(2024, 1, 2), "ok": [1, "é"]}
    assert encode(value) == json.dumps(value, ensure_ascii=False, default=str)


def test_json_text_deeper_than_a_top_level_value_is_refused_not_written_as_its_repr() -> None:
    with pytest.raises(TypeError, match="not deeper"):
        encode({"page": {"records": RawJson("[]")}})
