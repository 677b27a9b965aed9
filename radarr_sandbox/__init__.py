"""Real local components for integration tests and the newcomer demo.

Everything here runs on 127.0.0.1 only:

* :class:`~radarr_sandbox.qbittorrent.QBittorrentProcess`: a headless ``qbittorrent-nox`` with its own profile.
* :class:`~radarr_sandbox.torznab.TorznabServer`: a Torznab indexer (caps, movie search, .torrent download).
* :func:`~radarr_sandbox.media.make_movie_file`: small real media made with ffmpeg (cached).
* :func:`~radarr_sandbox.torrents.make_torrent`: a .torrent made with torf.
* :func:`~radarr_sandbox.scenario.seed_movie_release` / :func:`~radarr_sandbox.scenario.connect_peers`:
  a seeded scene-style release, and peering a leecher with the seeder.

Pytest fixtures for other test folders live in :mod:`radarr_sandbox.pytest_fixtures`.
"""

from radarr_sandbox.ports import free_port

__all__ = ["free_port"]
