"""Manual import: a folder or file given by hand (Radarr's Manual Import), through the same rules and journal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from radarr_pipeline.config import AppConfig
from radarr_pipeline.importing.decisions import ImportRejection
from radarr_pipeline.models import Movie, Variant
from radarr_pipeline.parsing import clean_movie_title, parse_release_title
from radarr_pipeline.services.configured import load_formats, quality_profiles
from radarr_pipeline.services.importing.engine import ImportReport, execute_plans
from radarr_pipeline.services.importing.plan import ImportPlan, ImportSource, PlanContext, plan_import
from radarr_pipeline.services.importing.recovery import recover_interrupted
from radarr_pipeline.services.importing.scan import identify_folder
from radarr_pipeline.store import Library


class ManualImportError(ValueError):
    """The folder cannot be imported; the message says why."""


@dataclass(frozen=True)
class ManualImportResult:
    report: ImportReport
    movie: Movie


def find_movie(library: Library, path: Path, movie_id: int | None) -> tuple[Movie, Variant]:
    """The movie given by id, else the one the folder's (or file's) name names."""
    statuses = library.movies.statuses()
    if movie_id is not None:
        matches = [s for s in statuses if s.movie.id == movie_id]
        if not matches:
            raise ManualImportError(f"no movie with id {movie_id} (see `radarr-pipeline movies list`)")
        return matches[0].movie, matches[0].variant
    name = path.name if path.is_dir() else path.stem
    parsed = parse_release_title(name, is_dir=path.is_dir())
    identity = identify_folder(name)
    title, year = (parsed.movie_title, parsed.year) if parsed else (
        (identity.title, identity.year) if identity else (None, None))
    if not title:
        raise ManualImportError(f"cannot tell which movie {path.name!r} is: pass --movie-id")
    wanted = clean_movie_title(title)
    for status in statuses:
        movie = status.movie
        if clean_movie_title(movie.title) == wanted and (year is None or abs(movie.year - year) <= 1):
            return movie, status.variant
    shown = f"{title} ({year})" if year else title
    raise ManualImportError(f"{shown} is not in the library: add it with `radarr-pipeline movies add` first")


def manual_import(
    library: Library, config: AppConfig, path: Path, now: datetime, *, movie_id: int | None = None,
    mode: str | None = None,
) -> ManualImportResult | ImportRejection:
    """Import ``path`` for the movie; move is allowed here (nothing seeds a folder given by hand)."""
    if mode is not None:
        config = config.model_copy(update={"importing": config.importing.model_copy(update={"mode": mode})})
    report = ImportReport()
    report.recovered = recover_interrupted(library, now)
    movie, variant = find_movie(library, path, movie_id)
    profiles = quality_profiles(config)
    ctx = PlanContext(library, config, profiles, now, formats=load_formats(config, profiles))
    source = ImportSource(content_path=str(path.absolute()), title=path.name if path.is_dir() else path.stem,
                          seeded_by_torrent=False)
    plan = plan_import(ctx, movie, variant, source)
    if not isinstance(plan, ImportPlan):
        return plan
    execute_plans(library, config, [plan], now, report)
    return ManualImportResult(report, movie)
