"""Custom formats: the ten condition types, negate/required, TRaSH JSON files, rejection of bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality import QualityModel, quality_by_name
from radarr_pipeline.quality.custom_formats import (
    GIGABYTE,
    INDEXER_FLAGS,
    CustomFormatError,
    ReleaseFacts,
    custom_format_from_dict,
    load_custom_format,
    load_custom_formats,
)
from radarr_pipeline.quality.profiles import build_quality_profile

TRASH_CF = Path(__file__).resolve().parents[1] / "data" / "trash" / "cf"


def spec(implementation: str, negate: bool = False, required: bool = False, **fields: object) -> dict:
    return {"name": implementation, "implementation": implementation, "negate": negate, "required": required,
            "fields": fields}


def fmt(*specs: dict, name: str = "F") -> object:
    return custom_format_from_dict({"name": name, "specifications": list(specs)})


def facts(**overrides: object) -> ReleaseFacts:
    base = dict(title="Movie.2019.1080p.BluRay.REMUX.AVC.DTS-HD.MA-FraMeSToR",
                quality=QualityModel(quality=quality_by_name("Remux-1080p")), edition="Directors Cut",
                languages=("english",), indexer_flags=INDEXER_FLAGS["freeleech"] | INDEXER_FLAGS["scene"],
                size=30 * GIGABYTE, release_group="FraMeSToR", year=2019, original_language="french")
    base.update(overrides)
    return ReleaseFacts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("specification", "hit", "miss"),
    [
        (spec("ReleaseTitleSpecification", value=r"\bREMUX\b"), {}, {"title": "Movie.2019.1080p.WEB-DL"}),
        (spec("EditionSpecification", value=r"director"), {}, {"edition": None}),
        (spec("LanguageSpecification", value=1), {}, {"languages": ("german",)}),
        (spec("LanguageSpecification", value=-2), {"languages": ("french",)}, {}),
        (spec("LanguageSpecification", value=1, exceptLanguage=True), {"languages": ("german",)}, {}),
        (spec("IndexerFlagSpecification", value=INDEXER_FLAGS["freeleech"]), {}, {"indexer_flags": 0}),
        (spec("SourceSpecification", value=9), {}, {"quality": quality_by_name("WEBDL-1080p")}),
        (spec("ResolutionSpecification", value=1080), {}, {"quality": quality_by_name("Bluray-2160p")}),
        (spec("QualityModifierSpecification", value=5), {}, {"quality": quality_by_name("Bluray-1080p")}),
        (spec("SizeSpecification", min=20, max=40), {}, {"size": 20 * GIGABYTE}),
        (spec("ReleaseGroupSpecification", value=r"^framestor$"), {}, {"release_group": None}),
        (spec("YearSpecification", min=2010, max=2019), {}, {"year": 2020}),
    ],
)
def test_each_condition_type(specification: dict, hit: dict, miss: dict) -> None:
    custom_format = fmt(specification)
    assert custom_format.matches(facts(**hit))
    assert not custom_format.matches(facts(**miss))
    negated = fmt({**specification, "negate": True})
    assert negated.matches(facts(**miss)) and not negated.matches(facts(**hit))


def test_required_and_any_of_within_a_type() -> None:
    either = fmt(spec("ReleaseTitleSpecification", value="x265"), spec("ReleaseTitleSpecification", value="REMUX"))
    assert either.matches(facts())
    both = fmt(spec("ReleaseTitleSpecification", required=True, value="x265"),
               spec("ReleaseTitleSpecification", value="REMUX"))
    assert not both.matches(facts())
    across_types = fmt(spec("ReleaseTitleSpecification", value="REMUX"), spec("YearSpecification", min=1, max=2))
    assert not across_types.matches(facts())


def test_scoring_sums_matched_formats_in_the_profile() -> None:
    good = fmt(spec("ReleaseTitleSpecification", value="REMUX"), name="Remux Tier")
    bad = fmt(spec("ReleaseGroupSpecification", value="^EVO$"), name="LQ")
    unscored = fmt(spec("YearSpecification", min=2000, max=2030), name="Recent")
    profile = build_quality_profile("P", ["Remux-1080p"], "Remux-1080p", format_scores={"Remux Tier": 1900, "LQ": -1})
    matched = [f for f in (good, bad, unscored) if f.matches(facts())]
    assert [m.name for m in matched] == ["Remux Tier", "Recent"]
    assert profile.format_score([m.name for m in matched]) == 1900


def test_all_trash_guides_formats_load_and_match() -> None:
    formats = load_custom_formats(TRASH_CF)
    assert formats, f"TRaSH data missing at {TRASH_CF}"
    assert len(formats) == len(list(TRASH_CF.glob("*.json")))
    parsed = parse_release_title("Movie.Title.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1.Atmos-FraMeSToR")
    assert parsed is not None
    release = ReleaseFacts(title=parsed.release_title, quality=parsed.quality, edition=parsed.edition,
                           languages=parsed.languages, release_group=parsed.release_group, year=parsed.year)
    names = {m.name for m in formats if m.matches(release)}
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
    assert custom_format.matches(facts())


def test_dotnet_named_groups_and_backreferences() -> None:
    custom_format = fmt(spec("ReleaseTitleSpecification", value=r"(?<word>BluRay)\.\k<word>"))
    assert custom_format.matches(facts(title="Movie.BluRay.BluRay"))
    assert not custom_format.matches(facts(title="Movie.BluRay.WEB"))
