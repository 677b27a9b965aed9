"""Radarr's own parser tests (its ParserTests fixtures, vendored in tests/data/radarr/parser-fixtures) run
against this parser.

    .venv/bin/python bench/radarr_holdout.py [--fixtures DIR] [-v]

Reads the ``[TestCase(...)]`` rows of the fixtures, maps each test method it knows to a check, and prints the
pass rate per fixture. Methods it does not know are counted as skipped. ``tests/parsing/test_radarr_fixtures.py``
runs the same checks in the suite.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from radarr_pipeline.parsing import (
    parse_languages,
    parse_quality,
    parse_release_group,
    parse_release_title,
)
from radarr_pipeline.parsing.scene import get_scene_title, is_scene_title

FIXTURES = (
    "LanguageParserFixture.cs", "ParserFixture.cs", "ReleaseGroupParserFixture.cs", "SceneCheckerFixture.cs",
    "EditionParserFixture.cs", "UrlFixture.cs", "QualityParserFixture.cs",
)
_VERIFY_QUALITY = re.compile(
    r"ParseAndVerifyQuality\(title, QualitySource\.(\w+), (\w+), Resolution\.(\w+)(?:, Modifier\.(\w+))?\)"
)
_SOURCES = {"TELESYNC": "telesync", "CAM": "cam", "TV": "tv", "DVD": "dvd", "WEBDL": "webdl",
            "WEBRIP": "webrip", "BLURAY": "bluray", "TELECINE": "telecine", "WORKPRINT": "workprint",
            "UNKNOWN": "unknown"}
_METHOD = re.compile(r"public void (\w+)\(")
_DESCRIPTION = object()  # NUnit's Description = "..." argument, dropped
_LANGUAGE_ID = {"PortugueseBR": "portuguesebr", "SpanishLatino": "spanishlatino"}


def _string(text: str, index: int) -> tuple[str, int]:
    """A C# string literal starting at ``index`` (regular or verbatim): (value, index after it)."""
    if text[index] == "@":
        out, index = [], index + 2
        while True:
            if text[index] == '"':
                if text[index + 1 : index + 2] == '"':
                    out.append('"')
                    index += 2
                    continue
                return "".join(out), index + 1
            out.append(text[index])
            index += 1
    out, index = [], index + 1
    while text[index] != '"':
        if text[index] == "\\":
            code = text[index + 1]
            if code == "u":
                out.append(chr(int(text[index + 2 : index + 6], 16)))
                index += 6
                continue
            out.append({"n": "\n", "t": "\t", "0": "\0", "r": "\r"}.get(code, code))
            index += 2
            continue
        out.append(text[index])
        index += 1
    return "".join(out), index + 1


def _args(text: str, index: int) -> tuple[list[Any], int]:
    """The arguments of a call whose '(' is at ``index``: strings, numbers, null, bools, string arrays."""
    args: list[Any] = []
    current: list[Any] = []
    raw: list[str] = []
    depth = 0
    index += 1
    while True:
        char = text[index]
        if char == '"' or (char == "@" and text[index + 1] == '"'):
            value, index = _string(text, index)
            current.append(value)
            continue
        if char in "({":
            depth += 1
        elif char in ")}":
            if depth == 0:
                args.append(_value(current, "".join(raw)))
                return args, index + 1
            depth -= 1
        elif char == "," and depth == 0:
            args.append(_value(current, "".join(raw)))
            current, raw = [], []
            index += 1
            continue
        raw.append(char)
        index += 1


def _value(strings: list[Any], raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("new"):
        return list(strings)
    if strings:
        return strings[0] if "Description" not in raw else _DESCRIPTION
    if raw == "null":
        return None
    if raw in ("true", "false"):
        return raw == "true"
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    return raw


def read_fixture(source: str) -> list[tuple[str, list[Any], str]]:
    """(method, arguments, method body) for every TestCase row."""
    rows: list[tuple[str, list[Any], str]] = []
    pending: list[list[Any]] = []
    index = 0
    while True:
        case = source.find("[TestCase(", index)
        method = _METHOD.search(source, index)
        if method is not None and (case < 0 or method.start() < case):
            body_end = source.find("public void", method.end())
            body = source[method.end() : body_end if body_end > 0 else len(source)]
            rows += [(method.group(1), args, body) for args in pending]
            pending = []
            index = method.end()
            continue
        if case < 0:
            return rows
        args, index = _args(source, case + len("[TestCase"))
        pending.append([arg for arg in args if arg is not _DESCRIPTION])


def _language(name: str) -> str:
    return _LANGUAGE_ID.get(name, name.lower())


def _language_checks(body: str) -> Callable[[Any], str] | None:
    """A check built from the method body's assertions on languages."""
    contains = [_language(name) for name in re.findall(r"Contain\(Language\.(\w+)\)", body)]
    first = re.search(r"First\(\)(?:\.Id)?\.Should\(\)\.Be\(Language\.(\w+)", body)
    count = re.search(r"Count\.Should\(\)\.Be\((\d+)\)", body)
    if not contains and not first and not count:
        return None

    def check(languages: Any) -> str:
        languages = list(languages)
        missing = [language for language in contains if language not in languages]
        if missing:
            return f"missing {missing} in {languages}"
        if first and (not languages or languages[0] != _language(first.group(1))):
            return f"first is not {first.group(1)}: {languages}"
        if count and len(languages) != int(count.group(1)):
            return f"count is not {count.group(1)}: {languages}"
        return ""

    return check


def _parsed(title: str, body: str) -> Any:
    is_dir = "ParseMovieTitle(postTitle, true)" in body
    return parse_release_title(title, is_dir=is_dir)


def run_case(method: str, args: list[Any], body: str) -> str | None:
    """'' when the case passes, a reason when it fails, None when the method is not handled."""
    title = args[0] if args else None
    if not isinstance(title, str):
        return None
    if "ParseSubtitle" in body or "SubtitleLanguage" in body:
        return None
    if "LanguageParser.ParseLanguages" in body or ("Languages" in body and "ParseMovieTitle" in body):
        check = _language_checks(body)
        if check is None:
            return None
        if "LanguageParser.ParseLanguages" in body:
            return check(parse_languages(title))
        parsed = _parsed(title, body)
        return "not parsed" if parsed is None else check(parsed.languages)
    verify = _VERIFY_QUALITY.search(body)
    if verify is not None:
        return _quality_case(title, args, verify)
    if "ReleaseGroupParser.ParseReleaseGroup" in body and len(args) == 2:
        found = parse_release_group(title)
        return "" if found == args[1] else f"group {found!r} != {args[1]!r}"
    if "IsSceneTitle" in body:
        expected = "BeTrue" in body
        return "" if is_scene_title(title) == expected else f"is_scene_title != {expected}"
    if "GetSceneTitle" in body and len(args) == 2:
        found = get_scene_title(title)
        return "" if found == args[1] else f"scene title {found!r} != {args[1]!r}"
    parsed = _parsed(title, body)
    if method == "should_parse_movie_alternative_titles":
        if parsed is None:
            return "not parsed"
        return "" if list(parsed.movie_titles) == args[1] else f"titles {list(parsed.movie_titles)} != {args[1]}"
    if method in ("should_parse_movie_title", "should_parse_movie_folder_name") and len(args) == 2:
        if parsed is None:
            return "not parsed"
        return "" if parsed.movie_title == args[1] else f"title {parsed.movie_title!r} != {args[1]!r}"
    if method == "should_parse_movie_year":
        return "" if parsed is not None and parsed.year == args[1] else f"year != {args[1]}"
    if method.startswith("should_parse_anime_movie_title"):
        if parsed is None:
            return "not parsed"
        got = [parsed.movie_title, parsed.release_group] + ([parsed.year] if len(args) > 3 else [])
        return "" if got == args[1:] else f"{got} != {args[1:]}"
    if method == "should_parse_german_movie":
        if parsed is None:
            return "not parsed"
        got = [parsed.movie_title, parsed.edition or "", parsed.year or 0]
        return "" if got == args[1:] else f"{got} != {args[1:]}"
    if "Edition.Should().Be" in body and len(args) == 2:
        if parsed is None:
            return "not parsed"
        return "" if (parsed.edition or "") == args[1] else f"edition {parsed.edition!r} != {args[1]!r}"
    if method == "should_parse_hardcoded_subs":
        return "" if parsed is not None and parsed.hardcoded_subs == args[1] else "hardcoded subs"
    if method == "should_parse_tmdb_id":
        return "" if parsed is not None and (parsed.tmdb_id or 0) == args[1] else "tmdb id"
    if method == "should_parse_imdb_in_title":
        return "" if parsed is not None and parsed.imdb_id == args[1] else "imdb id"
    if method == "should_not_parse_wrong_language_in_title":
        languages = parsed.languages if parsed is not None else None
        return "" if languages == ("unknown",) else f"languages {languages}"
    return None


def _quality_case(title: str, args: list[Any], verify: re.Match[str]) -> str:
    """QualityParserFixture.ParseAndVerifyQuality: source, resolution (unless Unknown), modifier (unless
    NONE), version 2 when proper."""
    source, proper, resolution, modifier = verify.groups()
    proper_value = args[1] if proper == "proper" and len(args) > 1 else proper == "true"
    model = parse_quality(title)
    quality = model.quality
    problems = []
    if resolution != "Unknown" and quality.resolution != int(resolution.strip("Rp")):
        problems.append(f"resolution {quality.resolution}")
    if quality.source != _SOURCES.get(source, source.lower()):
        problems.append(f"source {quality.source}")
    if modifier and modifier != "NONE" and quality.modifier != modifier.lower():
        problems.append(f"modifier {quality.modifier}")
    if model.revision.version != (2 if proper_value else 1):
        problems.append(f"version {model.revision.version}")
    return ", ".join(problems)


FIXTURES_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "radarr" / "parser-fixtures"


def outcomes(source: str) -> list[tuple[str, list[Any], str | None]]:
    """(method, case arguments, outcome) of every case of a fixture: "" passed, None skipped, else what failed."""
    results = []
    for method, case_args, body in read_fixture(source):
        try:
            outcome = run_case(method, case_args, body)
        except Exception as error:  # a crash is a failure of the case, not of the run
            outcome = f"raised {error!r}"
        results.append((method, case_args, outcome))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES_DIR)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    totals: Counter[str] = Counter()
    for fixture in FIXTURES:
        source = (args.fixtures / fixture).read_text(encoding="utf-8-sig")
        counts: Counter[str] = Counter()
        for method, case_args, outcome in outcomes(source):
            kind = "skipped" if outcome is None else ("passed" if outcome == "" else "failed")
            counts[kind] += 1
            if kind == "failed" and args.verbose:
                print(f"  {fixture}:{method}: {case_args[0]!r}: {outcome}")
        totals.update(counts)
        checked = counts["passed"] + counts["failed"]
        print(f"{fixture:<32} {counts['passed']:>4}/{checked:<4} passed, {counts['skipped']} skipped")
    checked = totals["passed"] + totals["failed"]
    print(f"{'total':<32} {totals['passed']:>4}/{checked:<4} passed ({totals['passed'] / max(checked, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
