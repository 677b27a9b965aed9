"""The ``{MediaInfo AudioLanguages}`` / ``{MediaInfo SubtitleLanguages}`` tokens: ISO codes as "[EN+DE]"."""

from __future__ import annotations

from functools import lru_cache

from babelfish import Language

# ISO 639-2 codes that name a variety Radarr folds into a main language.
_EXTRA_ALIASES = {"gsw": "de", "khk": "mn", "mvf": "mn"}


@lru_cache(maxsize=512)
def alpha2_code(code: str) -> str | None:
    """ "ger"/"deu"/"de"/"de-DE" -> "DE"; None when the code names no known language."""
    lowered = code.strip().lower()
    if lowered in _EXTRA_ALIASES:
        return _EXTRA_ALIASES[lowered].upper()
    base = lowered.replace("_", "-").split("-", 1)[0]
    for parse in (Language.fromalpha2, Language, Language.fromalpha3b):
        try:
            return parse(base).alpha2.upper()
        except Exception:  # babelfish raises several kinds of error for an unknown code
            continue
    return None


def two_letter_code(code: str) -> str:
    """The two-letter upper-case code of a language, or the code as given (trimmed) when unknown."""
    return alpha2_code(code) or code.strip()


def languages_token(languages: tuple[str, ...], language_filter: str | None, *, skip_english_only: bool) -> str:
    """Radarr's GetLanguagesToken.

    Codes become two-letter upper case, duplicates and "und" are dropped. ``language_filter`` is the
    token's format: "EN+DE" keeps those (in the filter's order), "-EN" drops them, a trailing "+" adds
    "--" when something was left out. A lone "EN" is hidden for audio (``skip_english_only``).
    """
    codes: list[str] = []
    for language in languages:
        if not language or language.isspace() or language == "und":
            continue
        code = two_letter_code(language)
        if code not in codes:
            codes.append(code)

    selected = codes
    if language_filter and not language_filter.isspace():
        if language_filter.startswith("-"):
            excluded = set(language_filter.split("-"))
            selected = [code for code in codes if code not in excluded]
        else:
            selected = []
            for wanted in language_filter.split("+"):
                if wanted in codes and wanted not in selected:
                    selected.append(wanted)
        if language_filter.endswith("+") and len(selected) != len(codes):
            selected = [*selected, "--"]

    if skip_english_only and selected == ["EN"]:
        return ""
    joined = "+".join(selected)
    return f"[{joined}]" if joined.strip() else ""
