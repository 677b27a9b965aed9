"""Movie title, year, edition and ids from a release title, following Radarr's Parser.ParseMovieTitle.

Flow: reject hashes and obfuscated names, undo reversed titles, strip the extension and quality noise,
try the title+year patterns in Radarr's order, then derive release group, languages, quality, edition,
hardcoded subs and ids from what is left.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from radarr_pipeline.parsing.extensions import remove_file_extension
from radarr_pipeline.parsing.language_parser import parse_languages
from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.quality_parser import _V_DIGIT, parse_hardcoded_subs, parse_quality, quality_name_is_known
from radarr_pipeline.parsing.regex_tools import (
    first_char_guarded,
    literal_alternation,
    lowercase_pattern,
    lowercase_twin,
)
from radarr_pipeline.parsing.release_group import (
    CLEAN_TORRENT_SUFFIX,
    WEBSITE_POSTFIX,
    WEBSITE_PREFIX,
    parse_release_group,
)

_I: Final = re.IGNORECASE

EDITION: Final = (
    r"\(?\b(?P<edition>(((Recut.|Extended.|Ultimate.)?(Director.?s|Collector.?s|Theatrical|Ultimate|Extended"
    r"|Despecialized|(Special|Rouge|Final|Assembly|Imperial|Diamond|Signature|Hunter|Rekall)"
    r"(?=(.(Cut|Edition|Version)))|\d{2,3}(th)?.Anniversary)(?:.(Cut|Edition|Version))?"
    r"(.(Extended|Uncensored|Remastered|Unrated|Uncut|Open.?Matte|IMAX|Fan.?Edit))?"
    r"|((Uncensored|Remastered|Unrated|Uncut|Open?.Matte|IMAX|Fan.?Edit|Restored|((2|3|4)in1))))))\b\)?"
)
REPORT_EDITION: Final = re.compile(r"^.+?" + EDITION, _I)
# Cheap pre-check: the edition patterns cannot match a title without one of these (lower-case) words.
_EDITION_KEYS: Final = (
    "director", "collector", "theatrical", "ultimate", "extended", "despecialized", "anniversary",
    "uncensored", "remastered", "unrated", "uncut", "matte", "imax", "fan", "restored", "in1", "cut", "edition",
    "version",
)


_EDITION_KEYS_PATTERN: Final = literal_alternation(_EDITION_KEYS)


def _may_hold_edition(text: str) -> bool:
    return _EDITION_KEYS_PATTERN.search(text.lower()) is not None

_YEAR: Final = r"(?:1[89]|20)\d{2}"
_SEPARATORS: Final = r"(?:[-_\W](?<![)\[!]))*"

ANIME_WITH_YEAR: Final = re.compile(
    r"^(?:\[(?P<subgroup>.+?)\][-_. ]?)(?P<title>(?![(\[]).+?)?(?:" + _SEPARATORS
    + r"(?P<year>" + _YEAR + r"(?!p|i|x|\d+|\]|\W\d+)))+.*?(?P<hash>\[\w{8}\])?(?:$|\.)",
    _I,
)
ANIME_VERSIONED: Final = re.compile(
    r"^(?:\[(?P<subgroup>.+?)\][-_. ]?)(?P<title>(?![(\[]).+?)(?:v\d{1,2}[-_. ])(?:\[.*)?(?:[\[(][^\])])?.*?"
    r"(?P<hash>\[\w{8}\])(?:$|\.)",
    _I,
)
ANIME_DOUBLE_BRACKETS: Final = re.compile(
    r"^(?:\[(?P<subgroup>.+?)\][-_. ]?)(?P<title>(?![(\[]).+?)(?:\[.*).*?(?P<hash>\[\w{8}\])(?:$|\.)", _I
)
ANIME_BRACKETED_INFO: Final = re.compile(
    r"^(?:\[(?P<subgroup>.+?)\][-_. ]?)(?P<title>(?![(\[]).+)(?:[\[(][^\])]).*?(?P<hash>\[\w{8}\])(?:$|\.)", _I
)
# German/TrueFrench tracker names, year optional. The title holds no year: Radarr's look-behind
# "(?<!(19|20)\d{2}.*?)" forbids a year anywhere before the language word.
GERMAN_TRACKER: Final = re.compile(
    r"^(?P<title>(?![(\[])(?:(?!(?:19|20)\d{2}).)+?)(?:\W|_)(?:" + EDITION + r".{1,3})?"
    r"(?<!Good[_ .-])(?<!The[_ .-])(?:German|TrueFrench)(?:.+?)(?=(?:19|20)\d{2}|$)"
    r"(?P<year>(?:19|20)\d{2}(?!p|i|\d+|\]|\W\d+))?(?:\W+|_|$)(?!\\)",
    _I,
)
EDITION_BEFORE_YEAR: Final = re.compile(
    r"^(?P<title>(?![(\[]).+?)?(?:" + _SEPARATORS + EDITION + r".{1,3}(?P<year>" + _YEAR
    + r"(?!p|i|\d+|\]|\W\d+)))+(?:\W+|_|$)(?!\\)",
    _I,
)
NORMAL: Final = re.compile(
    r"^(?P<title>(?![(\[]).+?)?(?:" + _SEPARATORS + r"(?P<year>" + _YEAR
    + r"(?!p|i|" + _YEAR + r"|\]|\W" + _YEAR + r")))+(?:\W+|_|$)(?!\\)",
    _I,
)
PASS_THE_POPCORN: Final = re.compile(
    r"^(?P<title>.+?)?(?:(?:[-_\W](?<![()\[!]))*(?P<year>\[\w *\]))+(?:\W+|_|$)(?!\\)", _I
)
# What PASS_THE_POPCORN's "year" group needs somewhere in the title.
_PASS_THE_POPCORN_YEAR: Final = re.compile(r"\[\w *\]")
BRACKETED_YEAR: Final = re.compile(
    r"^(?P<title>(?![(\[]).+?)?(?:(?:[-_\W](?<![)!]))*(?P<year>" + _YEAR + r"(?!p|i|\d+|\W\d+)))+(?:\W+|_|$)(?!\\)",
    _I,
)
LAST_RESORT: Final = re.compile(
    r"^(?P<title>.+?)?(?:" + _SEPARATORS + r"(?P<year>" + _YEAR + r"(?!p|i|\d+|\]|\W\d+)))+(?:\W+|_|$)(?!\\)",
    _I,
)
FOLDER_YEAR_FIRST: Final = re.compile(
    r"^(?:(?:[-_\W](?<![)!]))*(?P<year>(?:19|20)\d{2}(?!p|i|\d+|\W\d+)))+(?:\W+|_|$)(?P<title>.+?)?$"
)

# Radarr's RejectHashedReleasesRegexes as one pattern (the same nine alternatives, each anchored at the start).
_REJECT_HASHED_ANY: Final = re.compile(
    r"^(?:[0-9a-zA-Z]{32}|[a-z0-9]{24}$|[A-Z]{11}\d{3}$|[a-z]{12}\d{3}$|Backup_\d{5,}S\d{2}-\d{2}$|123$"
    r"|(?i:abc)$|(?i:abc[-_. ]xyz)|(?i:b00bs)$)"
)
REVERSED_TITLE: Final = re.compile(r"(?:^|[-._ ])(?:p027|p0801)[-._ ]")
# Parser.AlternativeTitleRegex: the separators the title is split on.
ALTERNATIVE_TITLE_SPLIT: Final = re.compile(r"[ ]+(?:AKA|/)[ ]+", _I)
# Parser.BracketedAlternativeTitleRegex: "(aka X)" becomes " AKA X" before splitting.
BRACKETED_ALTERNATIVE_TITLE: Final = re.compile(r"(.*) \([ ]*AKA[ ]+(.*)\)", _I)
# Parser.NormalizeAlternativeTitleRegex: a spaced "A.K.A." (any case) is written "AKA" before the title's
# dots are read as word separators, so "Sydney A.K.A. Hard Eight" splits like "Sydney AKA Hard Eight".
NORMALIZE_ALTERNATIVE_TITLE: Final = re.compile(r"[ ]+(?:A\.K\.A\.)[ ]+", _I)
SIMPLE_TITLE_NOISE: Final = first_char_guarded(
    r"(?:(?:480|540|576|720|1080|2160)[ip]|[xh][\W_]?26[45]|DD\W?5\W1|[<>?*]|848x480|1280x720|1920x1080"
    r"|3840x2160|4096x2160|(?:8|10)b(?:it)?|10-bit)\s*?(?![a-b0-9])",
    _I,
)
SIMPLE_RELEASE_TITLE_NOISE: Final = re.compile(r"\s*[<>?*|]")
QUALITY_BRACKETS_AT_END: Final = re.compile(r"\[[a-z0-9 ._-]+\]$", _I)
REQUEST_INFO: Final = re.compile(r"^(?:\[.+?\])+")
IMDB_ID: Final = re.compile(r"tt\d{7,8}", _I)
TMDB_ID: Final = re.compile(r"tmdb(?:id)?-(?P<tmdbid>\d+)", _I)
NORMALIZE_IMDB: Final = re.compile(r"^(?:\d{1,10}|tt\d{1,10})$")

_DIGITS: Final = frozenset("0123456789")


class _TitleMatch:
    """The groups of the title pattern that matched, with the title's position in the searched text. A plain class:
    built for every parsed title, a NamedTuple's ``__new__`` runs as interpreted Python (0.4 us), this one's
    ``__init__`` compiled."""

    def __init__(self, title: str | None, title_start: int, year: str | None, edition: str | None = None,
                 subgroup: str | None = None, release_hash: str | None = None) -> None:
        self.title = title
        self.title_start = title_start
        self.year = year
        self.edition = edition
        self.subgroup = subgroup
        self.release_hash = release_hash

    def fields(self) -> tuple[str | None, int, str | None, str | None, str | None, str | None]:
        return self.title, self.title_start, self.year, self.edition, self.subgroup, self.release_hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _TitleMatch) and self.fields() == other.fields()

    def __repr__(self) -> str:
        return f"_TitleMatch{self.fields()!r}"


def _has_any(text: str, characters: str) -> bool:
    return any(char in text for char in characters)


_LETTER_OR_DIGIT: Final = re.compile(r"[^\W_]")


def _contains_word_char(title: str) -> bool:
    return _LETTER_OR_DIGIT.search(title) is not None


def is_not_a_release(title: str) -> bool:
    """True for what Radarr refuses to parse: password/yEnc posts, no letters or digits, hashes, obfuscation."""
    lowered = title.lower()
    if "password" in lowered and "yenc" in lowered:
        return True
    if not _contains_word_char(title):
        return True
    without_extension = remove_file_extension(title)
    return _REJECT_HASHED_ANY.match(without_extension) is not None  # each alternative is anchored at the start


def undo_reversed_title(title: str) -> str:
    """Some posters reverse the name ('p0801'); turn it back, keeping the extension where it was."""
    if ("p027" not in title and "p0801" not in title) or not REVERSED_TITLE.search(title):
        return title
    without_extension = remove_file_extension(title)
    return without_extension[::-1] + title[len(without_extension) :]


def _strip_quality_brackets(text: str) -> str:
    match = QUALITY_BRACKETS_AT_END.search(text)
    if match and quality_name_is_known(match.group(0)):
        return text[: match.start()]
    return text


# How every WEBSITE_POSTFIX match ends (".tld]"), searched first: it starts with a literal '.', which re
# finds quickly, while the full pattern is tried from every position.
_WEBSITE_POSTFIX_END: Final = re.compile(r"\.(?:xn--[a-z0-9-]{4,}|[a-z]{2,6})\b\s*\]$", _I)


def simplify_title(release_title: str) -> str:
    """The title the title+year patterns run on: no resolution/codec noise, site prefixes or quality tags."""
    simple = SIMPLE_TITLE_NOISE.sub("", release_title)
    prefix = WEBSITE_PREFIX.match(simple)  # anchored at the start: match, not a search from every position
    if prefix is not None:
        simple = simple[prefix.end() :]
    if simple.endswith("]"):
        if _WEBSITE_POSTFIX_END.search(simple):  # the postfix pattern's ending; it scans from every start
            simple = WEBSITE_POSTFIX.sub("", simple, count=1)
        simple = CLEAN_TORRENT_SUFFIX.sub("", simple, count=1)
        simple = _strip_quality_brackets(simple)
    return simple


_YEAR_LIKE: Final = re.compile(r"(?:1[89]|20)\d\d")


def _title_patterns(simple: str, is_dir: bool) -> list[re.Pattern[str]]:
    """Radarr's pattern order, skipping the ones a cheap check proves cannot match.

    Without an 18xx-20xx number in the title, the patterns that need a year are skipped (the anime
    patterns without a year, the German tracker's optional year and PassThePopcorn's bracket stay);
    PassThePopcorn's is skipped without its bracketed "year" ('[x]').
    """
    has_year = _YEAR_LIKE.search(simple) is not None
    passthepopcorn = [PASS_THE_POPCORN] if _PASS_THE_POPCORN_YEAR.search(simple) else []
    patterns: list[re.Pattern[str]] = []
    lowered = simple.lower()
    if simple.startswith("["):
        if has_year:
            patterns.append(ANIME_WITH_YEAR)
        patterns += _anime_patterns(simple, lowered)
    if "german" in lowered or "truefrench" in lowered:
        patterns.append(GERMAN_TRACKER)
    if has_year:
        if _may_hold_edition(simple):
            patterns.append(EDITION_BEFORE_YEAR)
        patterns += [NORMAL, *passthepopcorn, BRACKETED_YEAR, LAST_RESORT]
        if is_dir:
            patterns.append(FOLDER_YEAR_FIRST)
    else:
        patterns += passthepopcorn
    return patterns


def _anime_patterns(simple: str, lowered: str) -> list[re.Pattern[str]]:
    """The anime patterns without a year, in Radarr's order, but those that cannot match ``simple`` (``lowered`` is
    ``simple.lower()``): ANIME_VERSIONED needs a 'v' and a digit ("v2 "), ANIME_DOUBLE_BRACKETS three '[' (its
    subgroup's, the one after the title and the hash's, each after the one before)."""
    patterns = [ANIME_VERSIONED] if _V_DIGIT.search(lowered) else []
    if simple.count("[") >= 3:
        patterns.append(ANIME_DOUBLE_BRACKETS)
    patterns.append(ANIME_BRACKETED_INFO)
    return patterns


def _group(match: re.Match[str], text: str, name: str) -> str | None:
    """A named group's text (taken from ``text`` by span), None when absent or it did not take part."""
    if name not in match.re.groupindex:
        return None
    start, end = match.span(name)
    return None if start < 0 else text[start:end]


# Case-sensitive twins of the title patterns, run on the lower-cased title (same spans, much faster).
_LOWER_TWINS: Final[dict[re.Pattern[str], re.Pattern[str]]] = {}


def _twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    twin = _LOWER_TWINS.get(pattern)
    if twin is None:
        twin = _LOWER_TWINS[pattern] = lowercase_twin(pattern) if pattern.flags & re.IGNORECASE else pattern
    return twin


def _match_title(simple: str, is_dir: bool) -> _TitleMatch | None:
    lowered = simple.lower()
    same_length = len(lowered) == len(simple)
    for pattern in _title_patterns(simple, is_dir):
        match = _twin(pattern).search(lowered) if same_length else pattern.search(simple)
        if match is None:
            continue
        title = _group(match, simple, "title")
        if title is None or title == "(":
            continue
        return _TitleMatch(
            title,
            match.start("title"),
            _group(match, simple, "year"),
            _group(match, simple, "edition"),
            _group(match, simple, "subgroup"),
            _group(match, simple, "hash"),
        )
    return None


# The plex/Radarr shape: title words (ASCII letters, single spaces) then " (YYYY)", as Radarr names its own
# folders and files ("Movie Title (2010) {tmdb-123} [Bluray-1080p].mkv") and as many trackers do.
_PLEX_SHAPE: Final = re.compile(r"(?:[A-Za-z]+|\d{1,9})(?: (?:[A-Za-z]+|\d{1,9}))* \(((?:1[89]|20)\d\d)\)")
# Title noise SIMPLE_TITLE_NOISE removes across a title's words ('Max 264', 'Add 5 1'): the plex shape refuses it.
_PLEX_TITLE_NOISE: Final = r"[xh] 26[45]\b|dd 5 1\b"
_GERMAN_TRACKER_WORDS: Final = re.compile(r"german|truefrench")
# In lower-cased title words, what lets a pattern before NORMAL, or NORMAL itself, read them otherwise: a year-like
# run (NORMAL's year could start there), German/TrueFrench (GERMAN_TRACKER), an edition key (EDITION_BEFORE_YEAR).
_MISLEADING_TITLE_WORDS = _YEAR_LIKE.pattern + "|" + _GERMAN_TRACKER_WORDS.pattern + "|" + _EDITION_KEYS_PATTERN.pattern
_MISLEADING_WORDS: Final = re.compile(_MISLEADING_TITLE_WORDS)
# The plex shape's refusals of its title words, in one search: the noise and the misleading words.
_PLEX_TITLE_REFUSED: Final = re.compile(_PLEX_TITLE_NOISE + "|" + _MISLEADING_TITLE_WORDS)


def title_words_may_mislead(words: str) -> bool:
    """Whether title words hold a year-like run, German/TrueFrench or an edition key (``_MISLEADING_TITLE_WORDS``)."""
    return _MISLEADING_WORDS.search(words.lower()) is not None


def match_plex_shape(release_title: str) -> _TitleMatch | None:
    r"""What ``_match_title(simplify_title(release_title), is_dir)`` finds for a "Title (YYYY) ..." name,
    without running the patterns; None when the shape does not prove it (the caller runs them).

    Why the patterns' answer is known: no pattern before NORMAL can match (the title does not start
    with '[' for the anime patterns; GERMAN_TRACKER's title cannot run over a 19xx/20xx year, so it
    needs German/TrueFrench among the title words; EDITION_BEFORE_YEAR needs an edition word right
    before some year: none in the title words, and no second year-like number after the year). NORMAL
    then takes the words before " (" lazily (letters, or numbers holding no year-like run of four digits:
    refused, NORMAL's year needs no word start) and the year, whose repetition
    stops at ')'; its guard "(?!...\W(19|20)\d{2})" fails only when digits follow ')' at once. The
    simplifications (noise words, website prefix and postfix, torrent suffix, quality brackets) cannot
    touch the words or "(YYYY)" here: the noise needs digits glued to letters, or <>?* (the two spellings
    it reads across a space, 'x 264' and 'dd 5 1', are refused), the prefix a '.', and the others only
    remove a bracketed end after the year.
    """
    match = _PLEX_SHAPE.match(release_title)
    if match is None:
        return None
    year = match.group(1)
    end = match.end()
    title_end = match.start(1) - 2
    title = release_title[:title_end]
    rest = release_title[end:]
    if rest[:1].isdigit():
        return None  # NORMAL's year guard "\W(19|20)\d{2}" could refuse the year
    if _PLEX_TITLE_REFUSED.search(title.lower()):  # noise, or words another pattern (or NORMAL's year) could read
        return None
    if year.startswith("18") and _GERMAN_TRACKER_WORDS.search(rest.lower()):
        return None
    if _YEAR_LIKE.search(rest) and _may_hold_edition(rest):  # the year-like run first: most names have none
        return None
    return _TitleMatch(title, 0, year)


def _is_single_digit(part: str) -> bool:
    return len(part) == 1 and part in _DIGITS


def normalize_alternative_title_separator(name: str) -> str:
    """' A.K.A. ' (any case, spaced) -> ' AKA ' (Parser.ParseMovieMatchCollection's NormalizeAlternativeTitleRegex)."""
    if "." not in name or "k.a" not in name.lower():
        return name
    return NORMALIZE_ALTERNATIVE_TITLE.sub(" AKA ", name)


def rebuild_title_from_dotted_parts(raw: str) -> str:
    """Turn 'The.Movie.from.U.N.C.L.E' into 'The Movie from U.N.C.L.E.' (Radarr's acronym-aware join).

    ParseMovieMatchCollection's steps in order: '_' -> ' ', A.K.A. normalised, request info ('[req]')
    removed, spaces trimmed, then the dotted parts joined.
    """
    name = normalize_alternative_title_separator(raw.replace("_", " "))
    if name.startswith("["):
        request_info = REQUEST_INFO.match(name)  # anchored at the start
        if request_info is not None:
            name = name[request_info.end() :]
    name = name.strip(" ")
    parts = name.split(".")
    if all(len(part) > 1 for part in parts) and "dr" not in name.lower().split("."):
        return " ".join(parts).strip(" ")  # no acronym letters and no 'Dr': every part is a plain word
    out: list[str] = []
    previous_acronym = False
    count = len(parts)
    for index, part in enumerate(parts):
        next_part = parts[index + 1] if index + 1 < count else ""
        lowered = part.lower()
        if (
            len(part) == 1
            and lowered != "a"
            and part not in _DIGITS
            and (previous_acronym or index < count - 1)
            and (previous_acronym or not _is_single_digit(next_part))
        ) or (lowered == "a" and (previous_acronym or len(next_part) == 1)) or lowered == "dr":
            out.append(part + ".")
            previous_acronym = True
        else:
            if previous_acronym:
                out.append(" ")
                previous_acronym = False
            out.append(part + " ")
    return "".join(out).strip(" ")


def alternative_titles(movie_title: str) -> tuple[str, ...]:
    """The whole title first, then the parts split on AKA or ' / ' (a bracketed '(aka X)' counts too)."""
    if "/" not in movie_title and "aka" not in movie_title.lower():
        return (movie_title,)
    unbracketed = BRACKETED_ALTERNATIVE_TITLE.sub(r"\1 AKA \2", movie_title, count=1)
    titles = [movie_title]
    for part in ALTERNATIVE_TITLE_SPLIT.split(unbracketed):
        if part.strip() and part != movie_title:
            titles.append(part)
    return tuple(titles)


@lru_cache(maxsize=8192)
def movie_titles_from(raw_title: str) -> tuple[str, tuple[str, ...]]:
    """(primary title, all titles) from the matched title text: ParseMovieMatchCollection's join of the
    dotted parts, then the alternative titles. Kept per title text: the same movie comes in many releases."""
    movie_title = rebuild_title_from_dotted_parts(raw_title)
    return movie_title, alternative_titles(movie_title)


# Every EDITION match holds one of _EDITION_KEYS within its first 12 characters ("(Signature.Cut").
_EDITION_KEY_REACH: Final = 12
_EDITION_LOWER: Final = first_char_guarded(lowercase_pattern(EDITION))  # EDITION's lower-case twin


def _may_start_edition(lowered: str, position: int) -> bool:
    r"""Whether an EDITION match can start at ``position``: its "\(?\b" then a word character (every edition
    starts with a letter or a digit) needs a word start there, or a '(' before one."""
    if lowered[position] == "(":
        position += 1
        if position == len(lowered):
            return False
    return lowered[position].isalnum() and not lowered[position - 1].isalnum()


def _first_edition_match(lowered: str, key_start: int) -> re.Match[str] | None:
    """``_EDITION_LOWER.search(lowered, max(1, key_start - 12))`` for a lower-cased single-line text whose first
    edition key starts at ``key_start``: the pattern (a long alternation, costly at every position it is tried
    from) is tried only where a match can start up to the key, then searched from after it."""
    for position in range(max(1, key_start - _EDITION_KEY_REACH), key_start + 1):
        if _may_start_edition(lowered, position):
            match = _EDITION_LOWER.match(lowered, position)
            if match is not None:
                return match
    return _EDITION_LOWER.search(lowered, key_start + 1)


def parse_edition(text: str) -> str | None:
    """The edition named in ``text`` after its first character ('Directors Cut', 'IMAX'...), None if none."""
    lowered = text.lower()
    key = _EDITION_KEYS_PATTERN.search(lowered)
    if key is None:
        return None
    if len(lowered) == len(text) and "\n" not in text:
        # REPORT_EDITION ("^.+?" + EDITION) finds the first EDITION match after the first character;
        # none can start more than 12 characters before the first key.
        match = _first_edition_match(lowered, key.start())
    else:
        match = REPORT_EDITION.search(text)
    edition = _group(match, text, "edition") if match else None
    if edition and edition.strip():
        return edition.replace(".", " ")
    return None


def parse_imdb_id(text: str) -> str | None:
    if "tt" not in text.lower():
        return None
    match = IMDB_ID.search(text)
    return match.group(0) if match else None


def parse_tmdb_id(text: str) -> int | None:
    if "tmdb" not in text.lower():
        return None
    match = TMDB_ID.search(text)
    if not match:
        return None
    value = int(match.group("tmdbid"))
    return value if 0 < value <= 2_147_483_647 else None


def normalize_imdb_id(imdb_id: str) -> str | None:
    """'123' -> 'tt0000123', 'tt1234567' stays; anything else -> None (Radarr's NormalizeImdbId)."""
    if not NORMALIZE_IMDB.match(imdb_id) or len(imdb_id) <= 2:
        return None
    return "tt" + imdb_id.replace("tt", "").rjust(7, "0")


def _replace_title_with_placeholder(simple_release_title: str, found: _TitleMatch) -> str:
    """Put 'A Movie' where the title was so title words are not read as languages, groups or editions."""
    title = found.title or ""
    placeholder = "A.Movie" if "." in title else "A Movie"
    start = found.title_start
    if simple_release_title[start : start + len(title)] == title:
        return simple_release_title[:start] + placeholder + simple_release_title[start + len(title) :]
    return simple_release_title.replace(title, placeholder)


def _year_value(year: str | None) -> int | None:
    if year and year.isdigit():
        return int(year)
    return None


def clean_release_title(title: str) -> str:
    """Parser.ParseMovieTitle's ReleaseTitle (what SceneChecker.GetSceneTitle returns): the title with a
    reversed name turned back, its media extension removed, '-' and '_' trimmed from both ends, and the
    full-width brackets 【】 written as []."""
    return _release_title_of(undo_reversed_title(title))


def _release_title_of(title: str) -> str:
    """``clean_release_title`` for a title already turned back (it is turned back once only)."""
    release_title = remove_file_extension(title).strip("-_")
    if "【" in release_title or "】" in release_title:
        release_title = release_title.replace("【", "[").replace("】", "]")
    return release_title


def parse_movie_title(title: str, is_dir: bool = False) -> ParsedRelease | None:
    """Parse a release title (or a folder name with ``is_dir``); None when it is not a release."""
    original = title
    if is_not_a_release(title):
        return None
    title = undo_reversed_title(title)
    release_title = _release_title_of(title)
    found = match_plex_shape(release_title) or _match_title(simplify_title(release_title), is_dir)
    if found is None or found.title is None:
        return None
    movie_title, movie_titles = movie_titles_from(found.title)
    simple_release_title = (
        SIMPLE_RELEASE_TITLE_NOISE.sub("", release_title) if _has_any(release_title, "<>?*|") else release_title
    )
    simple_release_title = _replace_title_with_placeholder(simple_release_title, found)
    release_group = parse_release_group(simple_release_title)
    if found.subgroup and found.subgroup.strip():
        release_group = found.subgroup
    language_source = (
        simple_release_title.replace(release_group, "RlsGrp") if release_group else simple_release_title
    )
    edition = found.edition.replace(".", " ") if found.edition else parse_edition(simple_release_title)
    release_hash = found.release_hash.strip("[]") if found.release_hash else None
    quality = parse_quality(title)
    # parse_quality read the hardcoded subtitles of the title with '_' as ' ' and stripped: the same text here
    same_text = "_" not in title and title == title.strip()
    # Positional, in the fields' order (keyword arguments cost more on this path, run for every title).
    return ParsedRelease(
        original,  # release_title
        movie_title,
        movie_titles,
        _year_value(found.year),  # year
        edition,
        quality,
        release_group,
        parse_languages(language_source),  # languages
        quality.hardcoded_subs if same_text else parse_hardcoded_subs(title),  # hardcoded_subs
        parse_imdb_id(simple_release_title),  # imdb_id
        parse_tmdb_id(simple_release_title),  # tmdb_id
        None if release_hash in (None, "1280x720") else release_hash,  # release_hash
        simple_release_title,
    )


def parse_movie_path(path: str) -> ParsedRelease | None:
    """Parse a file path: the file name, else folder + file name, else the folder name (hashed files)."""
    normalized = path.replace("\\", "/")
    folder_path, _, file_name = normalized.rpartition("/")
    folder = folder_path.rpartition("/")[2]
    result = parse_movie_title(file_name, is_dir=True)
    if result is None and folder:
        result = parse_movie_title(f"{folder} {file_name}")
    if result is None and folder:
        dot = file_name.rfind(".")
        extension = file_name[dot:] if dot > 0 else ""
        result = parse_movie_title(folder + extension)
    return result
