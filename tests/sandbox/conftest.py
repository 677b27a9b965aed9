"""The sandbox's own fixtures come from the reusable plugin module (see its docstring for the list).

A non-root conftest may not declare ``pytest_plugins``, so the fixtures are imported here; if the top-level
``tests/conftest.py`` also loads ``radarr_sandbox.pytest_fixtures`` as a plugin, these are the same objects.
"""

from radarr_sandbox.pytest_fixtures import (  # noqa: F401
    make_movie,
    media_cache,
    qbittorrent,
    qbittorrent_pair,
    seed_release,
    torznab_server,
)
