"""The import_list_movies workflow (Radarr's ImportListSyncService): fetch every list that is due, add the new
movies through the same add service as the CLI, and clean the library only when every safety rule allows it.

Load (statuses, exclusions, library) → fetch with the library closed → write (what each list named) → add →
clean → refresh the wanted list, so new movies are wanted and searched like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from radarr_pipeline.config import AppConfig, ConfigError
from radarr_pipeline.decisions.clean_library import (
    ACTING_LEVELS,
    LibraryMovie,
    ListOutcome,
    clean_library_blocked,
    not_on_any_list,
)
from radarr_pipeline.import_lists.fetching import describe, fetch_list
from radarr_pipeline.import_lists.model import ImportListError, ListedMovie
from radarr_pipeline.models import HistoryEvent
from radarr_pipeline.services.adding import AddChoices, add_by_reference
from radarr_pipeline.services.collections import monitor_collections_of
from radarr_pipeline.services.file_moves import FileOperationError
from radarr_pipeline.services.movie_edits import MovieEditError
from radarr_pipeline.services.movies import AddedMovie, MovieExistsError, MovieRequestError, NewMovie, add_movie
from radarr_pipeline.services.relocation import delete_movie
from radarr_pipeline.services.wanted import refresh_wanted
from radarr_pipeline.settings.import_lists import ImportListConfig
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.collections import SearchRequestRepository
from radarr_pipeline.store.import_lists import Exclusion, ImportListRepository, LibraryEntry
from radarr_pipeline.store.movie_edits import MovieEditRepository
from radarr_pipeline.values.ids import InvalidIdError
from radarr_pipeline.values.ids import imdb_id as checked_imdb_id
from radarr_pipeline.values.ids import tmdb_id as checked_tmdb_id
from radarr_pipeline.values.references import MovieReference
from radarr_pipeline.values.secrets import redact
from radarr_pipeline.values.titles import InvalidTitleError, folded_title, movie_title


@dataclass
class ListRow:
    """One list's sync, as the asset's metadata shows it."""

    name: str
    kind: str
    source: str
    synced: bool = False
    fetched: int = 0
    new: int = 0
    already_present: int = 0
    excluded: int = 0
    errors: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class ImportListReport:
    lists: list[ListRow] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    clean_level: str = "disabled"
    not_on_lists: list[str] = field(default_factory=list)
    clean_action: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def synced(self) -> int:
        return sum(1 for row in self.lists if row.synced)

    def markdown(self) -> str:
        lines = ["| list | kind | fetched | new | already present | excluded | errors |",
                 "|---|---|---|---|---|---|---|"]
        for r in self.lists:
            errors = "; ".join(r.errors) or r.note
            lines.append(f"| {_md(r.name)} | {r.kind} | {r.fetched} | {r.new} | {r.already_present} | {r.excluded} "
                         f"| {_md(errors)} |")
        if self.added:
            lines += ["", "Added: " + ", ".join(_md(t) for t in self.added)]
        lines += ["", f"Clean library ({self.clean_level}): {_md(self.clean_action or 'nothing to do')}"]
        lines += [f"- **warning**: {_md(w)}" for w in self.warnings]
        return "\n".join(lines)


def _md(text: str) -> str:
    return "".join(" " if ch in "\r\n" else f"\\{ch}" if ch in "|[]`*_<>" else ch for ch in text)


def _due(last_attempt: datetime | None, now: datetime, refresh_hours: float) -> bool:
    return last_attempt is None or now - last_attempt >= timedelta(hours=refresh_hours)


class _LibraryIndex:
    """The library's movies by TMDB id and IMDb id; those added without ids by (year, folded title), so a listed
    movie is not added a second time beside the same film typed in by hand."""

    def __init__(self, library: list[LibraryEntry]) -> None:
        self.tmdb = {e.tmdb_id for e in library if e.tmdb_id is not None}
        self.imdb = {e.imdb_id for e in library if e.imdb_id}
        self.without_ids = {(e.year, folded_title(e.title)) for e in library if e.tmdb_id is None and not e.imdb_id}

    def has(self, movie: ListedMovie) -> bool:
        if movie.tmdb_id in self.tmdb or movie.imdb_id in self.imdb:
            return True
        return bool(movie.title) and (movie.year, folded_title(movie.title or "")) in self.without_ids


def listed_reference(movie: ListedMovie) -> MovieReference:
    """What a list names, as the add service reads it: its TMDB id, else its IMDb id, else its title and year."""
    if movie.tmdb_id:
        return MovieReference("tmdb", tmdb_id=movie.tmdb_id, year=movie.year)
    if movie.imdb_id:
        return MovieReference("imdb", imdb_id=movie.imdb_id, year=movie.year)
    return MovieReference("title", title=movie.title, year=movie.year)


def _choices(entry: ImportListConfig) -> AddChoices:
    return AddChoices(profile=entry.quality_profile, root_folder=entry.root_folder,
                      minimum_availability=entry.minimum_availability)


def add_listed_movie(config: AppConfig, entry: ImportListConfig, movie: ListedMovie) -> AddedMovie:
    """The one place a list adds a movie: through the add service every front door uses, filled from the metadata
    source when there is one (so lists that give only ids work); by hand, with the list's ids, title and year."""
    if config.metadata is not None:
        return add_by_reference(config, listed_reference(movie), _choices(entry))
    if not movie.title or movie.year is None:
        raise MovieRequestError(f"{movie.key}: the list gives no title and year, and adding them by hand needs "
                                "both (configure `metadata:` to add by id)")
    return add_movie(config, NewMovie(
        title=movie.title, year=movie.year, tmdb_id=movie.tmdb_id, imdb_id=movie.imdb_id,
        profile=entry.quality_profile, root_folder=entry.root_folder,
        minimum_availability=entry.minimum_availability,
    ))


def _fetch(entry: ImportListConfig) -> tuple[list[ListedMovie], str | None]:
    try:
        movies = fetch_list(entry)
    except (ImportListError, ConfigError) as exc:
        return [], redact(str(exc))
    unique = {m.key: m for m in reversed(movies)}  # Radarr's DistinctBy keeps the first
    return list(reversed(unique.values())), None


def sync_import_lists(config: AppConfig, now: datetime, *, force: bool = False) -> ImportListReport:
    """Sync every enabled list that is due (``force``: all of them), add what is new, clean if allowed."""
    settings = config.import_lists
    report = ImportListReport(clean_level=settings.clean_library)
    store = LibraryStore(config.database)
    with store.open() as library:
        lists_repo = ImportListRepository(library.conn)
        statuses = lists_repo.statuses()
        exclusions = lists_repo.exclusions()
        in_library = lists_repo.library()
    excluded_tmdb: set[int | None] = {e.tmdb_id for e in exclusions if e.tmdb_id}
    excluded_imdb: set[str | None] = {e.imdb_id for e in exclusions if e.imdb_id}

    fetched: dict[str, list[ListedMovie]] = {}
    outcomes: list[ListOutcome] = []
    for entry in settings.lists:
        row = ListRow(entry.name, entry.kind, describe(entry))
        report.lists.append(row)
        if not entry.enabled:
            row.note = "disabled"
            continue
        status = statuses.get(entry.name)
        if not force and not _due(status.last_attempt_at if status else None, now, settings.refresh_hours):
            assert status is not None
            next_sync = status.last_attempt_at + timedelta(hours=settings.refresh_hours)
            row.note = f"not due until {next_sync:%Y-%m-%d %H:%M}"
            continue
        movies, error = _fetch(entry)
        row.synced, row.fetched = True, len(movies)
        if error:
            row.errors.append(error)
            report.warnings.append(f"list {entry.name}: {error}")
        else:
            fetched[entry.name] = movies
        outcomes.append(ListOutcome(entry.name, error, len(movies)))

    with store.open() as library:
        lists_repo = ImportListRepository(library.conn)
        lists_repo.record_attempts([(o.name, o.error) for o in outcomes], now)
        for name, movies in fetched.items():
            lists_repo.replace_listed(name, [(m.tmdb_id, m.imdb_id, m.title, m.year) for m in movies], now)
        lists_repo.forget_lists_except([entry.name for entry in settings.lists])

    _add_new(config, report, fetched, in_library, excluded_tmdb, excluded_imdb, now)
    if outcomes:
        _clean(config, report, outcomes, now)
    refresh_wanted(config, now)
    return report


def _add_new(config: AppConfig, report: ImportListReport, fetched: dict[str, list[ListedMovie]],
             in_library: list[LibraryEntry], excluded_tmdb: set[int | None], excluded_imdb: set[str | None],
             now: datetime) -> None:
    entries = {entry.name: entry for entry in config.import_lists.lists}
    rows = {row.name: row for row in report.lists}
    added_keys: set[str] = set()
    index = _LibraryIndex(in_library)
    for name, movies in fetched.items():
        entry, row = entries[name], rows[name]
        added_here: list[AddedMovie] = []
        for movie in movies:
            if movie.key in added_keys or index.has(movie):
                row.already_present += 1
            elif movie.tmdb_id in excluded_tmdb or movie.imdb_id in excluded_imdb:
                row.excluded += 1
            elif not entry.auto_add:
                row.note = "auto add is off: new movies are listed, not added"
            else:
                try:
                    added = add_listed_movie(config, entry, movie)
                except MovieExistsError:
                    row.already_present += 1
                    continue
                except MovieRequestError as exc:
                    row.errors.append(str(exc))
                    continue
                added_keys.add(movie.key)
                added_here.append(added)
                row.new += 1
                report.added.append(f"{added.movie.title} ({added.movie.year})")
        if added_here:
            _after_adding(config, entry, added_here, now)


def _after_adding(config: AppConfig, entry: ImportListConfig, added: list[AddedMovie], now: datetime) -> None:
    """The list's tags, monitoring and search on add on what it added, and the history of each addition; with
    ``monitor: movie_and_collection``, the added movies' collections are followed too (Radarr's
    MonitorTypes.MovieAndCollection), with the list's profile, root folder and minimum availability."""
    with LibraryStore(config.database).open() as library:
        edits = MovieEditRepository(library.conn)
        edits.add_tags([a.movie.id for a in added], sorted(set(entry.tags)))
        if entry.monitor == "none":
            edits.set_monitored([a.variant.id for a in added], False)
        if entry.search_on_add:
            SearchRequestRepository(library.conn).request([a.movie.id for a in added], now)
        library.history.add_many([HistoryEvent(
            event="movie_added_from_list", movie_id=a.movie.id, variant_id=a.variant.id, source_title=a.movie.title,
            data={"list": entry.name, "monitor": entry.monitor, "search_on_add": entry.search_on_add},
        ) for a in added], now)
    if entry.monitor == "movie_and_collection":
        monitor_collections_of(config, [a.movie.id for a in added], _choices(entry), now, f"list {entry.name}")


def _clean(config: AppConfig, report: ImportListReport, outcomes: list[ListOutcome], now: datetime) -> None:
    settings = config.import_lists
    level = settings.clean_library
    if level == "disabled":
        return
    with LibraryStore(config.database).open(read_only=True) as library:
        lists_repo = ImportListRepository(library.conn)
        tmdb_ids, imdb_ids = lists_repo.listed_ids()
        entries = lists_repo.library()
    movies = [LibraryMovie(e.movie_id, e.title, e.year, e.tmdb_id, e.imdb_id) for e in entries]
    gone = not_on_any_list(movies, tmdb_ids, imdb_ids)
    report.not_on_lists = [f"{m.title} ({m.year})" for m in gone]
    if level == "log_only":
        report.clean_action = (f"{len(gone)} movie(s) on no list (log only): {', '.join(report.not_on_lists[:20])}"
                               if gone else "every movie is on a list")
        return
    blocked = clean_library_blocked(outcomes, len(gone), len(movies), settings.clean_library_max_share)
    if blocked:
        report.clean_action = "blocked"
        report.warnings.append(f"clean library ({level}) did not run: {blocked}")
        return
    if not gone:
        report.clean_action = "every movie is on a list"
        return
    assert level in ACTING_LEVELS
    if level == "keep_and_unmonitor":
        variant_ids = [v for e in entries if e.movie_id in {m.movie_id for m in gone} for v in e.variant_ids]
        with LibraryStore(config.database).open() as library:
            MovieEditRepository(library.conn).set_monitored(variant_ids, False)
            library.history.add_many([HistoryEvent(event="movie_edited", movie_id=m.movie_id, source_title=m.title,
                                                   data={"field": "monitored", "to": False, "why": "on no list"})
                                      for m in gone], now)
        report.clean_action = f"unmonitored {len(gone)} movie(s) on no list"
        return
    removed = 0
    for movie in gone:
        try:
            delete_movie(config, movie.movie_id, now, delete_files=level == "remove_and_delete")
        except (MovieEditError, FileOperationError) as exc:
            report.warnings.append(f"clean library kept {movie.title} ({movie.year}): {exc}")
            continue
        removed += 1
    kept = "files recycled" if level == "remove_and_delete" else "files kept"
    report.clean_action = f"removed {removed} movie(s) on no list ({kept})"


def list_exclusions(config: AppConfig) -> list[Exclusion]:
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            return ImportListRepository(library.conn).exclusions()
    except LibraryNotCreatedError:
        return []


def add_exclusion(config: AppConfig, *, title: str, year: int | None, tmdb_id: int | None, imdb_id: str | None,
                  now: datetime) -> bool:
    """Put a movie on the exclusion list (lists never add it); False when it is there already."""
    try:
        clean_title = movie_title(title)
        tmdb = checked_tmdb_id(tmdb_id) if tmdb_id is not None else None
        imdb = checked_imdb_id(imdb_id) if imdb_id is not None else None
    except (InvalidTitleError, InvalidIdError) as exc:
        raise MovieRequestError(str(exc)) from None
    if tmdb is None and imdb is None:
        raise MovieRequestError("an exclusion needs a TMDB id or an IMDb id")
    with LibraryStore(config.database).open() as library:
        return ImportListRepository(library.conn).exclude(Exclusion(tmdb, imdb, clean_title, year), now)


def remove_exclusion(config: AppConfig, *, tmdb_id: int | None, imdb_id: str | None) -> int:
    """Take a movie off the exclusion list; how many entries were removed."""
    try:
        imdb = checked_imdb_id(imdb_id) if imdb_id is not None else None
    except InvalidIdError as exc:
        raise MovieRequestError(str(exc)) from None
    with LibraryStore(config.database).open() as library:
        return ImportListRepository(library.conn).remove_exclusion(tmdb_id=tmdb_id, imdb_id=imdb)
