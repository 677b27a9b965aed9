"""A table of common scene tokens ('1080p', 'BluRay', 'x264', 'GERMAN'...) and what each one says.

The scene fast path (``scene_fast_path``) reads a release's quality and languages from this table
instead of scanning the whole title with the big alternation patterns. Nothing here is written by
hand: every entry is computed (on first use) by running the full parser's own patterns on the token in a
neutral context ("A.Movie.2019.<token>-RlsGrp"), so the table cannot drift from the patterns.

What the table cannot see from one token alone is two neighbours forming one match together
('Blu' + 'Ray', 'WEB' + 'x264', 'PL' + 'DUB', 'KORSUB' + 'ENG' seen through SUB look-arounds...).
``PAIR_RULES`` lists those, as (end of the left token, start of the right token) spellings, taken from
the patterns; the fast path falls back to the full parser whenever two neighbours match a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final, NamedTuple

from radarr_pipeline.parsing import language_parser as lang
from radarr_pipeline.parsing import quality_parser as qp
from radarr_pipeline.parsing.release_group import _may_name_exact_group
from radarr_pipeline.parsing.title_parser import _EDITION_KEYS_PATTERN, _YEAR_LIKE, SIMPLE_TITLE_NOISE

# Spellings of each token the table knows; upper, lower and capitalised variants are added.
_RESOLUTIONS: Final = "2160p 1440p 1080p 1080i 720p 576p 540p 480p 360p 4K UHD FHD"
_SOURCES: Final = (
    "BluRay Blu-Ray BDRip BRRip BDMux BD25 BD50 UHDBD HDDVD WEB-DL WEBDL WEBRip WEB-Rip WEBMux WEB-DLRip "
    "WEB HDTV PDTV SDTV DSR TVRip DVDRip DVD DVD5 DVD9 DVDR DVD-R HDRip CAM HDCAM CAMRip TS TELESYNC HDTS "
    "TSRip DVDSCR SCR SCREENER R5 R6 TC TELECINE HDTC WORKPRINT WP REMUX BDREMUX HYBRID"
)
_SERVICES: Final = "AMZN NF DSNP HMAX ATVP HULU iT PCOK STAN CRAV MA"
_SERVICE_SOURCES: Final = "WEB-DL WEBDL WEBRip WEB-Rip"
# Two-piece tokens read as one: a pattern matches across their dot ('1080p.WEB-DL', 'AMZN.WEB-DL').
_WEB_SOURCES: Final = "WEB-DL WEBDL WEBRip WEB-Rip WEB-DLRip"
_WEB_RESOLUTIONS: Final = "2160p 1080p 720p 576p 480p"
_CODECS = "x264 x265 H264 H265 HEVC AVC XviD DivX AV1 VP9 MPEG2 VC1 10bit 8bit 10-bit HDR HDR10 HDR10Plus DV DoVi SDR"
_AUDIO: Final = (
    "DTS DTS-HD DTS-X DTS-ES DTS-MA TrueHD Atmos DD DDP DD5 DDP5 DD2 DDP2 DD7 DDP7 AAC AAC2 AAC5 AC3 EAC3 FLAC "
    "LPCM PCM OPUS MP3 0 1 2 5 6 7 8 9"
)
_EDITIONS: Final = (
    "EXTENDED Directors Cut UNRATED REMASTERED IMAX Theatrical Special Edition Ultimate Anniversary 10th 20th "
    "25th 30th 40th 50th Criterion Open Matte UNCUT Collectors Final Uncensored Restored Version DC Despecialized"
)
_LANGUAGES: Final = (
    "GERMAN German FRENCH TRUEFRENCH MULTi MULTI iTALiAN ITALIAN SPANISH DL ML ENG RUS POLISH Hindi Korean "
    "NORDiC DUBBED SUBBED KORSUB PL VOSTFR VOSTA SWESUB DANiSH DUTCH JAPANESE CHINESE HUN CZ Dual Audio "
    "ENGLiSH SWEDiSH NORWEGiAN FiNNiSH GER DE EN ES LT SK BG ITA FRA VFF VF KA GEO Urdu ORIG SUB"
)
_OTHER: Final = "PROPER REPACK REPACK2 RERIP REAL iNTERNAL INTERNAL LIMITED READNFO HC SUBS COMPLETE RETAIL HQ WS"


def _spellings() -> list[str]:
    words: list[str] = []
    for group in (_RESOLUTIONS, _SOURCES, _SERVICES, _CODECS, _AUDIO, _EDITIONS, _LANGUAGES, _OTHER):
        words += group.split()
    words += [f"{service}.{source}" for service in _SERVICES.split() for source in _SERVICE_SOURCES.split()]
    words += [f"{res}.{source}" for res in _WEB_RESOLUTIONS.split() for source in _WEB_SOURCES.split()]
    words += ["H.264", "H.265"]
    out: dict[str, None] = {}
    for word in words:
        for variant in (word, word.upper(), word.lower(), word.capitalize()):
            out[variant] = None
    return list(out)


_DIGITS: Final = tuple("0123456789")

# (how the left token ends, how the right token begins), both lower-cased, for every pattern that can
# read two neighbours as one match across their separator. The left side is a regex anchored at the
# token's end ("\\b" where the pattern needs a word start); the right side is a tuple of beginnings.
_V_DIGITS: Final = tuple(f"v{digit}" for digit in _DIGITS)
# The codes of LanguageParser.CaseSensitiveLanguageRegex, guarded against a SUB before or after them.
_CS_AFTER: Final = ("en", "lt", "cz", "pl", "bg", "sk", "de", "es")
_PAIR_RULES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (r"\bm?blu$", ("ray",)),  # SOURCE M?Blu[-_. ]?Ray
    (r"\bhd$", ("dvd", "ts", "tc", "cam")),  # SOURCE HD[-_. ]?DVD, HD-TS, HD-TC, HD-?CAM
    (r"[hs]d$", ("tv",)),  # OTHER_SOURCE (HD|SD)[-_. ]TV (no word start)
    (r"\bbr$", ("disk",)),  # SOURCE BR[-_. ]?DISK
    (r"\bweb$", ("dl", "rip", "mux", "x26", "h26", "h.26", "avc", "hevc", "dd", *_DIGITS)),  # WEB-DL, WEB codec
    (r"\b\d{3,4}0p$|\bhybrid$", ("web", "hybrid")),  # \d{3,4}0p[-. ](Hybrid[-_. ]?)?WEB[-. ]
    (r"\b(?:amzn|nf|dp)$", ("web",)),  # (AMZN|NF|DP)[. -]WEB[. -](?!Rip)
    (r"\bts$", ("web",)),  # TS[-_. ] takes the separator a following [. ]WEB needs
    (r"\bws$", ("dsr",)),  # SOURCE WS[-_. ]DSR
    (r"hr$", ("ws",)),  # HIGH_DEF_PDTV hr[-_. ]ws
    (r"\braw$", ("hd",)),  # RAW_HD Raw[-_. ]HD
    (r"\b4k$", ("uhd", "hevc", "bd", "h265", "h.265")),  # RESOLUTION 4k[-_. ](UHD|HEVC|BD|H.?265)
    (r"\b(?:uhd|hevc|bd|h\.?265)$", ("4k",)),  # RESOLUTION (UHD|HEVC|BD|H.?265)[-_. ]4k
    (r"\b\d?x?m?dvd$", ("r", "5", "9")),  # SOURCE DVD-?[R59] (through the group's dash)
    (r"\d$", _V_DIGITS),  # VERSION \d[-._ ]?v(\d)
    (r"ger$", ("dub",)),  # LanguageRegex ger[. ]dub (no word start)
    (r"\b(?:pl|dub|lek)$", ("dub", "pl", "lek")),  # LanguageRegex PL\W?DUB, DUB\W?PL, LEK\W?PL, PL\W?LEK
    (r"dts$", ("es",)),  # CaseSensitiveLanguageRegex's DTS guard: (?<!DTS[._ -])ES is not Spanish
    (r"sub$", _CS_AFTER),  # case-sensitive language codes not after SUB[\W_]
    (r"\b(?:" + "|".join(_CS_AFTER) + r")$", ("sub",)),  # ... nor before [\W_]SUB
)
PAIR_RULES: Final = tuple((re.compile(ending), beginnings) for ending, beginnings in _PAIR_RULES)


def right_mask(lowered: str) -> int:
    """Bit i set when ``lowered`` ends like the left side of ``PAIR_RULES[i]``."""
    return sum(1 << index for index, (ending, _) in enumerate(PAIR_RULES) if ending.search(lowered))


_ANY_BEGINNING: Final = tuple({start for _, starts in PAIR_RULES for start in starts})


def left_mask(lowered: str) -> int:
    """Bit i set when ``lowered`` begins like the right side of ``PAIR_RULES[i]``."""
    if not lowered.startswith(_ANY_BEGINNING):
        return 0
    return sum(1 << index for index, (_, starts) in enumerate(PAIR_RULES) if lowered.startswith(starts))


# TokenInfo.flags: the yes/no readings the fast path only ORs together over a name's tokens.
UHD, PROPER, REPACK, EDITION_KEY, CASE_SENSITIVE_POSSIBLE, TOKENS_POSSIBLE = 1, 2, 4, 8, 16, 32


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What one token says, as the full parser's patterns read it; ``None`` parts say nothing. Slotted: the
    fast path reads a dozen of its fields for every token of every scene name."""

    sources: tuple[str, ...]  # groups of SOURCE matches, in order (the last one wins overall)
    resolution: int | None  # the first RESOLUTION match
    uhd: bool  # ALTERNATIVE_RESOLUTION matches
    version: int | None  # the first VERSION match
    proper: bool
    repack: bool
    real: int  # case-sensitive REAL count
    named: tuple[int, ...]  # language names found as words, as indexes into the parser's name list
    case_sensitive: tuple[str, ...]  # languages of the case-sensitive code pattern, in order
    case_sensitive_possible: bool  # the language parser's pre-check for that pattern
    tokens: tuple[str, ...]  # languages of the token pattern, in order
    tokens_possible: bool
    left: int  # left_mask of the token
    right: int  # right_mask of the token
    seps: int  # bit 0: a match takes the separator before; bit 1: a match takes the separator after
    edition_key: bool = False  # holds a word the edition patterns need (EDITION is run on the title)
    says_nothing: bool = False  # no source, resolution, revision or language reading at all
    flags: int = 0  # uhd, proper, repack, edition_key, case_sensitive_possible, tokens_possible as bits

    def __post_init__(self) -> None:
        quiet = not (
            self.sources or self.resolution is not None or self.uhd or self.version is not None or self.proper
            or self.repack or self.real or self.named or self.case_sensitive or self.case_sensitive_possible
            or self.tokens or self.tokens_possible
        )
        object.__setattr__(self, "says_nothing", quiet)
        bits = (
            (UHD, self.uhd), (PROPER, self.proper), (REPACK, self.repack), (EDITION_KEY, self.edition_key),
            (CASE_SENSITIVE_POSSIBLE, self.case_sensitive_possible), (TOKENS_POSSIBLE, self.tokens_possible),
        )
        object.__setattr__(self, "flags", sum(bit for bit, on in bits if on))


# Neutral surroundings: the token after a year or another word, before the group or another word.
_CONTEXTS: Final = (("A.2019.", "-Grp"), ("A.2019.Qq.", ".Qq-Grp"))


class _Unsafe(Exception):
    """A match reaches past the token and its separators: the table cannot describe the token."""


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[list[re.Match[str]], int]:
    """The matches of ``pattern`` on the token at text[start:end], and the separator bits they use.

    The contexts say nothing alone, so a match outside the token, or one reaching past a separator,
    exists only through the token's surroundings: the token is then unsafe.
    """
    inside: list[re.Match[str]] = []
    seps = 0
    for match in pattern.finditer(text):
        if match.end() <= start or match.start() >= end:
            raise _Unsafe
        if match.start() < start - 1 or match.end() > end + 1:
            raise _Unsafe
        if match.start() < start:
            seps |= 1
        if match.end() > end:
            seps |= 2
        inside.append(match)
    return inside, seps


def _version(match: re.Match[str]) -> int:
    return int(next(value for value in match.groups() if value is not None))


def _info_in(token: str, left: str, right: str) -> TokenInfo:
    text = left + token + right
    lowered = text.lower()
    start, end = len(left), len(left) + len(token)
    sources, seps = _spans(qp._SOURCE_LOWER, lowered, start, end)
    resolutions, _ = _spans(qp._RESOLUTION_LOWER, lowered, start, end)
    versions, _ = _spans(qp.VERSION, text, start, end)
    case_sensitive, cs_seps = _spans(lang._CASE_SENSITIVE, text, start, end)
    tokens, token_seps = _spans(lang._TOKENS_LOWER, lowered, start, end)
    token_lower = token.lower()
    return TokenInfo(
        sources=tuple(match.lastgroup or "" for match in sources),
        resolution=qp._RESOLUTION_GROUPS[resolutions[0].lastgroup or "r2160"] if resolutions else None,
        uhd=bool(_spans(qp.ALTERNATIVE_RESOLUTION, text, start, end)[0]),
        version=_version(versions[0]) if versions else None,
        proper=bool(_spans(qp.PROPER, text, start, end)[0]),
        repack=bool(_spans(qp.REPACK, text, start, end)[0]),
        real=len(_spans(qp.REAL, text, start, end)[0]),
        named=tuple(lang.named_word_indexes(token_lower)),
        case_sensitive=tuple(lang._group_language(m.lastgroup) for m in case_sensitive if m.lastgroup),
        case_sensitive_possible=not lang._CASE_SENSITIVE_WORDS.isdisjoint(lang._NON_WORD.split(token)),
        tokens=tuple(match.lastgroup for match in tokens if match.lastgroup),
        tokens_possible=lang._may_name_language(token, token_lower, set(lang._NON_WORD.split(token)))[1],
        left=left_mask(token_lower),
        right=right_mask(token_lower),
        seps=seps | cs_seps | token_seps,
        edition_key=_EDITION_KEYS_PATTERN.search(token_lower) is not None,
    )


def token_info(token: str) -> TokenInfo | None:
    """The token's table entry, None when its reading depends on its surroundings, could be a year,
    or could name one of the release-group exceptions (the fast path looks for those only near the end)."""
    if _YEAR_LIKE.search(token) or _YEAR_LIKE.search(SIMPLE_TITLE_NOISE.sub("", token)):
        return None
    if _may_name_exact_group(token.lower()):
        return None
    try:
        infos = {_info_in(token, left, right) for left, right in _CONTEXTS}
    except _Unsafe:
        return None
    return infos.pop() if len(infos) == 1 else None


def _context_is_inert() -> None:
    """The neutral contexts must say nothing themselves, or the table would credit them to tokens."""
    for left, right in _CONTEXTS:
        text = left + right
        assert not qp._SOURCE_LOWER.search(text.lower()) and not qp.RESOLUTION.search(text)
        assert lang.parse_languages(text) == ("unknown",)


def build_table() -> dict[str, TokenInfo]:
    _context_is_inert()
    table: dict[str, TokenInfo] = {}
    for spelling in _spellings():
        info = token_info(spelling)
        if info is not None:
            table[spelling] = info
    return table


def _inert_extensions() -> frozenset[str]:
    """Strippable extensions that change no token reading when they end the name ('.mkv', '.mp4'...)."""
    from radarr_pipeline.parsing.extensions import _STRIPPABLE_EXTENSIONS

    inert = set()
    for extension in _STRIPPABLE_EXTENSIONS:
        text = "A.2019.Qq-Grp" + extension
        lowered = text.lower()
        if not any(
            pattern.search(subject)
            for pattern, subject in (
                (qp._SOURCE_LOWER, lowered), (qp._RESOLUTION_LOWER, lowered), (qp.ALTERNATIVE_RESOLUTION, text),
                (qp.VERSION, text), (qp.PROPER, text), (qp.REPACK, text), (qp.REAL, text),
            )
        ):
            inert.add(extension)
    return frozenset(inert)


def _compound_firsts(tokens: dict[str, TokenInfo]) -> dict[str, frozenset[str]]:
    firsts: dict[str, frozenset[str]] = {}
    for spelling in tokens:
        if "." in spelling:
            first, second = spelling.split(".", 1)
            firsts[first] = firsts.get(first, frozenset()) | {second}
    return firsts


class Tables(NamedTuple):
    """The fast path's tables, built together on first use (see :func:`tables`)."""

    tokens: dict[str, TokenInfo]  # spelling -> what it says
    year_right_masks: dict[str, int]  # right_mask of every year 1800-2099
    inert_extensions: frozenset[str]  # extensions the quality patterns do not read
    compound_firsts: dict[str, frozenset[str]]  # first piece of a two-piece token -> its second pieces


@cache
def tables() -> Tables:
    """Build every table once, on first use (a few hundred milliseconds), not at import: a command that never
    parses a title (the CLI's `movies list`) does not pay for them. A function rather than module attributes filled
    on first read (PEP 562): a module ``__getattr__`` crashes the import of the module compiled with mypyc."""
    tokens = build_table()
    return Tables(
        tokens=tokens,
        year_right_masks={str(year): right_mask(str(year)) for year in range(1800, 2100)},
        inert_extensions=_inert_extensions(),
        compound_firsts=_compound_firsts(tokens),
    )
