"""Several indexers, profiles and upgrades through Dagster with a real qBittorrent: exactly Radarr's grabs.

Releases carry fake magnets (they are never downloaded); everything runs on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import dagster as dg
import pytest
import yaml

from dagster_project.defs.acquisition import grabs, rss_releases, scored_candidates, searched_releases, wanted_movies
from dagster_project.resources import RadarrResource
from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.blocklist import BlocklistEntry
from radarr_sandbox.torznab import TorznabItem, TorznabServer

from .conftest import QBT_PASSWORD_ENV, TORZNAB_KEY_ENV, PipelineHome, write_pipeline_config

pytestmark = pytest.mark.integration

ACQUISITION = [wanted_movies, rss_releases, searched_releases, scored_candidates, grabs]
DAY_AGO = datetime.now(UTC) - timedelta(days=1)
GB = 1 << 30
API_KEY = "scenario-key"
FORMATS = {
    "x265": {"implementation": "ReleaseTitleSpecification", "fields": {"value": r"\b(x265|HEVC)\b"}},
    "Good Group": {"implementation": "ReleaseGroupSpecification", "fields": {"value": r"^(CtrlHD|FraMeSToR)$"}},
}
PROFILES = [
    {"name": "HD-1080p", "allowed": ["Bluray-720p", {"name": "WEB 1080p", "qualities": ["WEBDL-1080p", "WEBRip-1080p"]},
                                     "Bluray-1080p"],
     "cutoff": "Bluray-1080p", "format_scores": {"x265": -100, "Good Group": 50}},
    {"name": "UHD", "allowed": [{"name": "WEB 2160p", "qualities": ["WEBDL-2160p", "WEBRip-2160p"]}, "Bluray-2160p"],
     "cutoff": "Bluray-2160p"},
    {"name": "Locked", "allowed": ["Bluray-720p", "Bluray-1080p"], "cutoff": "Bluray-1080p", "upgrade_allowed": False},
]


def item(title: str, serial: int, *, seeders: int = 20, size: float = 8, freeleech: bool = False,
         imdb: str | None = None, published: datetime = DAY_AGO) -> TorznabItem:
    infohash = f"{serial:040x}"
    return TorznabItem(title=title, guid=f"guid-{serial}", infohash=infohash, magnet=f"magnet:?xt=urn:btih:{infohash}",
                       size=int(size * GB), seeders=seeders, peers=seeders + 2, imdb_id=imdb, pub_date=published,
                       download_volume_factor=0.0 if freeleech else 1.0)


# indexer -> its releases. Comments: what Radarr decides, and why.
FEEDS: dict[str, list[TorznabItem]] = {
    "Alpha": [
        item("Heat.1995.1080p.BluRay.x264-CtrlHD", 1, imdb="tt0113277"),         # HD: Bluray + Good Group: grab
        item("Heat.1995.2160p.WEB-DL.DDP5.1.HDR.H.265-FLUX", 2, imdb="tt0113277"),  # UHD: loses to Bluray-2160p
        item("The.Matrix.1999.720p.BluRay.x264.PROPER-GRP", 3),                    # upgrade by revision, loses
        item("The.Matrix.1999.1080p.BluRay.x264.sample-DON", 4, size=0.03),        # a sample
        item("Rocky.2.1979.1080p.BluRay.x264-GRP", 5),                             # numeral variant; loses REPACK
        item("Dune.2021.1080p.WEB-DL.DDP5.1.H.264-NTb", 6),                        # not available yet
        item("Alien.1979.1080p.BluRay.x264-CtrlHD", 7),                            # blocklisted
        item("Jaws.1975.1080p.WEB-DL.DDP5.1.H.264-NTb", 8, published=datetime.now(UTC)),  # delay: pending
        item("Vertigo.1958.1080p.BluRay.x264-GRP", 9),                             # Locked with a file: not wanted
    ],
    "Beta": [
        item("Heat.1995.1080p.BluRay.x264-OTHER", 11, seeders=500),                # lower format score
        item("Heat.1995.1080p.BluRay.x265-CtrlHD", 12),                            # score -50 < minimum 0
        item("Heat.1995.2160p.UHD.BluRay.x264-OTHER", 13, size=40),                # UHD: grab
        item("The.Matrix.1999.1080p.WEB-DL.DDP5.1.H.264-NTb", 14),                 # Matrix: grab
        item("Rocky.II.1979.1080p.BluRay.x264.REPACK-GRP2", 15),                   # Rocky II: grab (revision)
        item("Alien.1979.1080p.WEB-DL.DDP5.1.H.264-NTb", 16),                      # Alien: grab
        item("The.Matrix.Reloaded.2003.1080p.BluRay.x264-GRP", 17),                # another movie: no candidate
    ],
    "Gamma": [
        item("The.Matrix.1999.1080p.BluRay.x264-AMIABLE", 21, seeders=2, freeleech=True),  # below 5 seeders
        item("Alien.1979.1080p.BluRay.x264-DON", 22, seeders=50),                  # not freeleech: flag required
    ],
}
EXPECTED = {
    ("Heat", "HD-1080p"): "Heat.1995.1080p.BluRay.x264-CtrlHD",
    ("Heat", "UHD"): "Heat.1995.2160p.UHD.BluRay.x264-OTHER",
    ("The Matrix", "HD-1080p"): "The.Matrix.1999.1080p.WEB-DL.DDP5.1.H.264-NTb",
    ("Rocky II", "Locked"): "Rocky.II.1979.1080p.BluRay.x264.REPACK-GRP2",
    ("Alien", "HD-1080p"): "Alien.1979.1080p.WEB-DL.DDP5.1.H.264-NTb",
}


@pytest.fixture
def indexers():
    servers = {name: TorznabServer(apikey=API_KEY, title=name).start() for name in FEEDS}
    try:
        for name, items in FEEDS.items():
            for entry in items:
                servers[name].add_item(entry)
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def indexer_config(name: str, server: TorznabServer, **settings: object) -> dict[str, object]:
    return {"name": name, "url": server.api_url, "api_key_env": TORZNAB_KEY_ENV, "minimum_interval_seconds": 0,
            **settings}


@pytest.fixture
def home(tmp_path: Path, indexers: dict[str, TorznabServer], qbittorrent, monkeypatch) -> PipelineHome:
    formats = tmp_path / "formats"
    formats.mkdir()
    for name, spec in FORMATS.items():
        (formats / f"{name.replace(' ', '-')}.json").write_text(json.dumps(
            {"name": name, "specifications": [{"name": name, "negate": False, "required": False, **spec}]}))
    folder = tmp_path / "home"
    folder.mkdir()
    config_path = write_pipeline_config(
        folder, indexers["Alpha"], qbittorrent,
        quality_profiles=PROFILES,
        indexers=[
            indexer_config("Alpha", indexers["Alpha"], priority=10),
            indexer_config("Beta", indexers["Beta"], priority=25),
            indexer_config("Gamma", indexers["Gamma"], priority=25, minimum_seeders=5),
        ],
        # The 40 GB UHD release must not turn on how full this machine's disk is.
        decisions={"custom_formats_dir": str(formats), "delay": {"minutes": 120}, "skip_free_space_check": True,
                   "required_indexer_flags": {"Gamma": ["G_Freeleech"]}},
    )
    monkeypatch.setenv(QBT_PASSWORD_ENV, qbittorrent.password)
    monkeypatch.setenv(TORZNAB_KEY_ENV, API_KEY)
    monkeypatch.setenv("RADARR_PIPELINE_CONFIG", str(config_path))
    return PipelineHome(config_path, folder / "library", folder / "library.duckdb", dict(os.environ))


def add(home: PipelineHome, title: str, year: int, *args: str) -> None:
    result = home.cli("movies", "add", "--title", title, "--year", str(year), *args)
    assert result.returncode == 0, result.stderr


def metadata(result: dg.ExecuteInProcessResult, asset: str, key: str) -> object:
    return result.asset_materializations_for_node(asset)[0].metadata[key].value


def grabbed(database: Path) -> dict[tuple[str, str], str]:
    with LibraryStore(database).open(read_only=True) as library:
        rows = library.conn.execute(
            "SELECT m.title, v.quality_profile, d.title FROM downloads d JOIN variants v ON v.id = d.variant_id"
            " JOIN movies m ON m.id = v.movie_id").fetchall()
    return {(r[0], r[1]): r[2] for r in rows}


def test_several_indexers_profiles_and_upgrades_grab_what_radarr_would(home: PipelineHome, qbittorrent) -> None:
    add(home, "Heat", 1995, "--imdb-id", "tt0113277")
    add(home, "Heat", 1995, "--imdb-id", "tt0113277", "--profile", "UHD")
    add(home, "The Matrix", 1999)
    add(home, "Rocky II", 1979, "--profile", "Locked")
    add(home, "Dune", 2021, "--physical-release", (date.today() + timedelta(days=30)).isoformat(),
        "--digital-release", (date.today() + timedelta(days=20)).isoformat())
    add(home, "Alien", 1979)
    add(home, "Jaws", 1975)
    add(home, "Vertigo", 1958, "--profile", "Locked")
    with LibraryStore(home.database).open() as library:
        ids = {s.movie.title: (s.movie.id, s.variant.id) for s in library.movies.statuses()}
        for title, quality in (("The Matrix", "Bluray-720p"), ("Vertigo", "Bluray-720p")):
            library.files.record(variant_id=ids[title][1], path=f"/library/{title}.mkv", size=4 * GB, quality=quality,
                                 import_mode="hardlink", at=DAY_AGO)
        library.blocklist.add(BlocklistEntry(movie_id=ids["Alien"][0], reason="fake", blocklisted_at=DAY_AGO,
                                             source_title="Alien.1979.1080p.BluRay.x264-CtrlHD", infohash=f"{7:040x}"))
    resource = RadarrResource(config_path=str(home.config_path))

    first = dg.materialize(ACQUISITION, resources={"radarr": resource})
    assert first.success
    assert grabbed(home.database) == EXPECTED
    assert metadata(first, "grabs", "pending") == 1
    assert {t.hash for t in qbittorrent.client().torrents_info(category="radarr")} == {
        f"{serial:040x}" for serial in (1, 13, 14, 15, 16)}

    summary = str(metadata(first, "scored_candidates", "summary"))
    for reason in ("Not enough seeders: 2 (minimum 5 on Gamma)",
                   "Gamma requires the indexer flag(s) G_Freeleech",
                   "Custom format score -50 (Good Group, x265) is below profile HD-1080p's minimum 0",
                   "Release is blocklisted", "Movie is not available yet: minimum availability is Released",
                   "Sample", "lower custom format score", "Delay profile: waiting",
                   "Quality WEBDL-2160p is not wanted in profile HD-1080p"):
        assert reason in summary, f"{reason}\n{summary}"
    with LibraryStore(home.database).open(read_only=True) as library:
        rocky = {row["title"]: row for row in library.candidates.for_variant(ids["Rocky II"][1])}
        matrix = {row["title"]: row for row in library.candidates.for_variant(ids["The Matrix"][1])}
        vertigo = library.candidates.for_variant(ids["Vertigo"][1])
        events = library.history.for_movie(ids["Heat"][0])
    assert rocky["Rocky.2.1979.1080p.BluRay.x264-GRP"]["rank"] == 2, "Rocky.2 matches Rocky II, loses on revision"
    assert matrix["The.Matrix.1999.720p.BluRay.x264.PROPER-GRP"]["status"] == "approved"
    assert "The.Matrix.Reloaded.2003.1080p.BluRay.x264-GRP" not in matrix
    assert vertigo == [], "a Locked profile with a file is not wanted"
    assert [e.event for e in events] == ["grabbed", "grabbed"]

    # Again: nothing twice. Then the delay is lifted: the pending release is reconsidered and grabbed.
    again = dg.materialize(ACQUISITION, resources={"radarr": resource})
    assert again.success and metadata(again, "grabs", "grabbed") == 0
    config = yaml.safe_load(home.config_path.read_text())
    config["decisions"]["delay"]["minutes"] = 0
    home.config_path.write_text(yaml.safe_dump(config))
    lifted = dg.materialize(ACQUISITION, resources={"radarr": resource})
    assert lifted.success and metadata(lifted, "grabs", "grabbed") == 1
    assert grabbed(home.database) == {**EXPECTED, ("Jaws", "HD-1080p"): "Jaws.1975.1080p.WEB-DL.DDP5.1.H.264-NTb"}
