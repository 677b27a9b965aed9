"""Cleaning rules for names: illegal characters, colons, separators, reserved device names, safety.

Each rule is a small pure function; ``clean_file_name`` is Radarr's public CleanFileName.
"""

from __future__ import annotations

import re
import unicodedata

from radarr_pipeline.naming.models import normalize_colon_replacement
from radarr_pipeline.naming.titles import ELLIPSIS_MARK, truncate_utf8

# Radarr's bad characters and what replaces each when "replace illegal characters" is on
# (when it is off they are all removed). The colon has its own setting.
_ILLEGAL_CHARACTERS: tuple[tuple[str, str], ...] = (
    ("\\", "+"),
    ("/", "+"),
    ("<", ""),
    (">", ""),
    ("?", "!"),
    ("*", "-"),
    ("|", ""),
    ('"', ""),
)

_COLON_REPLACEMENTS = {
    "delete": "",
    "dash": "-",
    "space_dash": " -",
    "space_dash_space": " - ",
}

_REPEATED_SEPARATOR = re.compile(r"([- ._])\1+")
_TRAILING_SEPARATORS = re.compile(r"[- ._]+$")
_RESERVED_DEVICE_PREFIX = re.compile(r"^(?:aux|com[1-9]|con|lpt[1-9]|nul|prn)\.", re.IGNORECASE)
_RESERVED_DEVICE_NAME = re.compile(r"^(?:aux|com[1-9]|con|lpt[1-9]|nul|prn)$", re.IGNORECASE)


# Control characters (NUL, newline, escape...) never belong in a name; lone surrogates (a file name
# decoded with "surrogateescape") cannot be written back as UTF-8.
_UNWANTED_CATEGORIES = frozenset({"Cc", "Cs"})


def strip_control_characters(text: str) -> str:
    """Removes C0/C1 control characters and lone surrogates."""
    if text.isprintable():
        return text
    return "".join(char for char in text if unicodedata.category(char) not in _UNWANTED_CATEGORIES)


def replace_colons(text: str, colon_replacement_format: str) -> str:
    """Colon replacement: "smart" turns ": " into " - " and any other ":" into "-"."""
    if colon_replacement_format == "smart":
        return text.replace(": ", " - ").replace(":", "-")
    return text.replace(":", _COLON_REPLACEMENTS[colon_replacement_format])


def replace_illegal_characters(text: str, replace: bool = True) -> str:
    """Replaces (or, when ``replace`` is off, removes) the characters Windows forbids in a name."""
    for bad, good in _ILLEGAL_CHARACTERS:
        text = text.replace(bad, good if replace else "")
    return text


def clean_name_characters(name: str, replace_illegal: bool, colon_replacement_format: str) -> str:
    """The core of CleanFileName: colons per the setting (removed when replacing is off), illegal
    characters replaced or removed, leading spaces/dots and trailing spaces trimmed."""
    name = replace_colons(name, colon_replacement_format if replace_illegal else "delete")
    return replace_illegal_characters(name, replace_illegal).lstrip(" .").rstrip(" ")


def clean_file_name(
    name: str,
    *,
    replace_illegal: bool = True,
    colon_replacement_format: str = "smart",
) -> str:
    """Radarr's CleanFileName. The defaults are Radarr's NamingConfig.Default (replace, smart colons):
    "Mission: Impossible" -> "Mission - Impossible".

    Control characters are removed as well (Radarr leaves them; they are never wanted in a name).
    """
    colon_replacement_format = normalize_colon_replacement(colon_replacement_format)
    return clean_name_characters(strip_control_characters(name), replace_illegal, colon_replacement_format)


def collapse_repeated_separators(text: str) -> str:
    """ "Movie  Title..2020" -> "Movie Title.2020": a run of the same separator becomes one."""
    return _REPEATED_SEPARATOR.sub(r"\1", text)


def trim_trailing_separators(text: str) -> str:
    return _TRAILING_SEPARATORS.sub("", text)


def clean_folder_name(name: str) -> str:
    """Radarr's CleanFolderName: collapse repeated separators, trim spaces and dots at both ends."""
    return collapse_repeated_separators(name).strip(" .")


def expand_ellipsis(text: str) -> str:
    return text.replace(ELLIPSIS_MARK, "...")


def replace_reserved_device_names(name: str) -> str:
    """Windows reserves CON, PRN, AUX, NUL, COM1-9 and LPT1-9 as names, with or without an extension:
    "Con.Game" -> "Con_Game" (Radarr's rule) and a bare "CON" -> "CON_"."""
    name = _RESERVED_DEVICE_PREFIX.sub(lambda match: match.group(0).replace(".", "_"), name)
    if _RESERVED_DEVICE_NAME.match(name):
        name += "_"
    return name


def limit_component_bytes(name: str, max_bytes: int) -> str:
    """Last resort when a component is still too long: cut it at ``max_bytes`` (UTF-8, on a character
    boundary) and tidy the cut end again."""
    cut = truncate_utf8(name, max_bytes)
    return trim_trailing_separators(cut.rstrip()).rstrip(" .")


def is_safe_path_component(name: str, max_bytes: int = 255) -> bool:
    """True for a name that is exactly one path component on Linux and Windows alike: not empty, not
    "." or "..", no separator, no control character, at most ``max_bytes`` bytes of UTF-8."""
    return (
        bool(name)
        and name not in (".", "..")
        and "/" not in name
        and "\\" not in name
        and strip_control_characters(name) == name
        and len(name.encode("utf-8")) <= max_bytes
    )
