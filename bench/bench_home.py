"""What the benchmarks share: the smallest configuration a home needs (one root folder, one HD profile, a
qBittorrent that is never reached), which each benchmark extends with the sections it times."""

from __future__ import annotations

MINIMAL_CONFIG = """\
database: library.duckdb
root_folders: [library/movies]
quality_profiles:
  - name: HD
    allowed: [Bluray-720p, Bluray-1080p]
    cutoff: Bluray-1080p
default_quality_profile: HD
download_client:
  kind: qbittorrent
  url: http://127.0.0.1:9
  username: admin
"""
