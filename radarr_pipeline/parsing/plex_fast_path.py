"""Fast path for Radarr's own naming, ``Title Words (YEAR) rest``: library folders and files
("The Matrix (1999)", "Movie 2 (2004) Bluray-1080p.mkv").

A library holds thousands of names that differ only in their title words; what follows the year repeats
("(1999) Bluray-1080p.mkv"). The full parser reads every field but the title from text in which the title
is already replaced by a placeholder, and reads the quality from words the title cannot take part in when
its words are inert (below). So the result for ``Title (YEAR) rest`` is the result for the template
``A Movie (YEAR) rest`` (parsed once, remembered) with the title put back. Each gate says which full-parser
step it stands for; when one fails the caller runs the full parser.

Gates:
* ASCII; the title words are letters-only words, or numbers, single spaces between, then " (YEAR)":
  ``match_plex_shape`` then takes exactly those words (German/TrueFrench, edition words and year-like
  runs of digits in the title are refused, as there);
* the template itself takes the plex shape (what follows the year is the same in both, so the gates
  ``match_plex_shape`` puts on it hold for both);
* no title word says anything to the quality patterns (``_QUALITY_REFUSED``: every stem a quality,
  revision, codec, disc or hardcoded-subtitle pattern needs, as a substring: conservative);
* nothing the rejections or the reversed-name rule read: no 'password', 'abc' at the start, 'p027',
  'p0801', first word shorter than 24 characters.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Final

from radarr_pipeline.parsing.model import ParsedRelease
from radarr_pipeline.parsing.quality_parser import parse_quality
from radarr_pipeline.parsing.release_group import _may_name_exact_group
from radarr_pipeline.parsing.title_parser import (
    _GERMAN_TRACKER_WORDS,
    _YEAR_LIKE,
    _may_hold_edition,
    _release_title_of,
    match_plex_shape,
    movie_titles_from,
    parse_movie_title,
    title_words_may_mislead,
)
from radarr_pipeline.quality.qualities import QualityModel

_WORD: Final = r"(?:[A-Za-z]+|\d{1,9})"
_PLEX_NAME: Final = re.compile(_WORD + r"(?: " + _WORD + r")* \((?:1[89]|20)\d\d\)")
PLACEHOLDER: Final = "A Movie"

# Substrings (lower-case) of the title words the quality patterns could read: the source, resolution,
# revision, codec, remux, disc (BR-DISK's look-aheads), Raw-HD, MPEG-2, anime, German remux and
# hardcoded-subtitle patterns' stems; 'sd'/'hr'/'tv' for OTHER_SOURCE and HIGH_DEF_PDTV, which need no
# word start. A number reads as nothing (resolutions need 'p'/'i'/'x' glued to the digits, VERSION a
# 'v' word, the disc sizes a 'bd'/'uhd' word, the German remux look-behind's four digits are the year's
# too); '264'/'265' after an 'x'/'h' word and '5 1' after a 'dd' word are title noise the title
# patterns remove (left to the full parser).
_QUALITY_REFUSED: Final = re.compile(
    r"blu|ray|hd|bd|br|dvd|disk|disc|dis|web|dl|rip|mux|amazon|itunes|maxdome|netflix|hbo|disney|amzn|nf|dp"
    r"|tv|dsr|ws|regional|scr|ts|tele|tc|cam|wp|workprint|sd|raw|uhd|fhd|remux|hybrid|complete|full|iso"
    r"|avc|hevc|vc|mpeg|german|proper|repack|rerip|real|xvid|divx|vid|sub|hc|mkv|wmv|hr|pdvd|uhd|light"
    r"|[xh] 26[45]\b|dd 5 1\b|^abc|password|p027|p0801"
)


def _title_words(title: str) -> str | None:
    """The title words of a ``Title (YEAR) ...`` name when the template stands for it, else None."""
    if len(title) > 300 or not title.isascii():
        return None
    match = _PLEX_NAME.match(title)
    if match is None:
        return None
    words = title[: match.end() - 7]
    first = words.split(" ", 1)[0]
    if len(first) >= 24 or _QUALITY_REFUSED.search(words.lower()):
        return None
    return words


@lru_cache(maxsize=4096)
def _template_parse(template: str) -> ParsedRelease | None:
    """The full parser's result for the template, None when the template does not take the plex shape."""
    if match_plex_shape(_release_title_of(template)) is None:
        return None
    parsed = parse_movie_title(template)
    if parsed is None or parsed.movie_title != PLACEHOLDER:
        return None
    return parsed


def _words_may_mislead(words: str) -> bool:
    """Whether ``match_plex_shape`` may refuse a name for its title words when it takes the name's template.

    Its other checks read what the name and the template share (the year and the rest after it; the shape regex
    is ``_PLEX_NAME``'s, and ``_release_title_of`` changes only the shared end: the words hold no dot, start with
    a letter or digit and are ASCII) or are ``_title_words``' own (the cross-word noise is in ``_QUALITY_REFUSED``);
    what is left reads the words: a year-like number (NORMAL's year could start there), German/TrueFrench
    (GERMAN_TRACKER), an edition word (EDITION_BEFORE_YEAR)."""
    return title_words_may_mislead(words)


def _template_standing_for(title: str) -> tuple[str, ParsedRelease] | None:
    """(title words, the template's parse) when the template stands for ``title``: every field of the parse but
    ``release_title``, ``movie_title`` and ``movie_titles`` is then the full parser's for ``title``."""
    words = _title_words(title)
    if words is None:
        return None
    base = _template_parse(PLACEHOLDER + title[len(words) :])
    if base is None or _words_may_mislead(words):
        return None  # German/TrueFrench, an edition word or a year-like number among the title words
    return words, base


def parse_plex_title(title: str) -> ParsedRelease | None:
    """The full parser's result for a ``Title (YEAR) rest`` name, or None when the fast path is not sure."""
    standing = _template_standing_for(title)
    if standing is None:
        return None
    words, base = standing
    movie_title, movie_titles = movie_titles_from(words)
    return replace(base, release_title=title, movie_title=movie_title, movie_titles=movie_titles)


def plex_group_and_edition(title: str) -> tuple[str | None, str | None] | None:
    """``(release_group, edition)`` of :func:`parse_plex_title`'s result without building it (a library scan
    reads only these of a file's name), or the full parser's for a name whose title words hold a year-like
    number (:func:`_year_titled`): None when the fast path is not sure."""
    words = _title_words(title)
    return None if words is None else _group_and_edition(title, words)


def _group_and_edition(title: str, words: str) -> tuple[str | None, str | None] | None:
    """:func:`plex_group_and_edition` for ``title`` whose title words (``_title_words``) are ``words``."""
    base = _template_parse(PLACEHOLDER + title[len(words) :])
    if base is None:
        return None
    if not _words_may_mislead(words):
        return base.release_group, base.edition  # the template stands for the title (_template_standing_for)
    if base.edition is None and _year_titled(title, words):
        return base.release_group, None
    return None


def _year_titled(title: str, words: str) -> bool:
    """Whether the template's release group and edition (when it has none) are the full parser's for ``title``, a
    plex name whose title words hold a year-like number ("Movie 1850 (1970) ...", "Blade Runner 2049 (2017) ...").

    The full parser's title then need not be the title words (NORMAL's year may be the one in the words: it reads
    "Movie 1850 (1970)" as "Movie"), so only the fields read from the rest are the template's. The placeholder
    stands where the found title stood, at the start (the words start with a letter word, so that title is not
    empty; nothing before the year simplifies away), and the title words left after it stay in the text the
    release group and the edition are read from. Gates, beside the template's:
    * no edition word anywhere: EDITION_BEFORE_YEAR is not tried, no pattern's edition group takes part, and
      the edition read from the text is None in both (what the rest holds is the template's rest);
    * no German/TrueFrench anywhere: GERMAN_TRACKER is not tried;
    * no exact group name (EXCEPTION_GROUP_EXACT's words) among the title words: the words left are read by no
      group rule (they hold no '-', '[', ']' or ')', and the dash, bracket and listed-group rules read from those
      in the rest on, whose look-behind at the excluded endings meets ')' first).
    """
    if _YEAR_LIKE.search(words) is None or not words.split(" ", 1)[0].isalpha():
        return False
    lowered = title.lower()
    return not (_may_hold_edition(lowered) or _GERMAN_TRACKER_WORDS.search(lowered)
                or _may_name_exact_group(words.lower()))


@lru_cache(maxsize=4096)
def _template_quality(template: str) -> QualityModel:
    return parse_quality(template)


def quality_template(name: str) -> str:
    """The text whose quality :func:`parse_name_quality` gives for ``name``: the template of a ``Title (YEAR)
    rest`` name whose title words are inert, else the name itself. Names with the same one have the same
    quality (a scan computes a quality once per template)."""
    stripped = name.strip()
    words = _title_words(stripped)
    return name if words is None else PLACEHOLDER + stripped[len(words) :]


def library_file_fields(name: str, stem: str, folder: str
                        ) -> tuple[str, str | None, tuple[str | None, str | None] | None]:
    """``(quality_template(name), quality_template(folder), plex_group_and_edition(stem))`` for a library file's
    name, its stem (the name without its extension) and its folder's name, the title words read once (a scan
    reads these three of every file). The second is None when the folder's name is not the start of the name (then
    the caller asks for it alone); the third when the fast path is not sure, or when the name is not plain
    (surrounding spaces, an unprintable character, a stem that is not the start of the name or ends within the
    year: the caller then asks for it alone).

    A plain name's stem, and a folder named as the name begins (Radarr's own layout, "Title (YEAR)/Title (YEAR)
    Quality.mkv"), have the name's title words: ``_PLEX_NAME`` matches the same first ``len(words) + 7``
    characters (nothing past the ')' after the year is read before it matches), and the start of an ASCII name
    is ASCII and no longer than it."""
    stripped = name.strip()
    words = _title_words(stripped)
    if words is None:
        return name, None, None
    template = PLACEHOLDER + stripped[len(words) :]
    if stripped != name:
        return template, None, None
    folder_template = (PLACEHOLDER + folder[len(words) :]
                       if _starts_with_the_title(name, folder, words) and folder == folder.strip() else None)
    if not _starts_with_the_title(name, stem, words) or not name.isprintable():
        return template, folder_template, None
    return template, folder_template, _group_and_edition(stem, words)


def _starts_with_the_title(name: str, start: str, words: str) -> bool:
    """Whether ``start`` begins ``name`` and holds its title words and the year after them."""
    return len(start) >= len(words) + 7 and name.startswith(start)


def parse_name_quality(name: str) -> QualityModel:
    """``parse_quality(name)``, through the template of a ``Title (YEAR) rest`` name when its title words are
    inert (a library's files and folders share a few templates)."""
    stripped = name.strip()
    words = _title_words(stripped)
    if words is None:
        return parse_quality(name)
    return _template_quality(PLACEHOLDER + stripped[len(words) :])
