"""Decision rules, Radarr's specifications. Each is a named pure function over the candidates' columns: it
returns the rows it turns down, each with the sentence the user reads in the UI. No rejection is approval.

``PERMANENT_RULES`` run first; ``TEMPORARY_RULES`` (minimum age, delay) then see which rows passed them: a
release turned down only by temporary rules is *pending* and is reconsidered on every run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import re2

from radarr_pipeline.decisions.context import (
    ASSUMED_RUNTIME_MINUTES,
    MEGABYTE,
    DecisionContext,
    Rejections,
    RejectionType,
    human_size,
    human_sizes,
)
from radarr_pipeline.decisions.formats import RE2_OPTIONS
from radarr_pipeline.decisions.frame import Candidates
from radarr_pipeline.quality.profiles import QualityProfile
from radarr_pipeline.quality.qualities import QualityModel, Revision, quality_by_name
from radarr_pipeline.quality.upgrades import (
    ProperHandling,
    UpgradeRejection,
    compare_quality_models,
    cutoff_not_met,
    is_revision_upgrade,
    is_upgrade_allowed,
    rejection_message,
    upgrade_rejection,
)

RuleFunction = Callable[[Candidates, DecisionContext], Rejections]
SAMPLE_MAX_BYTES = 70 * MEGABYTE
_RAW_DISC_PATTERN = (r"\b(?:BDMV|VIDEO_TS|BD25|BD50|BD66|BD100|BDISO|COMPLETE[ ._-]+(?:UHD[ ._-]+)?BLU-?RAY)\b"
                     r"|\bdis[ck][ ._-]?\d\b|\.(?:iso|img|m2ts|vob)$")
_RAW_DISC = re.compile(_RAW_DISC_PATTERN, re.IGNORECASE)
_RAW_DISC_LINES = re2.compile("(?m)" + _RAW_DISC_PATTERN, RE2_OPTIONS)


def _per_value(values: np.ndarray, function: Callable[[Any], Any], dtype: type = object) -> np.ndarray:
    """``function`` of each value, called once per distinct value."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    missing = [function(None)] if (codes < 0).any() else []  # code -1: the last entry
    return np.array([*(function(u) for u in uniques), *missing], dtype=dtype)[codes]


def _title_test(c: Candidates, rows: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """``test`` of the title of each row in ``rows`` (False elsewhere)."""
    out = np.zeros(len(c), dtype=bool)
    out[rows] = [test(str(t)) for t in c.title[rows]]
    return out


def _titles_matching(c: Candidates, rows: np.ndarray, pattern: re.Pattern[str], lines: re2._Regexp) -> np.ndarray:
    """Whether the title of each row in ``rows`` contains a match of ``pattern`` (False elsewhere). ASCII titles
    are searched at once, joined line by line, by ``lines`` (the same pattern in RE2, multi-line, never matching
    across a line break); the others (where RE2's ASCII ``\\b`` and ``\\d`` would differ) one by one."""
    titles: list[str] = c.title[rows].tolist()
    text = "\n".join(titles)
    if text.isascii() and text.count("\n") == len(titles) - 1:  # the usual case: every title in the one text
        joined = np.ones(len(titles), dtype=bool)
    else:
        joined = np.array([title.isascii() and "\n" not in title for title in titles], dtype=bool)
        text = "\n".join(titles[i] for i in np.flatnonzero(joined).tolist())
    hit = np.zeros(len(titles), dtype=bool)
    for i in np.flatnonzero(~joined).tolist():
        hit[i] = pattern.search(titles[i]) is not None
    ascii_rows = np.flatnonzero(joined)
    lengths = np.fromiter(map(len, titles), dtype=np.int64, count=len(titles))[joined]
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    found = np.fromiter((m.start() for m in lines.finditer(text)), dtype=np.int64)
    hit[ascii_rows[np.searchsorted(starts, found, side="right") - 1]] = True
    out = np.zeros(len(c), dtype=bool)
    out[rows] = hit
    return out


@dataclass(frozen=True)
class Rule:
    name: str
    kind: RejectionType
    check: RuleFunction


def _reject(mask: np.ndarray, message: Callable[[int], str], *keys: np.ndarray,
            lead: np.ndarray | None = None) -> Rejections:
    """The rows of ``mask``, each with its message; with ``keys`` (the columns the message reads), each message
    is written once per distinct combination of them; with ``lead`` (a text per row, such as its size), each
    row's message is its lead followed by the message of its keys."""
    rows = np.flatnonzero(mask)
    if not keys:
        messages = [message(int(i)) for i in rows]
    else:
        written: dict[tuple[object, ...], str] = {}
        messages = []
        for i, key in zip(rows.tolist(), zip(*(k[rows].tolist() for k in keys), strict=True), strict=True):
            if key not in written:
                written[key] = message(i)
            messages.append(written[key])
    if lead is not None:
        messages = [head + tail for head, tail in zip(lead[rows].tolist(), messages, strict=True)]
    return Rejections(rows, messages)


def _model(quality: str, revision: int, real: int = 0) -> QualityModel:
    return QualityModel(quality_by_name(quality), Revision(version=int(revision), real=int(real)))


def _disk_upgrade_message(profile: QualityProfile, file_quality: str, file_revision: int, file_score: int,
                          quality: str, revision: int, real: int, score: int, propers: ProperHandling) -> str | None:
    current = _model(file_quality, file_revision)
    reason = upgrade_rejection(profile, current, file_score, _model(quality, revision, real), score, propers)
    return None if reason is None else rejection_message(reason, profile, current, file_score, score)


# ------------------------------------------------------------------------------------------ the release itself

def has_download_link(c: Candidates, ctx: DecisionContext) -> Rejections:
    return _reject(~c.has_link.astype(bool), lambda i: "Release has neither a .torrent link nor a magnet link")


def not_a_sample(c: Candidates, ctx: DecisionContext) -> Rejections:
    small = (c.size >= 0) & (c.size < SAMPLE_MAX_BYTES)
    sample = _title_test(c, np.flatnonzero(small), lambda t: "sample" in t.lower())
    return _reject(sample, lambda i: f"Sample: the title says so and it is only {human_size(c.size[i])}")


def raw_disc_allowed(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr rejects raw disc structures (BDMV, ISO, BR-DISK) unless the profile allows the BR-DISK quality."""
    brdisk = quality_by_name("BR-DISK")
    allows = {name: profile.allows(brdisk) for name, profile in ctx.profiles.items()}
    allowed = _per_value(c.profile, lambda p: allows.get(p, False), bool)
    brdisk_quality = c.quality == "BR-DISK"
    raw = brdisk_quality | _titles_matching(c, np.flatnonzero(~allowed & ~brdisk_quality), _RAW_DISC,
                                            _RAW_DISC_LINES)
    return _reject(raw & ~allowed,
                   lambda i: f"Raw disc release (BR-DISK): profile {c.profile[i]} does not allow BR-DISK", c.profile)


def acceptable_size(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Quality definitions limit size in MB per minute of runtime; an unknown runtime counts as
    ASSUMED_RUNTIME_MINUTES (and the reason says so). An unknown size (0 or missing) passes, as in Radarr's
    AcceptableSizeSpecification."""
    minimum = _per_value(c.quality, lambda q: ctx.definitions[q].min_size, float)
    maximum = _per_value(c.quality, lambda q: ctx.definitions[q].max_size or math.inf, float)
    runtime = np.where(c.runtime > 0, c.runtime, ASSUMED_RUNTIME_MINUTES)
    size = np.where(c.size >= 0, c.size, 0).astype(float)
    low = (size > 0) & (size < minimum * runtime * MEGABYTE)
    high = size > maximum * runtime * MEGABYTE

    def message(i: int) -> str:  # what follows the size: the same for every row of a quality and runtime
        for_runtime = (f"for {c.runtime[i]} minutes" if c.runtime[i] > 0
                       else f"runtime unknown, assumed {ASSUMED_RUNTIME_MINUTES} minutes")
        limit, bound = (minimum[i], "smaller than the minimum") if low[i] else (maximum[i], "larger than the maximum")
        return f" is {bound} {human_size(limit * runtime[i] * MEGABYTE)} for {c.quality[i]} ({for_runtime})"

    rejected = low | high
    sizes = np.full(len(c), "", dtype=object)
    sizes[rejected] = human_sizes(size[rejected])
    return _reject(rejected, message, low, c.quality, c.runtime, lead=sizes)


def minimum_seeders(c: Candidates, ctx: DecisionContext) -> Rejections:
    required = _per_value(c.indexer, lambda i: ctx.minimum_seeders.get(i, 1), np.int64)
    return _reject((c.seeders >= 0) & (c.seeders < required),
                   lambda i: f"Not enough seeders: {c.seeders[i]} (minimum {required[i]} on {c.indexer[i]})",
                   c.seeders, c.indexer)


def maximum_size(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's MaximumSizeSpecification: the global maximum size; 0 is no limit, an unknown size passes."""
    if ctx.maximum_size_mb <= 0:
        return Rejections.none()
    limit = ctx.maximum_size_mb * MEGABYTE
    return _reject((c.size > 0) & (c.size > limit),
                   lambda i: f"{human_size(c.size[i])} is too big, maximum size is {human_size(limit)} "
                             "(decisions.maximum_size_mb)")


def _term_matcher(term: str) -> Callable[[str], bool]:
    """TermMatcherService: ``/pattern/flags`` is a regex (PerlRegexFactory), anything else a case-insensitive
    substring."""
    perl = re.fullmatch(r"/(?P<pattern>.*)/(?P<modifiers>[a-z]*)", term)
    if perl:
        flags = 0
        for modifier, flag in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL), ("x", re.VERBOSE)):
            if modifier in perl.group("modifiers"):
                flags |= flag
        pattern = re.compile(perl.group("pattern"), flags)
        return lambda title: pattern.search(title) is not None
    lowered = term.lower()
    return lambda title: lowered in title.lower()


def release_restrictions(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's ReleaseRestrictionsSpecification: each restriction for the release's indexer needs one of its
    required terms; none of the ignored terms may appear."""
    if not ctx.restrictions:
        return Rejections.none()
    messages: dict[int, str] = {}
    for restriction in ctx.restrictions:
        required = [_term_matcher(t) for t in restriction.required]
        ignored = [(t, _term_matcher(t)) for t in restriction.ignored]
        for i, (title, indexer) in enumerate(zip(c.title, c.indexer, strict=True)):
            if i in messages or (restriction.indexers and indexer not in restriction.indexers):
                continue
            if required and not any(match(str(title)) for match in required):
                messages[i] = f"Does not contain one of the required terms: {', '.join(restriction.required)}"
                continue
            found = [term for term, match in ignored if match(str(title))]
            if found:
                messages[i] = f"Contains these ignored terms: {', '.join(found)}"
    rows = np.array(sorted(messages), dtype=np.int64)
    return Rejections(rows, [messages[i] for i in rows])


def indexer_not_blocked(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's BlockedIndexerSpecification: an indexer backing off after failures (or disabled) is not grabbed
    from."""
    if not ctx.blocked_indexers:
        return Rejections.none()
    now = ctx.now

    def blocked(name: str) -> bool:
        if name not in ctx.blocked_indexers:
            return False
        until = ctx.blocked_indexers[name]
        return until is None or now < until

    mask = _per_value(c.indexer, lambda i: blocked(str(i)), bool)

    def message(i: int) -> str:
        until = ctx.blocked_indexers[str(c.indexer[i])]
        if until is None:
            return f"Indexer {c.indexer[i]} is disabled, cannot grab release."
        return f"Indexer {c.indexer[i]} is blocked till {until:%Y-%m-%d %H:%M:%S} due to failures, cannot grab release."

    return _reject(mask, message)


def required_indexer_flags(c: Candidates, ctx: DecisionContext) -> Rejections:
    if not ctx.required_flags:
        return Rejections.none()
    missing = [
        [flag for flag in ctx.required_flags.get(indexer, ()) if flag not in flags]
        for indexer, flags in zip(c.indexer, c.flags, strict=True)
    ]
    return _reject(np.array([bool(m) for m in missing], dtype=bool),
                   lambda i: f"{c.indexer[i]} requires the indexer flag(s) {', '.join(missing[i])}; the release has "
                             f"{', '.join(c.flags[i]) or 'none'}")


def blocklisted(c: Candidates, ctx: DecisionContext) -> Rejections:
    return _reject(c.blocklisted.astype(bool), lambda i: "Release is blocklisted")


# ------------------------------------------------------------------------------------------ the movie

def monitored(c: Candidates, ctx: DecisionContext) -> Rejections:
    return _reject(~c.monitored.astype(bool), lambda i: "Movie is not monitored", c.monitored)


def minimum_availability(c: Candidates, ctx: DecisionContext) -> Rejections:
    today = ctx.now.date()
    waiting = _per_value(c.available_from, lambda d: d is not None and today < d, bool)
    labels = {"announced": "Announced", "in_cinemas": "In Cinemas", "released": "Released"}
    return _reject(waiting, lambda i: f"Movie is not available yet: minimum availability is "
                                      f"{labels.get(c.minimum_availability[i], c.minimum_availability[i])}, "
                                      f"expected on {c.available_from[i]:%Y-%m-%d}",
                   c.minimum_availability, c.available_from)


def free_space(c: Candidates, ctx: DecisionContext) -> Rejections:
    reserve = ctx.minimum_free_space_mb * MEGABYTE
    short = (c.free_bytes >= 0) & (c.size > 0) & (c.size > c.free_bytes - reserve) & (not ctx.skip_free_space_check)
    return _reject(short, lambda i: f"Not enough free space in {c.root_folder[i]}: {human_size(c.free_bytes[i])} "
                                    f"free, the release needs {human_size(c.size[i])} and "
                                    f"{ctx.minimum_free_space_mb} MB must stay free")


# ------------------------------------------------------------------------------------------ quality and formats

def quality_allowed_by_profile(c: Candidates, ctx: DecisionContext) -> Rejections:
    return _reject(c.quality_rank < 0, lambda i: f"Quality {c.quality[i]} is not wanted in profile {c.profile[i]}",
                   c.quality, c.profile)


def custom_formats_evaluated(c: Candidates, ctx: DecisionContext) -> Rejections:
    return _reject(~c.formats_known.astype(bool),
                   lambda i: "A custom format's regex timed out on this title: not grabbed rather than guessed")


def custom_format_score_minimum(c: Candidates, ctx: DecisionContext) -> Rejections:
    minimum = _per_value(c.profile, lambda p: ctx.profiles[p].min_format_score, np.int64)
    return _reject(c.format_score < minimum,
                   lambda i: f"Custom format score {c.format_score[i]} ({', '.join(c.formats[i]) or 'no formats'}) "
                             f"is below profile {c.profile[i]}'s minimum {minimum[i]}",
                   c.format_score, c.formats, c.profile)


# ------------------------------------------------------------------------------------------ upgrades

def _has_file(c: Candidates) -> np.ndarray:
    return np.asarray(c.file_quality != None, dtype=bool)  # noqa: E711  (element-wise)


def upgrade_allowed(c: Candidates, ctx: DecisionContext) -> Rejections:
    """The movie has a file, the release would upgrade it (quality, revision or format score), and the profile
    does not allow upgrades."""
    mask = np.zeros(len(c), dtype=bool)
    for i in np.flatnonzero(_has_file(c)):
        profile = ctx.profiles[c.profile[i]]
        if profile.upgrade_allowed:
            continue
        current, new = _model(c.file_quality[i], c.file_revision[i]), _model(c.quality[i], c.revision[i], c.real[i])
        if is_revision_upgrade(current, new):
            continue  # IsUpgradeAllowed: a revision upgrade is allowed first; the propers setting has its say
        mask[i] = compare_quality_models(profile, new, current) > 0 or c.format_score[i] > c.file_score[i]
    return _reject(mask, lambda i: f"Quality profile {c.profile[i]} does not allow upgrades "
                                   f"(file on disk: {c.file_quality[i]})")


def better_than_file_on_disk(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's upgrade rules (quality, then revision, then custom-format score) against the file on disk."""
    messages: dict[int, str] = {}
    memo: dict[tuple[object, ...], str | None] = {}
    for i in np.flatnonzero(_has_file(c)):
        profile = ctx.profiles[c.profile[i]]
        if not profile.upgrade_allowed:
            continue  # upgrade_allowed speaks for these
        situation = (c.file_quality[i], int(c.file_revision[i]), int(c.file_score[i]), c.quality[i],
                     int(c.revision[i]), int(c.real[i]), int(c.format_score[i]))
        key = (profile.name, *situation)
        if key not in memo:  # thousands of candidates share a few situations
            memo[key] = _disk_upgrade_message(profile, *situation, ctx.propers)
        message = memo[key]
        if message is not None:
            messages[int(i)] = message
    rows = np.array(sorted(messages), dtype=np.int64)
    return Rejections(rows, [messages[i] for i in rows])


def proper_or_repack_allowed(c: Candidates, ctx: DecisionContext) -> Rejections:
    """With 'do not upgrade', a PROPER/REPACK of the quality on disk is not grabbed for its revision alone."""
    if ctx.propers is not ProperHandling.DO_NOT_UPGRADE:
        return Rejections.none()
    same = _has_file(c) & (c.quality == c.file_quality)
    newer = same & ((c.real > 0) | (c.revision > c.file_revision))
    return _reject(newer, lambda i: f"Proper/repack of the {c.file_quality[i]} file on disk: propers and repacks "
                                    "are set to 'do not upgrade'")


_REPACK = re.compile(r"\b(?:repack\d?|rerip\d?)\b", re.IGNORECASE)  # QualityParser's repack group


def _revision_upgrades(c: Candidates) -> np.ndarray:
    """UpgradableSpecification.IsRevisionUpgrade against the file on disk: same quality, newer revision."""
    mask = _has_file(c) & (c.quality == c.file_quality)
    return mask & ((c.real > 0) | (c.revision > c.file_revision))


def repack_from_same_group(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's RepackSpecification: a REPACK that would replace the file on disk must come from the file's
    release group ('do not upgrade' is proper_or_repack_allowed's to say)."""
    if ctx.propers in (ProperHandling.DO_NOT_PREFER, ProperHandling.DO_NOT_UPGRADE):
        return Rejections.none()
    upgrades = _revision_upgrades(c)
    repack = _title_test(c, np.flatnonzero(upgrades), lambda t: bool(_REPACK.search(t)))
    messages: dict[int, str] = {}
    for i in np.flatnonzero(repack & upgrades):
        group, file_group = c.release_group[i], c.file_release_group[i]
        if not file_group or not str(file_group).strip():
            messages[int(i)] = "Unable to determine release group for the existing file"
        elif not group or not str(group).strip():
            messages[int(i)] = "Unable to determine release group for this release"
        elif str(group).casefold() != str(file_group).casefold():
            messages[int(i)] = (f"Release is a repack for a different release group. Release Group: {group}. "
                                f"File release group: {file_group}")
    rows = np.array(sorted(messages), dtype=np.int64)
    return Rejections(rows, [messages[i] for i in rows])


PROPER_FILE_AGE = timedelta(days=7)


def proper_for_old_file(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's ProperSpecification (RSS sync): a PROPER/REPACK of a file added more than 7 days before today
    is not grabbed."""
    if ctx.propers in (ProperHandling.DO_NOT_PREFER, ProperHandling.DO_NOT_UPGRADE):
        return Rejections.none()
    today = datetime.combine(ctx.now.date(), datetime.min.time(), tzinfo=ctx.now.tzinfo)
    upgrades = _revision_upgrades(c)
    old = np.zeros(len(c), dtype=bool)
    rows = np.flatnonzero(upgrades)
    old[rows] = [a is not None and _aware(a, ctx.now) < today - PROPER_FILE_AGE for a in c.file_added_at[rows]]
    return _reject(old & upgrades, lambda i: "Proper for old file")


def _aware(value: datetime, like: datetime) -> datetime:
    when = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    return when if when.tzinfo is not None else when.replace(tzinfo=like.tzinfo)


# ------------------------------------------------------------------------------------------ queue and history

def already_in_queue(c: Candidates, ctx: DecisionContext) -> Rejections:
    return _reject(c.in_queue.astype(bool),
                   lambda i: f"Release is already in the download queue ({c.queue_state[i] or 'queued'})")


def better_than_queued(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's QueueSpecification: another release of the movie is downloading; this one must upgrade it."""
    messages: dict[int, str] = {}
    queued = np.flatnonzero(np.array([q is not None for q in c.queue_quality], dtype=bool) & ~c.in_queue.astype(bool))
    for i in queued:
        profile = ctx.profiles[c.profile[i]]
        current = _model(c.queue_quality[i], c.queue_revision[i])
        new = _model(c.quality[i], c.revision[i], c.real[i])
        score, new_score = int(c.queue_score[i]), int(c.format_score[i])
        if not cutoff_not_met(profile, current, score, new, ctx.propers):
            messages[int(i)] = f"Release in queue already meets the cutoff: {current} ({c.queue_title[i]})"
        elif upgrade_rejection(profile, current, score, new, new_score, ctx.propers) is not None:
            messages[int(i)] = f"Release in queue is of equal or higher preference: {current} ({c.queue_title[i]})"
        elif not is_upgrade_allowed(profile, current, score, new, new_score):
            messages[int(i)] = f"Another release is queued and profile {profile.name} does not allow upgrades"
    rows = np.array(sorted(messages), dtype=np.int64)
    return Rejections(rows, [messages[i] for i in rows])


def not_already_grabbed(c: Candidates, ctx: DecisionContext) -> Rejections:
    grabbed = np.asarray(c.grabbed_at != None, dtype=bool) & ~c.in_queue.astype(bool)  # noqa: E711
    return _reject(grabbed, lambda i: f"Release was already grabbed on {c.grabbed_at[i]:%Y-%m-%d %H:%M}")


# ------------------------------------------------------------------------------------------ temporary

def minimum_age(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's MinimumAgeSpecification: Usenet releases only."""
    if ctx.minimum_age_minutes <= 0:
        return Rejections.none()
    young = (c.protocol == "usenet") & (c.age_minutes < ctx.minimum_age_minutes)
    return _reject(young, lambda i: f"Only {round(float(c.age_minutes[i]), 1)} minutes old, minimum age is "
                                    f"{ctx.minimum_age_minutes} minutes")


def delay_profile(c: Candidates, ctx: DecisionContext) -> Rejections:
    """Radarr's delay profile: a release waits until it is ``delay`` minutes old, unless it is the profile's
    best quality (bypass), scores above the bypass score, or another acceptable release of the same movie has
    already waited out the delay (then the best of them is taken)."""
    delay = ctx.delay_minutes
    if delay <= 0:
        return Rejections.none()
    ok = ctx.permanently_ok if ctx.permanently_ok is not None else np.ones(len(c), dtype=bool)
    top = _per_value(c.profile, lambda p: len(ctx.profiles[p].items) - 1, np.int64)
    bypass = (c.quality_rank == top) if ctx.delay_bypass_if_highest_quality else np.zeros(len(c), dtype=bool)
    if ctx.delay_bypass_above_format_score is not None:
        bypass |= c.format_score >= ctx.delay_bypass_above_format_score
    # The oldest acceptable release of each variant (-1: none).
    oldest = pd.Series(np.where(ok, c.age_minutes, -1.0)).groupby(c.variant_id).transform("max").to_numpy()
    waited = oldest >= delay
    waiting = ~bypass & ~waited & (c.age_minutes < delay)
    return _reject(waiting, lambda i: f"Delay profile: waiting {math.ceil(delay - c.age_minutes[i])} more minutes "
                                      f"for a better release (delay {delay} minutes)")


PERMANENT_RULES: tuple[Rule, ...] = tuple(
    Rule(f.__name__, RejectionType.PERMANENT, f)
    for f in (
        monitored, minimum_availability, has_download_link, not_a_sample, quality_allowed_by_profile,
        raw_disc_allowed, acceptable_size, custom_formats_evaluated, custom_format_score_minimum, upgrade_allowed,
        better_than_file_on_disk, proper_or_repack_allowed, repack_from_same_group, proper_for_old_file,
        already_in_queue, better_than_queued, not_already_grabbed, blocklisted, indexer_not_blocked,
        release_restrictions, maximum_size, minimum_seeders, required_indexer_flags, free_space,
    )
)
TEMPORARY_RULES: tuple[Rule, ...] = (
    Rule("minimum_age", RejectionType.TEMPORARY, minimum_age),
    Rule("delay_profile", RejectionType.TEMPORARY, delay_profile),
)
RULES = PERMANENT_RULES + TEMPORARY_RULES

__all__ = ["PERMANENT_RULES", "RULES", "TEMPORARY_RULES", "Rule", "UpgradeRejection"]
