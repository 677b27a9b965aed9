"""Languages named in a release title, following Radarr's LanguageParser rules.

Result: Radarr's lowercase identifiers in detection order, ``('unknown',)`` when none is named.
"""

from __future__ import annotations

import re
from typing import Final

from radarr_pipeline.parsing.regex_tools import (
    PrunedAlternation,
    ascii_words,
    first_char_guarded,
    literal_alternation,
    lowercase_pattern,
    lowercase_twin,
)

_I: Final = re.IGNORECASE

# LanguageParser.ParseLanguages' chain of ``lowerTitle.Contains(...)`` checks, in its order: a whole
# language name anywhere in the lower-cased title, even inside a word. Only these names: the other
# languages are found by the patterns below or not at all (Radarr has no "croatian" check, for one).
_NAME_WORDS: Final[tuple[tuple[str, str], ...]] = (
    ("english", "english"), ("spanish", "spanish"), ("danish", "danish"), ("dutch", "dutch"),
    ("japanese", "japanese"), ("icelandic", "icelandic"), ("mandarin", "chinese"), ("cantonese", "chinese"),
    ("chinese", "chinese"), ("korean", "korean"), ("russian", "russian"), ("romanian", "romanian"),
    ("hindi", "hindi"), ("arabic", "arabic"), ("thai", "thai"), ("bulgarian", "bulgarian"),
    ("polish", "polish"), ("vietnamese", "vietnamese"), ("swedish", "swedish"), ("norwegian", "norwegian"),
    ("finnish", "finnish"), ("turkish", "turkish"), ("portuguese", "portuguese"), ("brazilian", "portuguesebr"),
    ("hungarian", "hungarian"), ("hebrew", "hebrew"), ("ukrainian", "ukrainian"), ("persian", "persian"),
    ("bengali", "bengali"), ("slovak", "slovak"), ("latvian", "latvian"), ("latino", "spanishlatino"),
    ("tamil", "tamil"), ("telugu", "telugu"), ("malayalam", "malayalam"), ("kannada", "kannada"),
    ("albanian", "albanian"), ("afrikaans", "afrikaans"), ("marathi", "marathi"), ("tagalog", "tagalog"),
)

# LanguageParser.LanguageRegex (case-insensitive), one alternative per named group, in Radarr's order:
# (alternative, stems). A stem is a lower-case piece every match of the alternative contains; a stem
# that is a whole word (the alternative is "\b...\b" around word characters) is marked by a leading
# "=", meaning it must equal one of the title's \W-separated words, not merely appear in it.
# Radarr's group "brazilian" is our "portuguesebr". The "(?:\W|_|^)" prefix belongs to the english
# alternative only (alternation binds looser than concatenation in Radarr's pattern too).
_TOKEN_ALTERNATIVES: Final[list[tuple[str, tuple[str, ...]]]] = [
    (r"(?:\W|_|^)(?P<english>\beng\b)", ("=eng",)),
    (r"(?P<italian>\b(?:ita|italian)\b)", ("=ita", "=italian")),
    (r"(?P<german>(?:swiss)?german\b|videomann|ger[. ]dub|\bger\b)", ("ger", "videomann")),
    (r"(?P<flemish>flemish)", ("flemish",)),
    (r"(?P<bulgarian>bgaudio)", ("bgaudio",)),
    (r"(?P<romanian>rodubbed)", ("rodubbed",)),
    (r"(?P<portuguesebr>\b(?:dublado|pt-BR)\b)", ("dublado", "pt-br")),
    (r"(?P<greek>greek)", ("greek",)),
    (
        r"(?P<french>\b(?:FR|VO|VF|VFF|VFQ|VFI|VF2|TRUEFRENCH|FRENCH|FRE|FRA)\b)",
        ("=fr", "=vo", "=vf", "=vff", "=vfq", "=vfi", "=vf2", "=truefrench", "=french", "=fre", "=fra"),
    ),
    (r"(?P<russian>\b(?:rus|ru)\b)", ("=rus", "=ru")),
    (r"(?P<hungarian>\b(?:HUNDUB|HUN)\b)", ("=hundub", "=hun")),
    (r"(?P<hebrew>\b(?:HebDub|HebDubbed)\b)", ("=hebdub", "=hebdubbed")),
    (r"(?P<polish>\b(?:PL\W?DUB|DUB\W?PL|LEK\W?PL|PL\W?LEK)\b)", ("pl",)),
    (r"(?P<chinese>\[(?:CH[ST]|BIG5|GB)\]|简|繁|字幕)", ("[ch", "[big5", "[gb", "简", "繁", "字幕")),
    (r"(?P<ukrainian>(?:(?:\dx)?UKR))", ("ukr",)),
    (r"(?P<spanish>\b(?:español|castellano)\b)", ("=español", "=castellano")),
    (r"(?P<catalan>\b(?:catalan?|catalán|català)\b)", ("=catala", "=catalan", "=catalán", "=català")),
    (r"(?P<latvian>\b(?:lat|lav|lv)\b)", ("=lat", "=lav", "=lv")),
    (r"(?P<telugu>\btel\b)", ("=tel",)),
    (r"(?P<vietnamese>\bVIE\b)", ("=vie",)),
    (r"(?P<japanese>\bJAP\b)", ("=jap",)),
    (r"(?P<korean>\bKOR\b)", ("=kor",)),
    (r"(?P<urdu>\burdu\b)", ("=urdu",)),
    (r"(?P<romansh>\b(?:romansh|rumantsch|romansch)\b)", ("=romansh", "=rumantsch", "=romansch")),
    (r"(?P<mongolian>\b(?:mongolian|khalkha)\b)", ("=mongolian", "=khalkha")),
    (r"(?P<georgian>\b(?:georgian|geo|ka|kat)\b)", ("=georgian", "=geo", "=ka", "=kat")),
    (r"(?P<original>\b(?:orig|original)\b)", ("=orig", "=original")),
]
_TOKENS: Final = re.compile("|".join(alternative for alternative, _ in _TOKEN_ALTERNATIVES), _I)
# Every \W-separated word a whole-word stem names, and every other stem (searched as a substring).
_TOKEN_WORDS: Final = frozenset(stem[1:] for _, stems in _TOKEN_ALTERNATIVES for stem in stems if stem.startswith("="))
_TOKEN_SUBSTRINGS: Final = tuple(
    dict.fromkeys(stem for _, stems in _TOKEN_ALTERNATIVES for stem in stems if not stem.startswith("="))
)
# The same on lower-cased text, compiled with only the alternatives whose stems the text holds (a
# whole-word stem is looked for as a substring there: a superset, so no match is lost).
_TOKENS_PRUNED: Final = PrunedAlternation(
    [
        (lowercase_pattern(alternative), tuple(stem.lstrip("=") for stem in stems))
        for alternative, stems in _TOKEN_ALTERNATIVES
    ]
)

# LanguageParser.CaseSensitiveLanguageRegex: short upper-case codes, only when not attached to SUB
# ("PL-SUB", "SUB.DE" name subtitles, not audio); the SUB guards are case-insensitive, the codes are
# not. "[\W|_|^]" in Radarr's guards is [\W_] ('|' and '^' are \W already).
_NOT_AFTER_SUB: Final = r"(?<![Ss][Uu][Bb][\W_])"
_NOT_BEFORE_SUB: Final = r"(?![\W_][Ss][Uu][Bb])"
# The DTS guard "(?<!DTS[._ -])ES" keeps the audio codec DTS-ES from reading as Spanish.
_DTS_GUARD: Final = r"(?<!DTS[._ -])"
_CASE_SENSITIVE_CODES: Final[tuple[tuple[str, str], ...]] = (
    (r"(?P<english>\bEN\b)", "EN"),
    (r"(?P<lithuanian>\bLT\b)", "LT"),
    (r"(?P<czech>\bCZ\b)", "CZ"),
    (r"(?P<polish>\bPL\b)", "PL"),
    (r"(?P<bulgarian>\bBG\b)", "BG"),
    (r"(?P<slovak>\bSK\b)", "SK"),
    (r"(?P<german>\bDE\b)", "DE"),
    (r"(?P<spanish>\b" + _DTS_GUARD + r"ES\b)", "ES"),
)
_CASE_SENSITIVE: Final = re.compile(
    _NOT_AFTER_SUB + "(?:" + "|".join(code for code, _ in _CASE_SENSITIVE_CODES) + ")" + _NOT_BEFORE_SUB
)


def _sub_guarded(alternative: str) -> str:
    return _NOT_AFTER_SUB + alternative + _NOT_BEFORE_SUB


# The same, pruned to the codes a title holds (the SUB guards repeated around each code: the
# look-arounds only depend on the position, so this matches exactly what the pattern above matches).
_CASE_SENSITIVE_PRUNED = PrunedAlternation([(_sub_guarded(code), (word,)) for code, word in _CASE_SENSITIVE_CODES])
_CASE_SENSITIVE_WORDS: Final = frozenset(word for _, word in _CASE_SENSITIVE_CODES)

_NON_WORD: Final = re.compile(r"\W+")
_TOKENS_LOWER: Final = lowercase_twin(_TOKENS)
_TOKEN_SUBSTRINGS_PATTERN: Final = literal_alternation(_TOKEN_SUBSTRINGS)
# Any language name (one search tells whether the title holds one).
_ANY_NAME_WORD: Final = literal_alternation({w for w, _ in _NAME_WORDS})


def _words_of(title: str) -> set[str]:
    """The non-empty words of ``_NON_WORD.split(title)`` (the empty ones it gives at a non-word start or end
    name no language); an ASCII title is split by a byte translation, much faster than the pattern."""
    if title.isascii():
        return set(ascii_words(title))
    return set(_NON_WORD.split(title)) - {""}


def _may_name_language(
    title: str, lowered: str, words: set[str], lowered_words: set[str] | None = None
) -> tuple[bool, bool]:
    """(case-sensitive codes possible, token patterns possible) by cheap set and substring tests.
    ``lowered_words`` is ``set(_NON_WORD.split(lowered))`` when the caller has it."""
    case_sensitive = not _CASE_SENSITIVE_WORDS.isdisjoint(words)
    tokens = (
        not _TOKEN_WORDS.isdisjoint(_NON_WORD.split(lowered) if lowered_words is None else lowered_words)
        or _TOKEN_SUBSTRINGS_PATTERN.search(lowered) is not None
    )
    return case_sensitive, tokens


def named_word_indexes(lowered: str) -> list[int]:
    """Indexes into ``_NAME_WORDS`` of the names ``lowered`` holds anywhere (Radarr's ``Contains`` checks), in
    its order; one search first tells whether it holds any (most titles hold none)."""
    if _ANY_NAME_WORD.search(lowered) is None:
        return []
    return [index for index, (word, _) in enumerate(_NAME_WORDS) if word in lowered]


def _named_languages(lowered: str) -> list[str]:
    """Languages whose English name appears anywhere, in Radarr's check order."""
    return [_NAME_WORDS[index][1] for index in named_word_indexes(lowered)]


# LanguageParser.GermanDualLanguageRegex "(?<!WEB[-_. ]?)\bDL\b" (a variable-width look-behind, two here)
# and GermanMultiLanguageRegex "\bML\b".
GERMAN_DUAL_LANGUAGE: Final = first_char_guarded(r"(?<!WEB[-_. ])(?<!WEB)\bDL\b", _I)
GERMAN_MULTI_LANGUAGE: Final = first_char_guarded(r"\bML\b", _I)


def _group_language(group: str) -> str:
    """The language a named group stands for (the group names are the languages' identifiers)."""
    return group


def german_extras(found: list[str], title: str, lowered: str) -> tuple[str, ...]:
    """ParseLanguages' German rule: when German is the one language found (once: Radarr counts the list
    before removing duplicates), "DL" adds Original, else "ML" adds Original and English."""
    if len(found) != 1 or found[0] != "german":
        return ()
    if "dl" in lowered and GERMAN_DUAL_LANGUAGE.search(title):
        return ("original",)
    if "ml" in lowered and GERMAN_MULTI_LANGUAGE.search(title):
        return ("original", "english")
    return ()


def parse_languages(title: str) -> tuple[str, ...]:
    """Every language ``title`` names, in Radarr's detection order; ('unknown',) when none.

    Radarr's order: the Contains names, then the case-sensitive codes, then the LanguageRegex matches,
    duplicates removed (the first one kept).
    """
    lowered = title.lower()
    found = _named_languages(lowered)
    words = _words_of(title)
    # An ASCII title's words, lower-cased, are its lower-cased text's words (\W is the same there).
    lowered_words = {word.lower() for word in words} if title.isascii() else None
    case_sensitive_possible, tokens_possible = _may_name_language(title, lowered, words, lowered_words)
    if case_sensitive_possible:
        for match in _CASE_SENSITIVE_PRUNED.finditer(title):
            if match.lastgroup:
                found.append(_group_language(match.lastgroup))
    if tokens_possible:
        same_length = len(lowered) == len(title)
        for match in _TOKENS_PRUNED.finditer(lowered) if same_length else _TOKENS.finditer(title):
            if match.lastgroup:
                found.append(match.lastgroup)
    if not found:
        return ("unknown",)
    return tuple(dict.fromkeys(found)) + german_extras(found, title, lowered)
