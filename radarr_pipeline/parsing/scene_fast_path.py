"""Fast path for the common scene shape ``Title.Words.YEAR.TOKEN.TOKEN...-GROUP[.ext]``.

One pass splits the name into title words, year, tail tokens and group; quality and languages come
from the token table (``scene_tokens``) instead of the whole-title pattern scans. The fast path only
answers when it is sure its answer is the full parser's (an "I am sure" gate); otherwise it returns
None and the caller runs the full parser. Every gate below says which full-parser step it stands for.

Gates:
* the name is ASCII letters, digits, '.' and '-' only (no brackets, spaces, underscores, sites);
* title words are letters only, then a 4-digit year (18xx-20xx): the NORMAL title pattern then takes
  exactly the words before the year, provided no earlier pattern can match (no edition word and no
  German/TrueFrench in the title words, nor anywhere with an 18xx year; no other year-like number
  after the year);
* every tail token is in the table and no two neighbours form a cross-token match (``PAIR_RULES``);
* the title words and the group say nothing to the quality patterns (``_QUALITY_WORD``);
* the group is the last '-word', found by the release-group rules, and appears only once.
"""

from __future__ import annotations

import re

from radarr_pipeline.parsing import language_parser as lang
from radarr_pipeline.parsing import scene_tokens
from radarr_pipeline.parsing.extensions import _STRIPPABLE_EXTENSIONS
from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.quality_parser import (
    parse_hardcoded_subs,
    quality_name_model,
    with_extension_fallback,
)
from radarr_pipeline.parsing.release_group import (
    EXCEPTION_GROUP_EXACT,
    INVALID_GROUP,
    _dash_group_at,
    _last,
    _may_name_exact_group,
    is_group_suffix_noise,
)
from radarr_pipeline.parsing.title_parser import (
    _may_hold_edition,
    alternative_titles,
    parse_edition,
    parse_imdb_id,
    parse_tmdb_id,
    rebuild_title_from_dotted_parts,
)
from radarr_pipeline.quality.qualities import Revision

_SCENE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9]")
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")

# Word beginnings some quality pattern can start a match with (SOURCE, RESOLUTION, UHD, VERSION,
# PROPER, REPACK, REAL, RAW_HD all start their matches at a word boundary; a title word or group
# beginning otherwise cannot take part in a match). "\b" where the pattern needs the word to end.
_QUALITY_STARTS = (
    r"m?blu|hd|bd|uhd|br[-_. ]?disk|brrip|web|amazon|itunes|maxdome|netflix|hbomax|disney|amzn|nf|dp"
    r"|\d?x?m?dvd|xvidvd|ws|dsr|r\d|regional|scr\b|screener|ts(?:[-_. ]|rip|$)|telesync|telecine|pdvd|pdtv"
    r"|tc\b|cam\b|camrip|newcam|hqcam|workprint|wp\b|sdtv|tvrip|\d|fhd|hevc|h\.?2|4k"
    r"|proper|repack|rerip|real\b|raw"
)
_QUALITY_WORD = re.compile(r"(?:^|[.-])(?:" + _QUALITY_STARTS + ")")
# Inside a group: VERSION's repack2 / rerip2 / 1v2 need no word boundary.
_GROUP_INNER = re.compile(r"repack|rerip|\dv\d")


def _split_extension(title: str) -> tuple[str, str] | None:
    """(name, extension) as ``remove_file_extension`` splits it; None for an extension the quality
    patterns could read (the token table assumes the extension says nothing)."""
    dot = title.rfind(".")
    extension = title[dot:]
    if 3 <= len(extension) <= 5 and extension[1:].isalnum() and extension.lower() in _STRIPPABLE_EXTENSIONS:
        return (title[:dot], extension) if extension.lower() in scene_tokens.INERT_EXTENSIONS else None
    return title, ""


def _title_words_end(pieces: list[str]) -> int:
    """Index of the year piece after letters-only title words, -1 when the name is not shaped so."""
    for index, piece in enumerate(pieces):
        if not piece.isalpha():
            if index and len(piece) == 4 and piece.isdigit() and piece[:2] in ("18", "19", "20"):
                return index
            return -1
    return -1


def _tail_tokens(pieces: list[str]) -> list[scene_tokens.TokenInfo] | None:
    """Table entries for the pieces after the year (two-piece tokens joined), None if any is unknown."""
    table = scene_tokens.TOKENS
    compounds = scene_tokens.COMPOUND_FIRSTS
    infos: list[scene_tokens.TokenInfo] = []
    index, count = 0, len(pieces)
    while index < count:
        piece = pieces[index]
        if index + 1 < count and piece in compounds and pieces[index + 1] in compounds[piece]:
            info = table[piece + "." + pieces[index + 1]]
            index += 2
        else:
            info = table.get(piece)
            if info is None:
                return None
            index += 1
        infos.append(info)
    return infos


def _neighbours_independent(year: str, infos: list[scene_tokens.TokenInfo], group: str) -> bool:
    """No two neighbours (year, tokens, group) can be read as one match across their separator."""
    previous_right = scene_tokens.YEAR_RIGHT_MASKS[year]
    previous_takes_next_separator = False
    for info in infos:
        if previous_right & info.left or (previous_takes_next_separator and info.seps & 1):
            return False
        previous_right = info.right
        previous_takes_next_separator = bool(info.seps & 2)
    return not (previous_right and previous_right & scene_tokens.left_mask(group.lower()))


def _revision(infos: list[scene_tokens.TokenInfo]) -> tuple[Revision, bool]:
    """``parse_revision`` from the tokens' VERSION / PROPER / REPACK / REAL readings."""
    found: int | None = None
    proper = repack = False
    real = 0
    for info in infos:
        if found is None:
            found = info.version
        proper = proper or info.proper
        repack = repack or info.repack
        real += info.real
    version = found if found is not None else 1
    if proper:
        version = version + 1 if found is not None else 2
    if repack:
        version = version + 1 if found is not None else 2
    detected = found is not None or proper or repack or bool(real)
    return Revision(version=version, real=real, is_repack=repack), detected


def _resolution(infos: list[scene_tokens.TokenInfo]) -> int:
    """``parse_resolution``: the first RESOLUTION reading, else 2160 for a bare UHD, else 0."""
    for info in infos:
        if info.resolution is not None:
            return info.resolution
    return 2160 if any(info.uhd for info in infos) else 0


def _last_source(infos: list[scene_tokens.TokenInfo]) -> str | None:
    for info in reversed(infos):
        if info.sources:
            return info.sources[-1]
    return None


def _languages(infos: list[scene_tokens.TokenInfo], language_source: str) -> tuple[str, ...]:
    """``parse_languages(language_source)`` from the tokens' readings (same order, same German rule)."""
    named: set[str] = set()
    for info in infos:
        named |= info.named
    found = [language for word, language in lang._NAME_WORDS if word in named] if named else []
    if any(info.case_sensitive_possible for info in infos):
        for info in infos:
            found += info.case_sensitive
    if any(info.tokens_possible for info in infos):
        for info in infos:
            found += info.tokens
    unique = tuple(dict.fromkeys(found))
    if not unique:
        return ("unknown",)
    if unique == ("german",):
        return lang.parse_languages(language_source)
    return unique


def _release_group(simple_release_title: str, last_token_start: int, group: str) -> bool:
    """Whether the release-group rules give ``group`` for this name (the caller falls back if not).

    Only the last tail token and the group can matter: table tokens name no exception group, and the
    rules' dash matches stop at '.', so dashes in earlier tokens cannot reach the group's dash.
    """
    if is_group_suffix_noise(group):
        return False
    ending = simple_release_title[last_token_start:]
    if _may_name_exact_group(ending.lower()):
        exact = _last(EXCEPTION_GROUP_EXACT, ending)
        if exact is not None:
            return exact.group("group") == group
    found: str | None = None
    position = simple_release_title.find("-", last_token_start)
    while position >= 0:
        hit = _dash_group_at(simple_release_title, position)
        if hit is not None:
            found = hit[0]
            position = simple_release_title.find("-", max(hit[1], position + 1))
        else:
            position = simple_release_title.find("-", position + 1)
    return found == group and not group.isdigit() and not INVALID_GROUP.match(group)


def parse_scene_title(title: str) -> ParsedRelease | None:
    """The full parser's result for a plain scene name, or None when the fast path is not sure."""
    if len(title) > 300 or not title.isascii() or not _SCENE_NAME.fullmatch(title):
        return None
    split = _split_extension(title)
    if split is None:
        return None
    name = split[0]
    head, dash, group = name.rpartition("-")
    if not dash or not group.isalnum() or "--" in name or name.endswith("-"):
        return None
    pieces = head.split(".")
    year_index = _title_words_end(pieces)
    if year_index < 0:
        return None
    year = pieces[year_index]
    title_words = ".".join(pieces[:year_index])
    lowered_words = title_words.lower()
    if (
        len(pieces[0]) >= 24  # REJECT_HASHED: 32 alphanumerics at the start
        or lowered_words.startswith("abc")  # REJECT_HASHED: abc / abc xyz
        or "german" in lowered_words  # GERMAN_TRACKER could take a shorter title
        or "truefrench" in lowered_words
        or _may_hold_edition(title_words)  # EDITION_BEFORE_YEAR could take a shorter title
        or _QUALITY_WORD.search(lowered_words)
        or "p027" in title
        or "p0801" in title  # reversed names
        or "yenc" in title.lower()
    ):
        return None
    group_lower = group.lower()
    if _QUALITY_WORD.match(group_lower) or _GROUP_INNER.search(group_lower) or _YEAR_LIKE.search(group):
        return None
    if year.startswith("18") and ("german" in head.lower() or "truefrench" in head.lower()):
        return None  # GERMAN_TRACKER's title may run through an 18xx year (it stops only at 19xx/20xx)
    infos = _tail_tokens(pieces[year_index + 1 :])
    if infos is None or not _neighbours_independent(year, infos, group):
        return None
    source = _last_source(infos)

    placeholder = "A.Movie" if "." in title_words else "A Movie"
    simple_release_title = placeholder + name[len(title_words) :]
    last_dot = head.rfind(".")
    last_token_start = len(placeholder) + last_dot - len(title_words) + 1
    if simple_release_title.find(group) != len(simple_release_title) - len(group):
        return None
    if not _release_group(simple_release_title, last_token_start, group):
        return None

    revision, revision_found = _revision(infos)
    quality = with_extension_fallback(
        title, quality_name_model(title, title, _resolution(infos), revision, revision_found, source)
    )
    language_source = simple_release_title[: -len(group)] + "RlsGrp"
    movie_title = rebuild_title_from_dotted_parts(title_words)
    return ParsedRelease(
        release_title=title,
        movie_title=movie_title,
        movie_titles=alternative_titles(movie_title),
        year=int(year),
        edition=parse_edition(simple_release_title),
        quality=quality,
        release_group=group,
        languages=_languages(infos, language_source),
        hardcoded_subs=parse_hardcoded_subs(title),
        imdb_id=parse_imdb_id(simple_release_title),
        tmdb_id=parse_tmdb_id(simple_release_title),
        release_hash=None,
        simple_release_title=simple_release_title,
    )
