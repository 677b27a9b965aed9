"""What a user should never see: tracebacks. Each fault is one line on stderr and a non-zero exit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from radarr_pipeline.store import library as library_module
from radarr_pipeline.store.schema import available_migrations
from tests.cli.conftest import CliHome


def one_error_line(result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_a_config_file_that_is_not_utf8_is_one_line(cli_home: CliHome) -> None:
    cli_home.config_path.write_bytes(b"database: library\xff.duckdb\n")
    line = one_error_line(cli_home.run("movies", "list"), code=2)
    assert "not UTF-8" in line and "0xff" in line


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--tmdb-id", str(2**63), "not a TMDB id"),
    ("--tmdb-id", "0", "not a TMDB id"),
    ("--runtime", str(2**31), "runtime"),
    ("--year", "99999999999999999999", "not a movie's year"),
    ("--secondary-year", "12", "not a movie's year"),
    ("--imdb-id", "tt١٢٣٤٥٦٧", "not an IMDb id"),
])
def test_numbers_beyond_what_the_store_holds_are_refused_in_one_line(cli_home: CliHome, option: str, value: str,
                                                                    said: str) -> None:
    line = one_error_line(cli_home.run("movies", "add", "--title", "Heat", "--year", "1995", option, value))
    assert said in line
    assert not cli_home.database.exists(), "nothing was written"


def test_listing_without_a_library_says_so_and_creates_nothing(cli_home: CliHome) -> None:
    for command, said in ((("movies", "list"), "No movies yet"), (("queue",), "The queue is empty")):
        result = cli_home.run(*command)
        assert result.exit_code == 0 and said in result.stdout
    assert not cli_home.database.exists()


def recorded_versions(database: Path) -> list[int]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]


def test_a_first_migration_interrupted_means_no_movies_yet_and_is_not_finished_by_a_reader(cli_home: CliHome) -> None:
    # What a kill leaves after connect and before the first migration commits: the bookkeeping table, no rows.
    with duckdb.connect(str(cli_home.database)) as conn:
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                     " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    for command in (("movies", "list"), ("queue",)):
        assert cli_home.run(*command).exit_code == 0
    assert recorded_versions(cli_home.database) == []
    assert cli_home.run("movies", "add", "--title", "Heat", "--year", "1995").exit_code == 0
    assert "Heat" in cli_home.run("movies", "list").stdout


def test_a_half_migrated_library_is_one_line_and_left_as_it_is_by_readers(cli_home: CliHome) -> None:
    first = available_migrations()[0]
    with duckdb.connect(str(cli_home.database)) as conn:
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                     " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        conn.execute(first.sql)
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [first.version, first.name])
    for command in (("movies", "list"), ("queue",)):
        assert "older schema" in one_error_line(cli_home.run(*command))
    assert recorded_versions(cli_home.database) == [first.version]


def test_tables_without_their_migration_record_are_taken_up_by_the_next_writer(cli_home: CliHome) -> None:
    with duckdb.connect(str(cli_home.database)) as conn:
        conn.execute(available_migrations()[0].sql)  # the tables are there, the record of them is not
    assert cli_home.run("movies", "add", "--title", "Heat", "--year", "1995").exit_code == 0
    assert recorded_versions(cli_home.database) == [m.version for m in available_migrations()]


def test_a_migration_that_cannot_apply_is_one_line(cli_home: CliHome) -> None:
    with duckdb.connect(str(cli_home.database)) as conn:
        conn.execute("CREATE VIEW movies AS SELECT 1 AS id")  # something else holds the name a table needs
    line = one_error_line(cli_home.run("movies", "add", "--title", "Heat", "--year", "1995"))
    assert "cannot bring library database" in line and "ALTER VIEW" in line


def test_a_file_that_is_not_a_database_is_one_line(cli_home: CliHome) -> None:
    cli_home.database.write_bytes(b"this is not a duckdb file" * 1000)
    for command in (("movies", "list"), ("queue",), ("movies", "add", "--title", "Heat", "--year", "1995")):
        assert str(cli_home.database) in one_error_line(cli_home.run(*command))


class _DiskFullAtCommit:
    """A real connection whose COMMIT fails as it does when the disk is full."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self._conn = conn

    def execute(self, query: str, *args: object) -> duckdb.DuckDBPyConnection:
        if query.strip().upper() == "COMMIT":
            raise duckdb.IOException("Could not write file \"library.duckdb.wal\": No space left on device")
        return self._conn.execute(query, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


@contextmanager
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    connect = duckdb.connect
    with monkeypatch.context() as patch:
        patch.setattr(library_module.duckdb, "connect",
                      lambda *a, **k: _DiskFullAtCommit(connect(*a, **k)))  # type: ignore[arg-type]
        yield


def test_a_commit_on_a_full_disk_is_one_line_and_adds_nothing(cli_home: CliHome,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_home.run("movies", "add", "--title", "Heat", "--year", "1995").exit_code == 0
    with disk_full(monkeypatch):
        line = one_error_line(cli_home.run("movies", "add", "--title", "Alien", "--year", "1979"))
    assert "No space left on device" in line
    listed = cli_home.run("movies", "list").stdout
    assert "Heat" in listed and "Alien" not in listed


def test_queue_fail_with_odd_references_is_one_line(cli_home: CliHome) -> None:
    assert cli_home.run("movies", "add", "--title", "Heat", "--year", "1995").exit_code == 0
    for reference in ("0123456789abcdef", "²", "٣", "7"):
        assert "no tracked download matches" in one_error_line(cli_home.run("queue", "fail", reference))


def test_a_root_folder_that_does_not_exist_is_refused(cli_home: CliHome) -> None:
    """A network share that is not mounted: the movie is not added there (Radarr refuses it too)."""
    (cli_home.folder / "library" / "uhd").rmdir()
    result = cli_home.run("movies", "add", "--title", "Sintel", "--year", "2010", "--root-folder",
                          str(cli_home.folder / "library" / "uhd"))
    assert result.exit_code != 0
    assert "does not exist" in result.output and "Traceback" not in result.output
    assert not (cli_home.folder / "library" / "uhd").exists()
