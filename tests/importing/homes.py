"""A library on disk (DuckDB + root folder) and tracked completed downloads made of real files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from radarr_pipeline.config import AppConfig, parse_config
from radarr_pipeline.models import DownloadState, TrackedDownload
from radarr_pipeline.services.importing.engine import ImportReport, import_completed
from radarr_pipeline.store import LibraryStore

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def config_data(root: Path, **importing: Any) -> dict[str, Any]:
    return {
        "database": "library.duckdb",
        "root_folders": [str(root)],
        "quality_profiles": [{
            "name": "HD-1080p",
            "allowed": ["Bluray-720p", {"name": "WEB 1080p", "qualities": ["WEBDL-1080p", "WEBRip-1080p"]},
                        "Bluray-1080p"],
            "cutoff": "Bluray-1080p",
        }],
        "download_client": {"kind": "qbittorrent", "url": "http://127.0.0.1:1"},
        "importing": {"recycle_bin": str(root.parent / "recycle"), **importing},
        "decisions": {"minimum_free_space_mb": 0},
    }


@dataclass
class Home:
    path: Path
    root: Path
    downloads: Path
    config: AppConfig

    @property
    def store(self) -> LibraryStore:
        return LibraryStore(self.config.database)

    def reconfigure(self, **importing: Any) -> None:
        self.config = parse_config(config_data(self.root, **importing), source="test", base_dir=self.path)

    def add_movie(self, title: str = "Big Buck Bunny", year: int = 2008, runtime: int | None = None) -> int:
        with self.store.open() as library:
            movie = library.movies.find(tmdb_id=hash((title, year)) % 10**6)
            if movie is None:
                movie = library.movies.add(title=title, year=year, tmdb_id=hash((title, year)) % 10**6,
                                           runtime_minutes=runtime)
            return library.movies.add_variant(movie.id, quality_profile="HD-1080p", root_folder=str(self.root)).id

    def completed(self, variant_id: int, title: str, content: Path, download_id: str | None = None) -> TrackedDownload:
        with self.store.open() as library:
            download = library.downloads.track(
                variant_id=variant_id, release_id=None, client="qBittorrent",
                download_id=download_id or f"{abs(hash(title)):040x}"[:40], title=title, quality="Bluray-1080p",
                size=None, at=NOW,
            )
            library.downloads.update(download.id, state=DownloadState.COMPLETED, at=NOW, content_path=str(content))
            return library.downloads.get(download.id)

    def run(self, now: datetime = NOW) -> ImportReport:
        with self.store.open() as library:
            return import_completed(library, self.config, now)


@pytest.fixture
def home(tmp_path: Path) -> Home:
    root = tmp_path / "library"
    downloads = tmp_path / "downloads"
    root.mkdir()
    downloads.mkdir()
    config = parse_config(config_data(root), source="test", base_dir=tmp_path)
    return Home(tmp_path, root, downloads, config)
