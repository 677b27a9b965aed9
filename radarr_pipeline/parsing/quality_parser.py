"""Quality from a release title, following Radarr's QualityParser rules.

Every pattern is compiled once at import. ``parse_quality`` never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Final

from radarr_pipeline.parsing.extensions import quality_for_extension
from radarr_pipeline.parsing.regex_tools import (
    PrunedAlternation,
    ascii_words,
    first_char_guarded,
    lowercase_pattern,
    lowercase_twin,
)
from radarr_pipeline.quality.qualities import (
    DetectionSource,
    Quality,
    QualityModel,
    Revision,
    quality_by_name,
    quality_for,
)

_I: Final = re.IGNORECASE
_X: Final = re.VERBOSE

# The source words: (named group, alternatives in VERBOSE syntax, stems every match contains, lower-case).
_SOURCE_GROUPS: Final[list[tuple[str, str, tuple[str, ...] | re.Pattern[str]]]] = [
    ("bluray", r"M?Blu[-_.\ ]?Ray|HD[-_.\ ]?DVD|BD(?!$)|UHD2?BD|BDISO|BDMux|BD25|BD50|BR[-_.\ ]?DISK",
     ("blu", "hd", "bd", "br")),
    ("webdl", r"""WEB[-_.\ ]?DL(?:mux)?|AmazonHD|AmazonSD|iTunesHD|MaxdomeHD|NetflixU?HD|WebHD|HBOMaxHD|DisneyHD
        |[.\ ]WEB[.\ ](?:[xh][\ .]?26[45]|AVC|HEVC|DDP?5[.\ ]1)|[.\ ](?-i:WEB)$
        |(?:\d{3,4}0p)[-.\ ](?:Hybrid[-_.\ ]?)?WEB[-.\ ]|[-.\ ]WEB[-.\ ]\d{3,4}0p|\b\s/\sWEB\s/\s\b
        |(?:AMZN|NF|DP)[.\ -]WEB[.\ -](?!Rip)""",
     ("web", "amazon", "itunes", "maxdome", "netflix", "hbomax", "disney")),
    ("webrip", r"WebRip|Web-Rip|WEBMux", ("web",)),
    ("hdtv", r"HDTV", ("hdtv",)),
    ("bdrip", r"BDRip|BDLight|HD[-_.\ ]?DVDRip|UHDBDRip", ("bdrip", "bdlight", "dvdrip")),
    ("brrip", r"BRRip", ("brrip",)),
    ("dvdr", r"\d?x?M?DVD-?[R59]", ("dvd",)),
    ("dvd", r"DVD(?!-R)|DVDRip|xvidvd", ("dvd",)),
    ("dsr", r"WS[-_.\ ]DSR|DSR", ("dsr",)),
    ("regional", r"R[0-9]|REGIONAL", re.compile(r"r\d|regional")),
    ("scr", r"SCR|SCREENER|DVDSCR|DVDSCREENER", ("scr",)),
    ("ts", r"TS[-_.\ ]|TELESYNCH?|HD-TS|HDTS|PDVD|TSRip|HDTSRip", ("ts", "telesync", "pdvd")),
    ("tc", r"TC|TELECINE|HD-TC|HDTC", ("tc", "telecine")),
    ("cam", r"CAMRIP|(?:NEW)?CAM|HD-?CAM(?:Rip)?|HQCAM", ("cam",)),
    ("wp", r"WORKPRINT|WP", ("workprint", "wp")),
    ("pdtv", r"PDTV", ("pdtv",)),
    ("sdtv", r"SDTV", ("sdtv",)),
    ("tvrip", r"TVRip", ("tvrip",)),
]
_SOURCE_PREFIX: Final = r"\b"
_SOURCE_SUFFIX: Final = r"(?:\b|$|[\ .])"
SOURCE: Final = re.compile(
    _SOURCE_PREFIX
    + "(?:\n"
    + "\n| ".join(f"(?P<{name}>{alternatives})" for name, alternatives, _ in _SOURCE_GROUPS)
    + "\n)"
    + _SOURCE_SUFFIX,
    _I | _X,
)
# SOURCE for lower-cased text, without the one case-sensitive alternative ("[. ]WEB" at the very end):
# whole (for the token table) and pruned to the groups whose stems the text holds (for titles).
_CASE_SENSITIVE_WEB: Final = r"|[.\ ](?-i:WEB)$"
_SOURCE_LOWER: Final = re.compile(lowercase_pattern(SOURCE.pattern.replace(_CASE_SENSITIVE_WEB, "")), _X)
_SOURCE_PRUNED: Final = PrunedAlternation(
    [
        (f"(?P<{name}>{lowercase_pattern(alternatives.replace(_CASE_SENSITIVE_WEB, ''))})", stems)
        for name, alternatives, stems in _SOURCE_GROUPS
    ],
    _X,
    prefix=_SOURCE_PREFIX,
    suffix=_SOURCE_SUFFIX,
)

# first_char_guarded: the same matches, found faster (its docstring says why).
RESOLUTION: Final = first_char_guarded(
    r"\b(?:(?P<r360>360p)|(?P<r480>480p|480i|640x480|848x480)|(?P<r540>540p)|(?P<r576>576p)"
    r"|(?P<r720>720p|1280x720|960p)|(?P<r1080>1080p|1920x1080|1440p|FHD|1080i|4kto1080p)"
    r"|(?P<r2160>2160p|3840x2160|4k[-_. ](?:UHD|HEVC|BD|H\.?265)|(?:UHD|HEVC|BD|H\.?265)[-_. ]4k))\b",
    _I,
)
ALTERNATIVE_RESOLUTION: Final = first_char_guarded(r"\bUHD\b|\[4K\]", _I)
_RESOLUTION_LOWER: Final = lowercase_twin(RESOLUTION)
# RESOLUTION on lower-cased text, pruned to the groups whose stems the text holds.
_RESOLUTION_PRUNED: Final = PrunedAlternation(
    [
        (r"(?P<r360>360p)", ("360p",)),
        (r"(?P<r480>480p|480i|640x480|848x480)", ("480",)),
        (r"(?P<r540>540p)", ("540p",)),
        (r"(?P<r576>576p)", ("576p",)),
        (r"(?P<r720>720p|1280x720|960p)", ("720", "960p")),
        (r"(?P<r1080>1080p|1920x1080|1440p|fhd|1080i|4kto1080p)", ("1080", "1440p", "fhd")),
        (r"(?P<r2160>2160p|3840x2160|4k[-_. ](?:uhd|hevc|bd|h\.?265)|(?:uhd|hevc|bd|h\.?265)[-_. ]4k)",
         ("2160", "4k")),
    ],
    prefix=r"\b",
    suffix=r"\b",
)
_RESOLUTION_GROUPS = {"r360": 360, "r480": 480, "r540": 540, "r576": 576, "r720": 720, "r1080": 1080, "r2160": 2160}

REMUX: Final = first_char_guarded(
    r"(?:[_. \[]|\d{4}p-|\bHybrid-)(?:(?:BD|UHD)[-_. ]?)?Remux\b|(?:(?:BD|UHD)[-_. ]?)?Remux[_. ]\d{4}p", _I
)
BR_DISK: Final = re.compile(
    r"^(?!.*\b((?<!HD[._ -])(?<!HD)DVD|BDRip|720p|MKV|XviD|WMV|d3g|(BD)?REMUX|^(?=.*1080p)(?=.*HEVC)"
    r"|[xh][-_. ]?26[45]|German.*[DM]L"
    r"|((?<=\d{4}).*German.*([DM]L)?)(?=.*\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2)\b))\b)"
    r"(((?=.*\b(Blu[-_. ]?ray|BD|HD[-_. ]?DVD)\b)(?=.*\b(AVC|HEVC|VC[-_. ]?1|MVC|MPEG[-_. ]?2|BDMV|ISO)\b))"
    r"|^((?=.*\b(((?=.*\b((.*_)?COMPLETE.*|Dis[ck])\b)(?=.*(Blu[-_. ]?ray|HD[-_. ]?DVD)))|3D[-_. ]?BD|BR[-_. ]?DISK"
    r"|Full[-_. ]?Blu[-_. ]?ray|^((?=.*((BD|UHD)[-_. ]?(25|50|66|100|ISO)))))))).*",
    _I,
)
_REMUX_LOWER: Final = lowercase_twin(REMUX)
_BR_DISK_LOWER: Final = lowercase_twin(BR_DISK)
RAW_HD: Final = first_char_guarded(r"\b(?:RawHD|Raw[-_. ]HD)\b", _I)
MPEG2: Final = first_char_guarded(r"\bMPEG[-_. ]?2\b", _I)
PROPER: Final = first_char_guarded(r"\bproper\b", _I)
REPACK: Final = first_char_guarded(r"\b(?:repack\d?|rerip\d?)\b", _I)
VERSION: Final = first_char_guarded(
    r"\d[-._ ]?v(?P<v1>\d)[-._ ]|\[v(?P<v2>\d)\]|repack(?P<v3>\d)|rerip(?P<v4>\d)", _I
)
REAL: Final = first_char_guarded(r"\bREAL\b")
CODEC: Final = first_char_guarded(
    r"\b(?:(?P<x264>x264)|(?P<h264>h264)|(?P<xvidhd>XvidHD)|(?P<xvid>X-?vid)|(?P<divx>divx))\b", _I
)
_CODEC_LOWER: Final = lowercase_twin(CODEC)
OTHER_SOURCE: Final = first_char_guarded(r"(?P<hdtv>HD[-_. ]TV)|(?P<sdtv>SD[-_. ]TV)", _I)
ANIME_BLURAY: Final = first_char_guarded(r"bd(?:720|1080|2160)|(?<=[-_. (\[])bd(?=[-_. )\]])", _I)
ANIME_WEBDL: Final = re.compile(r"\[WEB\]|[\[(]WEB[ .]", _I)
# QualityParser.GermanRemuxRegex: a German Blu-ray release named with the disc's codec (AVC, HEVC, VC-1,
# MVC, MPEG-2) is an untouched stream, a remux. "German" after a 4-digit run (the year), then the codec
# word and "Blu-ray"/"Bluray" anywhere after it (two look-aheads, in either order); DL/ML is optional.
GERMAN_REMUX: Final = re.compile(
    r"((?<=\d{4}).*German.*([DM]L)?)(?=.*\b(AVC|HEVC|VC[_. -]?1|MVC|MPEG[_. -]?2))(?=.*Blu-?ray)", _I
)
# Every REMUX match starts at most 11 characters before its "remux" ("hybrid-uhd.remux").
_REMUX_REACH: Final = 11


def _may_be_german_remux(lowered: str) -> bool:
    """GERMAN_REMUX needs a disc codec word (AVC, HEVC, VC-1, MVC: all hold 'vc'; MPEG-2) and "Blu-ray" or
    "Bluray" (their letters have no other case-insensitive spelling, so the lower-cased text holds them)."""
    return ("vc" in lowered or "mpeg" in lowered) and ("bluray" in lowered or "blu-ray" in lowered)


# A fansub name: "[Group] Title ..." — their releases without a source word are web rips.
FANSUB_PREFIX: Final = re.compile(r"^\[[^\]]+\][ _.]*[^\[\s]")
HIGH_DEF_PDTV: Final = re.compile(r"hr[-_. ]ws", _I)
HARDCODED_SUBS: Final = re.compile(r"\b(?:(?P<hcsub>\w+(?<!SOFT)(?<!MULTI)(?<!HORRIBLE)SUBS?)|(?P<hc>HC|SUBBED))\b", _I)
_INVALID_PATH_CHARS: Final = re.compile(r'[\x00-\x1f"<>|]')

# quality_by_name remembered per name: the rules name a few dozen qualities, for every title.
_Q: Final = cache(quality_by_name)
# The revision of most names (version 1, no REAL, no repack): one shared instance (Revision is frozen).
NO_REVISION: Final = Revision()
UNKNOWN: Final = _Q("Unknown")


class _Traits:
    """What the title says, each trait computed only when a rule asks for it."""

    __slots__ = ("_br_disk", "_codec", "_remux", "lowered", "normalized", "resolution", "source_group")

    def __init__(self, normalized: str, lowered: str, resolution: int, source_group: str | None) -> None:
        self.normalized = normalized
        self.lowered = lowered
        self.resolution = resolution
        self.source_group = source_group
        self._remux: bool | None = None
        self._br_disk: bool | None = None
        self._codec: str | bool | None = False

    def _search(self, pattern: re.Pattern[str], lower_twin: re.Pattern[str], start: int = 0) -> bool:
        """``pattern.search(normalized)``, through its lower-case twin (from ``start``, before which the caller
        knows no match begins) when lowering kept the length."""
        if len(self.lowered) == len(self.normalized):
            return lower_twin.search(self.lowered, start) is not None
        return pattern.search(self.normalized) is not None

    @property
    def remux(self) -> bool:
        if self._remux is None:
            lowered = self.lowered
            remux_at = lowered.find("remux")
            if remux_at >= 0 and self._search(REMUX, _REMUX_LOWER, max(0, remux_at - _REMUX_REACH)):
                self._remux = True
            else:
                self._remux = (
                    "german" in lowered
                    and _may_be_german_remux(lowered)
                    and GERMAN_REMUX.search(self.normalized) is not None
                )
        return self._remux

    @property
    def br_disk(self) -> bool:
        if self._br_disk is None:
            self._br_disk = (
                may_be_br_disk(self.lowered)
                and not _rules_out_br_disk(self.lowered)
                and self._search(BR_DISK, _BR_DISK_LOWER)
            )
        return self._br_disk

    @property
    def codec(self) -> str | None:
        if self._codec is False:
            same_length = len(self.lowered) == len(self.normalized)
            match = _CODEC_LOWER.search(self.lowered) if same_length else CODEC.search(self.normalized)
            self._codec = match.lastgroup if match else None
        return None if isinstance(self._codec, bool) else self._codec  # never False once read


# Some of the words BR_DISK's leading "^(?!.*\b(...)\b)" refuses: any of them anywhere on the first line
# (".*" stops at a newline) means the slow pattern cannot match.
_BR_DISK_REFUSED_WORD: Final = first_char_guarded(
    r"\b(?:[xh][-_. ]?26[45]|720p|mkv|xvid|wmv|bdrip|d3g|(?:bd)?remux)\b"
)


def _rules_out_br_disk(lowered: str) -> bool:
    return "\n" not in lowered and _BR_DISK_REFUSED_WORD.search(lowered) is not None


def may_be_br_disk(lowered: str) -> bool:
    """A necessary condition for the BR-DISK pattern, by plain substring tests (skips it for most titles)."""
    has_disc_source = "blu" in lowered or "bd" in lowered or "dvd" in lowered
    # the disc codecs and sizes spelled out: this runs for most titles, a generator costs more
    if has_disc_source and ("vc" in lowered or "mpeg" in lowered or "bdmv" in lowered or "iso" in lowered):
        return True
    if ("complete" in lowered or "dis" in lowered) and ("blu" in lowered or "dvd" in lowered):
        return True
    if "3d" in lowered or ("br" in lowered and "disk" in lowered) or ("full" in lowered and "blu" in lowered):
        return True
    return ("bd" in lowered or "uhd" in lowered) and (
        "25" in lowered or "50" in lowered or "66" in lowered or "100" in lowered or "iso" in lowered
    )


# Every VERSION match holds 'v' followed by a digit, 'repack' or 'rerip' (in the lower-cased text).
_V_DIGIT: Final = re.compile(r"v\d")


def _may_hold_version(lowered: str) -> bool:
    return "repack" in lowered or "rerip" in lowered or ("v" in lowered and _V_DIGIT.search(lowered) is not None)


def parse_revision(name: str, normalized: str) -> tuple[Revision, bool]:
    """Revision from PROPER / REPACK[n] / RERIP[n] / v2 / [v2] and the count of case-sensitive REAL."""
    version = 1
    detected = False
    lowered = normalized.lower()
    version_match = VERSION.search(normalized) if _may_hold_version(lowered) else None
    if version_match:
        version = int(next(v for v in version_match.groups() if v is not None))
        detected = True
    if "proper" in lowered and PROPER.search(normalized):
        version = version + 1 if version_match else 2
        detected = True
    is_repack = False
    if ("repack" in lowered or "rerip" in lowered) and REPACK.search(normalized):
        version = version + 1 if version_match else 2
        is_repack = True
        detected = True
    real = len(REAL.findall(name)) if "REAL" in name else 0
    if real:
        detected = True
    if version == 1 and not real and not is_repack:
        return NO_REVISION, detected
    return Revision(version=version, real=real, is_repack=is_repack), detected


def parse_resolution(normalized: str, lowered: str | None = None) -> int:
    """The resolution a title names (0 when none); bare UHD or [4K] implies 2160p."""
    if lowered is not None and len(lowered) == len(normalized):
        pruned = _RESOLUTION_PRUNED.pattern_for(lowered)
        match = pruned.search(lowered) if pruned is not None else None
    else:
        match = RESOLUTION.search(normalized)
    if match:
        return _RESOLUTION_GROUPS[match.lastgroup or "r2160"]
    if ALTERNATIVE_RESOLUTION.search(normalized):
        return 2160
    return 0


_GENERIC_HARDCODED_SUBS: Final = "Generic Hardcoded Subs"
_NOT_HARDCODED_BEFORE_SUB: Final = ("soft", "multi", "horrible")


def _hardcoded_subs_word(word: str) -> str | None:
    """HARDCODED_SUBS's reading of one \\w-word of an ASCII title (its "\\b...\\b" matches whole words only): the
    word when it is a tag ("KORSUB", "KORSUBS": something not ending SOFT, MULTI or HORRIBLE, then SUB or SUBS),
    the generic name for HC or SUBBED, else None."""
    lowered = word.lower()
    if lowered in ("hc", "subbed"):
        return _GENERIC_HARDCODED_SUBS
    for ending in ("sub", "subs"):
        prefix = lowered[: -len(ending)]
        if lowered.endswith(ending) and prefix and not prefix.endswith(_NOT_HARDCODED_BEFORE_SUB):
            return word
    return None


def parse_hardcoded_subs(title: str) -> str | None:
    """KORSUBS-style hardcoded subtitle tags, 'Generic Hardcoded Subs' for HC/SUBBED, None otherwise."""
    lowered = title.lower()
    if "sub" not in lowered and "hc" not in lowered:
        return None
    if title.isascii():  # the last word HARDCODED_SUBS reads, found without the pattern
        for word in reversed(ascii_words(title)):
            found = _hardcoded_subs_word(word)
            if found is not None:
                return found
        return None
    last = None
    for last in HARDCODED_SUBS.finditer(title):  # noqa: B007 - the last match wins, as in Radarr
        pass
    if last is None:
        return None
    if last.group("hcsub"):
        return last.group("hcsub")
    return _GENERIC_HARDCODED_SUBS


def _last_source(normalized: str, lowered: str) -> str | None:
    """The group of the last source word (Radarr takes the last match)."""
    if normalized.endswith("WEB") or len(lowered) != len(normalized):
        pattern, text = SOURCE, normalized  # the rare case-sensitive alternative may apply: exact path
    else:
        pruned = _SOURCE_PRUNED.pattern_for(lowered)
        if pruned is None:
            return None
        pattern, text = pruned, lowered
    last = None
    for last in pattern.finditer(text):  # noqa: B007
        pass
    return last.lastgroup if last is not None else None


def _by_resolution(resolution: int, table: dict[int, str], default: str) -> Quality:
    return _Q(table.get(resolution, default))


_BLURAY: Final = {2160: "Bluray-2160p", 1080: "Bluray-1080p", 720: "Bluray-720p", 576: "Bluray-576p",
           540: "Bluray-480p", 480: "Bluray-480p", 360: "Bluray-480p"}
_WEBDL: Final = {2160: "WEBDL-2160p", 1080: "WEBDL-1080p", 720: "WEBDL-720p"}
_WEBRIP: Final = {2160: "WEBRip-2160p", 1080: "WEBRip-1080p", 720: "WEBRip-720p"}
_HDTV: Final = {2160: "HDTV-2160p", 1080: "HDTV-1080p", 720: "HDTV-720p"}


def quality_from_bluray_source(t: _Traits) -> Quality:
    """A Blu-ray source: disc image, SD encode, remux or encode by resolution."""
    if t.br_disk:
        return _Q("BR-DISK")
    if t.codec in ("xvid", "divx"):
        return _Q("Bluray-480p")
    if t.resolution == 2160:
        return _Q("Remux-2160p" if t.remux else "Bluray-2160p")
    if t.resolution == 1080:
        return _Q("Remux-1080p" if t.remux else "Bluray-1080p")
    if t.resolution in _BLURAY:
        return _Q(_BLURAY[t.resolution])
    return _Q("Remux-1080p" if t.remux else "Bluray-720p")


def bluray_title_reading(normalized: str, lowered: str) -> int:
    """What ``quality_from_bluray_source`` reads of the title besides the resolution, in its order: 1 a disc
    image (BR_DISK), 2 an SD codec (CODEC's XviD/DivX: their lower-case spellings hold 'xvid', 'x-vid' or
    'divx'), 3 a remux (REMUX, GermanRemuxRegex), 0 none of them. The scene fast path keys its quality
    memo on it."""
    traits = _Traits(normalized, lowered, 0, "bluray")
    if traits.br_disk:
        return 1
    if ("xvid" in lowered or "x-vid" in lowered or "divx" in lowered) and traits.codec in ("xvid", "divx"):
        return 2
    return 3 if traits.remux else 0


_SIMPLE_SOURCES: Final = {"scr": "DVDSCR", "cam": "CAM", "tc": "TELECINE", "wp": "WORKPRINT",
                   "regional": "REGIONAL", "dvdr": "DVD-R", "dvd": "DVD"}


def quality_from_source(t: _Traits, name: str, normalized: str) -> Quality:
    """The quality a matched source group implies, refined by resolution (Radarr's source switch)."""
    group = t.source_group
    if group == "bluray":
        return quality_from_bluray_source(t)
    if group == "webdl":
        if t.resolution in _WEBDL:
            return _Q(_WEBDL[t.resolution])
        return _Q("WEBDL-720p" if "[WEBDL]" in name else "WEBDL-480p")
    if group == "webrip":
        return _by_resolution(t.resolution, _WEBRIP, "WEBRip-480p")
    if group == "ts":
        telesync = _Q("TELESYNC")
        return replace(telesync, resolution=t.resolution) if t.resolution else telesync
    if group in _SIMPLE_SOURCES:
        return _Q(_SIMPLE_SOURCES[group])
    if group == "hdtv":
        if MPEG2.search(normalized):
            return _Q("Raw-HD")
        if t.resolution in _HDTV:
            return _Q(_HDTV[t.resolution])
        return _Q("HDTV-720p" if "[HDTV]" in name else "SDTV")
    if group in ("bdrip", "brrip"):
        return _by_resolution(t.resolution, {2160: "Bluray-2160p", 1080: "Bluray-1080p", 720: "Bluray-720p",
                                             576: "Bluray-576p"}, "Bluray-480p")
    # pdtv, sdtv, dsr, tvrip
    lowered = normalized.lower()
    if t.resolution == 1080 or "1080p" in lowered:
        return _Q("HDTV-1080p")
    if t.resolution == 720 or "720p" in lowered:
        return _Q("HDTV-720p")
    if HIGH_DEF_PDTV.search(normalized):
        return _Q("HDTV-720p")
    return _Q("SDTV")


def _sd_or_by_resolution(resolution: int, lowered: str, table: dict[int, str], sd: str, default: str) -> Quality:
    if resolution in (360, 480, 540, 576) or "480p" in lowered:
        return _Q(sd)
    if resolution == 1080 or "1080p" in lowered:
        return _Q(table[1080])
    if resolution == 2160 or "2160p" in lowered:
        return _Q(table[2160])
    return _Q(default)


def parse_quality_name(name: str) -> QualityModel:
    """Radarr's ParseQualityName: the quality the words of ``name`` imply (no extension fallback)."""
    normalized = name.replace("_", " ").strip()
    revision, revision_found = parse_revision(name, normalized)
    lowered = normalized.lower()
    resolution = parse_resolution(normalized, lowered)
    return quality_name_model(name, normalized, resolution, revision, revision_found, _FIND_SOURCE)


# Without a source word or a resolution, parse_quality_name only finds a quality through one of these.
_KNOWN_WITHOUT_SOURCE: Final = ("raw", "bd", "web", "x264", "848x480", "1280x720", "1920x1080", "bluray", "hd", "sd")


# Equal QualityModels are shared (they are frozen values): far fewer objects kept per parsed title.
_MODELS: Final[dict[tuple[object, ...], QualityModel]] = {}
_MAX_MODELS: Final = 4096


def _shared_model(
    quality: Quality,
    revision: Revision,
    source: DetectionSource,
    resolution: DetectionSource,
    revision_detection: DetectionSource,
    hardcoded_subs: str | None,
) -> QualityModel:
    """``QualityModel(...)`` with these fields (modifier detection unknown), one instance per value.

    The key spells every field out: Quality and Revision equality ignore some fields (a TELESYNC's
    resolution, a revision's repack flag). The quality is keyed by identity (the stored model keeps that
    very object alive, so its id cannot be reused while the entry exists).
    """
    key = (id(quality), revision.version, revision.real, revision.is_repack, source, resolution,
           revision_detection, hardcoded_subs)
    model = _MODELS.get(key)
    if model is None:
        model = QualityModel(quality=quality, revision=revision, source_detection=source,
                             resolution_detection=resolution, revision_detection=revision_detection,
                             hardcoded_subs=hardcoded_subs)
        if len(_MODELS) >= _MAX_MODELS:
            _MODELS.clear()
        _MODELS[key] = model
    return model


def quality_name_is_known(name: str) -> bool:
    """``parse_quality_name(name).quality.id != 0``, answered at once when a source word is there (every
    source group leads to a concrete quality)."""
    normalized = name.replace("_", " ").strip()
    lowered = normalized.lower()
    if _last_source(normalized, lowered) is not None:
        return True
    if not parse_resolution(normalized, lowered) and not any(word in lowered for word in _KNOWN_WITHOUT_SOURCE):
        return False  # none of the remaining rules (raw, anime BD/WEB, x264, frame sizes, HD TV) can apply
    return parse_quality_name(name).quality.id != 0


# Marker for ``quality_name_model``: find the source with the SOURCE pattern.
_FIND_SOURCE: Final = object()


_ModelOf = Callable[[Quality, DetectionSource, DetectionSource], QualityModel]
_NAME: Final = DetectionSource.NAME
_NONE: Final = DetectionSource.UNKNOWN


def quality_name_model(
    name: str,
    normalized: str,
    resolution: int,
    revision: Revision,
    revision_found: bool,
    source_group: str | object | None = _FIND_SOURCE,
) -> QualityModel:
    """The rest of ``parse_quality_name`` once resolution and revision are known.

    ``source_group`` is the group of the last source word when the caller already knows it (the scene
    fast path reads it from its token table); by default it is found with the SOURCE pattern.

    The steps follow Radarr's ``QualityParser.ParseQualityName`` in its order: Raw-HD, the source word
    (``_quality_from_source_word``), the anime Blu-ray and WEB-DL tags (``_quality_from_anime_tags``), a
    resolution alone, then the codec, frame-size and other-source hints (``_quality_from_hints``).
    """
    hardcoded = parse_hardcoded_subs(normalized)
    detection_rev = _NAME if revision_found else _NONE

    def model(quality: Quality, source: DetectionSource, resolution: DetectionSource) -> QualityModel:
        return _shared_model(quality, revision, source, resolution, detection_rev, hardcoded)

    lowered = normalized.lower()
    traits = _Traits(normalized, lowered, resolution, None)
    if "raw" in lowered and RAW_HD.search(normalized) and not traits.br_disk:
        return model(_Q("Raw-HD"), _NAME, _NAME)
    if source_group is _FIND_SOURCE:
        traits.source_group = _last_source(normalized, lowered)
    else:
        traits.source_group = source_group if isinstance(source_group, str) else None
    if traits.source_group is not None:
        return _quality_from_source_word(traits, name, normalized, model)
    anime = _quality_from_anime_tags(traits, model)
    if anime is not None:
        return anime
    if resolution:
        return _quality_from_resolution_only(name, traits, model)
    return _quality_from_hints(traits, model)


def _quality_from_source_word(traits: _Traits, name: str, normalized: str, model: _ModelOf) -> QualityModel:
    """A source word was found: Radarr's source switch; PDTV-like sources with 'hr.ws' detect the resolution."""
    quality = quality_from_source(traits, name, normalized)
    res_det = _NAME if traits.resolution else _NONE
    if traits.source_group in ("pdtv", "sdtv", "dsr", "tvrip") and HIGH_DEF_PDTV.search(normalized):
        res_det = _NAME
    return model(quality, _NAME, res_det)


def _quality_from_anime_tags(traits: _Traits, model: _ModelOf) -> QualityModel | None:
    """AnimeBlurayRegex ('bd720', '[BD]') and AnimeWebDlRegex ('[WEB]'), None when neither is there."""
    lowered, normalized, resolution = traits.lowered, traits.normalized, traits.resolution
    resolution_detection = _NAME if resolution else _NONE
    if "bd" in lowered and ANIME_BLURAY.search(normalized):
        table = {1080: "Remux-1080p" if traits.remux else "Bluray-1080p",
                 2160: "Remux-2160p" if traits.remux else "Bluray-2160p"}
        quality = _sd_or_by_resolution(resolution, lowered, table, "DVD",
                                       "Bluray-1080p" if traits.remux else "Bluray-720p")
        res_det = _NAME if quality.resolution != 720 or resolution else resolution_detection
        return model(quality, _NAME, res_det)
    if "web" in lowered and ANIME_WEBDL.search(normalized):
        quality = _sd_or_by_resolution(resolution, lowered, {1080: "WEBDL-1080p", 2160: "WEBDL-2160p"},
                                       "WEBDL-480p", "WEBDL-720p")
        res_det = _NAME if quality.resolution != 720 or resolution else resolution_detection
        return model(quality, _NAME, res_det)
    return None


# What _quality_from_hints reads of a name without a source word or a resolution: frame sizes (marker, plain
# quality, Blu-ray quality), then 'bluray720p'-like words; HINT_MARKERS lists every marker (the scene fast path's
# quality memo must not stand for a name that holds one).
_FRAME_SIZE_HINTS: Final = (("848x480", "SDTV", "Bluray-480p"), ("1280x720", "HDTV-720p", "Bluray-720p"),
                     ("1920x1080", "HDTV-1080p", "Bluray-1080p"))
_BLURAY_WORD_HINTS = (("bluray720p", "Bluray-720p"), ("bluray1080p", "Bluray-1080p"), ("bluray2160p", "Bluray-2160p"))
HINT_MARKERS: Final = tuple(hint[0] for hint in _FRAME_SIZE_HINTS + _BLURAY_WORD_HINTS)


def _quality_from_hints(traits: _Traits, model: _ModelOf) -> QualityModel:
    """No source word and no resolution: x264 means SDTV, then frame sizes, 'bluray720p'-like words, HD/SD TV."""
    lowered, normalized = traits.lowered, traits.normalized
    if traits.codec == "x264":
        return model(_Q("SDTV"), _NONE, _NONE)
    for marker, plain, bluray in _FRAME_SIZE_HINTS:
        if marker in lowered:
            if marker == "848x480" and "dvd" in normalized:
                return model(_Q("DVD"), _NAME, _NAME)
            if "bluray" in lowered:
                return model(_Q(bluray), _NAME, _NAME)
            return model(_Q(plain), _NONE, _NAME)
    for marker, quality_name in _BLURAY_WORD_HINTS:
        if marker in lowered:
            return model(_Q(quality_name), _NAME, _NAME)
    other = OTHER_SOURCE.search(normalized)
    if other:
        return model(_Q("SDTV" if other.lastgroup == "sdtv" else "HDTV-720p"), _NAME, _NONE)
    return model(UNKNOWN, _NONE, _NONE)


def _quality_from_resolution_only(name: str, traits: _Traits, model: _ModelOf) -> QualityModel:
    """A resolution but no source word: a remux implies Blu-ray, else the extension's source, else TV."""
    source = "unknown"
    modifier = "none"
    source_detection = DetectionSource.UNKNOWN
    if traits.remux:
        source, modifier, source_detection = "bluray", "remux", DetectionSource.NAME
    elif FANSUB_PREFIX.match(name):
        source, source_detection = "webdl", DetectionSource.NAME
    else:
        by_extension = quality_for_extension(name)
        if by_extension is not None and by_extension.source != "unknown":
            source, source_detection = by_extension.source, DetectionSource.EXTENSION
    resolution = traits.resolution
    if resolution in (360, 540, 576):
        resolution = 480
    if source == "unknown":
        fallback = {2160: "HDTV-2160p", 1080: "HDTV-1080p", 720: "HDTV-720p", 480: "SDTV"}[resolution]
        quality = _Q(fallback)
    else:
        quality = quality_for(source, resolution, modifier)
    return model(quality, source_detection, DetectionSource.NAME)


def parse_quality(name: str) -> QualityModel:
    """Radarr's ParseQuality: the name's quality, else the file extension's (detected from 'extension')."""
    name = name.strip()
    return with_extension_fallback(name, parse_quality_name(name))


def with_extension_fallback(name: str, result: QualityModel) -> QualityModel:
    """``result``, or the file extension's quality when the name's words give none."""
    if result.quality is UNKNOWN and not _INVALID_PATH_CHARS.search(name):
        by_extension = quality_for_extension(name)
        quality = by_extension if by_extension is not None else UNKNOWN
        return QualityModel(
            quality=quality,
            revision=result.revision,
            source_detection=DetectionSource.EXTENSION,
            resolution_detection=DetectionSource.EXTENSION,
            modifier_detection=DetectionSource.EXTENSION,
            revision_detection=result.revision_detection,
            hardcoded_subs=result.hardcoded_subs,
        )
    return result
