"""The Radarr parser constructs ported rule by rule (commit 1b9662d5), each checked from its intent.

Cases are written here from what each construct is for (LanguageParser's word lists and guards,
ParseMovieMatchCollection's alternative-title normalisation, SceneChecker's cleaned release title),
not copied from the conformance data.
"""

from __future__ import annotations

import pytest

from radarr_pipeline.parsing import parse_languages, parse_release_title
from radarr_pipeline.parsing.scene import get_scene_title, is_scene_title
from radarr_pipeline.parsing.title_parser import (
    alternative_titles,
    clean_release_title,
    normalize_alternative_title_separator,
    rebuild_title_from_dotted_parts,
)

# --- LanguageParser: the lowerTitle.Contains(...) chain ---------------------------------------------


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("English", "english"), ("Spanish", "spanish"), ("Danish", "danish"), ("Dutch", "dutch"),
        ("Japanese", "japanese"), ("Icelandic", "icelandic"), ("Mandarin", "chinese"), ("Cantonese", "chinese"),
        ("Chinese", "chinese"), ("Korean", "korean"), ("Russian", "russian"), ("Romanian", "romanian"),
        ("Hindi", "hindi"), ("Arabic", "arabic"), ("Thai", "thai"), ("Bulgarian", "bulgarian"),
        ("Polish", "polish"), ("Vietnamese", "vietnamese"), ("Swedish", "swedish"), ("Norwegian", "norwegian"),
        ("Finnish", "finnish"), ("Turkish", "turkish"), ("Portuguese", "portuguese"),
        ("Brazilian", "portuguesebr"), ("Hungarian", "hungarian"), ("Hebrew", "hebrew"),
        ("Ukrainian", "ukrainian"), ("Persian", "persian"), ("Bengali", "bengali"), ("Slovak", "slovak"),
        ("Latvian", "latvian"), ("Latino", "spanishlatino"), ("Tamil", "tamil"), ("Telugu", "telugu"),
        ("Malayalam", "malayalam"), ("Kannada", "kannada"), ("Albanian", "albanian"), ("Afrikaans", "afrikaans"),
        ("Marathi", "marathi"), ("Tagalog", "tagalog"),
    ],
)
def test_contained_language_names(word: str, language: str) -> None:
    assert language in parse_languages(f"A.Movie.2001.{word}.720p.WEB-DL-RlsGrp")
    # Contains: the name counts even inside another word, in any case.
    assert language in parse_languages(f"A Movie 2001 x{word.upper()}y 720p")


@pytest.mark.parametrize("word", ["Croatian", "Serbian", "Bosnian", "Estonian", "Indonesian", "Macedonian",
                                  "Slovenian", "Lithuanian"])
def test_names_radarr_does_not_look_for(word: str) -> None:
    """Radarr's chain has no check for these names: they name no language."""
    assert parse_languages(f"A.Movie.2001.{word}.720p.WEB-DL-RlsGrp") == ("unknown",)


def test_contained_names_may_share_letters() -> None:
    # Each Contains check reads the whole title: names that overlap ("english" and "hindi" share an 'h') both count.
    assert parse_languages("A.Movie.2001.EnglisHindi.ThaiTamil.720p") == ("english", "hindi", "thai", "tamil")


def test_contains_order_comes_first() -> None:
    # Contains names first (in the chain's order), then case-sensitive codes, then LanguageRegex.
    assert parse_languages("A.Movie.2001.FRENCH.DE.Thai.English-RlsGrp") == ("english", "thai", "german", "french")


# --- LanguageParser.LanguageRegex (case-insensitive) ---------------------------------------------------


@pytest.mark.parametrize(
    ("token", "language"),
    [
        ("eng", "english"), ("ENG", "english"), ("ita", "italian"), ("Italian", "italian"),
        ("German", "german"), ("SwissGerman", "german"), ("swissgerman", "german"), ("Videomann", "german"),
        ("Ger.Dub", "german"), ("ger dub", "german"), ("GER", "german"), ("ger", "german"), ("Ger", "german"),
        ("Flemish", "flemish"), ("BGAUDIO", "bulgarian"), ("RoDubbed", "romanian"), ("Dublado", "portuguesebr"),
        ("pt-BR", "portuguesebr"), ("PT-br", "portuguesebr"), ("Greek", "greek"), ("FR", "french"),
        ("vo", "french"), ("VF", "french"), ("VFF", "french"), ("VFQ", "french"), ("VFI", "french"),
        ("VF2", "french"), ("TrueFrench", "french"), ("French", "french"), ("FRE", "french"), ("fra", "french"),
        ("rus", "russian"), ("RU", "russian"), ("HUNDUB", "hungarian"), ("hun", "hungarian"),
        ("HebDub", "hebrew"), ("HebDubbed", "hebrew"), ("PLDUB", "polish"), ("PL-DUB", "polish"),
        ("DUB.PL", "polish"), ("LEKPL", "polish"), ("pl lek", "polish"), ("[CHS]", "chinese"),
        ("[CHT]", "chinese"), ("[BIG5]", "chinese"), ("[GB]", "chinese"), ("简", "chinese"), ("繁", "chinese"),
        ("字幕", "chinese"), ("UKR", "ukrainian"), ("2xUkr", "ukrainian"), ("Español", "spanish"),
        ("castellano", "spanish"), ("Catala", "catalan"), ("Catalan", "catalan"), ("Catalán", "catalan"),
        ("català", "catalan"), ("LAT", "latvian"), ("lav", "latvian"), ("lv", "latvian"), ("Tel", "telugu"),
        ("VIE", "vietnamese"), ("Jap", "japanese"), ("KOR", "korean"), ("Urdu", "urdu"), ("Romansh", "romansh"),
        ("Rumantsch", "romansh"), ("Romansch", "romansh"), ("Mongolian", "mongolian"), ("Khalkha", "mongolian"),
        ("Georgian", "georgian"), ("GEO", "georgian"), ("ka", "georgian"), ("KAT", "georgian"),
        ("Original", "original"), ("ORIG", "original"),
    ],
)
def test_language_regex_words(token: str, language: str) -> None:
    assert language in parse_languages(f"A.Movie.2001.{token}.1080p.WEB-RlsGrp")


@pytest.mark.parametrize(
    "text",
    [
        "A.Movie.2001.Engage.1080p",  # \beng\b: a whole word only
        "A.Movie.2001.Italiano.1080p",  # \b(?:ita|italian)\b
        "A.Movie.2001.Gerald.1080p",  # \bger\b: not the start of a word
        "A.Movie.2001.pt.br.1080p",  # pt-BR needs its dash
        "A.Movie.2001.Catalana.1080p",  # catalan? then a word boundary
        "A.Movie.2001.Kathmandu.1080p",  # \b(?:georgian|geo|ka|kat)\b
        "A.Movie.2001.Origami.1080p",  # \b(?:orig|original)\b
        "A.Movie.2001.Latte.1080p",  # \b(?:lat|lav|lv)\b
    ],
)
def test_language_regex_needs_its_boundaries(text: str) -> None:
    assert parse_languages(text) == ("unknown",)


# --- LanguageParser.CaseSensitiveLanguageRegex ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "language"),
    [("EN", "english"), ("LT", "lithuanian"), ("CZ", "czech"), ("PL", "polish"), ("BG", "bulgarian"),
     ("SK", "slovak"), ("DE", "german"), ("ES", "spanish")],
)
def test_case_sensitive_codes(code: str, language: str) -> None:
    assert parse_languages(f"A.Movie.2001.{code}.1080p.x264") == (language,)
    # Only in capitals: "Es", "es", "Cz", "sk" are not codes.
    assert parse_languages(f"A.Movie.2001.{code.capitalize()}.1080p.x264") == ("unknown",)
    # Not next to SUB (any case, any separator): then the code names subtitles.
    for text in (f"{code}-SUB", f"{code}.sub", f"SUB.{code}", f"Sub_{code}"):
        assert parse_languages(f"A.Movie.2001.{text}.1080p.x264") == ("unknown",), text


@pytest.mark.parametrize("code", ["TR", "TUR", "SPA", "POL", "CZE", "DEU", "LTU"])
def test_codes_radarr_does_not_read(code: str) -> None:
    assert parse_languages(f"A.Movie.2001.{code}.1080p.x264") == ("unknown",)


@pytest.mark.parametrize("separator", [".", "_", " ", "-"])
def test_dts_es_is_an_audio_codec_not_spanish(separator: str) -> None:
    assert parse_languages(f"A Movie 2001 DTS{separator}ES AC3 x264-RlsGrp") == ("unknown",)


def test_dts_guard_is_case_sensitive_and_only_before_es() -> None:
    assert parse_languages("A Movie 2001 dts-ES AC3") == ("spanish",)  # the guard reads "DTS" in capitals
    assert parse_languages("A Movie 2001 DTS ES-RlsGrp") == ("unknown",)
    assert parse_languages("A Movie 2001 DTS EN") == ("english",)  # the guard belongs to ES alone


def test_full_parse_skips_dts_es() -> None:
    parsed = parse_release_title("A Movie Name (2016) BluRay 1080p DTS-ES AC3 x264-3Li")
    assert parsed is not None and parsed.languages == ("unknown",)


# --- LanguageParser: the German DL / ML rule --------------------------------------------------------------


def test_german_dl_adds_original() -> None:
    assert parse_languages("A.Movie.2001.German.DL.1080p") == ("german", "original")
    assert parse_languages("A.Movie.2001.GER.DL.1080p") == ("german", "original")


def test_german_ml_adds_original_and_english() -> None:
    assert parse_languages("A.Movie.2001.German.ML.1080p") == ("german", "original", "english")


def test_german_dl_not_after_web() -> None:
    for text in ("WEB-DL", "WEB.DL", "WEB DL", "WEBDL", "WEB_DL"):
        assert parse_languages(f"A.Movie.2001.GERMAN.{text}.h264") == ("german",), text


def test_german_rule_counts_before_removing_duplicates() -> None:
    """Radarr checks ``languages.Count == 1`` before DistinctBy: German named twice gets no Original."""
    assert parse_languages("A.Movie.2001.German.DE.DL.1080p") == ("german",)
    assert parse_languages("A.Movie.2001.German.GER.ML.1080p") == ("german",)


# --- Parser.ParseMovieMatchCollection: alternative titles ------------------------------------------------


@pytest.mark.parametrize("separator", ["A.K.A.", "a.k.a.", "A.k.A."])
def test_aka_with_dots_is_normalised(separator: str) -> None:
    assert normalize_alternative_title_separator(f"First Name {separator} Second Name") == (
        "First Name AKA Second Name"
    )
    parsed = parse_release_title(f"First Name {separator} Second Name 1999 1080p BluRay x264-GRP")
    assert parsed is not None
    assert parsed.movie_titles == ("First Name AKA Second Name", "First Name", "Second Name")


def test_aka_normalisation_needs_spaces_around() -> None:
    assert normalize_alternative_title_separator("S.H.I.E.L.D A.K.A.Agents") == "S.H.I.E.L.D A.K.A.Agents"
    assert normalize_alternative_title_separator("Name  a.k.a.   Other") == "Name AKA Other"


def test_aka_normalised_before_dotted_parts_are_joined() -> None:
    assert rebuild_title_from_dotted_parts("Mon_cousin a.k.a. My_Cousin") == "Mon cousin AKA My Cousin"


def test_alternative_titles_split_rules() -> None:
    assert alternative_titles("One / Two") == ("One / Two", "One", "Two")
    assert alternative_titles("One (aka Two)") == ("One (aka Two)", "One", "Two")
    assert alternative_titles("Akash") == ("Akash",)
    assert alternative_titles("One/Two") == ("One/Two",)  # the separator needs spaces


# --- SceneChecker.GetSceneTitle: Radarr's cleaned ReleaseTitle ----------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("A.Movie.2013.720p.BluRay.x264-GRP", "A.Movie.2013.720p.BluRay.x264-GRP"),
        ("A.Movie.2013.720p.BluRay.x264-GRP.mkv", "A.Movie.2013.720p.BluRay.x264-GRP"),  # extension
        ("A.Movie.2013.720p.BluRay.x264-GRP_", "A.Movie.2013.720p.BluRay.x264-GRP"),  # trailing '_'
        ("A.Movie.2013.720p.BluRay.x264-GRP__-", "A.Movie.2013.720p.BluRay.x264-GRP"),  # '-' and '_' mixed
        ("_A.Movie.2013.720p.BluRay.x264-GRP", "A.Movie.2013.720p.BluRay.x264-GRP"),  # leading '_'
        ("A.Movie.2013.【1080p】.BluRay.x264-GRP", "A.Movie.2013.[1080p].BluRay.x264-GRP"),  # full-width brackets
    ],
)
def test_scene_title_is_the_cleaned_release_title(title: str, expected: str) -> None:
    assert get_scene_title(title) == expected
    assert is_scene_title(title)


def test_clean_release_title_turns_reversed_names_back_once() -> None:
    assert clean_release_title("PRG-462x.yaRulB.p0801.3102.eivoM.A.mkv") == "A.Movie.2013.1080p.BluRay.x264-GRP"


@pytest.mark.parametrize(
    "title",
    [
        "A Movie 2013 720p BluRay x264-GRP",  # a space
        "AMovie2013",  # no dot
        "A.Movie.2013.720p.BluRay.x264-",  # no group
        "A.Movie.2013.GERMAN-GRP",  # no quality
        "2013.720p.BluRay.x264-GRP",  # no title
    ],
)
def test_not_scene_titles(title: str) -> None:
    assert get_scene_title(title) is None
    assert not is_scene_title(title)


# --- ReleaseGroupParser.ExceptionReleaseGroupRegex: Radarr's list, no more ---------------------------------


def test_listed_exception_groups_end_in_a_bracket() -> None:
    from radarr_pipeline.parsing import parse_release_group

    assert parse_release_group("A Movie (2019) (1080p BluRay x265 Kametsu)") == "Kametsu"
    assert parse_release_group("A Movie (2019) [1080p BluRay x265 Tigole]") == "Tigole"
    # Names Radarr does not list are no group inside brackets ending the title...
    assert parse_release_group("A Movie (2019) (1080p BluRay x265 GiLG)") is None
    assert parse_release_group("A Movie (2019) (1080p BluRay x265 10bit Celdra)") is None
    # ... though a bracketed word at the very end still is, by ReleaseGroupRegex's "[-._ ]\[group\]$".
    assert parse_release_group("A Movie 2019 1080p BluRay x264 [GiLG]") == "GiLG"


# --- QualityParser.GermanRemuxRegex ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "quality"),
    [
        # German after the year, the disc codec and Blu-ray after it (either order): a remux.
        ("A.Movie.2016.German.DL.1080p.BluRay.AVC-GRP", "Remux-1080p"),
        ("A.Movie.2016.German.1080p.AVC.Blu-ray-GRP", "Remux-1080p"),  # DL/ML optional
        ("A.Movie.2016.German.ML.2160p.BluRay.HEVC-GRP", "Remux-2160p"),
        ("A.Movie.2016.German.DL.1080p.BluRay.MVC-GRP", "Remux-1080p"),
        ("A.Movie.2016.German.DL.1080p.BluRay.VC-1-GRP", "Remux-1080p"),
        # Not: no codec word, German before the year, or the codec only before German.
        ("A.Movie.2016.German.DL.1080p.BluRay.x264-GRP", "Bluray-1080p"),
        ("German.Movie.720p.BluRay.AVC-GRP", "Bluray-720p"),
        ("A.Movie.2016.AVC.German.DL.1080p.BluRay-GRP", "Bluray-1080p"),
    ],
)
def test_german_remux(title: str, quality: str) -> None:
    from radarr_pipeline.parsing import parse_quality

    assert parse_quality(title).quality.name == quality
