"""Movie files, their extra files (subtitles, .nfo) and the recycle bin's contents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb

from radarr_pipeline.models import MovieFile
from radarr_pipeline.store.bulk import bulk_rows, bulk_select

_COLUMNS = "id, variant_id, path, size, quality, import_mode, release_group, edition, scene_name, download_id, revision"


# A file a library scan found, as a row: (path, size, quality, release group, edition, revision, MediaInfo JSON,
# runtime seconds).
ScannedFileRow = tuple[str, int, str, str | None, str | None, int, str | None, float | None]


@dataclass
class ScannedFiles:
    """Files a library scan found, as columns of one length (one row per file)."""

    variant_ids: list[int] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    qualities: list[str] = field(default_factory=list)
    release_groups: list[str | None] = field(default_factory=list)
    editions: list[str | None] = field(default_factory=list)
    revisions: list[int] = field(default_factory=list)
    media_infos: list[str | None] = field(default_factory=list)
    runtimes: list[float | None] = field(default_factory=list)

    @classmethod
    def from_rows(cls, variant_ids: list[int], rows: Sequence[ScannedFileRow]) -> ScannedFiles:
        """The columns of ``rows``, each row's variant id given beside them."""
        if len(variant_ids) != len(rows):
            raise ValueError(f"{len(variant_ids)} variant ids for {len(rows)} files")
        if not rows:
            return cls()
        columns = (list(column) for column in zip(*rows, strict=True))
        return cls(list(variant_ids), *columns)


def _last_of_each(variant_ids: list[int], paths: list[str]) -> list[int] | None:
    """The positions of the rows :meth:`MovieFileRepository.record_many` would keep (one per variant and per path,
    the last given winning, in the order kept), or None when every row is kept (no variant or path twice)."""
    if len(set(variant_ids)) == len(variant_ids) and len(set(paths)) == len(paths):
        return None
    by_variant: dict[int, int] = {}
    variant_at: dict[str, int] = {}
    for position, (variant_id, path) in enumerate(zip(variant_ids, paths, strict=True)):
        holder = variant_at.get(path)
        if holder is not None and holder != variant_id:
            del by_variant[holder]
        previous = by_variant.pop(variant_id, None)
        if previous is not None:
            variant_at.pop(paths[previous], None)
        by_variant[variant_id] = position
        variant_at[path] = variant_id
    return list(by_variant.values())


class MovieFileRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def for_variant(self, variant_id: int) -> MovieFile | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM movie_files WHERE variant_id = ?", [variant_id]).fetchone()
        return MovieFile(*row) if row else None

    def for_download(self, download_id: str) -> MovieFile | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM movie_files WHERE download_id = ? ORDER BY id DESC LIMIT 1", [download_id]
        ).fetchone()
        return MovieFile(*row) if row else None

    def record(
        self,
        *,
        variant_id: int,
        path: str,
        size: int,
        quality: str,
        import_mode: str,
        at: datetime,
        release_group: str | None = None,
        edition: str | None = None,
        scene_name: str | None = None,
        download_id: str | None = None,
        revision: int = 1,
        media_info: str | None = None,
        runtime_seconds: float | None = None,
        source_path: str | None = None,
    ) -> MovieFile:
        """Record the variant's file, replacing the row of a file it upgrades."""
        self._conn.execute("DELETE FROM movie_files WHERE variant_id = ? OR path = ?", [variant_id, path])
        row = self._conn.execute(
            "INSERT INTO movie_files (variant_id, path, size, quality, import_mode, release_group, edition,"
            " scene_name, download_id, added_at, revision, media_info, runtime_seconds, source_path)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [variant_id, path, size, quality, import_mode, release_group, edition, scene_name, download_id, at,
             revision, media_info, runtime_seconds, source_path],
        ).fetchone()
        assert row is not None
        return MovieFile(row[0], variant_id, path, size, quality, import_mode, release_group, edition, scene_name,
                         download_id, revision)

    def for_variants(self, variant_ids: list[int]) -> dict[int, MovieFile]:
        """The file of each of these variants that has one, by variant id (one query)."""
        if not variant_ids:
            return {}
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM movie_files WHERE variant_id IN (SELECT unnest(?))", [list(set(variant_ids))]
        ).fetchall()
        return {row[1]: MovieFile(*row) for row in rows}

    def for_downloads(self, download_ids: list[str]) -> dict[str, MovieFile]:
        """The latest file recorded for each of these downloads, by download id (as :meth:`for_download`)."""
        if not download_ids:
            return {}
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM movie_files WHERE download_id IN (SELECT unnest(?)) ORDER BY id",
            [list(set(download_ids))],
        ).fetchall()
        return {row[9]: MovieFile(*row) for row in rows}  # ordered by id: the latest wins

    def record_many(self, files: list[dict[str, Any]], at: datetime) -> None:
        """Record many files at once, each as :meth:`record` does (keys are its arguments, ``at`` aside): a row of
        the same variant or path is replaced."""
        if not files:
            return
        keep = _last_of_each([f["variant_id"] for f in files], [f["path"] for f in files])
        rows = files if keep is None else [files[i] for i in keep]
        self._delete_replaced([f["variant_id"] for f in rows], [f["path"] for f in rows])
        columns = ("variant_id", "path", "size", "quality", "import_mode", "release_group", "edition", "scene_name",
                   "download_id", "revision", "media_info", "runtime_seconds", "source_path")
        types = ("BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
                 "INTEGER", "VARCHAR", "DOUBLE", "VARCHAR")
        defaults = {"revision": 1}
        with bulk_select(self._conn, [(c, [f.get(c, defaults.get(c)) for f in rows], t)
                                      for c, t in zip(columns, types, strict=True)]) as selected:
            self._conn.execute(
                f"INSERT INTO movie_files ({', '.join(columns)}, added_at) SELECT {', '.join(selected.items)}, ?"
                f" FROM {selected.rows.sql}",
                [*selected.constants, at, *selected.rows.params],
            )

    def _delete_replaced(self, variant_ids: Sequence[object], paths: Sequence[object]) -> None:
        """Delete the rows that files about to be recorded replace: of the same variant or at the same path. The
        keys go as one relation (a frame when they are many: a scan's 20,000 took 33 ms as list parameters, under
        4 ms as a frame)."""
        with bulk_rows(self._conn, {"variant_id": variant_ids, "path": paths}) as keys:
            self._conn.execute(
                f"DELETE FROM movie_files WHERE variant_id IN (SELECT variant_id FROM {keys.sql})"
                f" OR path IN (SELECT path FROM {keys.sql})",
                [*keys.params, *keys.params],
            )

    def record_existing(self, files: ScannedFiles, at: datetime) -> None:
        """Record the files a library scan found (import mode 'existing'), given as columns, as :meth:`record_many`
        records them: a row of the same variant or path is replaced, the last given winning."""
        if not files.paths:
            return
        keep = _last_of_each(files.variant_ids, files.paths)
        columns: list[tuple[str, Sequence[object], str]] = [
                   ("variant_id", files.variant_ids, "BIGINT"), ("path", files.paths, "VARCHAR"),
                   ("size", files.sizes, "BIGINT"), ("quality", files.qualities, "VARCHAR"),
                   ("release_group", files.release_groups, "VARCHAR"), ("edition", files.editions, "VARCHAR"),
                   ("revision", files.revisions, "INTEGER"), ("media_info", files.media_infos, "VARCHAR"),
                   ("runtime_seconds", files.runtimes, "DOUBLE")]
        if keep is not None:
            columns = [(name, [values[i] for i in keep], sql_type) for name, values, sql_type in columns]
        self._delete_replaced(columns[0][1], columns[1][1])
        with bulk_select(self._conn, columns) as selected:
            self._conn.execute(
                f"INSERT INTO movie_files ({', '.join(name for name, _v, _t in columns)}, import_mode, added_at)"
                f" SELECT {', '.join(selected.items)}, 'existing', ? FROM {selected.rows.sql}",
                [*selected.constants, at, *selected.rows.params],
            )

    def lacking_media_info(self, limit: int) -> list[tuple[int, str, str, int, str]]:
        """Up to ``limit`` files without MediaInfo yet: (id, path, quality, revision, import_mode), oldest first."""
        return [(row[0], row[1], row[2], row[3], row[4]) for row in self._conn.execute(
            "SELECT id, path, quality, revision, import_mode FROM movie_files WHERE media_info IS NULL"
            " ORDER BY id LIMIT ?",
            [limit],
        ).fetchall()]

    def count_lacking_media_info(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM movie_files WHERE media_info IS NULL").fetchone()
        return int(row[0]) if row else 0

    def set_media_info_many(self, rows: list[tuple[int, str, float | None, str, int]]) -> None:
        """(file id, MediaInfo JSON, runtime seconds, quality, revision) rows, in one statement."""
        if not rows:
            return
        self._conn.execute(
            "UPDATE movie_files SET media_info = u.media_info, runtime_seconds = u.runtime_seconds,"
            " quality = u.quality, revision = u.revision"
            " FROM (SELECT unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS media_info,"
            " unnest(?::DOUBLE[]) AS runtime_seconds, unnest(?::VARCHAR[]) AS quality,"
            " unnest(?::INTEGER[]) AS revision) u WHERE movie_files.id = u.id",
            [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows],
             [r[4] for r in rows]],
        )

    def all(self) -> list[MovieFile]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM movie_files ORDER BY id").fetchall()
        return [MovieFile(*row) for row in rows]

    def count_under(self, folder: str) -> int:
        """How many recorded movie files are below ``folder``."""
        row = self._conn.execute("SELECT count(*) FROM movie_files WHERE starts_with(path, ?)",
                                 [folder.rstrip("/") + "/"]).fetchone()
        return int(row[0]) if row else 0

    def paths(self) -> set[str]:
        return {row[0] for row in self._conn.execute("SELECT path FROM movie_files").fetchall()}

    def recorded_variant_ids(self) -> set[int]:
        return {row[0] for row in self._conn.execute("SELECT variant_id FROM movie_files").fetchall()}


@dataclass(frozen=True)
class ExtraFile:
    id: int
    variant_id: int
    path: str
    kind: str
    language: str | None


class ExtraFileRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def record(self, variant_id: int, path: str, kind: str, language: str | None, at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO extra_files (variant_id, path, kind, language, added_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (path) DO UPDATE SET variant_id = excluded.variant_id, kind = excluded.kind,"
            " language = excluded.language, added_at = excluded.added_at",
            [variant_id, path, kind, language, at],
        )

    def for_variant(self, variant_id: int) -> list[ExtraFile]:
        rows = self._conn.execute(
            "SELECT id, variant_id, path, kind, language FROM extra_files WHERE variant_id = ? ORDER BY id",
            [variant_id],
        ).fetchall()
        return [ExtraFile(*row) for row in rows]

    def record_many(self, rows: list[tuple[int, str, str, str | None]], at: datetime) -> None:
        """(variant_id, path, kind, language) rows, each as :meth:`record` (a known path is updated)."""
        if not rows:
            return
        latest = {row[1]: row for row in rows}
        rows = list(latest.values())
        self._conn.execute(
            "INSERT INTO extra_files (variant_id, path, kind, language, added_at)"
            " SELECT unnest(?::BIGINT[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?"
            " ON CONFLICT (path) DO UPDATE SET variant_id = excluded.variant_id, kind = excluded.kind,"
            " language = excluded.language, added_at = excluded.added_at",
            [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows], at],
        )

    def for_variants(self, variant_ids: list[int]) -> dict[int, list[ExtraFile]]:
        """The extra files of each of these variants, by variant id (variants without any are left out)."""
        if not variant_ids:
            return {}
        rows = self._conn.execute(
            "SELECT id, variant_id, path, kind, language FROM extra_files WHERE variant_id IN (SELECT unnest(?))"
            " ORDER BY id",
            [list(set(variant_ids))],
        ).fetchall()
        result: dict[int, list[ExtraFile]] = {}
        for row in rows:
            result.setdefault(row[1], []).append(ExtraFile(*row))
        return result

    def forget_many(self, paths: list[str]) -> None:
        if paths:
            self._conn.execute("DELETE FROM extra_files WHERE path IN (SELECT unnest(?))", [paths])


@dataclass(frozen=True)
class RecycledFile:
    id: int
    original_path: str
    recycled_path: str
    recycled_at: datetime


class RecycleBinRepository:
    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def add(self, original_path: str, recycled_path: str, variant_id: int | None, at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO recycle_bin (original_path, recycled_path, variant_id, recycled_at) VALUES (?, ?, ?, ?)",
            [original_path, recycled_path, variant_id, at],
        )

    def add_many(self, rows: list[tuple[str, str, int | None]], at: datetime) -> None:
        """(original_path, recycled_path, variant_id) rows in one statement."""
        if rows:
            self._conn.execute(
                "INSERT INTO recycle_bin (original_path, recycled_path, variant_id, recycled_at)"
                " SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::BIGINT[]), ?",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], at],
            )

    def older_than(self, cutoff: datetime) -> list[RecycledFile]:
        rows = self._conn.execute(
            "SELECT id, original_path, recycled_path, recycled_at FROM recycle_bin WHERE recycled_at < ? ORDER BY id",
            [cutoff],
        ).fetchall()
        return [RecycledFile(*row) for row in rows]

    def all(self) -> list[RecycledFile]:
        rows = self._conn.execute(
            "SELECT id, original_path, recycled_path, recycled_at FROM recycle_bin ORDER BY id"
        ).fetchall()
        return [RecycledFile(*row) for row in rows]

    def remove(self, entry_id: int) -> None:
        self._conn.execute("DELETE FROM recycle_bin WHERE id = ?", [entry_id])


class LibraryFolderRepository:
    """Folders a library scan has seen: (path, mtime) lets a rescan skip what did not change."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def all(self) -> dict[str, tuple[int, str]]:
        return {row[0]: (row[1], row[2]) for row in self.page()}

    def page(self, after: str | None = None, limit: int | None = None) -> list[tuple[str, int, str]]:
        """(path, mtime_ns, status) of the folders in path order: those after ``after``, at most ``limit`` (a page
        of :func:`store.paging.read_pages`)."""
        return [(row[0], row[1], row[2]) for row in self._conn.execute(
            "SELECT path, mtime_ns, status FROM library_folders WHERE path > ? ORDER BY path LIMIT ?",
            [after or "", limit]).fetchall()]

    def save_many(self, rows: list[tuple[str, int, int | None, str]], at: datetime) -> None:
        """(path, mtime_ns, movie_id, status) rows, inserted or updated in one statement."""
        if not rows:
            return
        with bulk_select(self._conn, [("path", [r[0] for r in rows], "VARCHAR"),
                                      ("mtime_ns", [r[1] for r in rows], "BIGINT"),
                                      ("movie_id", [r[2] for r in rows], "BIGINT"),
                                      ("status", [r[3] for r in rows], "VARCHAR")]) as selected:
            self._conn.execute(
                "INSERT INTO library_folders (path, mtime_ns, movie_id, status, scanned_at)"
                f" SELECT {', '.join(selected.items)}, ? FROM {selected.rows.sql}"
                " ON CONFLICT (path) DO UPDATE SET mtime_ns = excluded.mtime_ns, movie_id = excluded.movie_id,"
                " status = excluded.status, scanned_at = excluded.scanned_at",
                [*selected.constants, at, *selected.rows.params],
            )
