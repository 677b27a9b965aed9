"""Every endpoint that answers movies (GET movie, ?tmdbId=, movie/{id}, moviefile, wanted/missing, wanted/cutoff,
calendar, movie/lookup) gives exactly the resources the per-movie builder gave before DuckDB laid them out in bulk:
tests/api/data/movie_resources.json was written by that builder (commit 0b92e38) over the library below, which has
files (in and outside the root folder, an unknown quality, a second revision), tags, alternative titles, a version
in the 4K base, missing fields, empty texts, nulls, non-ASCII titles and characters JSON escapes. The answers are
compared as JSON values, field by field, through the real ASGI app in-process."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from radarr_pipeline.api.app import RadarrApi, build_app
from radarr_pipeline.config import load_config
from radarr_pipeline.services import api_library
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.candidates import MovieDetailsRepository
from radarr_pipeline.store.library import recorded_holds
from tests.api.conftest import KEY
from tests.cli.conftest import CONFIG

EXPECTED = Path(__file__).parent / "data" / "movie_resources.json"
ADDED = datetime(2024, 5, 17, 8, 30, 15, tzinfo=UTC)
HOME = "{home}"  # the test's folder in the expected answers

MOVIES: list[dict[str, Any]] = [
    {"title": "The Matrix", "year": 1999, "tmdb_id": 603, "imdb_id": "tt0133093", "runtime_minutes": 136},
    {"title": "Amélie", "year": 2001, "tmdb_id": 194, "original_title": "Le Fabuleux Destin d'Amélie Poulain",
     "minimum_availability": "in_cinemas"},
    {"title": "Someday Movie", "year": 2099},
    {"title": "Say \"Hi\" \\ Back\ttab", "year": 2010, "tmdb_id": 5001, "original_title": "", "runtime_minutes": 0,
     "minimum_availability": "announced"},
    {"title": "Only In UHD", "year": 2015, "tmdb_id": 5002},
    {"title": "ΟΔΟΣ WALL·E 卧虎藏龙 Æon İstanbul ½", "year": 2008, "tmdb_id": 5003},
    {"title": "Festival Film", "year": 2098, "tmdb_id": 5004},
    {"title": "Empty Poster", "year": 1980, "tmdb_id": 5005, "imdb_id": "tt0080001"},
]
# (movie index, column, value) set as the metadata refresh sets them
METADATA = [
    (0, "in_cinemas", "1999-03-30"), (0, "digital_release", "1999-09-21"), (0, "physical_release", "1999-09-21"),
    (0, "certification", "R"), (0, "genres", ["Action", "Science Fiction"]), (0, "tmdb_status", "Released"),
    (0, "poster_path", "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"), (0, "collection", "The Matrix Collection"),
    (0, "collection_tmdb_id", 2344), (0, "secondary_year", 1998),
    (1, "in_cinemas", "2097-04-25"), (1, "genres", []),
    (3, "collection", "Not A Collection"), (3, "collection_tmdb_id", 0), (3, "digital_release", "2011-02-01"),
    (5, "physical_release", "2009-01-01"), (5, "genres", ["Animation"]),
    (6, "in_cinemas", "2001-01-01"), (6, "tmdb_status", "In Production"),
    (7, "poster_path", ""), (7, "in_cinemas", "1980-06-01"),
]


@dataclass(frozen=True)
class Home:
    folder: Path
    app: RadarrApi
    movie_ids: list[int]

    def get_all(self, requests: list[tuple[str, dict[str, str]]]) -> list[Any]:
        """The answers (JSON, with the folder as {home}) of GET requests, sent to the app in-process."""
        async def send() -> list[httpx.Response]:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://127.0.0.1",
                                         headers={"X-Api-Key": KEY}) as client:
                return [await client.get(path, params=params) for path, params in requests]

        answers = asyncio.run(send())
        for answer in answers:
            assert answer.status_code == 200, answer.text
            assert answer.headers["content-type"].startswith("application/json")
        return [json.loads(a.text.replace(json.dumps(str(self.folder))[1:-1], HOME)) for a in answers]


def build_library(folder: Path) -> list[int]:
    """The library through the store's own calls; the movies' ids in MOVIES' order."""
    config = load_config(folder / "config.yaml")
    movies_root, uhd_root = (str(r) for r in config.root_folders)
    with LibraryStore(config.database).open() as library:
        added = library.movies.add_many(MOVIES)
        ids = [m.id for m in added]
        conn = library.conn
        for index, column, value in METADATA:
            conn.execute(f"UPDATE movies SET {column} = ? WHERE id = ?", [value, ids[index]])
        conn.execute("UPDATE movies SET added_at = ?", [ADDED])
        pairs = [(ids[0], "HD", movies_root), (ids[0], "UHD", uhd_root), (ids[1], "HD", movies_root),
                 (ids[2], "HD", movies_root), (ids[3], "HD", movies_root), (ids[4], "UHD", uhd_root),
                 (ids[5], "HD", movies_root), (ids[6], "HD", movies_root), (ids[7], "HD", movies_root),
                 (ids[7], "HD", uhd_root)]
        variants = library.movies.add_variants_many(pairs)
        conn.execute("UPDATE variants SET monitored = false WHERE id IN (?, ?)", [variants[5].id, variants[8].id])
        files = [
            dict(variant_id=variants[0].id, path=f"{movies_root}/The Matrix (1999)/The.Matrix.1999.1080p.mkv",
                 size=8_000_000_000, quality="Bluray-1080p", release_group="GRP", edition="",
                 scene_name="The.Matrix.1999.1080p.BluRay.x264-GRP"),
            dict(variant_id=variants[1].id, path=f"{uhd_root}/The Matrix (1999)/The.Matrix.1999.2160p.mkv",
                 size=40_000_000_000, quality="Bluray-2160p", release_group=None),
            dict(variant_id=variants[4].id, path="/elsewhere/Say Hi (2010)/say.hi.mkv", size=700_000_000,
                 quality="Weird Quality", revision=2, release_group="", edition="Director's Cut"),
            dict(variant_id=variants[6].id, path=f"{movies_root}/Odos (2008)/odos.mkv", size=1234,
                 quality="Bluray-720p", release_group="ÆGRP"),
        ]
        for file in files:
            library.files.record(import_mode="move", at=ADDED, **file)
        library.movies.replace_wanted([(variants[0].id, "cutoff unmet"), (variants[6].id, "cutoff unmet"),
                                       (variants[3].id, "missing")], ADDED)
        tags = [conn.execute("INSERT INTO tags (label) VALUES (?) RETURNING id", [label]).fetchall()[0][0]
                for label in ("1 - admin", "lists")]
        conn.execute("INSERT INTO movie_tags VALUES (?, ?), (?, ?), (?, ?)",
                     [ids[0], tags[1], ids[0], tags[0], ids[5], tags[1]])
        MovieDetailsRepository(conn).add_alternative_titles(ids[0], ["Matrix", "Матрица"])
    return ids


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    monkeypatch.delenv("RADARR_PIPELINE_DB", raising=False)
    for root in ("library/movies", "library/uhd"):
        (tmp_path / root).mkdir(parents=True)
    (tmp_path / "config.yaml").write_text(CONFIG + """\
api:
  api_key_env: TEST_RADARR_API_KEY
  instances:
    - url_base: /4k
      quality_profile: UHD
      root_folder: library/uhd
""", encoding="utf-8")
    ids = build_library(tmp_path)
    return Home(tmp_path, build_app(load_config(tmp_path / "config.yaml"), KEY), ids)


def answers(home: Home) -> dict[str, Any]:
    """What every movie endpoint answers over the library, by request."""
    first, second, *_, last = home.movie_ids
    requests: list[tuple[str, dict[str, str]]] = [
        ("/api/v3/movie", {}), ("/4k/api/v3/movie", {}), ("/api/v3/movie", {"tmdbId": "603"}),
        ("/4k/api/v3/movie", {"tmdbid": "603"}), ("/api/v3/movie", {"tmdbId": "5002"}),
        (f"/api/v3/movie/{first}", {}), (f"/4k/api/v3/movie/{first}", {}), (f"/api/v3/movie/{last}", {}),
        (f"/api/v3/movie/{second}", {}), ("/api/v3/moviefile", {"movieId": str(first)}),
        ("/4k/api/v3/moviefile", {"movieId": str(first)}), ("/api/v3/moviefile", {"movieId": str(second)}),
        ("/api/v3/wanted/missing", {}), ("/api/v3/wanted/missing", {"monitored": "false"}),
        ("/api/v3/wanted/missing", {"page": "2", "pageSize": "2"}), ("/4k/api/v3/wanted/missing", {}),
        ("/api/v3/wanted/cutoff", {}), ("/api/v3/wanted/cutoff", {"monitored": "false"}),
        ("/4k/api/v3/wanted/cutoff", {}),
        ("/api/v3/calendar", {"start": "1999-01-01", "end": "2011-12-31"}),
        ("/api/v3/calendar", {"start": "1999-01-01", "end": "2011-12-31", "unmonitored": "true"}),
        ("/api/v3/calendar", {"start": "2097-04-25", "end": "2097-04-25"}),
        ("/api/v3/calendar", {"start": "1980-01-01", "end": "1980-12-31"}),
        ("/api/v3/calendar", {"start": "1980-01-01", "end": "1980-12-31", "unmonitored": "true"}),
        ("/4k/api/v3/calendar", {"start": "1900-01-01", "end": "2100-01-01", "unmonitored": "true"}),
    ]
    names = [f"{path}?{'&'.join(f'{k}={v}' for k, v in params.items())}" for path, params in requests]
    return dict(zip(names, home.get_all(requests), strict=True))


def test_every_movie_endpoint_answers_as_the_per_movie_builder_did(home: Home) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = answers(home)
    assert list(got) == list(expected)
    for request, answer in got.items():
        assert answer == expected[request], request


def test_the_movie_lists_laid_out_a_few_movies_a_unit_answer_as_in_one_unit(home: Home,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with recorded_holds() as one_unit:
        expected = answers(home)
    monkeypatch.setattr(api_library, "RESOURCE_UNIT", 2)
    with recorded_holds() as units:
        got = answers(home)
    assert got == expected
    assert len(got["/api/v3/movie?"]) == 7
    assert len(units) >= len(one_unit) + 3  # GET movie: its facts, then four units of two movies, not one
