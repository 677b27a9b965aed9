"""Inputs of the naming engine: the naming settings, the movie and the movie file.

Plain frozen dataclasses, so the rest of the pipeline can build them from its own rows without
depending on how the naming engine works inside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

COLON_REPLACEMENT_FORMATS: tuple[str, ...] = ("delete", "dash", "space_dash", "space_dash_space", "smart")

# Radarr's API spells these in camelCase; accept that spelling too.
_COLON_ALIASES = {
    "spacedash": "space_dash",
    "spacedashspace": "space_dash_space",
}

# A name the importer will append an extension to must leave room for it: 255 bytes is the common limit
# of a path component (ext4, btrfs, xfs, NTFS in UTF-16 units), and ".en.forced.srt" is 14 bytes.
DEFAULT_MAX_FILE_NAME_BYTES = 240
DEFAULT_MAX_FOLDER_NAME_BYTES = 255
PATH_COMPONENT_MAX_BYTES = 255


def normalize_colon_replacement(value: str) -> str:
    """The canonical snake_case name of a colon replacement format, or ValueError naming the accepted ones."""
    key = str(value).strip().lower()
    key = _COLON_ALIASES.get(key.replace("_", "").replace("-", ""), key)
    if key not in COLON_REPLACEMENT_FORMATS:
        accepted = ", ".join(COLON_REPLACEMENT_FORMATS)
        raise ValueError(f"colon_replacement_format {value!r} is not one of: {accepted}")
    return key


@dataclass(frozen=True)
class NamingConfig:
    """Radarr's naming settings (Settings > Media Management); the configuration file's ``naming`` section."""

    # Read by pydantic when the configuration file is loaded: a misspelt key is an error, not ignored.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    rename_movies: bool = True
    replace_illegal_characters: bool = True
    colon_replacement_format: str = "smart"
    standard_movie_format: str = "{Movie Title} ({Release Year}) {Quality Full}"
    movie_folder_format: str = "{Movie Title} ({Release Year})"
    max_file_name_bytes: int = DEFAULT_MAX_FILE_NAME_BYTES
    max_folder_name_bytes: int = DEFAULT_MAX_FOLDER_NAME_BYTES

    def __post_init__(self) -> None:
        object.__setattr__(self, "colon_replacement_format", normalize_colon_replacement(self.colon_replacement_format))
        for name in ("max_file_name_bytes", "max_folder_name_bytes"):
            limit = getattr(self, name)
            if not isinstance(limit, int) or not 16 <= limit <= PATH_COMPONENT_MAX_BYTES:
                raise ValueError(f"{name} must be an integer between 16 and {PATH_COMPONENT_MAX_BYTES}, got {limit!r}")


@dataclass(frozen=True)
class MovieInfo:
    """What the naming tokens read from a movie.

    ``translations`` maps a language code (``"fr"``, ``"de"``...) to the movie's title in that language;
    it feeds ``{Movie Title:FR}``.
    """

    title: str
    year: int | None = None
    original_title: str | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    collection: str | None = None
    certification: str | None = None
    translations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MediaInfoFacts:
    """Media facts already formatted the way Radarr's MediaInfoFormatter shows them.

    ``video_codec`` ("x264", "h265", "AV1"...), ``audio_codec`` ("DTS-HD MA", "EAC3 Atmos"...),
    ``audio_channels`` as a float (5.1), ``video_dynamic_range`` ("HDR" or ""), ``video_dynamic_range_type``
    ("DV HDR10", "HDR10Plus"...), languages as the container lists them ("eng", "ger", "fre", "en"...).
    """

    video_codec: str | None = None
    video_bit_depth: int = 0
    video_dynamic_range: str = ""
    video_dynamic_range_type: str = ""
    audio_codec: str | None = None
    audio_channels: float = 0.0
    audio_languages: tuple[str, ...] = ()
    subtitle_languages: tuple[str, ...] = ()
    is_3d: bool = False


@dataclass(frozen=True)
class MovieFileInfo:
    """What the naming tokens read from a movie file.

    ``custom_formats`` lists the names of the matching custom formats that are marked "include in
    renaming", in the order Radarr would show them.
    """

    quality_name: str | None = "Unknown"
    revision_version: int = 1
    revision_real: int = 0
    is_repack: bool = False
    release_group: str | None = None
    edition: str | None = None
    original_file_name: str | None = None
    scene_name: str | None = None
    custom_formats: tuple[str, ...] = field(default=())
    media_info: MediaInfoFacts | None = None
