"""Radarr's languages (ids and lowercase identifiers) and the ISO 639 code table (IsoLanguages.Find)."""

from __future__ import annotations

from dataclasses import dataclass

# (id, identifier, display name) as in Radarr's Language.cs.
LANGUAGES: tuple[tuple[int, str, str], ...] = (
    (0, "unknown", "Unknown"), (1, "english", "English"), (2, "french", "French"), (3, "spanish", "Spanish"),
    (4, "german", "German"), (5, "italian", "Italian"), (6, "danish", "Danish"), (7, "dutch", "Dutch"),
    (8, "japanese", "Japanese"), (9, "icelandic", "Icelandic"), (10, "chinese", "Chinese"),
    (11, "russian", "Russian"), (12, "polish", "Polish"), (13, "vietnamese", "Vietnamese"),
    (14, "swedish", "Swedish"), (15, "norwegian", "Norwegian"), (16, "finnish", "Finnish"),
    (17, "turkish", "Turkish"), (18, "portuguese", "Portuguese"), (19, "flemish", "Flemish"),
    (20, "greek", "Greek"), (21, "korean", "Korean"), (22, "hungarian", "Hungarian"), (23, "hebrew", "Hebrew"),
    (24, "lithuanian", "Lithuanian"), (25, "czech", "Czech"), (26, "hindi", "Hindi"),
    (27, "romanian", "Romanian"), (28, "thai", "Thai"), (29, "bulgarian", "Bulgarian"),
    (30, "portuguesebr", "Portuguese (Brazil)"), (31, "arabic", "Arabic"), (32, "ukrainian", "Ukrainian"),
    (33, "persian", "Persian"), (34, "bengali", "Bengali"), (35, "slovak", "Slovak"), (36, "latvian", "Latvian"),
    (37, "spanishlatino", "Spanish (Latino)"), (38, "catalan", "Catalan"), (39, "croatian", "Croatian"),
    (40, "serbian", "Serbian"), (41, "bosnian", "Bosnian"), (42, "estonian", "Estonian"), (43, "tamil", "Tamil"),
    (44, "indonesian", "Indonesian"), (45, "telugu", "Telugu"), (46, "macedonian", "Macedonian"),
    (47, "slovenian", "Slovenian"), (48, "malayalam", "Malayalam"), (49, "kannada", "Kannada"),
    (50, "albanian", "Albanian"), (51, "afrikaans", "Afrikaans"), (52, "marathi", "Marathi"),
    (53, "tagalog", "Tagalog"), (54, "urdu", "Urdu"), (55, "romansh", "Romansh"), (56, "mongolian", "Mongolian"),
    (57, "georgian", "Georgian"), (-1, "any", "Any"), (-2, "original", "Original"),
)

LANGUAGE_IDS: dict[str, int] = {identifier: lid for lid, identifier, _ in LANGUAGES}
LANGUAGE_NAMES: dict[str, str] = {identifier: name for _, identifier, name in LANGUAGES}


@dataclass(frozen=True)
class IsoLanguage:
    """One ISO 639 entry: two-letter code, optional country, three-letter codes (T first), language."""

    two_letter: str
    country: str
    three_letter: tuple[str, ...]
    language: str


def _iso(two: str, three: str, language: str, country: str = "") -> IsoLanguage:
    return IsoLanguage(two, country, tuple(three.split()), language)


ISO_LANGUAGES: tuple[IsoLanguage, ...] = (
    _iso("en", "eng", "english"),
    _iso("fr", "fra fre", "french", "fr"),
    _iso("es", "spa", "spanish", "es"),
    _iso("de", "deu ger", "german", "de"),
    _iso("it", "ita", "italian"),
    _iso("da", "dan", "danish"),
    _iso("nl", "nld dut", "dutch"),
    _iso("ja", "jpn", "japanese"),
    _iso("is", "isl ice", "icelandic"),
    _iso("zh", "zho chi", "chinese"),
    _iso("ru", "rus", "russian"),
    _iso("pl", "pol", "polish"),
    _iso("vi", "vie", "vietnamese"),
    _iso("sv", "swe", "swedish"),
    _iso("no", "nor", "norwegian"),
    _iso("nb", "nob", "norwegian"),
    _iso("fi", "fin", "finnish"),
    _iso("tr", "tur", "turkish"),
    _iso("pt", "por", "portuguese", "pt"),
    _iso("el", "ell gre", "greek"),
    _iso("ko", "kor", "korean"),
    _iso("hu", "hun", "hungarian"),
    _iso("he", "heb", "hebrew"),
    _iso("lt", "lit", "lithuanian"),
    _iso("cs", "ces cze", "czech"),
    _iso("hi", "hin", "hindi"),
    _iso("ro", "ron rum", "romanian"),
    _iso("th", "tha", "thai"),
    _iso("bg", "bul", "bulgarian"),
    _iso("pt", "", "portuguesebr", "br"),
    _iso("ar", "ara", "arabic"),
    _iso("uk", "ukr", "ukrainian"),
    _iso("fa", "fas per", "persian"),
    _iso("bn", "ben", "bengali"),
    _iso("sk", "slk slo", "slovak"),
    _iso("lv", "lav", "latvian"),
    _iso("es", "", "spanishlatino", "mx"),
    _iso("ca", "cat", "catalan"),
    _iso("hr", "hrv", "croatian"),
    _iso("sr", "srp", "serbian"),
    _iso("bs", "bos", "bosnian"),
    _iso("et", "est", "estonian"),
    _iso("ta", "tam", "tamil"),
    _iso("id", "ind", "indonesian"),
    _iso("te", "tel", "telugu"),
    _iso("mk", "mkd mac", "macedonian"),
    _iso("sl", "slv", "slovenian"),
    _iso("ml", "mal", "malayalam"),
    _iso("kn", "kan", "kannada"),
    _iso("sq", "sqi alb", "albanian"),
    _iso("af", "afr", "afrikaans"),
    _iso("mr", "mar", "marathi"),
    _iso("tl", "tgl", "tagalog"),
    _iso("ur", "urd", "urdu"),
    _iso("rm", "roh", "romansh"),
    _iso("mn", "mon khk mvf", "mongolian"),
    _iso("ka", "kat geo", "georgian"),
)


def iso_language_find(code: str) -> IsoLanguage | None:
    """IsoLanguages.Find: 'en', 'eng', 'en-GB', 'pt-BR'... -> the entry, None when unknown or invalid.

    With a region part, an entry for that exact country wins; otherwise only entries without a country
    qualify (so 'fr-CA' is unknown while 'en-GB' is English).
    """
    parts = code.strip().lower().split("-")
    lang = parts[0]
    if len(lang) == 2:
        candidates = [iso for iso in ISO_LANGUAGES if iso.two_letter == lang]
        if len(parts) > 1:
            region = parts[1]
            exact = [iso for iso in candidates if iso.country == region]
            candidates = exact or [iso for iso in candidates if not iso.country]
        return candidates[0] if candidates else None
    if len(lang) == 3 and len(parts) == 1:
        return next((iso for iso in ISO_LANGUAGES if lang in iso.three_letter), None)
    return None
