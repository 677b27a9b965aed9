from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from radarr_pipeline.models import Availability, Movie, Variant, WantedVariant
from radarr_pipeline.store.bulk import bulk_rows, bulk_select, reserve_ids
from radarr_pipeline.store.listing import LATEST_DOWNLOAD, VARIANT_STATUS

_MOVIE_COLUMNS = "m.id, m.title, m.year, m.tmdb_id, m.imdb_id, m.original_title, m.runtime_minutes, " \
    "m.minimum_availability, m.original_language, m.collection, m.certification"
_MOVIE_WIDTH = 11  # the columns above
_VARIANT_COLUMNS = "v.id, v.movie_id, v.quality_profile, v.root_folder, v.monitored"


def _next_ids(conn: duckdb.DuckDBPyConnection, sequence: str, count: int) -> list[int]:
    """``count`` fresh ids from the sequence, in order (so rows inserted in bulk are known without RETURNING)."""
    return sorted(row[0] for row in conn.execute(f"SELECT nextval('{sequence}') FROM range(?)", [count]).fetchall())


@dataclass(frozen=True)
class OnDisk:
    """The file a variant has: what the wanted list needs to know of it."""

    quality: str
    path: str
    size: int
    scene_name: str | None = None


class DuplicateMovieError(ValueError):
    """The movie is in the library already."""


@dataclass(frozen=True)
class MovieStatus:
    """A line of the movie list: one variant of a movie and where it stands."""

    movie: Movie
    variant: Variant
    status: str
    file_path: str | None
    quality: str | None


def _movie(row: tuple) -> Movie:
    return Movie(
        id=row[0], title=row[1], year=row[2], tmdb_id=row[3], imdb_id=row[4], original_title=row[5],
        runtime_minutes=row[6], minimum_availability=Availability(row[7]), original_language=row[8],
        collection=row[9], certification=row[10],
    )


def movie_from_row(row: tuple) -> Movie:
    """A movie from the first columns of a raw row (:meth:`MovieRepository.variant_rows`)."""
    return _movie(row[:_MOVIE_WIDTH])


def _variant(row: tuple) -> Variant:
    return Variant(id=row[0], movie_id=row[1], quality_profile=row[2], root_folder=row[3], monitored=row[4])


def monitored_variant(row: tuple) -> tuple[Variant, Movie, OnDisk | None]:
    """A row of :meth:`MovieRepository.monitored_variant_rows` as the variant, its movie and its file."""
    end = 5 + _MOVIE_WIDTH
    return _variant(row[:5]), _movie(row[5:end]), OnDisk(*row[end:end + 4]) if row[end] else None


class MovieRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(
        self,
        *,
        title: str,
        year: int,
        tmdb_id: int | None = None,
        imdb_id: str | None = None,
        original_title: str | None = None,
        runtime_minutes: int | None = None,
        minimum_availability: Availability = Availability.RELEASED,
        original_language: str | None = None,
    ) -> Movie:
        """Add a movie; ``original_language`` is a language identifier (``values.languages``), None unknown."""
        existing = self.find(tmdb_id=tmdb_id, imdb_id=imdb_id)
        if existing is not None:
            raise DuplicateMovieError(
                f"{existing.title} ({existing.year}) is already in the library (id {existing.id})"
            )
        row = self._conn.execute(
            "INSERT INTO movies (title, year, tmdb_id, imdb_id, original_title, runtime_minutes,"
            " minimum_availability, original_language) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [title, year, tmdb_id, imdb_id, original_title, runtime_minutes, str(minimum_availability),
             original_language],
        ).fetchone()
        assert row is not None
        return self.get(row[0])

    def add_many(self, movies: list[dict[str, Any]]) -> list[Movie]:
        """Add many movies in one statement (keys as :meth:`add`'s); the movies in the order given.

        Like :meth:`add`, a movie already in the library (same TMDb or IMDb id), or given twice, is an error and
        nothing is added."""
        if not movies:
            return []
        tmdb = [m.get("tmdb_id") for m in movies]
        imdb = [m.get("imdb_id") for m in movies]
        for given_ids in (tmdb, imdb):
            given = [i for i in given_ids if i is not None]
            if len(given) != len(set(given)):
                raise DuplicateMovieError("the same movie is given twice")
        given_tmdb, given_imdb = [i for i in tmdb if i is not None], [i for i in imdb if i is not None]
        row = self._conn.execute(
            f"SELECT {_MOVIE_COLUMNS} FROM movies m WHERE m.tmdb_id IN (SELECT unnest(?))"
            " OR m.imdb_id IN (SELECT unnest(?)) LIMIT 1",
            [given_tmdb, given_imdb],
        ).fetchone() if given_tmdb or given_imdb else None  # no id given (a scan's new movies): nothing to collide
        if row is not None:
            existing = _movie(row)
            raise DuplicateMovieError(
                f"{existing.title} ({existing.year}) is already in the library (id {existing.id})"
            )
        ids = _next_ids(self._conn, "movies_id_seq", len(movies))
        released = Availability.RELEASED
        result = [
            Movie(id=movie_id, title=m["title"], year=m["year"], tmdb_id=m.get("tmdb_id"), imdb_id=m.get("imdb_id"),
                  original_title=m.get("original_title"), runtime_minutes=m.get("runtime_minutes"),
                  minimum_availability=released if "minimum_availability" not in m
                  else Availability(m["minimum_availability"]),
                  original_language=m.get("original_language"))
            for movie_id, m in zip(ids, movies, strict=True)
        ]
        with bulk_select(self._conn, [
            ("id", ids, "BIGINT"), ("title", [m.title for m in result], "VARCHAR"),
            ("year", [m.year for m in result], "INTEGER"), ("tmdb_id", [m.tmdb_id for m in result], "BIGINT"),
            ("imdb_id", [m.imdb_id for m in result], "VARCHAR"),
            ("original_title", [m.original_title for m in result], "VARCHAR"),
            ("runtime_minutes", [m.runtime_minutes for m in result], "INTEGER"),
            ("minimum_availability", [str(m.minimum_availability) for m in result], "VARCHAR"),
            ("original_language", [m.original_language for m in result], "VARCHAR"),
        ]) as selected:
            self._conn.execute(
                "INSERT INTO movies (id, title, year, tmdb_id, imdb_id, original_title, runtime_minutes,"
                f" minimum_availability, original_language) SELECT {', '.join(selected.items)}"
                f" FROM {selected.rows.sql}",
                [*selected.constants, *selected.rows.params],
            )
        return result

    def add_scanned(self, titles: Sequence[str], years: Sequence[int], tmdb_ids: Sequence[int | None],
                    imdb_ids: Sequence[str | None]) -> list[int]:
        """The movies a library scan found, as columns of one length, added in one statement as :meth:`add_many`
        adds them (and refused as it refuses them); their ids, in the order given. No object is built per movie: a
        cold scan adds tens of thousands."""
        if not titles:
            return []
        given_tmdb, given_imdb = [i for i in tmdb_ids if i is not None], [i for i in imdb_ids if i is not None]
        if len(given_tmdb) != len(set(given_tmdb)) or len(given_imdb) != len(set(given_imdb)):
            raise DuplicateMovieError("the same movie is given twice")
        row = self._conn.execute(
            f"SELECT {_MOVIE_COLUMNS} FROM movies m WHERE m.tmdb_id IN (SELECT unnest(?))"
            " OR m.imdb_id IN (SELECT unnest(?)) LIMIT 1",
            [given_tmdb, given_imdb],
        ).fetchone() if given_tmdb or given_imdb else None
        if row is not None:
            existing = _movie(row)
            raise DuplicateMovieError(
                f"{existing.title} ({existing.year}) is already in the library (id {existing.id})"
            )
        first = reserve_ids(self._conn, "movies_id_seq", len(titles))
        ids = list(range(first, first + len(titles)))
        with bulk_select(self._conn, [
            ("id", ids, "BIGINT"), ("title", titles, "VARCHAR"), ("year", years, "INTEGER"),
            ("tmdb_id", tmdb_ids, "BIGINT"), ("imdb_id", imdb_ids, "VARCHAR"),
        ]) as selected:
            self._conn.execute(
                "INSERT INTO movies (id, title, year, tmdb_id, imdb_id, minimum_availability)"
                f" SELECT {', '.join(selected.items)}, ? FROM {selected.rows.sql}",
                [*selected.constants, str(Availability.RELEASED), *selected.rows.params],
            )
        return ids

    def add_first_variants(self, movie_ids: Sequence[int], quality_profile: str, root_folders: Sequence[str]
                           ) -> list[int]:
        """The first versions of movies added in this unit of work (none can have one yet: no check against the
        existing ones, unlike :meth:`add_variants_many`), one per movie id, in one statement; their ids in order."""
        if not movie_ids:
            return []
        first = reserve_ids(self._conn, "variants_id_seq", len(movie_ids))
        ids = list(range(first, first + len(movie_ids)))
        with bulk_select(self._conn, [("id", ids, "BIGINT"), ("movie_id", movie_ids, "BIGINT"),
                                      ("root_folder", root_folders, "VARCHAR")]) as selected:
            self._conn.execute(
                f"INSERT INTO variants (id, movie_id, root_folder, quality_profile) SELECT {', '.join(selected.items)},"
                f" ? FROM {selected.rows.sql}",
                [*selected.constants, quality_profile, *selected.rows.params],
            )
        return ids

    def get_many(self, movie_ids: list[int]) -> dict[int, Movie]:
        """The movies with these ids, by id (one query)."""
        if not movie_ids:
            return {}
        rows = self._conn.execute(
            f"SELECT {_MOVIE_COLUMNS} FROM movies m WHERE m.id IN (SELECT unnest(?))", [list(set(movie_ids))]
        ).fetchall()
        return {row[0]: _movie(row) for row in rows}

    def add_variants_many(self, variants: list[tuple[int, str, str]]) -> list[Variant]:
        """(movie_id, quality_profile, root_folder) triples added at once, as :meth:`add_variant` adds one (an
        existing variant is kept); the variants in the order given."""
        if not variants:
            return []
        with bulk_select(self._conn, [("movie_id", [v[0] for v in variants], "BIGINT"),
                                      ("quality_profile", [v[1] for v in variants], "VARCHAR"),
                                      ("root_folder", [v[2] for v in variants], "VARCHAR")]) as selected:
            items = selected.items
            keys = (f"SELECT DISTINCT {items[0]} AS movie_id, {items[1]} AS quality_profile,"
                    f" {items[2]} AS root_folder FROM {selected.rows.sql}")
            params = [*selected.constants, *selected.rows.params]
            # the existing variants are left out by an anti-join, four times faster than ON CONFLICT DO NOTHING
            self._conn.execute(
                f"INSERT INTO variants (movie_id, quality_profile, root_folder) SELECT * FROM ({keys}) k"
                " WHERE NOT EXISTS (SELECT 1 FROM variants v WHERE v.movie_id = k.movie_id"
                " AND v.quality_profile = k.quality_profile AND v.root_folder = k.root_folder)",
                params,
            )
            rows = self._conn.execute(
                f"SELECT {_VARIANT_COLUMNS} FROM variants v JOIN ({keys}) k ON v.movie_id = k.movie_id"
                " AND v.quality_profile = k.quality_profile AND v.root_folder = k.root_folder",
                params,
            ).fetchall()
        by_key = {(row[1], row[2], row[3]): _variant(row) for row in rows}
        return [by_key[(v[0], v[1], v[2])] for v in variants]

    def variants_many(self, variant_ids: list[int]) -> dict[int, Variant]:
        """The variants with these ids, by id (one query)."""
        if not variant_ids:
            return {}
        rows = self._conn.execute(
            f"SELECT {_VARIANT_COLUMNS} FROM variants v WHERE v.id IN (SELECT unnest(?))", [list(set(variant_ids))]
        ).fetchall()
        return {row[0]: _variant(row) for row in rows}

    def get(self, movie_id: int) -> Movie:
        row = self._conn.execute(f"SELECT {_MOVIE_COLUMNS} FROM movies m WHERE m.id = ?", [movie_id]).fetchone()
        if row is None:
            raise KeyError(f"no movie with id {movie_id}")
        return _movie(row)

    def find(self, *, tmdb_id: int | None = None, imdb_id: str | None = None) -> Movie | None:
        if tmdb_id is None and imdb_id is None:
            return None
        row = self._conn.execute(
            f"SELECT {_MOVIE_COLUMNS} FROM movies m WHERE m.tmdb_id = ? OR m.imdb_id = ? LIMIT 1",
            [tmdb_id, imdb_id],
        ).fetchone()
        return _movie(row) if row else None

    def of_year(self, year: int) -> list[Movie]:
        """The movies released in ``year`` (how a movie added without ids is found again)."""
        rows = self._conn.execute(f"SELECT {_MOVIE_COLUMNS} FROM movies m WHERE m.year = ? ORDER BY m.id", [year])
        return [_movie(row) for row in rows.fetchall()]

    def find_variant(self, movie_id: int, *, quality_profile: str, root_folder: str) -> Variant | None:
        row = self._conn.execute(
            f"SELECT {_VARIANT_COLUMNS} FROM variants v"
            " WHERE v.movie_id = ? AND v.quality_profile = ? AND v.root_folder = ?",
            [movie_id, quality_profile, root_folder],
        ).fetchone()
        return _variant(row) if row else None

    def add_variant(self, movie_id: int, *, quality_profile: str, root_folder: str) -> Variant:
        """Add a wanted version of the movie; adding the same one twice returns the existing one."""
        self._conn.execute(
            "INSERT INTO variants (movie_id, quality_profile, root_folder) VALUES (?, ?, ?)"
            " ON CONFLICT (movie_id, quality_profile, root_folder) DO NOTHING",
            [movie_id, quality_profile, root_folder],
        )
        row = self._conn.execute(
            f"SELECT {_VARIANT_COLUMNS} FROM variants v"
            " WHERE v.movie_id = ? AND v.quality_profile = ? AND v.root_folder = ?",
            [movie_id, quality_profile, root_folder],
        ).fetchone()
        assert row is not None
        return _variant(row)

    def variant(self, variant_id: int) -> Variant:
        row = self._conn.execute(f"SELECT {_VARIANT_COLUMNS} FROM variants v WHERE v.id = ?", [variant_id]).fetchone()
        if row is None:
            raise KeyError(f"no variant with id {variant_id}")
        return _variant(row)

    def statuses(self) -> list[MovieStatus]:
        """Every variant of every movie with its status: downloaded, downloading, wanted, unmonitored."""
        rows = self._conn.execute(
            f"""
            SELECT {_MOVIE_COLUMNS}, {_VARIANT_COLUMNS}, f.path, f.quality, {VARIANT_STATUS}
            FROM movies m
            JOIN variants v ON v.movie_id = m.id
            LEFT JOIN movie_files f ON f.variant_id = v.id
            {LATEST_DOWNLOAD}
            ORDER BY m.title, m.year, v.id
            """
        ).fetchall()
        result = []
        for row in rows:
            movie, variant = _movie(row[:_MOVIE_WIDTH]), _variant(row[_MOVIE_WIDTH:_MOVIE_WIDTH + 5])
            path, quality, status = row[_MOVIE_WIDTH + 5:]
            result.append(MovieStatus(movie, variant, status, path, quality))
        return result

    def monitored_variant_rows(self, after: int | None = None, limit: int | None = None) -> list[tuple]:
        """Monitored variants as raw rows in variant id order (read by :func:`monitored_variant` once the file is
        closed): those after variant ``after``, at most ``limit`` (a page of :func:`store.paging.read_pages`)."""
        return self._conn.execute(
            f"""
            SELECT {_VARIANT_COLUMNS}, {_MOVIE_COLUMNS}, f.quality, f.path, f.size, f.scene_name
            FROM variants v JOIN movies m ON m.id = v.movie_id
            LEFT JOIN movie_files f ON f.variant_id = v.id
            WHERE v.monitored AND v.id > ?
            ORDER BY v.id
            LIMIT ?
            """,
            [-1 if after is None else after, limit],
        ).fetchall()

    def replace_wanted(self, wanted: list[tuple[int, str]], at: datetime) -> None:
        """Record the wanted list computed now: (variant id, reason) pairs replace the previous list."""
        self._conn.execute("DELETE FROM wanted")
        if not wanted:
            return
        columns: dict[str, Sequence[object]] = {"variant_id": [w[0] for w in wanted], "reason": [w[1] for w in wanted]}
        with bulk_rows(self._conn, columns) as rows:
            self._conn.execute(
                f"INSERT INTO wanted (variant_id, reason, computed_at) SELECT variant_id::BIGINT, reason::VARCHAR, ?"
                f" FROM {rows.sql}",
                [at, *rows.params],
            )

    def replace_wanted_between(self, after: int | None, last: int | None, wanted: list[tuple[int, str]],
                               at: datetime) -> None:
        """Replace the wanted rows of the variants after ``after`` up to ``last`` (None: no bound) with ``wanted``
        (variant id, reason pairs in that range): one bounded unit of a wanted list written range by range. The
        rows still wanted are updated in place (DuckDB refuses a key deleted and inserted again in one
        transaction), the others deleted."""
        columns: dict[str, Sequence[object]] = {"variant_id": [w[0] for w in wanted], "reason": [w[1] for w in wanted]}
        with bulk_rows(self._conn, columns) as rows:
            self._conn.execute(
                "DELETE FROM wanted WHERE variant_id > ? AND variant_id <= coalesce(?, variant_id)"
                f" AND variant_id NOT IN (SELECT variant_id::BIGINT FROM {rows.sql})",
                [-1 if after is None else after, last, *rows.params])
            if wanted:
                self._conn.execute(
                    f"INSERT INTO wanted (variant_id, reason, computed_at) SELECT variant_id::BIGINT,"
                    f" reason::VARCHAR, ? FROM {rows.sql} ON CONFLICT (variant_id) DO UPDATE SET"
                    " reason = excluded.reason, computed_at = excluded.computed_at",
                    [at, *rows.params],
                )

    def variant_rows(self, after: int | None = None, limit: int | None = None) -> list[tuple]:
        """Every variant with its movie, as raw rows (the movie's columns, as :func:`movie_from_row` reads them, then
        the variant's id and root folder): for a caller to build the objects once the file is closed. In variant id
        order: those after variant ``after``, at most ``limit`` (a page of :func:`store.paging.read_pages`)."""
        return self._conn.execute(
            f"SELECT {_MOVIE_COLUMNS}, v.id, v.root_folder FROM movies m JOIN variants v ON v.movie_id = m.id"
            " WHERE v.id > ? ORDER BY v.id LIMIT ?", [-1 if after is None else after, limit]
        ).fetchall()

    def alternative_titles(self) -> list[tuple[int, str]]:
        """(movie id, title) of every alternative title in the library."""
        return [(row[0], row[1]) for row in self._conn.execute(
            "SELECT movie_id, title FROM movie_alternative_titles ORDER BY movie_id, title").fetchall()]

    def wanted(self) -> list[WantedVariant]:
        rows = self._conn.execute(
            f"""
            SELECT {_VARIANT_COLUMNS}, {_MOVIE_COLUMNS}, w.reason
            FROM wanted w
            JOIN variants v ON v.id = w.variant_id
            JOIN movies m ON m.id = v.movie_id
            ORDER BY v.id
            """
        ).fetchall()
        end = 5 + _MOVIE_WIDTH
        return [WantedVariant(_variant(r[:5]), _movie(r[5:end]), r[end]) for r in rows]

