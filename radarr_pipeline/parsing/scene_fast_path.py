"""Fast path for the common scene shape ``Title.Words.YEAR.TOKEN.TOKEN...-GROUP[.ext]``.

One pass splits the name into title words, year, tail tokens and group; quality and languages come
from the token table (``scene_tokens``) instead of the whole-title pattern scans. The fast path only
answers when it is sure its answer is the full parser's (an "I am sure" gate); otherwise it returns
None and the caller runs the full parser. Every gate below says which full-parser step it stands for.

Gates:
* the name is ASCII letters, digits, '.' and '-' only (no brackets, spaces, underscores, sites);
* title words are letters only or digits only, then a 4-digit year (18xx-20xx) that NORMAL's look-ahead
  takes (``_title_words_end``): the NORMAL title pattern then takes exactly the words before the year,
  provided no earlier pattern can match (no edition word and no German/TrueFrench in the title words,
  nor anywhere with an 18xx year; no other year-like number after the year) and no title noise joins
  a number to the word before it (``_number_word_refused``);
* every tail token is in the table and no two neighbours form a cross-token match (``PAIR_RULES``);
* the title words and the group say nothing to the quality patterns (``_QUALITY_WORD``);
* the group is what the release-group rules give (the last '-word', or a dashed group such as D-Z0N3
  that the dash rule takes whole), not posting noise ('-xpost'), and appears only once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Final, NamedTuple

from radarr_pipeline.parsing import language_parser as lang
from radarr_pipeline.parsing import scene_tokens
from radarr_pipeline.parsing.extensions import _STRIPPABLE_EXTENSIONS
from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.quality_parser import (
    HINT_MARKERS,
    NO_REVISION,
    _may_be_german_remux,
    bluray_title_reading,
    parse_hardcoded_subs,
    quality_name_model,
    with_extension_fallback,
)
from radarr_pipeline.parsing.release_group import (
    _GROUP_SUFFIX_NOISE,
    EXCEPTION_GROUP_EXACT,
    INVALID_GROUP,
    _last,
    _may_name_exact_group,
    dash_groups,
    is_group_suffix_noise,
)
from radarr_pipeline.parsing.title_parser import (
    _EDITION_KEYS_PATTERN,
    _YEAR_LIKE,  # NORMAL's year, and what its look-ahead "(?!...|\W(?:1[89]|20)\d{2})" refuses after it
    movie_titles_from,
    parse_edition,
    parse_imdb_id,
    parse_tmdb_id,
)
from radarr_pipeline.quality.qualities import QualityModel, Revision

_SCENE_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]")

# Word beginnings some quality pattern can start a match with (SOURCE, RESOLUTION, UHD, VERSION,
# PROPER, REPACK, REAL, RAW_HD all start their matches at a word boundary; a title word or group
# beginning otherwise cannot take part in a match). "\b" where the pattern needs the word to end.
_QUALITY_STARTS: Final = (
    r"m?blu|hd|bd|uhd|br[-_. ]?disk|brrip|web|amazon|itunes|maxdome|netflix|hbomax|disney|amzn|nf|dp"
    r"|\d?x?m?dvd|xvidvd|ws|dsr|r\d|regional|scr\b|screener|ts(?:[-_. ]|rip|$)|telesync|telecine|pdvd|pdtv"
    r"|tc\b|cam\b|camrip|newcam|hqcam|workprint|wp\b|sdtv|tvrip|\d|fhd|hevc|h\.?2|4k"
    r"|proper|repack|rerip|real\b|raw"
)
_QUALITY_WORD: Final = re.compile(r"(?:^|[.-])(?:" + _QUALITY_STARTS + ")")
# A title word (lower-cased) the fast path leaves to the full parser: one a quality pattern can start
# on; one holding an edition keyword (EDITION_BEFORE_YEAR could take a shorter title) or German/TrueFrench
# (GERMAN_TRACKER could). Title words are letters only, so every match stays inside one word except
# SOURCE's "br[-_. ]?disk": the word "br" is refused whatever follows it.
_TITLE_WORD_REFUSED: Final = re.compile(
    r"^(?:" + _QUALITY_STARTS + r"|br$)|" + _EDITION_KEYS_PATTERN.pattern + r"|german|truefrench"
)
# Groups (lower-cased) it leaves too: one a quality pattern can start on; VERSION's repack2 / rerip2 /
# 1v2 inside it (no word boundary needed); a year-like number (the title patterns could take it).
_GROUP_REFUSED: Final = re.compile(r"^(?:" + _QUALITY_STARTS + r")|repack|rerip|\dv\d|(?:1[89]|20)\d\d")


@lru_cache(maxsize=65536)
def _title_word_refused(word: str) -> bool:
    """Whether one title word could let another pattern read the name (``_TITLE_WORD_REFUSED``); kept per
    word: titles share their words."""
    return _TITLE_WORD_REFUSED.search(word.lower()) is not None


def _number_word_refused(previous: str, word: str) -> bool:
    """Whether SIMPLE_TITLE_NOISE could read an all-digit title word together with the word before it:
    "[xh][\\W_]?26[45]" ('Max.264') and "DD\\W?5\\W1" ('Add.5.1') run across the dot, and would cut the title
    the title patterns see. No other pattern reads an all-digit word followed by '.': the resolutions need
    a 'p', 'i' or 'x' after the digits, VERSION a 'v' after them, the DVD and regional sources a letter
    before or after them, EDITION's anniversary and "(2|3|4)in1" a key word (refused as a title word)."""
    if word.startswith("26"):
        return previous[-1:].lower() in ("x", "h")
    return word.startswith("5") and previous[-2:].lower() == "dd"


def _title_words_refused(words: list[str]) -> bool:
    """Whether a title word could let an earlier or another pattern read the name, or the first word
    starts like one of Radarr's RejectHashedReleasesRegexes ('abc': "^abc$", "^abc[-_. ]xyz").

    Title words are letters only or digits only (``_title_words_end``); a digits-only word says nothing
    to the quality, edition and language patterns except through the noise it forms with the word before
    it (``_number_word_refused``)."""
    if words[0][:3].lower() == "abc":
        return True
    previous = ""
    for word in words:
        if word.isdigit():
            if _number_word_refused(previous, word):
                return True
        elif _title_word_refused(word):
            return True
        previous = word
    return False


def _split_group(name: str) -> tuple[str, str]:
    """(head, group): the group is the last '-word', or, when the last piece holds more dashes, what the
    release-group dash rule takes there ('...x264-D-Z0N3'); '' when the name does not end so."""
    head, dash, group = name.rpartition("-")
    if not dash or not group.isalnum() or _group_facts(group).suffix_noise:
        return head, ""  # posting noise ('-xpost', '-sample'...) is stripped before the group is read
    last_piece_start = head.rfind(".") + 1
    if "-" in head[last_piece_start:]:
        found = _group_by_dash_rule(name, last_piece_start)
        if found and found != group and name.endswith("-" + found):
            return name[: -len(found) - 1], found
    return head, group


def _group_by_dash_rule(title: str, start: int) -> str | None:
    """The last group the release-group dash rule finds from ``start`` (the rule's own scan)."""
    hits = dash_groups(title, start)
    return hits[-1][0] if hits else None


def _group_words_independent(group_lower: str) -> bool:
    """A dashed group's words say nothing to the quality patterns, alone or as neighbours."""
    if _QUALITY_WORD.search(group_lower):
        return False
    words = group_lower.split("-")
    return not any(
        scene_tokens.right_mask(left) & scene_tokens.left_mask(right) for left, right in pairwise(words)
    )


def _split_extension(title: str) -> tuple[str, str] | None:
    """(name, extension) as ``remove_file_extension`` splits it; None for an extension the quality
    patterns could read (the token table assumes the extension says nothing)."""
    dot = title.rfind(".")
    extension = title[dot:]
    if 3 <= len(extension) <= 5 and extension[1:].isalnum() and extension.lower() in _STRIPPABLE_EXTENSIONS:
        return (title[:dot], extension) if extension.lower() in scene_tokens.tables().inert_extensions else None
    return title, ""


def _title_words_end(pieces: list[str]) -> int:
    """Index of the year piece NORMAL takes after title words that are letters only or digits only, -1
    when the name is not shaped so or NORMAL's year is not certain.

    NORMAL's title is lazy: its year is the first year-like run (``_YEAR_LIKE``) with a character before
    it, followed by a separator (a run inside a number is followed by a digit: neither the repetition
    nor "(\\W+|_|$)" can go on) and not refused by its look-ahead. In '.'-separated pieces that is the last
    four digits of a number (not the whole first piece: the title would be empty), refused exactly when
    the next piece begins with a year-like run ('Blade.Runner.2049.2017': 2049 is a title word). A
    4-digit piece taken so is the year; a longer number taken so (title '...Movie.1', year 2001 of
    '12001') is left to the full parser."""
    for index, piece in enumerate(pieces):
        if piece.isalpha():
            continue
        if not piece.isdigit():
            return -1
        if not (index or len(piece) > 4) or not _YEAR_LIKE.fullmatch(piece[-4:]):
            continue  # a number NORMAL cannot take as its year: a title word
        if index + 1 < len(pieces) and _YEAR_LIKE.match(pieces[index + 1]):
            continue  # the look-ahead "(?!\\W(?:1[89]|20)\\d{2})" refuses it: a title word
        return index if len(piece) == 4 else -1
    return -1


class _TailReading:
    """What the tail tokens say together, read in one pass (``_read_tail`` builds it, for every scene name: a plain
    class, built natively once compiled, where a NamedTuple's ``__new__`` runs as interpreted Python)."""

    def __init__(self, source: str | None, resolution: int | None, version: int | None, real: int, flags: int,
                 named: set[int], case_sensitive: list[str] | None, tokens: list[str] | None) -> None:
        self.source = source  # the last SOURCE reading
        self.resolution = resolution  # the first RESOLUTION reading
        self.version = version  # the first VERSION reading
        self.real = real  # REAL counted
        self.flags = flags  # scene_tokens.UHD | PROPER | REPACK | EDITION_KEY of any token
        self.named = named  # language names found as words (indexes into the parser's name list)
        self.case_sensitive = case_sensitive  # None when the language parser's pre-check fails
        self.tokens = tokens  # the same for the token pattern


def _read_tail(pieces: list[str], year: str, group_left_mask: int) -> _TailReading | None:
    """Table readings of the pieces after the year (two-piece tokens joined), None when a piece is not in
    the table or two neighbours (year, tokens, group) could be read as one match across their separator.

    The readings fold as the full parser reads them: the last source, the first resolution and version,
    any UHD / PROPER / REPACK (and edition keyword: the flags OR-ed), REAL counted, languages in token order.

    Long because: the fold keeps its state in local variables; this loop runs for every token of every
    scene name, and split into steps (attribute writes, calls per token) it was the fast path's largest
    cost of its own.
    """
    table, year_right_masks, _extensions, compounds = scene_tokens.tables()
    case_sensitive: list[str] = []
    tokens: list[str] = []
    source: str | None = None
    resolution: int | None = None
    version: int | None = None
    flags = real = 0
    named: set[int] = set()
    previous_right = year_right_masks[year]
    previous_takes_separator = 0  # 1 when the previous token's match takes the separator after it
    index, count = 0, len(pieces)
    while index < count:
        piece = pieces[index]
        if piece in compounds and index + 1 < count and pieces[index + 1] in compounds[piece]:
            info = table[piece + "." + pieces[index + 1]]
            index += 2
        else:
            try:
                info = table[piece]
            except KeyError:  # a piece the table does not know: the full parser decides
                return None
            index += 1
        # a cross-token match, or two matches wanting the separator between them (seps bit 0: before)
        if previous_right & info.left or previous_takes_separator & info.seps:
            return None
        previous_right = info.right
        previous_takes_separator = info.seps >> 1
        flags |= info.flags
        if info.says_nothing:
            continue
        if info.sources:
            source = info.sources[-1]
        if resolution is None:
            resolution = info.resolution
        if version is None:
            version = info.version
        real += info.real
        if info.named:
            named.update(info.named)
        if info.case_sensitive:
            case_sensitive += info.case_sensitive
        if info.tokens:
            tokens += info.tokens
    if previous_right & group_left_mask:
        return None
    return _TailReading(
        source, resolution, version, real, flags, named,
        case_sensitive if flags & scene_tokens.CASE_SENSITIVE_POSSIBLE else None,
        tokens if flags & scene_tokens.TOKENS_POSSIBLE else None,
    )


def _revision(reading: _TailReading) -> tuple[Revision, bool]:
    """``parse_revision`` from the tokens' VERSION / PROPER / REPACK / REAL readings."""
    found = reading.version
    flags = reading.flags
    proper, repack, real = bool(flags & scene_tokens.PROPER), bool(flags & scene_tokens.REPACK), reading.real
    version = found if found is not None else 1
    if proper:
        version = version + 1 if found is not None else 2
    if repack:
        version = version + 1 if found is not None else 2
    detected = found is not None or proper or repack or bool(real)
    if version == 1 and not real and not repack:
        return NO_REVISION, detected
    return Revision(version=version, real=real, is_repack=repack), detected


def _resolution(reading: _TailReading) -> int:
    """``parse_resolution``: the first RESOLUTION reading, else 2160 for a bare UHD, else 0."""
    if reading.resolution is not None:
        return reading.resolution
    return 2160 if reading.flags & scene_tokens.UHD else 0


def _languages(reading: _TailReading, simple_release_title: str, group: str) -> tuple[str, ...]:
    """``parse_languages`` of the language source (the simple title, its group written 'RlsGrp') from the
    tokens' readings (same order, same German rule; the source is written out only for that rule)."""
    named, case_sensitive, tokens = reading.named, reading.case_sensitive, reading.tokens
    if not (named or case_sensitive or tokens):
        return ("unknown",)  # most names: no language reading at all
    found = [lang._NAME_WORDS[index][1] for index in sorted(named)]
    if case_sensitive:
        found += case_sensitive
    if tokens:
        found += tokens
    if len(found) != 1 or found[0] != "german":
        return tuple(dict.fromkeys(found))  # german_extras adds nothing
    language_source = simple_release_title[: -len(group)] + "RlsGrp"
    return tuple(dict.fromkeys(found)) + lang.german_extras(found, language_source, language_source.lower())


# Groups whose final '-group' the release-group rules may refuse or strip, or whose dash match needs
# the general scan: posting noise (CLEAN_GROUP_SUFFIX), INVALID_GROUP, all digits, and the endings of
# _EXCLUDED_GROUP_ENDING a lone '-group' can complete (-ES, DTS-HD, 1080p, tt1234567, -12...).
_GROUP_NEEDS_RULES: Final = re.compile(
    r"(?:" + _GROUP_SUFFIX_NOISE + r")$|[se]\d+$|[0-9a-f]{8}$|\d+$"
    r"|(?:es|en|cat|eng|jap|ger|fra|fre|ita|hdrip|hd|x|ma|bit|ray|dl|rip)$"
    r"|.*(?:480p|576p|720p|1080p|2160p|tt\d{7,8})$",
    re.IGNORECASE,
)


class _GroupFacts(NamedTuple):
    """What the fast path asks about a release group, computed once per spelling (``_group_facts``)."""

    refused: bool  # a quality pattern could read it (``_GROUP_REFUSED``, or its dashed words)
    left_mask: int  # ``scene_tokens.left_mask`` of it: the last tail token and it must not form a match
    needs_rules: bool  # the release-group rules may refuse or strip it (``_GROUP_NEEDS_RULES``)
    edition_key: bool  # holds an edition keyword (parse_edition must run)
    suffix_noise: bool  # posting noise CLEAN_GROUP_SUFFIX strips ('-xpost'): not the group
    # The name's last piece (last token, '-', group) may hold an EXCEPTION_GROUP_EXACT name
    # (``_may_name_exact_group``): the group holds one, or it starts one the token before it could complete
    # across the dash ('D-Z0N3': "d-z0n3" is the only name with a '-'; table tokens and years hold none).
    may_name_exact: bool


@lru_cache(maxsize=16384)
def _group_facts(group: str) -> _GroupFacts:
    lower = group.lower()
    return _GroupFacts(
        refused=_GROUP_REFUSED.search(lower) is not None or ("-" in group and not _group_words_independent(lower)),
        left_mask=scene_tokens.left_mask(lower),
        needs_rules=_GROUP_NEEDS_RULES.match(group) is not None,
        edition_key=_EDITION_KEYS_PATTERN.search(lower) is not None,
        suffix_noise=is_group_suffix_noise(group),
        may_name_exact=_may_name_exact_group(lower) or lower.startswith("z0n3"),
    )


def _release_group(simple_release_title: str, last_token_start: int, group: str, facts: _GroupFacts) -> bool:
    """Whether the release-group rules give ``group`` for this name (the caller falls back if not).

    Only the last tail token and the group can matter: table tokens name no exception group, and the
    rules' dash matches stop at '.', so dashes in earlier tokens cannot reach the group's dash.
    """
    ending = simple_release_title[last_token_start:]
    needs_rules = facts.needs_rules
    if facts.may_name_exact:  # _may_name_exact_group(ending.lower()), known from the group
        exact = _last(EXCEPTION_GROUP_EXACT, ending)
        if exact is not None:
            return exact.group("group") == group
    if not needs_rules and ending.count("-") == 1:
        # One dash, before a plain alphanumeric group at the very end: the dash rule takes the whole
        # group (nothing after it: no resolution ahead, the end is a boundary) and no ending refuses it.
        return True
    found = _group_by_dash_rule(simple_release_title, last_token_start)
    return found == group and not group.isdigit() and not INVALID_GROUP.match(group)


# A plain scene name cut into its parts (``_scene_parts``): the name without its extension, the extension,
# the name without its '-group' (head), the group, the head split on '.', the year's index in those pieces (the
# title words come before it). A plain tuple: it is unpacked once per name.
_SceneParts = tuple[str, str, str, str, list[str], int]


def _scene_parts(title: str) -> _SceneParts | None:
    """The name's parts when it has the plain scene shape (first gates), else None."""
    if len(title) > 300 or not title.isascii() or not _SCENE_NAME.fullmatch(title):
        return None
    split = _split_extension(title)
    if split is None:
        return None
    name, extension = split
    head, group = _split_group(name)
    if not group or "--" in name or name.endswith("-"):
        return None
    pieces = head.split(".")
    year_index = _title_words_end(pieces)
    if year_index < 0:
        return None
    return name, extension, head, group, pieces, year_index


@lru_cache(maxsize=16384)
def _title_facts(title_words: str) -> tuple[str, tuple[str, ...]] | None:
    """``movie_titles_from(title_words)`` (through ``_movie_titles``), or None when a title word could let an
    earlier or another pattern read the name (``_title_words_refused``; a first word of 24 or more
    characters could start _REJECT_HASHED_ANY's 32 alphanumerics). Both are functions of the title words
    alone, kept per spelling: a movie comes in many releases."""
    words = title_words.split(".")
    if len(words[0]) >= 24 or _title_words_refused(words):
        return None
    return _movie_titles(words, title_words)


def _words_refused(title: str, lowered: str, year: str, group: _GroupFacts) -> bool:
    """Whether the group, the year or the name as a whole could let an earlier or another pattern read the
    name (the title words are ``_title_facts``'s)."""
    return bool(
        group.refused
        or "p027" in title
        or "p0801" in title  # reversed names
        or "yenc" in lowered
        # GERMAN_TRACKER's title may run through an 18xx year (it stops only at 19xx/20xx)
        or (year.startswith("18") and ("german" in lowered or "truefrench" in lowered))
    )


# Sources whose quality, once the table gave the source, resolution and revision, reads nothing else of a
# scene name but its hardcoded subtitles (``quality_from_source``: WEB-DL's "[WEBDL]" needs a bracket, which a
# scene name cannot hold).
_TITLE_FREE_SOURCES: Final = frozenset({"webdl", "webrip", "ts", "scr", "cam", "tc", "wp", "regional", "dvdr", "dvd",
                                 "bdrip", "brrip"})
# Quality models by (table readings, hardcoded subtitles, ``_title_part``).
_QUALITIES: Final[dict[tuple[object, ...], QualityModel]] = {}
_MAX_QUALITIES: Final = 4096
_QUALITY_FLAGS: Final = scene_tokens.UHD | scene_tokens.PROPER | scene_tokens.REPACK
# The sources whose branch of ``quality_from_source`` also tests the title for "1080p" and "720p".
_PDTV_LIKE: Final = frozenset({"pdtv", "sdtv", "dsr", "tvrip"})
# ``_title_part``'s answer when quality_name_model must read the title itself.
_READS_TITLE: Final = object()


def _title_part(source: str | None, title: str, lowered: str, extension: str, resolution: int) -> object:
    """What ``quality_name_model`` (Radarr's ParseQualityName) and the extension fallback read of this name
    beyond the table's readings and its hardcoded subtitles, as a small value, or ``_READS_TITLE``:

    * RAW_HD ('raw': a word starting so is refused in title words and groups and the table holds none;
      kept as a cheap guard): ``_READS_TITLE``;
    * a source whose branch of ``quality_from_source`` reads no pattern of the title (``_TITLE_FREE_SOURCES``):
      nothing;
    * HDTV: nothing without MPEG-2 (MPEG2);
    * PDTV, SDTV, DSR, TVRip: their "1080p" / "720p" substring tests, without HIGH_DEF_PDTV's "hr.ws" ('ws');
    * Blu-ray: ``bluray_title_reading`` (disc image, XviD/DivX, remux, in the branch's order);
    * no source word: ``_READS_TITLE`` for AnimeBlurayRegex ('bd'; AnimeWebDlRegex and the fansub prefix
      need a bracket) or a name whose path extension could be '.dvr-ms' (its last piece is '.token-group'
      without a strippable extension: no table token ends 'dvr'; kept as a guard); with a resolution
      (Radarr's resolution-only branch) the extension, unless a remux (REMUX, GermanRemuxRegex: a group
      such as 'XBLURAY' holds "Bluray" without a source word); without one (the hints, then the extension
      fallback) the extension, unless CODEC's x264, a hint marker or OTHER_SOURCE's 'tv' could be read.
    """
    if "raw" in lowered:
        return _READS_TITLE
    if source in _TITLE_FREE_SOURCES:
        return None
    if source == "hdtv":
        return None if "mpeg" not in lowered else _READS_TITLE
    if source in _PDTV_LIKE:
        return ("1080p" in lowered, "720p" in lowered) if "ws" not in lowered else _READS_TITLE
    if source == "bluray":
        return bluray_title_reading(title, lowered)
    if source is not None or "bd" in lowered or lowered.endswith("dvr-ms"):
        return _READS_TITLE
    if resolution:
        if "remux" in lowered or ("german" in lowered and _may_be_german_remux(lowered)):
            return _READS_TITLE
        return extension.lower()
    if "x264" in lowered or "tv" in lowered or any(marker in lowered for marker in HINT_MARKERS):
        return _READS_TITLE
    return extension.lower()


def _quality(title: str, lowered: str, extension: str, reading: _TailReading) -> QualityModel:
    """``parse_quality(title)`` from the tail's readings: the source, resolution and revision come from the
    table; ``quality_name_model`` reads the rest (remux, disc, codec, subtitles) from the title.

    Unless the title must be read (``_title_part``), the model is a function of the readings, the
    hardcoded subtitles (HardcodedSubsRegex, ``parse_hardcoded_subs``) and the title part: it is
    remembered under them."""
    # parse_hardcoded_subs(title), whose first test is this one
    hardcoded = parse_hardcoded_subs(title) if "sub" in lowered or "hc" in lowered else None
    source = reading.source
    resolution = _resolution(reading)
    title_part = _title_part(source, title, lowered, extension, resolution)
    key = None
    if title_part is not _READS_TITLE:
        key = (source, resolution, reading.version, reading.real, reading.flags & _QUALITY_FLAGS, hardcoded,
               title_part)
        known = _QUALITIES.get(key)
        if known is not None:
            return known
    revision, revision_found = _revision(reading)
    model = with_extension_fallback(
        title, quality_name_model(title, title, resolution, revision, revision_found, source)
    )
    if key is not None:
        if len(_QUALITIES) >= _MAX_QUALITIES:
            _QUALITIES.clear()
        _QUALITIES[key] = model
    return model


def _movie_titles(words: list[str], title_words: str) -> tuple[str, tuple[str, ...]]:
    """``movie_titles_from(title_words)`` for letters-only or digits-only words. Without a one-character
    word, a 'Dr' or an 'aka', Radarr's acronym-aware join is a plain join on spaces and there is no
    alternative title ('_', request info and a spaced A.K.A. cannot occur in such words joined by '.')."""
    if min(map(len, words)) > 2 or all(len(word) > 2 or (len(word) == 2 and word.lower() != "dr") for word in words):
        movie_title = " ".join(words)
        if "aka" not in movie_title.lower():
            return movie_title, (movie_title,)
    return movie_titles_from(title_words)


def _scene_release(title: str, lowered: str, extension: str, reading: _TailReading, movie_titles: tuple[str,
                   tuple[str, ...]], year: str, group: str, simple_release_title: str, group_facts: _GroupFacts
                   ) -> ParsedRelease:
    """The ParsedRelease the full parser builds, from the parts and the tail's readings."""
    quality = _quality(title, lowered, extension, reading)
    ids_possible = "tt" in lowered or "tmdb" in lowered
    # Edition keywords hold no '.' or '-' and the placeholder and year hold none: without one in a
    # token or the group, parse_edition finds nothing.
    edition_possible = reading.flags & scene_tokens.EDITION_KEY or group_facts.edition_key
    # Positional, in the fields' order (keyword arguments cost more on this path, run for every title).
    return ParsedRelease(
        title,  # release_title
        movie_titles[0],  # movie_title
        movie_titles[1],  # movie_titles
        int(year),  # year
        parse_edition(simple_release_title) if edition_possible else None,  # edition
        quality,
        group,  # release_group
        _languages(reading, simple_release_title, group),  # languages
        quality.hardcoded_subs,  # hardcoded_subs: parse_hardcoded_subs(title), the same text
        parse_imdb_id(simple_release_title) if ids_possible else None,  # imdb_id
        parse_tmdb_id(simple_release_title) if ids_possible else None,  # tmdb_id
        None,  # release_hash
        simple_release_title,
    )


def parse_scene_title(title: str) -> ParsedRelease | None:
    """The full parser's result for a plain scene name, or None when the fast path is not sure.

    Steps: cut the name into its parts (``_scene_parts``), refuse words other patterns could read
    (``_title_facts``, ``_words_refused``), read the tail tokens from the table (``_read_tail``), check the
    release group against the group rules (``_release_group``), then build the result (``_scene_release``).
    The equivalence tests hold it to the full parser."""
    parts = _scene_parts(title)
    if parts is None:
        return None
    name, extension, head, group, pieces, year_index = parts
    title_words = ".".join(pieces[:year_index])
    movie_titles = _title_facts(title_words)
    if movie_titles is None:
        return None
    group_facts = _group_facts(group)
    lowered = title.lower()
    year = pieces[year_index]
    if _words_refused(title, lowered, year, group_facts):
        return None
    reading = _read_tail(pieces[year_index + 1 :], year, group_facts.left_mask)
    if reading is None:
        return None
    title_words_length = len(title_words)
    placeholder = "A.Movie" if year_index > 1 else "A Movie"
    simple_release_title = placeholder + name[title_words_length:]
    if simple_release_title.find(group) != len(simple_release_title) - len(group):
        return None
    last_token_start = len(placeholder) + head.rfind(".") - title_words_length + 1
    if not _release_group(simple_release_title, last_token_start, group, group_facts):
        return None
    return _scene_release(title, lowered, extension, reading, movie_titles, year, group, simple_release_title,
                          group_facts)
