"""Radarr's naming tokens: how a ``{...}`` in a format is recognised, looked up and turned into text.

A token is written ``{prefix Token Name:format suffix}``. The words may be joined by a space, ".", "_" or
"-" (the joiner then replaces the spaces of the value: ``{Movie.Title}`` -> "Movie.Title"), the case of
the token's letters sets the case of the value (``{movie title}`` / ``{MOVIE TITLE}``), ``:format`` carries
a length (``:30``, ``:-30``), a language (``{Movie Title:FR}``, ``{MediaInfo AudioLanguages:EN+DE}``) or a
custom format name. Prefix and suffix characters (``{[Quality Full]}``, ``{-Release Group}``), and an
``{imdb-...}`` / ``{edition-...}`` tag around a token, only appear when the value is not empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from radarr_pipeline.naming.cleaning import clean_name_characters, strip_control_characters
from radarr_pipeline.naming.languages import alpha2_code, languages_token
from radarr_pipeline.naming.models import MediaInfoFacts, MovieFileInfo, MovieInfo, NamingConfig
from radarr_pipeline.naming.textcase import (
    dotnet_lower,
    dotnet_title_case,
    dotnet_upper,
    is_letter,
    is_lower,
    is_upper,
)
from radarr_pipeline.naming.titles import (
    clean_title,
    clean_title_the,
    max_length_from_formatter,
    title_first_character,
    title_the,
    truncate_title,
)

TOKEN_REGEX = re.compile(
    r"(?P<tag>\{(?P<tag_prefix>[-{ ._\[(]*)(?:imdb(?:id)?-|edition-))?"
    r"\{(?P<prefix>[-{ ._\[(]*)"
    r"(?P<token>(?:[a-z0-9]+)(?:(?P<separator>[- ._]+)(?:[a-z0-9]+))?)"
    r"(?::(?P<custom_format>[ ,a-z0-9|+-]+(?<![- ])))?"
    r"(?P<suffix>[-} ._)\]]*)\}",
    re.IGNORECASE | re.ASCII,
)

_TOKEN_NAME_NOISE = re.compile(r"[\W_]+")
_ORDINAL = re.compile(r"((?:\b|_)\d{1,3}(?:st|th|rd|nd)(?:\b|_))", re.IGNORECASE)
_UPPERCASE_EDITION_WORDS = re.compile(r"((?:\b|_)(?:IMAX|3D|SDR|HDR|DV)(?:\b|_))", re.IGNORECASE)
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$", re.IGNORECASE)

# Longer values are cut before any rule runs: no path component can hold more than 255 bytes, and the
# title rules are regular expressions whose cost grows with the length of the text.
MAX_VALUE_CHARS = 1024

# Below this many characters a shrunk value is dropped rather than reduced to a stub and an ellipsis.
_MIN_SHRUNK_CHARS = 4


def simplify_token(name: str) -> str:
    """The key Radarr compares tokens by: letters and digits only, lower case ("{IMDb Id}" == "{ImdbId}")."""
    return _TOKEN_NAME_NOISE.sub("", name).lower()


@dataclass(frozen=True)
class TokenMatch:
    """One ``{...}`` of a format, split into its parts."""

    tag: str
    prefix: str
    token: str
    separator: str
    custom_format: str | None
    suffix: str

    @classmethod
    def from_regex(cls, match: re.Match[str]) -> TokenMatch:
        custom_format = match.group("custom_format")
        return cls(
            tag=match.group("tag") or "",
            prefix=match.group("prefix") or "",
            token=match.group("token"),
            separator=match.group("separator") or "",
            custom_format=custom_format if custom_format and not custom_format.isspace() else None,
            suffix=match.group("suffix") or "",
        )

    def default_value(self, value: str) -> str:
        """``value`` for a bare token, nothing when the token has a prefix or suffix."""
        return value if not self.prefix and not self.suffix else ""


@dataclass(frozen=True)
class NamingContext:
    """Everything a token handler may read while one format is rendered."""

    movie: MovieInfo
    movie_file: MovieFileInfo | None
    naming: NamingConfig
    multiple_tokens: bool = False
    shrink_to: int | None = None


TokenHandler = Callable[[NamingContext, TokenMatch], str]


@dataclass(frozen=True)
class TokenSpec:
    """A token's canonical spelling, how to compute it, and whether it may be shortened to fit a name."""

    name: str
    handler: TokenHandler
    shrinkable: bool = False


def text(value: object) -> str:
    """A raw value made safe to format: None -> "", control characters removed, absurd lengths cut."""
    if value is None:
        return ""
    return strip_control_characters(str(value)[:MAX_VALUE_CHARS])


# --- movie tokens ---------------------------------------------------------------------------------


def movie_title_for(movie: MovieInfo, iso_codes: str | None) -> str:
    """The title in the first language named by ``{Movie Title:FR|DE}`` (falling back to the title)."""
    if iso_codes:
        for code in iso_codes.split("|"):
            language = alpha2_code(code) if _LANGUAGE_CODE.match(code) else None
            if language is None:
                continue
            translations = {alpha2_code(key): title for key, title in movie.translations}
            return text(translations.get(language) or movie.title)
    return text(movie.title)


def _movie_title(ctx: NamingContext, m: TokenMatch) -> str:
    return truncate_title(movie_title_for(ctx.movie, m.custom_format), max_length_from_formatter(m.custom_format))


def _movie_clean_title(ctx: NamingContext, m: TokenMatch) -> str:
    title = clean_title(movie_title_for(ctx.movie, m.custom_format))
    return truncate_title(title, max_length_from_formatter(m.custom_format))


def _movie_title_the(ctx: NamingContext, m: TokenMatch) -> str:
    title = title_the(movie_title_for(ctx.movie, m.custom_format))
    return truncate_title(title, max_length_from_formatter(m.custom_format))


def _movie_clean_title_the(ctx: NamingContext, m: TokenMatch) -> str:
    title = clean_title_the(movie_title_for(ctx.movie, m.custom_format))
    return truncate_title(title, max_length_from_formatter(m.custom_format))


def _movie_title_first_character(ctx: NamingContext, m: TokenMatch) -> str:
    return title_first_character(title_the(movie_title_for(ctx.movie, m.custom_format)))


def _movie_title_first_character_octothorpe(ctx: NamingContext, m: TokenMatch) -> str:
    """Like TitleFirstCharacter, but every title starting with a digit is filed under "#"."""
    first = _movie_title_first_character(ctx, m)
    return "#" if first.isdigit() else first


def _movie_original_title(ctx: NamingContext, m: TokenMatch) -> str:
    return truncate_title(text(ctx.movie.original_title), max_length_from_formatter(m.custom_format))


def _movie_clean_original_title(ctx: NamingContext, m: TokenMatch) -> str:
    title = clean_title(text(ctx.movie.original_title))
    return truncate_title(title, max_length_from_formatter(m.custom_format))


def _movie_certification(ctx: NamingContext, m: TokenMatch) -> str:
    return text(ctx.movie.certification)


def _movie_collection(ctx: NamingContext, m: TokenMatch) -> str:
    return truncate_title(text(ctx.movie.collection), max_length_from_formatter(m.custom_format))


def _movie_collection_the(ctx: NamingContext, m: TokenMatch) -> str:
    return truncate_title(title_the(text(ctx.movie.collection)), max_length_from_formatter(m.custom_format))


def _movie_clean_collection_the(ctx: NamingContext, m: TokenMatch) -> str:
    collection = clean_title_the(text(ctx.movie.collection))
    return truncate_title(collection, max_length_from_formatter(m.custom_format))


def _release_year(ctx: NamingContext, m: TokenMatch) -> str:
    return str(ctx.movie.year) if ctx.movie.year else ""


def _imdb_id(ctx: NamingContext, m: TokenMatch) -> str:
    return text(ctx.movie.imdb_id)


def _tmdb_id(ctx: NamingContext, m: TokenMatch) -> str:
    return "" if ctx.movie.tmdb_id is None else str(ctx.movie.tmdb_id)


# --- movie file tokens ----------------------------------------------------------------------------


def quality_proper(movie_file: MovieFileInfo) -> str:
    if movie_file.revision_version > 1:
        return "Repack" if movie_file.is_repack else "Proper"
    return ""


def quality_real(movie_file: MovieFileInfo) -> str:
    return "REAL" if movie_file.revision_real > 0 else ""


def _quality_full(ctx: NamingContext, m: TokenMatch) -> str:
    movie_file = ctx.movie_file
    if movie_file is None or not movie_file.quality_name:
        return ""
    return f"{text(movie_file.quality_name)} {quality_proper(movie_file)} {quality_real(movie_file)}"


def _quality_title(ctx: NamingContext, m: TokenMatch) -> str:
    movie_file = ctx.movie_file
    return "" if movie_file is None else text(movie_file.quality_name)


def _quality_proper(ctx: NamingContext, m: TokenMatch) -> str:
    movie_file = ctx.movie_file
    return "" if movie_file is None or not movie_file.quality_name else quality_proper(movie_file)


def _quality_real(ctx: NamingContext, m: TokenMatch) -> str:
    movie_file = ctx.movie_file
    return "" if movie_file is None or not movie_file.quality_name else quality_real(movie_file)


def edition_tags(edition: str) -> str:
    """Radarr's edition token: title case, ordinals in lower case ("10th"), IMAX/3D/SDR/HDR/DV in upper case."""
    edition = dotnet_title_case(dotnet_lower(edition))
    edition = _ORDINAL.sub(lambda match: match.group(1).lower(), edition)
    return _UPPERCASE_EDITION_WORDS.sub(lambda match: match.group(1).upper(), edition)


def _edition_tags(ctx: NamingContext, m: TokenMatch) -> str:
    edition = text(ctx.movie_file.edition) if ctx.movie_file else ""
    if not edition.strip():
        return ""
    return truncate_title(edition_tags(edition), max_length_from_formatter(m.custom_format))


def _release_group(ctx: NamingContext, m: TokenMatch) -> str:
    if ctx.movie_file is None:
        return ""
    group = text(ctx.movie_file.release_group)
    if not group.strip():
        return m.default_value("Radarr")
    return truncate_title(group, max_length_from_formatter(m.custom_format))


def _file_stem(path: str) -> str:
    """Path.GetFileNameWithoutExtension for either separator."""
    name = re.split(r"[\\/]", path)[-1]
    stem, dot, _extension = name.rpartition(".")
    return stem if dot else name


def original_file_name(ctx: NamingContext) -> str:
    movie_file = ctx.movie_file
    if movie_file is None or ctx.multiple_tokens:
        return ""
    return _file_stem(text(movie_file.original_file_name))


def original_title(ctx: NamingContext) -> str:
    """The scene name the file was released under, else its original file name."""
    movie_file = ctx.movie_file
    if movie_file is None:
        return ""
    scene_name = text(movie_file.scene_name)
    return scene_name if scene_name.strip() else original_file_name(ctx)


def _original_title(ctx: NamingContext, m: TokenMatch) -> str:
    return original_title(ctx)


def _original_filename(ctx: NamingContext, m: TokenMatch) -> str:
    return original_file_name(ctx)


def _custom_formats(ctx: NamingContext, m: TokenMatch) -> str:
    names = [text(name) for name in ctx.movie_file.custom_formats] if ctx.movie_file else []
    wanted = m.custom_format
    if wanted:
        if wanted.startswith("-"):
            excluded = set(wanted[1:].split(","))
            names = [name for name in names if name not in excluded]
        else:
            included = set(wanted.split(","))
            names = [name for name in names if name in included]
    return " ".join(names)


def _custom_format(ctx: NamingContext, m: TokenMatch) -> str:
    if not m.custom_format or ctx.movie_file is None:
        return ""
    names = [text(name) for name in ctx.movie_file.custom_formats]
    return m.custom_format if m.custom_format in names else ""


# --- media info tokens ----------------------------------------------------------------------------


def _media_info_token(render: Callable[[MediaInfoFacts, TokenMatch], str]) -> TokenHandler:
    """Wraps a media-info rule: empty when the file has no media info."""

    def handler(ctx: NamingContext, m: TokenMatch) -> str:
        media_info = ctx.movie_file.media_info if ctx.movie_file else None
        return "" if media_info is None else render(media_info, m)

    return handler


def _video_codec(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return text(mi.video_codec)


def _video_bit_depth(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return str(mi.video_bit_depth) if mi.video_bit_depth and mi.video_bit_depth > 0 else "8"


def _video_dynamic_range(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return text(mi.video_dynamic_range)


def _video_dynamic_range_type(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return text(mi.video_dynamic_range_type)


def _audio_codec(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return text(mi.audio_codec)


def _audio_channels(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return f"{mi.audio_channels:.1f}" if mi.audio_channels and mi.audio_channels > 0 else ""


def _audio_languages(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return languages_token(tuple(map(text, mi.audio_languages)), m.custom_format, skip_english_only=True)


def _audio_languages_all(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return languages_token(tuple(map(text, mi.audio_languages)), m.custom_format, skip_english_only=False)


def _subtitle_languages(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return languages_token(tuple(map(text, mi.subtitle_languages)), m.custom_format, skip_english_only=False)


def _media_info_3d(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return "3D" if mi.is_3d else ""


def _media_info_simple(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return f"{_video_codec(mi, m)} {_audio_codec(mi, m)}"


def _media_info_full(mi: MediaInfoFacts, m: TokenMatch) -> str:
    return f"{_video_codec(mi, m)} {_audio_codec(mi, m)}{_audio_languages(mi, m)} {_subtitle_languages(mi, m)}"


def _spec(name: str, handler: TokenHandler, shrinkable: bool = False) -> tuple[str, TokenSpec]:
    return simplify_token(name), TokenSpec(name, handler, shrinkable)


TOKENS: dict[str, TokenSpec] = dict(
    [
        _spec("{Movie Title}", _movie_title, shrinkable=True),
        _spec("{Movie CleanTitle}", _movie_clean_title, shrinkable=True),
        _spec("{Movie TitleThe}", _movie_title_the, shrinkable=True),
        _spec("{Movie CleanTitleThe}", _movie_clean_title_the, shrinkable=True),
        _spec("{Movie TitleFirstCharacter}", _movie_title_first_character),
        _spec("{Movie TitleFirstCharacterOctothorpe}", _movie_title_first_character_octothorpe),
        _spec("{Movie OriginalTitle}", _movie_original_title, shrinkable=True),
        _spec("{Movie CleanOriginalTitle}", _movie_clean_original_title, shrinkable=True),
        _spec("{Movie Certification}", _movie_certification),
        _spec("{Movie Collection}", _movie_collection, shrinkable=True),
        _spec("{Movie CollectionThe}", _movie_collection_the, shrinkable=True),
        _spec("{Movie CleanCollectionThe}", _movie_clean_collection_the, shrinkable=True),
        _spec("{Release Year}", _release_year),
        _spec("{ImdbId}", _imdb_id),
        _spec("{TmdbId}", _tmdb_id),
        _spec("{Quality Full}", _quality_full),
        _spec("{Quality Title}", _quality_title),
        _spec("{Quality Proper}", _quality_proper),
        _spec("{Quality Real}", _quality_real),
        _spec("{MediaInfo Video}", _media_info_token(_video_codec)),
        _spec("{MediaInfo VideoCodec}", _media_info_token(_video_codec)),
        _spec("{MediaInfo VideoBitDepth}", _media_info_token(_video_bit_depth)),
        _spec("{MediaInfo VideoDynamicRange}", _media_info_token(_video_dynamic_range)),
        _spec("{MediaInfo VideoDynamicRangeType}", _media_info_token(_video_dynamic_range_type)),
        _spec("{MediaInfo Audio}", _media_info_token(_audio_codec)),
        _spec("{MediaInfo AudioCodec}", _media_info_token(_audio_codec)),
        _spec("{MediaInfo AudioChannels}", _media_info_token(_audio_channels)),
        _spec("{MediaInfo AudioLanguages}", _media_info_token(_audio_languages)),
        _spec("{MediaInfo AudioLanguagesAll}", _media_info_token(_audio_languages_all)),
        _spec("{MediaInfo SubtitleLanguages}", _media_info_token(_subtitle_languages)),
        _spec("{MediaInfo SubtitleLanguagesAll}", _media_info_token(_subtitle_languages)),
        _spec("{MediaInfo 3D}", _media_info_token(_media_info_3d)),
        _spec("{MediaInfo Simple}", _media_info_token(_media_info_simple)),
        _spec("{MediaInfo Full}", _media_info_token(_media_info_full)),
        _spec("{Release Group}", _release_group, shrinkable=True),
        _spec("{Edition Tags}", _edition_tags, shrinkable=True),
        _spec("{Custom Formats}", _custom_formats),
        _spec("{Custom Format}", _custom_format),
        _spec("{Original Title}", _original_title, shrinkable=True),
        _spec("{Original Filename}", _original_filename, shrinkable=True),
    ]
)


# --- rendering ------------------------------------------------------------------------------------


def apply_token_case(value: str, token: str) -> str:
    """``{movie title}`` lower-cases the value, ``{MOVIE TITLE}`` upper-cases it, mixed case keeps it."""
    letters = [char for char in token if is_letter(char)]
    if all(is_lower(char) for char in letters):
        return dotnet_lower(value)
    if all(is_upper(char) for char in letters):
        return dotnet_upper(value)
    return value


def clean_token_value(value: str, naming: NamingConfig) -> str:
    """CleanFileName with the user's settings, applied to every token value."""
    return clean_name_characters(value, naming.replace_illegal_characters, naming.colon_replacement_format)


def shrink_value(value: str, max_chars: int) -> str:
    """Shortens a long text value so a name fits its byte limit; tiny budgets drop the value."""
    if len(value) <= max_chars:
        return value
    if max_chars < _MIN_SHRUNK_CHARS:
        return ""
    return truncate_title(value, max_chars)


def render_token(match: re.Match[str], ctx: NamingContext) -> str:
    """Radarr's ReplaceToken: the value, cased, joined, cleaned, and wrapped in its tag/prefix/suffix."""
    token_match = TokenMatch.from_regex(match)
    spec = TOKENS.get(simplify_token(token_match.token))
    value = spec.handler(ctx, token_match) if spec else ""
    if spec is not None and spec.shrinkable and ctx.shrink_to is not None:
        value = shrink_value(value, ctx.shrink_to)
    value = apply_token_case(value.strip(), token_match.token)
    if token_match.separator and not token_match.separator.isspace():
        value = value.replace(" ", token_match.separator)
    value = clean_token_value(value, ctx.naming)
    if not value or value.isspace():
        return ""
    return token_match.tag + token_match.prefix + value + token_match.suffix


def render_tokens(pattern: str, ctx: NamingContext) -> str:
    return TOKEN_REGEX.sub(lambda match: render_token(match, ctx), pattern)


def count_tokens(pattern: str) -> int:
    return len(TOKEN_REGEX.findall(pattern))


def longest_shrinkable_value(pattern: str, ctx: NamingContext) -> int:
    """The length of the longest shrinkable value in ``pattern``: the upper bound of a shrink budget."""
    longest = 0
    for match in TOKEN_REGEX.finditer(pattern):
        token_match = TokenMatch.from_regex(match)
        spec = TOKENS.get(simplify_token(token_match.token))
        if spec is not None and spec.shrinkable:
            longest = max(longest, len(spec.handler(ctx, token_match)))
    return longest


def validate_format(fmt: str) -> None:
    """Raises ValueError for an empty format or one that uses a token Radarr does not know."""
    if not isinstance(fmt, str) or not fmt.strip():
        raise ValueError("naming format is empty")
    if not strip_control_characters(fmt) == fmt:
        raise ValueError(f"naming format {fmt!r} contains control characters")
    for match in TOKEN_REGEX.finditer(fmt):
        token = match.group("token")
        if simplify_token(token) not in TOKENS:
            raise ValueError(f"unknown token {{{token}}} in {fmt!r}")
