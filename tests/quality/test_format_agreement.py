"""The production evaluation of custom formats (bulk, DuckDB's RE2 behind prefilters, Python's regex for the
rest) agrees with the per-release oracle on random releases: titles, file names, languages (``original`` too,
with the movie's original language known, unknown or absent), flags, sizes, years; on TRaSH Guides' formats
and on generated ones."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.decisions.format_facts import download_facts
from radarr_pipeline.decisions.formats import evaluate_formats
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality.custom_formats import (
    INDEXER_FLAGS,
    CustomFormat,
    custom_format_from_dict,
)
from radarr_pipeline.quality.qualities import MODIFIERS, QUALITIES, SOURCES
from radarr_pipeline.values.languages import LANGUAGE_IDS

from .format_oracle import OracleInput, as_facts, matching_names
from .trash import trash_sample

TOKENS = ("Movie", "2019", "1080p", "2160p", "720p", "BluRay", "REMUX", "WEB-DL", "WEBRip", "HDTV", "x264", "x265",
          "HEVC", "HDR", "HDR10Plus", "DV", "DTS-HD", "MA", "TrueHD", "Atmos", "DDP5.1", "AAC2.0", "FRENCH", "MULTi",
          "GERMAN", "DL", "VOSTFR", "iTA", "PROPER", "REPACK", "IMAX", "Directors.Cut", "EXTENDED", "AMZN", "NF",
          "10bit", "SDR", "UHD", "COMPLETE", "3D", "HSBS", "Hybrid", "Remastered", "Criterion", "VC-1", "AV1",
          "Amélie", "小说", "ÉQUIPE", "[rartv]", "(2019)")
GROUPS = ("FraMeSToR", "EVO", "NTb", "FLUX", "YIFY", "SPARKS", "CtrlHD", "BHDStudio", "ÉQUIPE", "TAoE")
LANGUAGES = tuple(sorted(LANGUAGE_IDS))  # includes "unknown", "any", "original"
FEW_LANGUAGES = ("english", "french", "german", "unknown", "original")  # so that conditions and rows meet
language = st.one_of(st.sampled_from(FEW_LANGUAGES), st.sampled_from(LANGUAGES))
# Pieces generated regexes are made of: literals, classes, anchors, look-arounds and back-references (these last
# ones run in Python's regex in production, the rest in RE2).
PATTERN_PIECES = (r"\bREMUX\b", r"x26[45]", r"(?<!WEB)Rip", r"^Movie", r"FRENCH|MULTi", r"(?=.*HDR)", r"\d{4}",
                  r"(?<g>BluRay)\.\k<g>", r"[^\x00-\x7f]", r"\.mkv$", r"Directors", r"^(EVO|YIFY)$", r"ÉQUIPE")


# Each evaluation has a fixed cost (the DuckDB query of every pattern): few examples, many rows each.
TRASH_FORMATS = trash_sample(60, seed=7)

title_text = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8).map(".".join)
texts = st.one_of(st.none(), title_text, st.text(max_size=30))
languages = st.lists(language, max_size=3, unique=True).map(tuple)

def _speaks_original(release: OracleInput, speaks: bool) -> OracleInput:
    """Often a release is in its movie's original language (what an 'original' condition looks for)."""
    if not speaks or release.original_language is None or release.original_language in release.languages:
        return release
    return replace(release, languages=(*release.languages, release.original_language))


rows = st.builds(
    OracleInput,
    simple_release_title=st.one_of(title_text, st.builds(lambda t, g: f"{t}-{g}", title_text, st.sampled_from(GROUPS)),
                                   st.none()),
    quality=st.one_of(st.none(), st.sampled_from(QUALITIES)),
    edition=st.one_of(st.none(), st.sampled_from(("Directors Cut", "IMAX", "Extended", "Criterion", "Ultimate"))),
    languages=languages,
    indexer_flags=st.integers(0, 4095),
    size=st.one_of(st.just(0), st.integers(0, 80 << 30), st.sampled_from((1 << 30, 5 << 30, (5 << 30) + 1))),
    release_group=st.one_of(st.none(), st.sampled_from(GROUPS), st.text(max_size=8)),
    year=st.one_of(st.just(0), st.integers(1900, 2030)),
    original_language=st.one_of(st.none(), language),
    file_name=st.one_of(st.none(), title_text.map(lambda t: t + ".mkv"), texts),
).flatmap(lambda release: st.booleans().map(lambda speaks: _speaks_original(release, speaks)))


def _specification(kind: str, value: object, negate: bool, required: bool) -> dict:
    """The JSON of one specification; ``value``: a (min, max) pair for Size and Year, (language, except) for
    Language, the value otherwise."""
    fields: dict[str, object] = {"value": value}
    if kind in ("SizeSpecification", "YearSpecification"):
        assert isinstance(value, tuple)
        fields = {"min": value[0], "max": value[1]}
    elif kind == "LanguageSpecification":
        assert isinstance(value, tuple)
        fields = {"value": LANGUAGE_IDS[value[0]], "exceptLanguage": value[1]}
    return {"name": kind, "implementation": kind, "negate": negate, "required": required, "fields": fields}


VALUES = {
    "ReleaseTitleSpecification": st.sampled_from(PATTERN_PIECES),
    "EditionSpecification": st.sampled_from((r"Director", r"^IMAX$", r"(?i)cut", r"Crit|Ult")),
    "ReleaseGroupSpecification": st.sampled_from((r"^(EVO|YIFY)$", r"Fra", r"ÉQUIPE", r"^$")),
    "LanguageSpecification": st.tuples(language, st.booleans()),
    "IndexerFlagSpecification": st.sampled_from(sorted(INDEXER_FLAGS.values())),
    "SourceSpecification": st.integers(0, len(SOURCES) - 1),
    "ResolutionSpecification": st.sampled_from((0, 360, 480, 576, 720, 1080, 2160)),
    "QualityModifierSpecification": st.integers(0, len(MODIFIERS) - 1),
    "SizeSpecification": st.tuples(st.sampled_from((0, 0.5, 1, 5, 10.25)), st.sampled_from((1, 5, 20, 100))),
    "YearSpecification": st.tuples(st.sampled_from((0, 1990, 2010)), st.sampled_from((0, 2000, 2019, 2030))),
}


@st.composite
def generated_format(draw: st.DrawFn, number: int) -> CustomFormat:
    specifications = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(sorted(VALUES)))
        specifications.append(_specification(kind, draw(VALUES[kind]), draw(st.booleans()), draw(st.booleans())))
    return custom_format_from_dict({"name": f"generated {number}", "specifications": specifications})


formats_lists = st.integers(0, 6).flatmap(
    lambda n: st.tuples(*[generated_format(i) for i in range(n)]).map(list))


def _assert_agree(formats: list[CustomFormat], releases: list[OracleInput]) -> None:
    result = evaluate_formats(formats, as_facts(releases))
    assert not result.timed_out.any()
    for row, release in enumerate(releases):
        assert result.names(row) == matching_names(formats, release), release


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases=st.lists(rows, min_size=1, max_size=60), generated=formats_lists)
def test_bulk_agrees_with_the_oracle_on_trash_and_generated_formats(releases: list[OracleInput],
                                                                    generated: list[CustomFormat]) -> None:
    _assert_agree(TRASH_FORMATS + generated, releases)


@settings(max_examples=100, deadline=None)
@given(releases=st.lists(rows, min_size=1, max_size=10), generated=formats_lists)
def test_bulk_agrees_with_the_oracle_on_generated_formats(releases: list[OracleInput],
                                                          generated: list[CustomFormat]) -> None:
    _assert_agree(generated, releases)


def test_the_random_releases_reach_both_regex_engines_and_the_original_language() -> None:
    """The agreement tests are not vacuous: TRaSH formats match some generated releases, some patterns run in
    RE2 and some in Python, and an 'original' condition turns on the movie's original language."""
    releases = [
        OracleInput("Movie.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.Atmos-FraMeSToR", languages=("english",)),
        OracleInput("Amélie.2001.1080p.BluRay.x264-ÉQUIPE", languages=("french",), original_language="french"),
        OracleInput("Film.2019.FRENCH.1080p.WEB-DL.x264", languages=("french",), original_language="english",
                    file_name="Film.2019.MULTi.1080p.WEB-DL.x265.mkv"),
    ]
    result = evaluate_formats(TRASH_FORMATS, as_facts(releases))
    assert result.re2_patterns and result.python_patterns
    assert result.matrix.any()
    original = custom_format_from_dict({"name": "Original", "specifications": [
        {"name": "o", "implementation": "LanguageSpecification", "fields": {"value": LANGUAGE_IDS["original"]}}]})
    assert evaluate_formats([original], as_facts(releases)).matrix[:, 0].tolist() == [False, True, False]
    _assert_agree([*TRASH_FORMATS, original], releases)


PARSED_TITLES = [
    "Heat.1995.1080p.BluRay.x264-CtrlHD", "Heat.1995.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.Atmos.7.1-FraMeSToR",
    "The.Matrix.1999.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb", "Movie.2020.720p.HDTV.x264.PROPER-DIMENSION",
    "Film.2019.MULTi.1080p.BluRay.x265.10bit.DTS-HD.MA.5.1-GRP", "Amélie.2001.1080p.BluRay.DD5.1.x264-ÉQUIPE",
    "Dune.2021.2160p.WEB-DL.DV.HDR10Plus.DDP5.1.Atmos.H.265-FLUX", "Alien.1979.Directors.Cut.IMAX.1080p.BluRay-EVO",
    "Movie.2018.COMPLETE.BLURAY-GRP", "Some.Movie.2017.German.DL.1080p.WEBRip.x264-iTunes",
    "Stereo.Movie.2010.1080p.BluRay.AAC2.0.x264-YIFY", "Noir.2011.BW.1080p.BluRay.x264-TEPES",
    "小说.2020.1080p.WEB-DL-ABC", "Le.Fabuleux.Destin.2001.FRENCH.1080p.BluRay.x264-LOST",
]


def test_parsed_downloads_agree_with_the_oracle_on_trash_formats() -> None:
    """Real titles through the production facts builder (the parser's simple title, group, edition,
    languages, year) against the oracle given the same parse."""
    originals = ["french", None, "english", "unknown"] * 4
    facts = download_facts(PARSED_TITLES, [_quality_of(t) for t in PARSED_TITLES], [8 << 30] * len(PARSED_TITLES),
                           originals[:len(PARSED_TITLES)])
    result = evaluate_formats(TRASH_FORMATS, facts)
    assert result.matrix.sum() > len(PARSED_TITLES)
    for row, title in enumerate(PARSED_TITLES):
        parsed = parse_release_title(title)
        release = OracleInput(
            simple_release_title=facts.title[row], quality=parsed.quality.quality if parsed else None,
            edition=parsed.edition if parsed else None, languages=parsed.languages if parsed else (),
            size=8 << 30, release_group=parsed.release_group if parsed else None,
            year=parsed.year or 0 if parsed else 0, original_language=originals[row])
        assert result.names(row) == matching_names(TRASH_FORMATS, release), title


def _quality_of(title: str) -> str:
    parsed = parse_release_title(title)
    return parsed.quality.quality.name if parsed else "Unknown"
