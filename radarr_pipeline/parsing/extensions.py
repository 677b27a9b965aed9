"""Media file extensions, the quality each implies, and file-extension stripping."""

from __future__ import annotations

import re
from typing import Final

from radarr_pipeline.quality.qualities import Quality, quality_by_name

_SDTV_EXTENSIONS: Final = (
    ".m4v", ".3gp", ".nsv", ".ty", ".strm", ".rm", ".rmvb", ".m3u", ".ifo", ".mov", ".qt", ".divx", ".xvid",
    ".bivx", ".nrg", ".pva", ".wmv", ".asf", ".asx", ".ogm", ".ogv", ".m2v", ".avi", ".bin", ".dat",
    ".dvr-ms", ".mpg", ".mpeg", ".mp4", ".avc", ".vp3", ".svq3", ".nuv", ".viv", ".dv", ".fli", ".flv",
    ".wpl", ".ts", ".wtv",
)
_DVD_EXTENSIONS: Final = (".img", ".iso", ".vob")
_HD_EXTENSIONS: Final = (".mkv", ".mk3d")
_BLURAY_EXTENSIONS: Final = (".m2ts",)

EXTENSION_QUALITY: Final[dict[str, Quality]] = {
    ".webm": quality_by_name("Unknown"),
    **{ext: quality_by_name("SDTV") for ext in _SDTV_EXTENSIONS},
    **{ext: quality_by_name("DVD") for ext in _DVD_EXTENSIONS},
    **{ext: quality_by_name("HDTV-720p") for ext in _HD_EXTENSIONS},
    **{ext: quality_by_name("Bluray-720p") for ext in _BLURAY_EXTENSIONS},
}

MEDIA_EXTENSIONS: Final = frozenset(EXTENSION_QUALITY)
_STRIPPABLE_EXTENSIONS: Final = MEDIA_EXTENSIONS | {".par2", ".nzb"}

_FILE_EXTENSION: Final = re.compile(r"\.[a-z0-9]{2,4}$", re.IGNORECASE)
_PATH_EXTENSION: Final = re.compile(r"\.[^./\\]*$")


def remove_file_extension(title: str) -> str:
    """Drop a trailing media, .par2 or .nzb extension (Radarr's RemoveFileExtension)."""
    if title.isascii() and "\n" not in title:
        # The pattern's only candidate is the last '.', followed by 2-4 ASCII letters or digits up to the end
        # (the non-ASCII letters IGNORECASE lets [a-z] match, and '$' before a final newline, excluded).
        dot = title.rfind(".")
        extension = title[dot:]
        if dot >= 0 and 3 <= len(extension) <= 5 and extension[1:].isalnum() and (
            extension.lower() in _STRIPPABLE_EXTENSIONS
        ):
            return title[:dot]
        return title
    match = _FILE_EXTENSION.search(title)
    if match and match.group(0).lower() in _STRIPPABLE_EXTENSIONS:
        return title[: match.start()]
    return title


def path_extension(name: str) -> str:
    """The extension of a file name as .NET's Path.GetExtension returns it ('' when none)."""
    match = _PATH_EXTENSION.search(name)
    if not match or match.group(0) == ".":
        return ""
    return match.group(0)


def quality_for_extension(name: str) -> Quality | None:
    """The quality a file extension implies, None when the extension is not a known media one."""
    return EXTENSION_QUALITY.get(path_extension(name).lower())
