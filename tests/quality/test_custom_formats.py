"""Custom formats: the ten condition types, negate/required, TRaSH JSON files, rejection of bad files.

Every evaluation is checked twice: by the production evaluation and by the per-release oracle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from radarr_pipeline.decisions.formats import evaluate_formats
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality import quality_by_name
from radarr_pipeline.quality.custom_formats import (
    GIGABYTE,
    INDEXER_FLAGS,
    CustomFormat,
    CustomFormatError,
    custom_format_from_dict,
    gigabytes,
    load_custom_format,
    load_custom_formats,
)
from radarr_pipeline.quality.profiles import build_quality_profile

from .format_oracle import OracleInput, as_facts, matching_names, production_names
from .trash import TRASH_CF


def spec(implementation: str, negate: bool = False, required: bool = False, **fields: object) -> dict:
    return {"name": implementation, "implementation": implementation, "negate": negate, "required": required,
            "fields": fields}


def fmt(*specs: dict, name: str = "F") -> CustomFormat:
    return custom_format_from_dict({"name": name, "specifications": list(specs)})


def facts(**overrides: object) -> OracleInput:
    base = dict(simple_release_title="Movie.2019.1080p.BluRay.REMUX.AVC.DTS-HD.MA-FraMeSToR",
                quality=quality_by_name("Remux-1080p"), edition="Directors Cut",
                languages=("english",), indexer_flags=INDEXER_FLAGS["freeleech"] | INDEXER_FLAGS["scene"],
                size=30 * GIGABYTE, release_group="FraMeSToR", year=2019, original_language="french")
    base.update(overrides)
    return OracleInput(**base)  # type: ignore[arg-type]


def matched(custom_format: CustomFormat, given: OracleInput) -> bool:
    """Whether the format matches, by both evaluations (which must agree)."""
    by_oracle = matching_names([custom_format], given) == [custom_format.name]
    assert (production_names([custom_format], given) == [custom_format.name]) == by_oracle
    return by_oracle


@pytest.mark.parametrize(
    ("specification", "hit", "miss"),
    [
        (spec("ReleaseTitleSpecification", value=r"\bREMUX\b"), {}, {"simple_release_title": "Movie.2019.WEB-DL"}),
        (spec("ReleaseTitleSpecification", value=r"\bREMUX\b"),
         {"simple_release_title": "Movie.2019", "file_name": "Movie.2019.REMUX.mkv"},
         {"simple_release_title": "Movie.2019", "file_name": "Movie.2019.mkv"}),
        (spec("EditionSpecification", value=r"director"), {}, {"edition": None}),
        (spec("LanguageSpecification", value=1), {}, {"languages": ("german",)}),
        (spec("LanguageSpecification", value=-2), {"languages": ("french",)}, {}),
        (spec("LanguageSpecification", value=-2), {"languages": ("original",), "original_language": None},
         {"languages": ("french",), "original_language": "unknown"}),
        (spec("LanguageSpecification", value=1, exceptLanguage=True), {"languages": ("german",)}, {}),
        (spec("LanguageSpecification", value=-2, exceptLanguage=True), {}, {"languages": ("french",)}),
        (spec("IndexerFlagSpecification", value=INDEXER_FLAGS["freeleech"]), {}, {"indexer_flags": 0}),
        (spec("SourceSpecification", value=9), {}, {"quality": quality_by_name("WEBDL-1080p")}),
        (spec("SourceSpecification", value=0), {"quality": None}, {}),
        (spec("ResolutionSpecification", value=1080), {}, {"quality": quality_by_name("Bluray-2160p")}),
        (spec("QualityModifierSpecification", value=5), {}, {"quality": quality_by_name("Bluray-1080p")}),
        (spec("SizeSpecification", min=20, max=40), {}, {"size": 20 * GIGABYTE}),
        (spec("SizeSpecification", min=20, max=30), {}, {"size": 30 * GIGABYTE + 1}),
        (spec("ReleaseGroupSpecification", value=r"^framestor$"), {}, {"release_group": None}),
        (spec("YearSpecification", min=2010, max=2019), {}, {"year": 2020}),
        (spec("YearSpecification", min=0, max=1900), {"year": 0}, {}),
    ],
)
def test_each_condition_type(specification: dict, hit: dict, miss: dict) -> None:
    custom_format = fmt(specification)
    assert matched(custom_format, facts(**hit))
    assert not matched(custom_format, facts(**miss))
    negated = fmt({**specification, "negate": True})
    assert matched(negated, facts(**miss)) and not matched(negated, facts(**hit))


def test_required_and_any_of_within_a_type() -> None:
    either = fmt(spec("ReleaseTitleSpecification", value="x265"), spec("ReleaseTitleSpecification", value="REMUX"))
    assert matched(either, facts())
    both = fmt(spec("ReleaseTitleSpecification", required=True, value="x265"),
               spec("ReleaseTitleSpecification", value="REMUX"))
    assert not matched(both, facts())
    across_types = fmt(spec("ReleaseTitleSpecification", value="REMUX"), spec("YearSpecification", min=1, max=2))
    assert not matched(across_types, facts())
    required_negated = fmt(spec("ReleaseTitleSpecification", value="REMUX"),
                           spec("ReleaseTitleSpecification", negate=True, required=True, value="x265"))
    assert matched(required_negated, facts())
    assert not matched(required_negated, facts(simple_release_title="Movie.REMUX.x265"))


def test_size_bounds_are_radarr_gigabytes() -> None:
    assert gigabytes(1) == GIGABYTE
    assert gigabytes(0.5) == GIGABYTE // 2
    assert gigabytes(1 + 2**-31) == GIGABYTE  # 1 GiB and half a byte: half to even (Convert.ToInt64)
    assert gigabytes(1 + 3 * 2**-31) == GIGABYTE + 2  # 1 GiB and 1.5 bytes


def test_scoring_sums_matched_formats_in_the_profile() -> None:
    good = fmt(spec("ReleaseTitleSpecification", value="REMUX"), name="Remux Tier")
    bad = fmt(spec("ReleaseGroupSpecification", value="^EVO$"), name="LQ")
    unscored = fmt(spec("YearSpecification", min=2000, max=2030), name="Recent")
    profile = build_quality_profile("P", ["Remux-1080p"], "Remux-1080p", format_scores={"Remux Tier": 1900, "LQ": -1})
    result = evaluate_formats([good, bad, unscored], as_facts([facts()]))
    assert result.names(0) == ["Remux Tier", "Recent"] == matching_names([good, bad, unscored], facts())
    assert result.scores(dict(profile.format_scores)).tolist() == [1900]
    assert profile.format_score(result.names(0)) == 1900


def test_all_trash_guides_formats_load_and_match() -> None:
    assert TRASH_CF.is_dir(), f"TRaSH data missing at {TRASH_CF}"
    formats = load_custom_formats(TRASH_CF)
    assert formats, f"TRaSH data missing at {TRASH_CF}"
    assert len(formats) == len(list(TRASH_CF.glob("*.json")))
    parsed = parse_release_title("Movie.Title.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1.Atmos-FraMeSToR")
    assert parsed is not None
    release = OracleInput(simple_release_title=parsed.simple_release_title, quality=parsed.quality.quality,
                          edition=parsed.edition, languages=parsed.languages, release_group=parsed.release_group,
                          year=parsed.year or 0)
    names = set(production_names(formats, release))
    assert names == set(matching_names(formats, release))
    assert {"Remux Tier 01", "HDR", "TrueHD ATMOS"} <= names
    assert "BR-DISK" not in names and "LQ" not in names


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"name": "X"}', "'specifications' must be a list"),
        ('{"specifications": []}', "missing or empty 'name'"),
        (json.dumps({"name": "X", "specifications": [spec("ReleaseTitleSpecification", value="([a-z")]}),
         "bad regex"),
        (json.dumps({"name": "X", "specifications": [spec("ReleaseTitleSpecification", value="(a+)+$")]}),
         "nested quantifiers"),
        (json.dumps({"name": "X", "specifications": [spec("TeapotSpecification", value=1)]}),
         "unknown implementation 'TeapotSpecification'"),
        (json.dumps({"name": "X", "specifications": [spec("SourceSpecification", value=42)]}),
         "unknown source value 42"),
        (json.dumps({"name": "X", "specifications": [spec("IndexerFlagSpecification", value=3)]}),
         "unknown indexer flag value 3"),
        (json.dumps({"name": "X", "specifications": [spec("SizeSpecification", min="a", max=2)]}),
         "field 'min' must be a number"),
    ],
)
def test_bad_files_are_rejected_with_file_name_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CustomFormatError, match=rf"^broken\.json: .*{reason}"):
        load_custom_format(path)


def test_directory_load_reports_every_bad_file_and_duplicates(tmp_path: Path) -> None:
    ok = {"name": "Good", "specifications": [spec("ReleaseTitleSpecification", value="x")]}
    (tmp_path / "a.json").write_text(json.dumps(ok), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(ok), encoding="utf-8")
    (tmp_path / "c.json").write_text("[]", encoding="utf-8")
    with pytest.raises(CustomFormatError) as error:
        load_custom_formats(tmp_path)
    lines = str(error.value).splitlines()
    assert lines == ["b.json: format name 'Good' already defined in a.json", "c.json: top level must be a JSON object"]


def test_radarr_api_field_list_shape_is_accepted() -> None:
    custom_format = custom_format_from_dict({"name": "API", "specifications": [
        {"name": "s", "implementation": "SizeSpecification", "negate": False, "required": False,
         "fields": [{"name": "min", "value": 1}, {"name": "max", "value": 50}]}]})
    assert matched(custom_format, facts())


def test_dotnet_named_groups_and_backreferences() -> None:
    custom_format = fmt(spec("ReleaseTitleSpecification", value=r"(?<word>BluRay)\.\k<word>"))
    assert matched(custom_format, facts(simple_release_title="Movie.BluRay.BluRay"))
    assert not matched(custom_format, facts(simple_release_title="Movie.BluRay.WEB"))
