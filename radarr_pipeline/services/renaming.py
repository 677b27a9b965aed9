"""Renaming files already in the library after a naming change (Radarr's Rename Files): a preview of old → new
names, then the rename as one journaled operation (services.file_moves), recorded in the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.mediainfo.formatter import media_info_facts
from radarr_pipeline.mediainfo.model import RawMediaInfo
from radarr_pipeline.naming import MovieFileInfo, NamingError
from radarr_pipeline.services.file_moves import carry_out, finish_interrupted, new_operation
from radarr_pipeline.services.importing.plan import destination_for, fitting_naming, inside
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.movie_edits import FileMove, RecordedFile, extra_paths, recorded_files


@dataclass(frozen=True)
class Rename:
    movie_id: int
    variant_id: int
    old: str
    new: str


@dataclass(frozen=True)
class RenamePlan:
    renames: list[Rename] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that cannot be renamed, and why


@dataclass(frozen=True)
class RenameResult:
    renamed: list[Rename]
    problems: list[str]
    recovered: list[str]


def _file_info(f: RecordedFile) -> MovieFileInfo:
    facts = None
    if f.media_info:
        facts = media_info_facts(RawMediaInfo.from_json(f.media_info), f.scene_name)
    return MovieFileInfo(quality_name=f.quality, revision_version=f.revision or 1, release_group=f.release_group,
                         edition=f.edition, original_file_name=Path(f.path).name, scene_name=f.scene_name,
                         media_info=facts)


def _extra_renames(extras: list[str], old_file: Path, new_file: Path) -> list[tuple[str, str]]:
    """Extra files named after the movie file (``<stem>.en.srt``, ``<stem>.nfo``) follow its new name."""
    result = []
    for extra in map(Path, extras):
        if extra.parent == old_file.parent and extra.name.startswith(old_file.stem + "."):
            result.append((str(extra), str(new_file.with_name(new_file.stem + extra.name[len(old_file.stem):]))))
    return result


def preview_renames(config: AppConfig, movie_id: int | None = None) -> RenamePlan:
    """The files whose name differs from what the naming settings give now, with their new name; read only."""
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            files = recorded_files(library.conn, movie_id)
            movies = library.movies.get_many([f.movie_id for f in files])
            variants = library.movies.variants_many([f.variant_id for f in files])
            extras = extra_paths(library.conn, [f.variant_id for f in files])
    except LibraryNotCreatedError:
        return RenamePlan()
    renames: list[Rename] = []
    problems: list[str] = []
    claimed: set[str] = set()
    for f in files:
        old = Path(f.path)
        variant = variants[f.variant_id]
        tails = [p[len(old.stem):] for p in map(lambda e: Path(e).name, extras.get(f.variant_id, []))
                 if p.startswith(old.stem + ".")]
        try:
            new = destination_for(movies[f.movie_id], variant, _file_info(f), old.suffix,
                                  fitting_naming(config.naming, tails))
        except NamingError as exc:
            problems.append(f"{old}: no usable name ({exc})")
            continue
        if new == old:
            continue
        pairs = [(str(old), str(new)), *_extra_renames(extras.get(f.variant_id, []), old, new)]
        why = _blocked(pairs, Path(variant.root_folder), claimed)
        if why:
            problems.append(why)
            continue
        claimed.update(p[1] for p in pairs)
        renames += [Rename(f.movie_id, f.variant_id, a, b) for a, b in pairs]
    return RenamePlan(renames, problems)


def _blocked(pairs: list[tuple[str, str]], root: Path, claimed: set[str]) -> str | None:
    for old, new in pairs:
        if not Path(old).exists():
            return f"{old} is missing on disk: not renamed"
        if not inside(root, Path(new)):
            return f"{old}: the new name {new} would leave the root folder"
        if new in claimed or (Path(new).exists() and not Path(new).samefile(old)):
            return f"{old}: {new} is taken already: not renamed"
    return None


def rename_files(config: AppConfig, now: datetime, movie_id: int | None = None) -> RenameResult:
    """Rename what :func:`preview_renames` lists, as one operation that a crash cannot leave half recorded."""
    store = LibraryStore(config.database)
    recovered = finish_interrupted(store, now)
    plan = preview_renames(config, movie_id)
    if not plan.renames:
        return RenameResult([], plan.problems, recovered)
    moves = [FileMove(r.old, r.new, Path(r.old).stat().st_size) for r in plan.renames]
    with store.open(read_only=True) as library:
        variants = library.movies.variants_many([r.variant_id for r in plan.renames])
    left = {str(Path(r.old).parent): variants[r.variant_id].root_folder for r in plan.renames
            if Path(r.old).parent != Path(r.new).parent}
    record = {
        "kind": "rename",
        "remove_empty": [[folder, root] for folder, root in sorted(left.items())],
        "history": [{"event": "movie_file_renamed", "movie_id": r.movie_id, "variant_id": r.variant_id,
                     "source_title": Path(r.new).name, "data": {"from": r.old, "to": r.new}}
                    for r in plan.renames],
    }
    carry_out(store, new_operation(moves, record), now)
    return RenameResult(plan.renames, plan.problems, recovered)
