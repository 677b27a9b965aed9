"""`POST movie` with a search while Dagster is down: the movie is added (201), the search cannot start as a run,
so the movie is marked to be searched first by the next scheduled search run, and nothing is half-done."""

from __future__ import annotations

import pytest
from pyarr import RadarrAPI

from radarr_pipeline.store import LibraryStore
from radarr_pipeline.store.collections import SearchRequestRepository
from tests.api.conftest import ApiServer

pytestmark = pytest.mark.integration


def test_a_request_without_dagster_is_searched_first_by_the_next_search_run(api_server: ApiServer) -> None:
    radarr = RadarrAPI(api_server.url, api_server.key)  # the server's dagster_url: a port nobody listens on
    [found] = radarr.lookup_movie("tmdb:603")
    added = radarr.add_movie(found, root_dir=str(api_server.folder / "library/movies"), quality_profile_id=1,
                             search_for_movie=True)

    assert radarr.get_movie(added["id"])["tmdbId"] == 603
    with LibraryStore(api_server.database).open(read_only=True) as library:
        assert set(SearchRequestRepository(library.conn).requested()) == {added["id"]}
        assert library.conn.execute("SELECT count(*) FROM api_commands").fetchone() == (0,)
    log = (api_server.folder / "serve.log").read_text(encoding="utf-8")
    assert "its search was not started (the next search run takes it first)" in log  # on the server's stderr
    assert api_server.key not in log
