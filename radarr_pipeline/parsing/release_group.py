"""Release group from a release title, following Radarr's ReleaseGroupParser rules."""

from __future__ import annotations

import re
from typing import Final

from radarr_pipeline.parsing.extensions import remove_file_extension
from radarr_pipeline.parsing.regex_tools import first_char_guarded, lowercase_twin

_I: Final = re.IGNORECASE

# A leading "[site.tld]" / "www.site.tld - " prefix.
WEBSITE_PREFIX: Final = re.compile(
    r"^(?:(?:\[|\()\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?<!Naruto-Kun\.)"
    r"(?:[a-z]{2,6}\.[a-z]{2,6}|xn--[a-z0-9-]{4,}|[a-z]{2,})\b(?:\s*(?:\]|\))|[ -]{2,})[ -]*",
    _I,
)
WEBSITE_POSTFIX = re.compile(r"(?:\[\s*)?(?:www\.)?[-a-z0-9-]{1,256}\.(?:xn--[a-z0-9-]{4,}|[a-z]{2,6})\b(?:\s*\])$", _I)
CLEAN_TORRENT_SUFFIX: Final = re.compile(r"\[(?:ettv|rartv|rarbg|cttv|publichd)\]$", _I)

_DASH_GROUP: Final = re.compile(r"-(?P<group>[a-z0-9]+)(?P<part2>-[a-z0-9]+)?", _I)
_BRACKET_GROUP_AT_END: Final = re.compile(r"[-._ ]\[(?P<group>[a-z0-9]+)\]$", _I)
_RESOLUTION_AHEAD: Final = re.compile(r"480p|576p|720p|1080p|2160p", _I)
_RESOLUTION_AHEAD_LOWER: Final = lowercase_twin(_RESOLUTION_AHEAD)
_GROUP_BOUNDARY: Final = re.compile(r"\b|[-._ ]|$")
# The ending of a tmdb id ("tmdbid-12345"): the one excluded ending whose match can be longer than 10 characters.
_TMDB_ID: Final = r"tmdb(?:id)?-\d+"
# Endings that mean "-word" is a codec, audio, language or date part, not a group (Radarr's look-behind).
_EXCLUDED_GROUP_ENDING: Final = first_char_guarded(
    r"(?:WEB-(?:DL|Rip)|Blu-Ray|480p|576p|720p|1080p|2160p|DTS-HD|DTS-X|DTS-MA|DTS-ES|-ES|-EN|-CAT|-ENG|-JAP"
    r"|-GER|-FRA|-FRE|-ITA|-HDRip|\d{1,2}-bit|[ ._]\d{4}-\d{2}|-\d{2}|" + _TMDB_ID + r"|tt\d{7,8})$",
    _I,
)
INVALID_GROUP: Final = re.compile(r"^(?:[se]\d+|[0-9a-f]{8})$", _I)
ANIME_GROUP: Final = re.compile(r"^(?:\[(?P<subgroup>(?!\s).+?(?<!\s))\](?:_|-|\s|\.)?)", _I)
EXCEPTION_GROUP_EXACT: Final = first_char_guarded(
    r"\b(?P<group>KRaLiMaRKo|E\.N\.D|D\-Z0N3|Koten_Gars|BluDragon|ZØNEHD|HQMUX|VARYG|YIFY|YTS(?:.(?:MX|LT|AG))?"
    r"|TMd|Eml HDTeam|LMain|DarQ|BEN THE MEN|TAoE|QxR|126811)\b",
    _I,
)
# ReleaseGroupParser.ExceptionReleaseGroupRegex's names (groups whose releases end "Group)" or "Group]"),
# exactly Radarr's list at 1b9662d5.
_LISTED_GROUPS: Final = (
    "Silence|afm72|Panda|Ghost|MONOLITH|Tigole|Joy|ImE|UTR|t3nzin|Anime Time|Project Angel|Hakata Ramen|HONE"
    "|Vyndros|SEV|Garshasp|Kappa|Natty|RCVR|SAMPA|YOGI|r00t|EDGE2020|RZeroX|FreetheFish|Anna|Bandi|Qman"
    "|theincognito|HDO|DusIctv|DHD|CtrlHD|-ZR-|ADC|XZVN|RH|Kametsu"
)
# The same group just before the end of a short window (see _last_listed_group).
_LISTED_GROUP_AT_END: Final = re.compile(r"(?<=[._ \[])(?P<group>" + _LISTED_GROUPS + r")$", _I)
_LISTED_GROUP_NAMES_LOWER: Final = tuple(name.lower() for name in _LISTED_GROUPS.split("|"))
_LONGEST_LISTED_GROUP: Final = max(len(name) for name in _LISTED_GROUPS.split("|"))
# Words after a last dash that are posting noise, not the group ("-NZBGeek", "-Obfuscated", "-postbot"...).
_GROUP_SUFFIX_NOISE: Final = (
    r"RP|1|NZBGeek|Obfuscated|Obfuscation|Scrambled|sample|Pre|postbot|xpost|Rakuv[a-z0-9]*|WhiteRev"
    r"|BUYMORE|AsRequested|AlternativeToRequested|GEROV|Z0iDS3N|Chamele0n|4P|4Planet|AlteZachen|RePACKPOST"
)
CLEAN_GROUP_SUFFIX: Final = re.compile(r"(?:-(?:" + _GROUP_SUFFIX_NOISE + r"))+$", _I)
_GROUP_SUFFIX_NOISE_WORD: Final = re.compile(r"(?:" + _GROUP_SUFFIX_NOISE + r")", _I)


def is_group_suffix_noise(word: str) -> bool:
    """Whether CLEAN_GROUP_SUFFIX would strip '-word' at the end of a title."""
    return _GROUP_SUFFIX_NOISE_WORD.fullmatch(word) is not None


def _may_end_with_suffix_noise(title: str) -> bool:
    """Whether CLEAN_GROUP_SUFFIX can match: its last '-word' ends the title (or a final newline follows it)."""
    return "\n" in title or is_group_suffix_noise(title.rpartition("-")[2])


def strip_website_affixes(title: str) -> str:
    """Remove a leading website prefix (and torrent-site suffix) as Radarr does before group parsing."""
    prefix = WEBSITE_PREFIX.match(title)  # anchored at the start: match, not a search from every position
    if prefix is not None:
        title = title[prefix.end() :]
    return CLEAN_TORRENT_SUFFIX.sub("", title, count=1) if title.endswith("]") else title


_EXACT_GROUP_KEYS: Final = (
    "kralimarko", "e.n.d", "d-z0n3", "koten_gars", "bludragon", "zønehd", "hqmux", "varyg", "yify", "yts",
    "tmd", "eml hdteam", "lmain", "darq", "ben the men", "taoe", "qxr", "126811",
)


def _may_name_exact_group(lowered: str) -> bool:
    """Whether ``lowered`` holds one of EXCEPTION_GROUP_EXACT's names, a necessary condition for a match. A 'tmd'
    followed by 'b' does not count: TMd's "\\b...\\b" match cannot be followed by a letter, and every '{tmdb-N}' of
    Radarr's own naming holds one. Substring tests, one per name: cheaper than a scan for the names together, whose
    first letters are common ones."""
    return any(key in lowered and (key != "tmd" or _tmd_not_before_b(lowered)) for key in _EXACT_GROUP_KEYS)


def _tmd_not_before_b(lowered: str) -> bool:
    at = lowered.find("tmd")
    while at >= 0:
        if not lowered.startswith("b", at + 3):
            return True
        at = lowered.find("tmd", at + 1)
    return False


_LISTED_GROUP_AT_END_LOWER: Final = lowercase_twin(_LISTED_GROUP_AT_END)
_EXCEPTION_GROUP_EXACT_LOWER: Final = lowercase_twin(EXCEPTION_GROUP_EXACT)


def _last_exact_group(title: str) -> str | None:
    """The group of the last EXCEPTION_GROUP_EXACT match (through its lower-case twin when lowering
    keeps the length, so spans are the same), None when there is none."""
    lowered = title.lower()
    if len(lowered) != len(title):
        match = _last(EXCEPTION_GROUP_EXACT, title)
        return match.group("group") if match else None
    match = _last(_EXCEPTION_GROUP_EXACT_LOWER, lowered)
    return title[match.start("group") : match.end("group")] if match else None


def _last_listed_group(title: str) -> str | None:
    r"""The group of the last match of Radarr's ExceptionReleaseGroupRegex, ``(?<=[._ \[])(listed group)(?=\]|\))``
    (case-insensitive), found next to the closing brackets only.

    Every match ends just before a ']' or ')' and holds neither, so matches never overlap and the last
    one ends before the last bracket that has one; there, the leftmost start wins, as in a full scan.
    """
    position = len(title)
    while True:
        position = max(title.rfind("]", 0, position), title.rfind(")", 0, position))
        if position <= 0:
            return None
        window_start = max(0, position - _LONGEST_LISTED_GROUP - 1)  # one more for the look-behind
        window = title[window_start:position]
        lowered = window.lower()
        if len(lowered) == len(window):
            # The twin's match ends the window ('$' also before a final newline): a listed name ends it.
            if not lowered.endswith(_LISTED_GROUP_NAMES_LOWER) and not lowered.endswith("\n"):
                continue
            match = _LISTED_GROUP_AT_END_LOWER.search(lowered)
            if match is not None:
                return window[match.start("group") : match.end("group")]
        else:
            match = _LISTED_GROUP_AT_END.search(window)
            if match is not None:
                return match.group("group")


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the last match wins
        pass
    return last


# Longest match of _EXCLUDED_GROUP_ENDING apart from "tmdb(id)-<digits>" ('tt' + 8 digits).
_EXCLUDED_ENDING_SPAN: Final = 10
_TMDB_ID_ENDING: Final = re.compile(_TMDB_ID + "$", _I)
_EXCLUDED_GROUP_ENDING_LOWER: Final = lowercase_twin(_EXCLUDED_GROUP_ENDING)


def _excluded_ending(title: str, end: int) -> bool:
    """Whether title[:end] ends with a codec/audio/language/date part (only its last 64 characters matter).

    The pattern is anchored at ``end`` but ``re`` tries every start: look at the last 10 characters
    first, and at all 64 only when a tmdb id (the one longer alternative) may be there.
    """
    tail = title[max(0, end - _EXCLUDED_ENDING_SPAN) : end]
    lowered = tail.lower()
    if len(lowered) == len(tail):
        if _EXCLUDED_GROUP_ENDING_LOWER.search(lowered) is not None:
            return True
    elif _EXCLUDED_GROUP_ENDING.search(tail) is not None:
        return True
    window_start = max(0, end - 64)
    if "tmdb" not in title[window_start:end].lower():
        return False
    # Every other alternative's match fits in the last 10 characters, searched above: only this one is left.
    return _TMDB_ID_ENDING.search(title, window_start, end) is not None


def _dash_group_at(title: str, lowered: str, pos: int) -> tuple[str, int] | None:
    """The ``-Group`` match starting at ``pos`` (the '-'), trying with then without a second part; ``lowered`` is
    ``title.lower()``, whose lower-case twin reads the same spans when lowering keeps the length."""
    match = _DASH_GROUP.match(title, pos)
    if match is None:
        return None
    group_end = match.end("group")
    options = [match.end()] if match.group("part2") is None else [match.end(), group_end]
    ahead, text = (_RESOLUTION_AHEAD_LOWER, lowered) if len(lowered) == len(title) else (_RESOLUTION_AHEAD, title)
    for end in options:
        part2_len = end - group_end
        if ahead.search(text, end + 1):
            continue
        if _excluded_ending(title, end):
            continue
        if part2_len and _excluded_ending(title, end - part2_len):
            continue
        boundary = _GROUP_BOUNDARY.match(title, end)
        if boundary is None:
            continue
        return title[pos + 1 : end], boundary.end()
    return None


def dash_groups(title: str, start: int = 0) -> list[tuple[str, int]]:
    """The dash rule's non-overlapping group matches from ``start``, left to right, as Radarr's
    ReleaseGroupRegex.Matches finds them: (group, the position the scan goes on from)."""
    lowered = title.lower()
    found: list[tuple[str, int]] = []
    pos = title.find("-", start)
    while pos >= 0:
        hit = _dash_group_at(title, lowered, pos)
        if hit is not None:
            resume = max(hit[1], pos + 1)
            found.append((hit[0], resume))
            pos = title.find("-", resume)
        else:
            pos = title.find("-", pos + 1)
    return found


def _group_candidates(title: str) -> list[str]:
    """Every non-overlapping group candidate left to right, as Radarr's ReleaseGroupRegex.Matches finds them."""
    hits = dash_groups(title)
    found = [group for group, _ in hits]
    resume = hits[-1][1] if hits else 0  # the bracket rule starts where the dash rule's scan went on
    if title.endswith("]"):
        bracket = _BRACKET_GROUP_AT_END.search(title, resume)
        if bracket is not None:
            found.append(bracket.group("group"))
    return found


def parse_release_group(title: str) -> str | None:
    """The release group of ``title`` (None when there is none), following Radarr's rules."""
    title = remove_file_extension(title.strip())
    title = strip_website_affixes(title)
    anime = ANIME_GROUP.match(title) if title.startswith("[") else None
    if anime:
        return anime.group("subgroup")
    if _may_end_with_suffix_noise(title):
        title = CLEAN_GROUP_SUFFIX.sub("", title, count=1)
    lowered = title.lower()
    exact = _last_exact_group(title) if _may_name_exact_group(lowered) else None
    if exact:
        return exact
    listed = _last_listed_group(title) if ("]" in title or ")" in title) else None
    if listed:
        return listed
    if "-" not in title and "[" not in title:
        return None
    candidates = _group_candidates(title)
    if not candidates:
        return None
    group = candidates[-1]
    if group.isdigit() or INVALID_GROUP.match(group):
        return None
    return group
