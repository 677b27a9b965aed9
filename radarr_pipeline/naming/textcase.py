"""Character rules that .NET applies and Python spells differently (casing, title case, accents).

Radarr runs on .NET; where ``str.upper`` or ``str.title`` would give another answer than
``ToUpper``/``TextInfo.ToTitleCase``, these helpers give the .NET one.
"""

from __future__ import annotations

import unicodedata

# Letters that carry no combining mark to strip but that Radarr's RemoveDiacritics still folds to ASCII.
_FOLDED_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "TH",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
        "ŀ": "l",
        "Ŀ": "L",
        "ŧ": "t",
        "Ŧ": "T",
    }
)

# Marks are stripped only from letters of the Latin, Greek and Cyrillic blocks: stripping every
# non-spacing mark would mangle scripts (Devanagari, Hebrew, Arabic...) where marks are not accents.
_ACCENTED_SCRIPTS_END = 0x0530

# .NET TextInfo.ToTitleCase: these Unicode categories end a word; letters, marks and digits do not.
_WORD_SEPARATOR_CATEGORIES = frozenset(
    {"Zs", "Zl", "Zp", "Cc", "Cf", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"}
)


def remove_diacritics(text: str) -> str:
    """ "Beyoncé" -> "Beyonce", "Æon" -> "AEon"; Hangul and other scripts are left alone."""
    text = text.translate(_FOLDED_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    base = ""
    for char in decomposed:
        if unicodedata.category(char) == "Mn" and base and ord(base) < _ACCENTED_SCRIPTS_END:
            continue
        if not unicodedata.combining(char):
            base = char
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def dotnet_upper(text: str) -> str:
    """Upper case one character at a time, like .NET (which never turns "ß" into "SS")."""
    return "".join(upper if len(upper := char.upper()) == 1 else char for char in text)


def dotnet_lower(text: str) -> str:
    """Lower case one character at a time, like .NET (which never lengthens a string)."""
    return "".join(lower if len(lower := char.lower()) == 1 else char for char in text)


def is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def is_letter_or_digit(char: str) -> bool:
    category = unicodedata.category(char)
    return category.startswith("L") or category == "Nd"


def is_lower(char: str) -> bool:
    return unicodedata.category(char) == "Ll"


def is_upper(char: str) -> bool:
    return unicodedata.category(char) == "Lu"


def _is_word_separator(char: str) -> bool:
    return unicodedata.category(char) in _WORD_SEPARATOR_CATEGORIES


def dotnet_title_case(text: str) -> str:
    """TextInfo.ToTitleCase on already lower-cased text.

    A word starts at a letter and runs until a separator (space, punctuation, symbol); digits and
    apostrophes belong to the word, so "director's cut" -> "Director's Cut" and "2nd" -> "2Nd".
    """
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        index += 1
        if not is_letter(char):
            out.append(char)
            continue
        title = char.title()
        out.append(title if len(title) == 1 else char)
        while index < length and (text[index] == "'" or not _is_word_separator(text[index])):
            out.append(text[index])
            index += 1
    return "".join(out)
