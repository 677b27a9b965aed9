"""Languages named in a release title, following Radarr's LanguageParser rules.

Result: Radarr's lowercase identifiers in detection order, ``('unknown',)`` when none is named.
"""

from __future__ import annotations

import re

from radarr_pipeline.parsing.regex_tools import PrunedAlternation, lowercase_pattern, lowercase_twin

_I = re.IGNORECASE

# Whole language names found anywhere in the lower-cased title (Radarr checks these with Contains).
_NAME_WORDS: tuple[tuple[str, str], ...] = (
    ("english", "english"), ("spanish", "spanish"), ("danish", "danish"), ("dutch", "dutch"),
    ("japanese", "japanese"), ("icelandic", "icelandic"), ("mandarin", "chinese"), ("cantonese", "chinese"),
    ("chinese", "chinese"), ("korean", "korean"), ("russian", "russian"), ("romanian", "romanian"),
    ("hindi", "hindi"), ("arabic", "arabic"), ("thai", "thai"), ("bulgarian", "bulgarian"),
    ("polish", "polish"), ("vietnamese", "vietnamese"), ("swedish", "swedish"), ("norwegian", "norwegian"),
    ("finnish", "finnish"), ("turkish", "turkish"), ("portuguese", "portuguese"), ("brazilian", "portuguesebr"),
    ("hungarian", "hungarian"), ("hebrew", "hebrew"), ("ukrainian", "ukrainian"), ("persian", "persian"),
    ("bengali", "bengali"), ("slovak", "slovak"), ("latvian", "latvian"), ("latino", "spanishlatino"),
    ("catalan", "catalan"), ("tamil", "tamil"), ("telugu", "telugu"), ("malayalam", "malayalam"),
    ("kannada", "kannada"), ("albanian", "albanian"), ("afrikaans", "afrikaans"), ("marathi", "marathi"),
    ("tagalog", "tagalog"), ("urdu", "urdu"), ("romansh", "romansh"), ("romansch", "romansh"),
    ("mongolian", "mongolian"), ("khalkha", "mongolian"), ("georgian", "georgian"), ("croatian", "croatian"),
    ("serbian", "serbian"), ("bosnian", "bosnian"), ("estonian", "estonian"), ("indonesian", "indonesian"),
    ("macedonian", "macedonian"), ("slovenian", "slovenian"), ("lithuanian", "lithuanian"),
)

# Case-insensitive tokens and abbreviations: (alternative, stems every match of it contains, lower-case).
_TOKEN_ALTERNATIVES: list[tuple[str, tuple[str, ...]]] = [
    (r"(?:\W|_|^)(?P<italian>\b(?:ita|italian)\b)", ("ita",)),
    (r"(?P<german>german\b|videomann|ger[. ]dub)", ("ger", "videomann")),
    (r"(?P<flemish>flemish)", ("flemish",)),
    (r"(?P<bulgarian>bgaudio|\bBG[. ]AUDIO\b)", ("bg",)),
    (r"(?P<romanian>rodubbed)", ("rodubbed",)),
    (r"(?P<portuguesebr>dublado|\bpt[-_. ]?br\b)", ("dublado", "pt")),
    (r"(?P<greek>greek)", ("greek",)),
    (r"(?P<french>\b(?:FR|VO|VF|VFF|VFQ|VFI|VF2|TRUEFRENCH|FRENCH|FRE|FRA)\b)", ("fr", "vo", "vf")),
    (r"(?P<russian>\b(?:rus|ru)\b)", ("ru",)),
    (r"(?P<hungarian>\b(?:HUNDUB|HUN)\b)", ("hun",)),
    (r"(?P<hebrew>\b(?:HebDub|HebDubbed)\b)", ("hebdub",)),
    (r"(?P<polish>\b(?:PL\W?DUB|DUB\W?PL|LEK\W?PL|PL\W?LEK)\b)", ("pl", "dub", "lek")),
    (r"(?P<chinese>\[(?:CH[ST]|BIG5|GB)\]|简|繁|字幕)", ("[", "简", "繁", "字幕")),
    (r"(?P<ukrainian>(?:(?:\dx)?UKR))", ("ukr",)),
    (r"(?P<spanish>\b(?:español|castellano)\b)", ("español", "castellano")),
    (r"(?P<latvian>\b(?:lat|lav|lv)\b)", ("lat", "lav", "lv")),
    (r"(?P<telugu>\btel\b)", ("tel",)),
    (r"(?P<vietnamese>\bVIE\b)", ("vie",)),
    (r"(?P<japanese>\bJAP\b)", ("jap",)),
    (r"(?P<korean>\bKOR\b)", ("kor",)),
    (r"(?P<catalan>\bcatal[aà]\b)", ("catal",)),
    (r"(?P<georgian>\bgeo\b)", ("geo",)),
    (r"(?P<original>\b(?:original|orig)\b)", ("orig",)),
]
_TOKENS = re.compile("|".join(alternative for alternative, _ in _TOKEN_ALTERNATIVES), _I)
# The same on lower-cased text, compiled with only the alternatives whose stems the text holds.
_TOKENS_PRUNED = PrunedAlternation(
    [(lowercase_pattern(alternative), stems) for alternative, stems in _TOKEN_ALTERNATIVES]
)

# Short upper-case codes, only when not attached to SUB (e.g. "PL-SUB" is a subtitle, not audio).
_NOT_AFTER_SUB = r"(?<![Ss][Uu][Bb][\W_])"
_NOT_BEFORE_SUB = r"(?![\W_][Ss][Uu][Bb])"
_CASE_SENSITIVE = re.compile(
    _NOT_AFTER_SUB + r"(?:(?P<lithuanian>\bLT\b)|(?P<czech>\b(?:CZ|CZE|Cze)\b)"
    r"|(?P<german>\b(?:DE|DEU|GER|Deu|Ger)\b)|(?P<spanish>\b(?:ES|SPA|Spa)\b)|(?P<polish>\b(?:PL|POL|Pol)\b)"
    r"|(?P<bulgarian>\bBG\b)|(?P<english>\b(?:EN|ENG|Eng)\b))" + _NOT_BEFORE_SUB
    + r"|(?P<turkish>\b(?:TR|TUR|Tur)\b)|(?P<slovak>\bSK\b)|(?P<georgian_ka>\bKA\b)"
)


def _sub_guarded(alternative: str) -> str:
    return _NOT_AFTER_SUB + alternative + _NOT_BEFORE_SUB


# The same, pruned to the codes a title holds (the SUB guards repeated around each guarded code: the
# look-behind only depends on the position, so this matches exactly what the pattern above matches).
_CASE_SENSITIVE_PRUNED = PrunedAlternation(
    [
        (_sub_guarded(r"(?P<lithuanian>\bLT\b)"), ("LT",)),
        (_sub_guarded(r"(?P<czech>\b(?:CZ|CZE|Cze)\b)"), ("CZ", "Cze")),
        (_sub_guarded(r"(?P<german>\b(?:DE|DEU|GER|Deu|Ger)\b)"), ("DE", "Deu", "GER", "Ger")),
        (_sub_guarded(r"(?P<spanish>\b(?:ES|SPA|Spa)\b)"), ("ES", "SPA", "Spa")),
        (_sub_guarded(r"(?P<polish>\b(?:PL|POL|Pol)\b)"), ("PL", "POL", "Pol")),
        (_sub_guarded(r"(?P<bulgarian>\bBG\b)"), ("BG",)),
        (_sub_guarded(r"(?P<english>\b(?:EN|ENG|Eng)\b)"), ("EN", "Eng")),
        (r"(?P<turkish>\b(?:TR|TUR|Tur)\b)", ("TR", "TUR", "Tur")),
        (r"(?P<slovak>\bSK\b)", ("SK",)),
        (r"(?P<georgian_ka>\bKA\b)", ("KA",)),
    ]
)

_NON_WORD = re.compile(r"\W+")
_TOKENS_LOWER = lowercase_twin(_TOKENS)
# Necessary conditions for the token patterns above, so titles naming no language skip them:
# a \b-delimited token equals one of these words, or the text contains one of these substrings.
_CASE_SENSITIVE_WORDS = frozenset(
    (
        "LT", "CZ", "CZE", "Cze", "DE", "DEU", "GER", "Deu", "Ger", "ES", "SPA", "Spa", "PL", "POL", "Pol",
        "BG", "EN", "ENG", "Eng", "TR", "TUR", "Tur", "SK", "KA",
    )
)
_TOKEN_WORDS = frozenset(
    (
        "ita", "italian", "fr", "vo", "vf", "vff", "vfq", "vfi", "vf2", "truefrench", "french", "fre", "fra",
        "rus", "ru", "hundub", "hun", "hebdub", "hebdubbed", "pl", "dub", "lek", "pldub", "dubpl", "lekpl",
        "pllek", "español", "castellano", "lat", "lav", "lv", "tel", "vie", "jap", "kor", "catala", "català",
        "geo", "original", "orig", "pt", "ptbr", "bg",
    )
)
_TOKEN_SUBSTRINGS = (
    "german", "videomann", "ger.dub", "ger dub", "flemish", "bgaudio", "rodubbed", "dublado", "greek", "ukr",
    "简", "繁", "字幕", "[ch", "[big5", "[gb",
)


_TOKEN_SUBSTRINGS_PATTERN = re.compile("|".join(map(re.escape, _TOKEN_SUBSTRINGS)))
# Every language name, found with a look-ahead so overlapping names are all seen.
_ANY_NAME_WORD = re.compile("|".join(sorted({w for w, _ in _NAME_WORDS})))
_NAME_WORDS_PATTERN = re.compile("(?=(" + "|".join(sorted({w for w, _ in _NAME_WORDS}, key=len, reverse=True)) + "))")


def _may_name_language(title: str, lowered: str, words: set[str]) -> tuple[bool, bool]:
    """(case-sensitive codes possible, token patterns possible) by cheap set and substring tests."""
    case_sensitive = not _CASE_SENSITIVE_WORDS.isdisjoint(words)
    tokens = (
        not _TOKEN_WORDS.isdisjoint(_NON_WORD.split(lowered))
        or _TOKEN_SUBSTRINGS_PATTERN.search(lowered) is not None
    )
    return case_sensitive, tokens


def _named_languages(lowered: str) -> list[str]:
    """Languages whose English name appears anywhere, in Radarr's check order."""
    if _ANY_NAME_WORD.search(lowered) is None:  # plain alternation: much faster than the look-ahead scan
        return []
    present = set(_NAME_WORDS_PATTERN.findall(lowered))
    if not present:
        return []
    return [language for word, language in _NAME_WORDS if word in present]


GERMAN_DUAL_LANGUAGE = re.compile(r"(?<!WEB[-_. ])(?<!WEB)\bDL\b", _I)
GERMAN_MULTI_LANGUAGE = re.compile(r"\bML\b", _I)


def _group_language(group: str) -> str:
    return "georgian" if group == "georgian_ka" else group


def parse_languages(title: str) -> tuple[str, ...]:
    """Every language ``title`` names, in Radarr's detection order; ('unknown',) when none."""
    lowered = title.lower()
    found = _named_languages(lowered)
    words = set(_NON_WORD.split(title))
    case_sensitive_possible, tokens_possible = _may_name_language(title, lowered, words)
    if case_sensitive_possible:
        for match in _CASE_SENSITIVE_PRUNED.finditer(title):
            if match.lastgroup:
                found.append(_group_language(match.lastgroup))
    if tokens_possible:
        same_length = len(lowered) == len(title)
        for match in _TOKENS_PRUNED.finditer(lowered) if same_length else _TOKENS.finditer(title):
            if match.lastgroup:
                found.append(match.lastgroup)
    unique = tuple(dict.fromkeys(found))
    if not unique:
        return ("unknown",)
    if unique == ("german",):
        if "dl" in lowered and GERMAN_DUAL_LANGUAGE.search(title):
            return ("german", "original")
        if GERMAN_MULTI_LANGUAGE.search(title):
            return ("german", "original", "english")
    return unique
