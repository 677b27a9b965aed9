"""Language, tags and title of external subtitle files ('Movie.en.forced.srt')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from radarr_pipeline.values.languages import LANGUAGE_NAMES, iso_language_find

_TAG = r"forced|foreign|default|cc|psdh|sdh"
SUBTITLE_LANGUAGE = re.compile(
    rf".+?(?:[-_. ](?:{_TAG}))*[-_. ](?P<iso_code>[a-z]{{2,3}})(?:[-_. ](?:{_TAG}))*$", re.IGNORECASE
)
_TAGS_AROUND_CODE = re.compile(rf"[-_. ]({_TAG})(?=[-_. ]|$)", re.IGNORECASE)
_SEGMENT = re.compile(rf"^(?:(?P<tag>{_TAG})|(?P<iso>[a-z]{{2,3}}))$", re.IGNORECASE)
SUBTITLE_TITLE_COPY = re.compile(r"^(?:(?P<title>.+) - )?(?P<copy>(?<!\d)\d{1,3}(?!\d))$")


@dataclass(frozen=True)
class SubtitleInfo:
    """What a subtitle file name says: language identifier, tags in order, title and copy number."""

    language: str
    language_tags: tuple[str, ...]
    raw_title: str | None = None
    title: str | None = None
    copy: int = 0


def _stem(file_name: str) -> str:
    base = file_name.replace("\\", "/").rpartition("/")[2]
    dot = base.rfind(".")
    return base[:dot] if dot > 0 else base


def parse_subtitle_language(file_name: str) -> str:
    """The subtitle's language identifier from an ISO code or a trailing language name, else 'unknown'."""
    stem = _stem(file_name)
    match = SUBTITLE_LANGUAGE.match(stem)
    if match:
        iso = iso_language_find(match.group("iso_code").lower())
        return iso.language if iso else "unknown"
    lowered = stem.lower()
    for identifier, name in LANGUAGE_NAMES.items():
        if identifier not in ("unknown", "any", "original") and lowered.endswith(name.lower()):
            return identifier
    return "unknown"


def _basic(file_name: str) -> SubtitleInfo:
    stem = _stem(file_name)
    match = SUBTITLE_LANGUAGE.match(stem)
    tags: tuple[str, ...] = ()
    if match:
        tags = tuple(tag.lower() for tag in _TAGS_AROUND_CODE.findall(stem[match.start("iso_code") - 1 :]))
        before = _TAGS_AROUND_CODE.findall(stem[: match.start("iso_code")])
        tags = tuple(tag.lower() for tag in before) + tags
    return SubtitleInfo(language=parse_subtitle_language(file_name), language_tags=tags)


def parse_subtitle_language_information(file_name: str) -> SubtitleInfo:
    """Language, tags and title of 'Name.[title.]tags.iso.tags.ext'; exactly one ISO code is required."""
    stem = _stem(file_name)
    segments = stem.split(".")
    # Walk from the end: tags and ISO codes, one free-text segment (the title), then more tags/codes.
    trailing: list[str] = []
    index = len(segments) - 1
    while index > 0 and _SEGMENT.match(segments[index]):
        trailing.insert(0, segments[index])
        index -= 1
    if index <= 0:
        return _basic(file_name)
    title_segment = segments[index]
    leading: list[str] = []
    cursor = index - 1
    while cursor > 0 and _SEGMENT.match(segments[cursor]):
        leading.insert(0, segments[cursor])
        cursor -= 1
    tokens = leading + trailing
    iso_codes = [t for t in tokens if not re.fullmatch(_TAG, t, re.IGNORECASE)]
    if len(iso_codes) != 1:
        split = _split_title_from_code(title_segment)
        if split is None or iso_codes:
            return _basic(file_name)
        code, raw_title = split
        iso_codes = [code]
        title_segment = raw_title
    tags = tuple(t.lower() for t in tokens if re.fullmatch(_TAG, t, re.IGNORECASE))
    iso = iso_language_find(iso_codes[0].lower())
    title, copy = _title_and_copy(title_segment)
    return SubtitleInfo(
        language=iso.language if iso else "unknown",
        language_tags=tags,
        raw_title=title_segment,
        title=title,
        copy=copy,
    )


def _split_title_from_code(segment: str) -> tuple[str, str] | None:
    """'ru-something-else' -> ('ru', 'something-else'): an ISO code glued to the title by a separator."""
    match = re.match(r"^(?P<iso>[a-z]{2,3})[-_ ](?P<title>[^.]+)$", segment, re.IGNORECASE)
    if match and iso_language_find(match.group("iso").lower()):
        return match.group("iso"), match.group("title")
    return None


def _title_and_copy(raw_title: str) -> tuple[str | None, int]:
    match = SUBTITLE_TITLE_COPY.match(raw_title)
    if match:
        return match.group("title"), int(match.group("copy"))
    return raw_title, 0
