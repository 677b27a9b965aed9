"""Moving a movie version to another root folder, and deleting a movie (its files to the recycle bin when asked),
each a journaled file operation (services.file_moves) recorded in the history."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.models import Movie, MovieFile, TrackedDownload
from radarr_pipeline.services.file_moves import carry_out, finish_interrupted, new_operation
from radarr_pipeline.services.importing.plan import inside
from radarr_pipeline.services.importing.recycle import recycle_bin_for, recycle_target
from radarr_pipeline.services.movie_edits import MovieEditError, VariantRow, movie_of, one_variant, variants_of
from radarr_pipeline.services.notifications.events import (
    event_record,
    movie_deleted_event,
    movie_file_deleted_event,
    movie_tags,
)
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.movie_edits import FileMove, extra_paths


@dataclass(frozen=True)
class RelocationResult:
    movie: Movie
    summary: str
    files: list[tuple[str, str]] = field(default_factory=list)  # (from, to) of every file moved
    recovered: list[str] = field(default_factory=list)  # interrupted operations finished first


def _files_below(folder: Path) -> list[Path]:
    return sorted(Path(top) / name for top, _dirs, names in os.walk(folder) for name in names)


def _movie_folder(file_path: str, root: Path) -> Path | None:
    """The folder of the movie file below the root folder (None when the file lies directly in the root)."""
    folder = Path(file_path).parent
    return folder if folder != root and folder.is_relative_to(root) else None


def _files_to_carry(recorded: list[str], others: set[str], root: Path) -> tuple[list[Path], list[Path]]:
    """The files that go with the version: its whole folder, as Radarr moves it, unless another version's file
    lives there too (then only its own files); and the folders left to remove when empty."""
    folders = {f for f in (_movie_folder(p, root) for p in recorded) if f is not None}
    shared = any(Path(o).parent in folders for o in others)
    if folders and not shared:
        return sorted({f for folder in folders for f in _files_below(folder)}), sorted(folders)
    return [Path(p) for p in recorded if Path(p).exists()], sorted(folders)


def change_root_folder(config: AppConfig, movie_id: int, new_root: Path, now: datetime,
                       variant_id: int | None = None) -> RelocationResult:
    """Move the version to another configured root folder, its folder moved with it (same relative path)."""
    target_root = new_root.absolute()
    if target_root not in config.root_folders:
        raise MovieEditError(f"{target_root} is not a configured root folder "
                             f"({', '.join(map(str, config.root_folders))})")
    if not target_root.is_dir():
        raise MovieEditError(f"root folder {target_root} does not exist: create it (or mount its disk) first")
    store = LibraryStore(config.database)
    recovered = finish_interrupted(store, now)
    with store.open(read_only=True) as library:
        movie = movie_of(library, movie_id)
        variant = one_variant(library, movie, variant_id)
        if Path(variant.root_folder) == target_root:
            return RelocationResult(movie, f"already in {target_root}", recovered=recovered)
        if library.movies.find_variant(movie.id, quality_profile=variant.quality_profile,
                                       root_folder=str(target_root)):
            raise MovieEditError(f"{movie.title} ({movie.year}) already has a {variant.quality_profile} version in "
                                 f"{target_root}")
        own_file = library.files.for_variant(variant.id)
        recorded = ([own_file.path] if own_file else []) + extra_paths(library.conn, [variant.id]).get(variant.id, [])
        others = {f.path for v in variants_of(library, movie, None) if v.id != variant.id
                  for f in [library.files.for_variant(v.id)] if f is not None}
    old_root = Path(variant.root_folder)
    files, folders = _files_to_carry(recorded, others, old_root)
    moves: list[FileMove] = []
    for path in files:
        destination = target_root / path.relative_to(old_root) if path.is_relative_to(old_root) \
            else target_root / path.name
        if not inside(target_root, destination):
            raise MovieEditError(f"{path} would leave the root folder {target_root}")
        if destination.exists() or destination.is_symlink():
            raise MovieEditError(f"{destination} is in the way: nothing was moved")
        moves.append(FileMove(str(path), str(destination), path.stat().st_size))
    record = {
        "kind": "root_folder", "variant_id": variant.id, "root_folder": str(target_root),
        "remove_empty": [[str(f), str(old_root)] for f in folders],
        "history": [{"event": "movie_moved", "movie_id": movie.id, "variant_id": variant.id,
                     "source_title": movie.title,
                     "data": {"from": str(old_root), "to": str(target_root), "files": len(moves)}}],
    }
    carry_out(store, new_operation(moves, record), now)
    return RelocationResult(movie, f"moved from {old_root} to {target_root} ({len(moves)} file(s))",
                            [(m.source, m.destination) for m in moves], recovered)


@dataclass(frozen=True)
class _DeletionFacts:
    """What deleting a movie starts from, read in one read-only unit of work."""

    movie: Movie
    variants: list[VariantRow]
    own: dict[int, MovieFile | None]  # each version's movie file
    extras: dict[int, list[str]]  # each version's extra files
    busy: list[TrackedDownload]  # its downloads still in the queue
    tags: tuple[str, ...]
    added: dict[int, datetime]  # when each movie file was added


def _deletion_facts(store: LibraryStore, movie_id: int) -> _DeletionFacts:
    with store.open(read_only=True) as library:
        movie = movie_of(library, movie_id)
        variants = variants_of(library, movie, None)
        own = {v.id: library.files.for_variant(v.id) for v in variants}
        return _DeletionFacts(
            movie, variants, own, extra_paths(library.conn, [v.id for v in variants]),
            busy=[d for d in library.downloads.active() if d.variant_id in {v.id for v in variants}],
            tags=tuple(movie_tags(library, movie)),
            added=library.notification_facts.files_added_at([f.id for f in own.values() if f is not None]))


def _refuse_deletion(facts: _DeletionFacts, add_exclusion: bool) -> None:
    """A movie with a download in the queue is not deleted; one without ids cannot be excluded from lists."""
    movie, busy = facts.movie, facts.busy
    if busy:
        raise MovieEditError(f"{movie.title} ({movie.year}) has a download in the queue ({busy[0].title}, "
                             f"{busy[0].state}): remove it first (`queue fail {busy[0].id}`)")
    if add_exclusion and movie.tmdb_id is None and movie.imdb_id is None:
        raise MovieEditError(f"{movie.title} ({movie.year}) has no TMDB or IMDb id: it cannot be excluded from lists")


@dataclass
class _Recycling:
    """The files a deletion sends to the recycle bin, each version's files once, and the folders to remove when
    empty ([folder, its root folder])."""

    moves: list[FileMove] = field(default_factory=list)
    folders: list[list[str]] = field(default_factory=list)
    owners: dict[str, int] = field(default_factory=dict)  # file path: the version it is moved for


def _recycling(config: AppConfig, facts: _DeletionFacts) -> _Recycling:
    """Each version's folder (or only its own files, beside another version's) into its recycle bin."""
    planned = _Recycling()
    recorded = {v.id: [f.path for f in [facts.own[v.id]] if f is not None] + facts.extras.get(v.id, [])
                for v in facts.variants}
    for v in facts.variants:
        root = Path(v.root_folder)
        others = {p for vid, paths in recorded.items() if vid != v.id for p in paths
                  if not Path(p).is_relative_to(root)}
        files, movie_folders = _files_to_carry(recorded[v.id], others, root)
        bin_folder = recycle_bin_for(config.importing.recycle_bin, v.root_folder)
        taken: set[Path] = set()
        for path in files:
            if str(path) in planned.owners:
                continue
            target = recycle_target(path, root, bin_folder)
            while target in taken:
                target = target.with_name(f"{target.stem}.{len(taken)}{target.suffix}")
            taken.add(target)
            planned.owners[str(path)] = v.id
            planned.moves.append(FileMove(str(path), str(target), path.stat().st_size))
        planned.folders += [[str(f), str(root)] for f in movie_folders]
    return planned


def _deletion_record(facts: _DeletionFacts, planned: _Recycling, now: datetime, *, delete_files: bool,
                     add_exclusion: bool) -> dict[str, object]:
    """The journaled operation's record: what to remove, the exclusion, the history line and the events."""
    movie, tags = facts.movie, facts.tags
    folder = next((str(f) for f, _root in planned.folders), None)
    event = movie_deleted_event(movie, tags, folder_path=folder, deleted_files=delete_files,
                                folder_size=sum(m.expected_size for m in planned.moves))
    recycled_to = {m.source: m.destination for m in planned.moves}
    file_events = [movie_file_deleted_event(movie, tags, file, reason="manual",
                                            added_at=facts.added.get(file.id, now),
                                            recycle_bin_path=recycled_to.get(file.path))
                   for file in facts.own.values() if file is not None and delete_files]
    exclusion = {"tmdb_id": movie.tmdb_id, "imdb_id": movie.imdb_id, "title": movie.title, "year": movie.year} \
        if add_exclusion else None
    return {
        "kind": "delete", "movie_id": movie.id, "variants": planned.owners, "exclusion": exclusion,
        "remove_empty": planned.folders,
        "history": [{"event": "movie_deleted", "movie_id": movie.id, "source_title": movie.title,
                     "data": {"files_recycled": len(planned.moves), "excluded": add_exclusion}}],
        "events": [event_record(e) for e in [*file_events, event]],
    }


def delete_movie(config: AppConfig, movie_id: int, now: datetime, *, delete_files: bool = False,
                 add_exclusion: bool = False) -> RelocationResult:
    """Remove the movie from the library. Its files stay on disk unless ``delete_files``: then they go to the
    recycle bin (never straight to deletion). ``add_exclusion`` keeps import lists from adding it again."""
    store = LibraryStore(config.database)
    recovered = finish_interrupted(store, now)
    facts = _deletion_facts(store, movie_id)
    _refuse_deletion(facts, add_exclusion)
    planned = _recycling(config, facts) if delete_files else _Recycling()
    record = _deletion_record(facts, planned, now, delete_files=delete_files, add_exclusion=add_exclusion)
    carry_out(store, new_operation(planned.moves, record), now)
    kept = "files recycled" if delete_files else "files kept on disk"
    summary = f"removed ({kept}: {len(planned.moves) if delete_files else 'all'}" + \
        (", excluded from import lists)" if add_exclusion else ")")
    return RelocationResult(facts.movie, summary, [(m.source, m.destination) for m in planned.moves], recovered)
