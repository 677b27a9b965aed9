"""The pipeline configuration that points at sandbox components (used by the demo and the integration tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

from radarr_sandbox.qbittorrent import QBittorrentProcess
from radarr_sandbox.tmdb import TmdbServer
from radarr_sandbox.torznab import TorznabServer

#: The sandbox's releases are a few seconds of generated video, while TMDB gives the films' real runtimes (10 to
#: 15 minutes for the Blender films): the size and sample rules would rightly turn them down. The sandbox says
#: so in its configuration (the rules stay as Radarr has them): no minimum size per minute for the profile's
#: qualities, and only a video under a second is a sample.
SANDBOX_QUALITIES = ("Bluray-720p", "WEBDL-1080p", "WEBRip-1080p", "Bluray-1080p")


def with_metadata(config: dict[str, object], tmdb: TmdbServer, api_key_env: str) -> dict[str, object]:
    """``config`` with the local TMDB-shaped server as its metadata source, and the sandbox's tiny media
    allowed (see SANDBOX_QUALITIES)."""
    decisions = dict(config.get("decisions") or {})  # type: ignore[call-overload]
    decisions["quality_definitions"] = {name: {"min": 0} for name in SANDBOX_QUALITIES}
    importing = dict(config.get("importing") or {})  # type: ignore[call-overload]
    importing.update(sample_runtime_seconds=1, sample_size_mb=0)
    return {**config, "metadata": {"base_url": tmdb.url, "api_key_env": api_key_env, "requests_per_second": 20},
            "decisions": decisions, "importing": importing}


def sandbox_pipeline_config(
    indexer: TorznabServer,
    client: QBittorrentProcess,
    *,
    indexer_name: str,
    api_key_env: str,
    password_env: str,
) -> dict[str, object]:
    """A library under the config's folder, one 1080p profile, the sandbox indexer and qBittorrent.

    Secrets stay out of the file: the config names the environment variables that hold them.
    """
    return {
        "database": "library.duckdb",
        "root_folders": ["library"],
        "quality_profiles": [{
            "name": "HD-1080p",
            "allowed": ["Bluray-720p", {"name": "WEB 1080p", "qualities": ["WEBDL-1080p", "WEBRip-1080p"]},
                        "Bluray-1080p"],
            "cutoff": "Bluray-1080p",
        }],
        "indexers": [{"name": indexer_name, "kind": "torznab", "url": indexer.api_url,
                      "api_key_env": api_key_env, "categories": [2000]}],
        # No run-on-finish hook unless the caller says where its Dagster listens (DemoSandbox does): the hook would
        # otherwise submit to the default 127.0.0.1:3000, whichever Dagster that is on a shared machine.
        "download_client": {"kind": "qbittorrent", "url": client.url, "username": client.username,
                            "password_env": password_env, "category": "radarr", "completion_hook": False},
        "importing": {"recycle_bin": "recycle"},
    }


def write_config(path: Path, config: dict[str, object]) -> Path:
    """The config file, and its root folders created as a user creates them before adding movies."""
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    for root in config.get("root_folders") or []:  # type: ignore[attr-defined]
        (path.parent / str(root)).mkdir(parents=True, exist_ok=True)
    return path
