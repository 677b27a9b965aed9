"""Candidates as columns: releases matched to wanted variants (dict look-ups), custom formats evaluated once
per matched release, and every per-variant fact (file on disk, queue, availability, free space) broadcast."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from radarr_pipeline.decisions.context import DecisionContext
from radarr_pipeline.decisions.format_facts import download_facts, file_facts, simplify_release_title
from radarr_pipeline.decisions.formats import FormatFacts, FormatMatches, evaluate_formats
from radarr_pipeline.decisions.frame import Candidates, available_from
from radarr_pipeline.decisions.inputs import EngineInputs
from radarr_pipeline.decisions.matching import (
    MovieIndex,
    MovieKey,
    ReleaseColumns,
    alternatives_by_movie,
    match_columns,
    movie_clean_titles,
)
from radarr_pipeline.decisions.reputation import score_for
from radarr_pipeline.models import LIST_SEPARATOR, Availability, Movie
from radarr_pipeline.parsing import parse_release_title
from radarr_pipeline.quality.custom_formats import CustomFormat
from radarr_pipeline.quality.qualities import quality_by_name
from radarr_pipeline.values.flags import flags_mask
from radarr_pipeline.values.ids import normalize_imdb_id as _imdb

FreeSpace = Callable[[str], int | None]


def disk_free_bytes(path: str) -> int | None:
    """Free bytes at a root folder; None when it cannot be read (the free-space rule then stands aside)."""
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


# ------------------------------------------------------------------------------------------ helpers on columns

def _ints(series: pd.Series, default: int) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").fillna(default).astype(np.int64).to_numpy()


def _objects(series: pd.Series) -> np.ndarray:
    """The column as Python objects, None where missing (NaN, NaT, NA)."""
    values = series.astype(object).to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return values


def _mapped(values: pd.Series | np.ndarray, function: Callable[[Any], Any], missing: object = None) -> np.ndarray:
    """``function`` of each value, called once per distinct value (``missing`` where there is none)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return _object_array([*(function(u) for u in uniques), missing])[codes]


def _tuples(series: pd.Series) -> np.ndarray:
    """A column of LIST_SEPARATOR-joined strings as tuples."""
    return _mapped(series, lambda v: tuple(v.split(LIST_SEPARATOR)) if isinstance(v, str) and v else (), ())


def _object_array(values: Sequence[object]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


# ------------------------------------------------------------------------------------------ matching

def movie_keys(wanted: pd.DataFrame, alternative_titles: list[tuple[int, str]]) -> list[MovieKey]:
    alternatives = alternatives_by_movie(alternative_titles)
    movies = wanted.drop_duplicates("movie_id")
    keys = []
    columns = ("movie_id", "title", "year", "original_title", "secondary_year", "tmdb_id", "imdb_id")
    for movie_id, title, year, original_title, secondary_year, tmdb_id, imdb_id in zip(
            *(movies[name].tolist() for name in columns), strict=True):
        movie = Movie(id=int(movie_id), title=title, year=int(year),
                      original_title=original_title if isinstance(original_title, str) else None)
        secondary = None if pd.isna(secondary_year) else int(secondary_year)
        tmdb = None if pd.isna(tmdb_id) else int(tmdb_id)
        keys.append(MovieKey(movie.id, _imdb(imdb_id if isinstance(imdb_id, str) else None), tmdb,
                             movie.year, secondary,
                             frozenset(movie_clean_titles(movie, alternatives.get(movie.id, ())))))
    return keys


def release_columns(releases: pd.DataFrame) -> ReleaseColumns:
    """Matching's view of the releases (rows of DecisionInputs.releases), computed once per distinct value."""
    imdb = releases["imdb_id"].where(releases["imdb_id"].notna(), releases["parsed_imdb_id"])
    imdb_codes, imdb_values = pd.factorize(imdb, use_na_sentinel=True)
    normalized = np.array([_imdb(v if isinstance(v, str) else None) for v in imdb_values.tolist()] + [None],
                          dtype=object)
    tmdb = pd.to_numeric(releases["tmdb_id"], errors="coerce").fillna(
        pd.to_numeric(releases["parsed_tmdb_id"], errors="coerce")).fillna(0).astype(np.int64).to_numpy()
    title_codes, titles = pd.factorize(releases["movie_titles"], use_na_sentinel=True)
    split = [tuple(v.split(LIST_SEPARATOR)) if isinstance(v, str) and v else () for v in titles.tolist()]
    empty = np.array([not t for t in split] + [True], dtype=bool)
    return ReleaseColumns(
        imdb_ids=normalized[imdb_codes].tolist(), tmdb_ids=tmdb, years=_ints(releases["year"], -1),
        title_codes=np.where(empty[title_codes], -1, title_codes).astype(np.int64), titles=split,
    )


# ------------------------------------------------------------------------------------------ custom formats

def release_facts(releases: pd.DataFrame, original_languages: Sequence[str | None]) -> FormatFacts:
    """Facts for releases (rows of DecisionInputs.releases), each scored for a movie of that original language."""
    titles = _objects(releases["simple_release_title"])
    unsimplified = np.flatnonzero(~releases["simple_release_title"].fillna("").astype(bool).to_numpy())
    titles[unsimplified] = [simplify_release_title(t) for t in releases["title"].to_numpy(dtype=object)[unsimplified]]
    return FormatFacts(
        title=titles.tolist(),
        release_group=list(_objects(releases["release_group"])), edition=list(_objects(releases["edition"])),
        quality_id=_quality_ids(releases["quality"]),
        languages=list(_tuples(releases["languages"])),
        indexer_flags=_mapped(releases["indexer_flags"], lambda v: flags_mask(tuple(v.split(LIST_SEPARATOR)))
                              if v else 0, 0).astype(np.int64),
        size=_ints(releases["size"], 0), year=_ints(releases["year"], 0),
        original_language=list(original_languages),
    )


def _scores_by_profile(matches: FormatMatches, ctx: DecisionContext, profiles: np.ndarray,
                       rows: np.ndarray) -> np.ndarray:
    scores = np.zeros(len(rows), dtype=np.int64)
    for name in set(profiles.tolist()):
        mask = profiles == name
        scores[mask] = matches.scores(dict(ctx.profiles[name].format_scores))[rows[mask]]
    return scores


def _format_names(matches: FormatMatches) -> np.ndarray:
    """Each row's matched format names, built once per distinct combination."""
    if not len(matches.matrix):
        return np.empty(0, dtype=object)
    if not len(matches.formats):  # every row matches none (a row of no bytes cannot be viewed as one)
        return _object_array([()] * len(matches.matrix))
    packed = np.ascontiguousarray(np.packbits(matches.matrix, axis=1))
    _, first, codes = np.unique(packed.view(np.dtype((np.void, packed.shape[1]))).ravel(), return_index=True,
                                return_inverse=True)  # a row of each combination, and each row's
    names = [tuple(matches.formats[j].name for j in np.flatnonzero(matches.matrix[row])) for row in first.tolist()]
    return _object_array(names)[codes]


def _quality_ids(qualities: pd.Series | np.ndarray) -> np.ndarray:
    return _mapped(qualities, lambda q: quality_by_name(q).id).astype(np.int64)


# ------------------------------------------------------------------------------------------ assembling

def _wanted_columns(inputs: EngineInputs, formats: Sequence[CustomFormat], ctx: DecisionContext,
                    free_space: FreeSpace) -> dict[str, np.ndarray]:
    """Per wanted row: availability, the file on disk, the queue, free space."""
    wanted = inputs.wanted
    profiles = wanted["quality_profile"].to_numpy(dtype=object)
    unknown = sorted(set(profiles.tolist()) - set(ctx.profiles))
    if unknown:
        raise KeyError(f"wanted movies use quality profile(s) {unknown}, which are not in the configuration "
                       f"(known: {sorted(ctx.profiles)})")
    free = {root: free_space(root) for root in set(wanted["root_folder"])}
    dates = zip(wanted["minimum_availability"], wanted["year"], _objects(wanted["in_cinemas"]),
                _objects(wanted["digital_release"]), _objects(wanted["physical_release"]), strict=True)
    return {
        "profile": profiles,
        "root_folder": wanted["root_folder"].to_numpy(dtype=object),
        "free_bytes": np.array([free[r] if free[r] is not None else -1 for r in wanted["root_folder"]],
                               dtype=np.int64),
        "monitored": wanted["monitored"].to_numpy(dtype=bool),
        "runtime": _ints(wanted["runtime_minutes"], 0),
        "minimum_availability": wanted["minimum_availability"].to_numpy(dtype=object),
        "available_from": _object_array([available_from(str(Availability(a)), int(y), _date(c), _date(d), _date(p))
                                         for a, y, c, d, p in dates]),
        **_file_columns(wanted, formats, ctx, profiles),
        **_queue_columns(inputs, formats, ctx, profiles),
    }


def _file_columns(wanted: pd.DataFrame, formats: Sequence[CustomFormat], ctx: DecisionContext,
                  profiles: np.ndarray) -> dict[str, np.ndarray]:
    """The file on disk of each wanted row: quality, revision, format score, release group, when it came."""
    file_quality = _objects(wanted["file_quality"])
    has_file = np.flatnonzero(np.array([q is not None for q in file_quality], dtype=bool))
    file_score = np.zeros(len(wanted), dtype=np.int64)
    file_group = (_objects(wanted["file_release_group"]) if "file_release_group" in wanted
                  else np.full(len(wanted), None, dtype=object))
    file_added = (_objects(wanted["file_added_at"]) if "file_added_at" in wanted
                  else np.full(len(wanted), None, dtype=object))
    if len(has_file):
        facts = file_facts(_objects(wanted["file_scene_name"])[has_file].tolist(),
                           _objects(wanted["file_path"])[has_file].tolist(), file_quality[has_file].tolist(),
                           _ints(wanted["file_size"], 0)[has_file].tolist(),
                           _objects(wanted["original_language"])[has_file].tolist())
        for file_row, group in zip(has_file.tolist(), facts.release_group, strict=True):
            if not file_group[file_row]:  # RepackSpecification reads the file's release group; else its name's
                file_group[file_row] = group
        file_score[has_file] = _scores_by_profile(evaluate_formats(formats, facts), ctx, profiles[has_file],
                                                  np.arange(len(has_file)))
    return {"file_quality": file_quality, "file_revision": _ints(wanted["file_revision"], 1),
            "file_score": file_score, "file_release_group": file_group, "file_added_at": file_added}


def _queue_columns(inputs: EngineInputs, formats: Sequence[CustomFormat], ctx: DecisionContext,
                   profiles: np.ndarray) -> dict[str, np.ndarray]:
    """What is downloading for each wanted row: title, quality, state, revision and format score."""
    wanted = inputs.wanted
    columns = {name: np.empty(len(wanted), dtype=object) for name in ("queue_title", "queue_quality", "queue_state")}
    queue_revision = np.ones(len(wanted), dtype=np.int64)
    queue_score = np.zeros(len(wanted), dtype=np.int64)
    queue = inputs.queue.drop_duplicates("variant_id", keep="last")
    position = {int(v): i for i, v in enumerate(wanted["variant_id"])}
    queued = [(position[int(v)], t, q, s) for v, t, q, s in zip(queue["variant_id"], queue["title"],
              queue["quality"], queue["state"], strict=True) if int(v) in position]
    if queued:
        rows = np.array([q[0] for q in queued])
        originals = _objects(wanted["original_language"])[rows].tolist()
        facts = download_facts([q[1] for q in queued], [q[2] for q in queued], [0] * len(queued), originals)
        queue_score[rows] = _scores_by_profile(evaluate_formats(formats, facts), ctx, profiles[rows],
                                               np.arange(len(rows)))
        for row, title, quality, state in queued:
            parsed = parse_release_title(title)
            columns["queue_title"][row], columns["queue_quality"][row] = title, quality
            columns["queue_state"][row] = state
            queue_revision[row] = parsed.quality.revision.version if parsed else 1
    return {"queue_revision": queue_revision, "queue_score": queue_score, **columns}


def _date(value: object) -> date | None:
    """A release date as stored (a date, or a datetime / pandas Timestamp); None when there is none."""
    if value is None:
        return None
    if isinstance(value, datetime):  # pandas' Timestamp is a datetime
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"not a release date: {value!r}")


@dataclass(frozen=True)
class _Pairs:
    """The matched (release, wanted row) pairs, ordered by wanted row then release: ``rel`` and ``want`` are
    positions in the release and wanted frames, ``matched_by`` how the release was matched."""

    rel: np.ndarray
    want: np.ndarray
    matched_by: np.ndarray


@dataclass(frozen=True)
class _PairFormats:
    """Custom formats of the pairs, evaluated once per (release, original language): ``subset`` holds those
    releases (a row each), ``sub`` maps each pair to its row."""

    subset: pd.DataFrame
    sub: np.ndarray
    matches: FormatMatches
    names: np.ndarray


def match_pairs(inputs: EngineInputs) -> _Pairs:
    """Releases matched to the wanted movies (ids, then clean titles and year), one pair per wanted row."""
    wanted = inputs.wanted
    index = MovieIndex.build(movie_keys(wanted, inputs.alternative_titles))
    positions, movie_ids, how = match_columns(release_columns(inputs.releases), index)
    pairs = pd.DataFrame({"rel": positions, "movie_id": movie_ids, "matched_by": how})
    targets = pd.DataFrame({"movie_id": wanted["movie_id"].astype(np.int64).to_numpy(),
                            "want": np.arange(len(wanted))})
    pairs = pairs.merge(targets, on="movie_id").sort_values(["want", "rel"], kind="stable")
    return _Pairs(pairs["rel"].to_numpy(), pairs["want"].to_numpy(), pairs["matched_by"].to_numpy(dtype=object))


def pair_formats(inputs: EngineInputs, formats: Sequence[CustomFormat], pairs: _Pairs) -> _PairFormats:
    """Formats once per release and original language of the movies it matched (a Language condition
    'original' depends on the movie): usually once per release."""
    original = _objects(inputs.wanted["original_language"])[pairs.want]
    language_code = pd.factorize(pd.Series(original, dtype=object), use_na_sentinel=False)[0]
    keys = pairs.rel.astype(np.int64) * (int(language_code.max(initial=0)) + 1) + language_code
    _, first, sub = np.unique(keys, return_index=True, return_inverse=True)
    subset = inputs.releases.iloc[pairs.rel[first]].reset_index(drop=True)
    matches = evaluate_formats(formats, release_facts(subset, original[first].tolist()))
    return _PairFormats(subset, sub, matches, _format_names(matches))


def build_candidates(
    inputs: EngineInputs,
    formats: Sequence[CustomFormat],
    ctx: DecisionContext,
    free_space: FreeSpace = disk_free_bytes,
    timings: dict[str, float] | None = None,
) -> Candidates:
    """Every matched (release, wanted version) pair as columns: matching, custom formats once per release, the
    wanted side, then the pairs' own columns, each stage timed for the decisions benchmark."""
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    pairs = match_pairs(inputs)
    timings["match"] = time.perf_counter() - started
    started = time.perf_counter()
    found = pair_formats(inputs, formats, pairs)
    timings["custom_formats"] = time.perf_counter() - started
    started = time.perf_counter()
    candidates = assemble_candidates(inputs, formats, ctx, free_space, pairs, found)
    timings["assemble"] = time.perf_counter() - started
    return candidates


def assemble_candidates(inputs: EngineInputs, formats: Sequence[CustomFormat], ctx: DecisionContext,
                        free_space: FreeSpace, pairs: _Pairs, found: _PairFormats) -> Candidates:
    """The candidates' columns: the release's, the pair's (formats, quality, queue, grabs, blocklist) and the
    wanted row's."""
    wanted, subset, sub, want = inputs.wanted, found.subset, found.sub, pairs.want
    w = {name: column[want] for name, column in _wanted_columns(inputs, formats, ctx, free_space).items()}
    release_ids = _ints(subset["release_id"], 0)[sub]
    titles = subset["title"].to_numpy(dtype=object)[sub]
    indexers = subset["indexer"].to_numpy(dtype=object)[sub]
    infohash = _mapped(subset["infohash"], lambda h: h.lower() if isinstance(h, str) else None)[sub]
    qualities = subset["quality"].to_numpy(dtype=object)[sub]
    groups = _objects(subset["release_group"])[sub]
    movie_of = wanted["movie_id"].to_numpy(dtype=np.int64)[want]
    queue_ids = {int(r) for r in inputs.queue["release_id"].dropna()}
    queue_hashes = set(inputs.queue["download_id"].dropna())
    published = pd.to_datetime(subset["published_at"], utc=True)
    age = ((pd.Timestamp(ctx.now).tz_convert("UTC") - published).dt.total_seconds() / 60).fillna(1e9).to_numpy()
    return Candidates(
        release_id=release_ids,
        variant_id=wanted["variant_id"].to_numpy(dtype=np.int64)[want],
        movie_id=movie_of,
        matched_by=pairs.matched_by,
        title=titles,
        indexer=indexers,
        size=_ints(subset["size"], -1)[sub],
        seeders=_ints(subset["seeders"], -1)[sub],
        peers=_ints(subset["peers"], -1)[sub],
        age_minutes=age[sub],
        flags=_tuples(subset["indexer_flags"])[sub],
        has_link=subset["has_link"].to_numpy(dtype=bool)[sub],
        infohash=infohash,
        quality=qualities,
        quality_id=_quality_ids(qualities),
        revision=_ints(subset["revision"], 1)[sub],
        real=_ints(subset["real"], 0)[sub],
        release_group=groups,
        formats=found.names[sub],
        formats_known=~found.matches.timed_out[sub],
        format_score=_scores_by_profile(found.matches, ctx, w["profile"], sub),
        quality_rank=_quality_ranks(ctx, w["profile"], qualities),
        in_queue=np.isin(release_ids, list(queue_ids)) | _member(infohash, queue_hashes),
        grabbed_at=_grabbed_at(inputs, release_ids, infohash),
        blocklisted=_blocklisted(inputs, infohash, movie_of, titles, indexers),
        group_reputation=_mapped(groups, lambda g: score_for(inputs.group_scores, g),
                                 score_for(inputs.group_scores, None)).astype(float),
        protocol=(subset["protocol"].to_numpy(dtype=object) if "protocol" in subset
                  else np.full(len(subset), "torrent", dtype=object))[sub],
        **w,
    )


def _quality_ranks(ctx: DecisionContext, profiles: np.ndarray, qualities: np.ndarray) -> np.ndarray:
    """Each quality's position in its row's profile, looked up once per (profile, quality)."""
    profile_codes, profile_names = pd.factorize(pd.Series(profiles, dtype=object))
    quality_codes, quality_names = pd.factorize(pd.Series(qualities, dtype=object))
    table = np.array([[ctx.profiles[p].index_of(quality_by_name(q)) for q in quality_names] for p in profile_names],
                     dtype=np.int64).reshape(len(profile_names), len(quality_names))
    return table[profile_codes, quality_codes]


def _member(values: np.ndarray, members: set[Any]) -> np.ndarray:
    """Which values are in ``members`` (None never is)."""
    if not members:
        return np.zeros(len(values), dtype=bool)
    return pd.Series(values, dtype=object).isin(members).to_numpy() & (values != None)  # noqa: E711


def _grabbed_at(inputs: EngineInputs, release_ids: np.ndarray, infohash: np.ndarray) -> np.ndarray:
    """When each release was grabbed before (by release id, else by infohash), or None."""
    grabbed = np.full(len(release_ids), None, dtype=object)
    by_id, by_hash = inputs.grabbed_by_id, inputs.grabbed_by_hash
    for row in np.flatnonzero(np.isin(release_ids, list(by_id)) | _member(infohash, set(by_hash))).tolist():
        hash_ = infohash[row]
        grabbed[row] = by_id.get(int(release_ids[row])) or (by_hash.get(hash_) if hash_ else None)
    return grabbed


def _blocklisted(inputs: EngineInputs, infohash: np.ndarray, movie_ids: np.ndarray, titles: np.ndarray,
                 indexers: np.ndarray) -> np.ndarray:
    """Blocklisted by infohash, or by (movie, title) from the same indexer or from any."""
    blocked = _member(infohash, inputs.blocked_hashes)
    listed = inputs.blocked_titles
    for row in np.flatnonzero(_member(titles, {title for _, title, _ in listed})).tolist():
        movie, title = int(movie_ids[row]), titles[row]
        blocked[row] |= (movie, title, indexers[row]) in listed or (movie, title, None) in listed
    return blocked
