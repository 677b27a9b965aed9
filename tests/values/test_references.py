from __future__ import annotations

import pytest

from radarr_pipeline.values.ids import InvalidIdError
from radarr_pipeline.values.references import MovieReference, movie_reference


@pytest.mark.parametrize(("text", "reference"), [
    ("tmdb:603", MovieReference("tmdb", tmdb_id=603)),
    (" TMDB: 603 ", MovieReference("tmdb", tmdb_id=603)),
    ("imdb:tt0133093", MovieReference("imdb", imdb_id="tt0133093")),
    ("tt133093", MovieReference("imdb", imdb_id="tt0133093")),
    ("imdb:133093", MovieReference("imdb", imdb_id="tt0133093")),
    ("The Matrix", MovieReference("title", title="The Matrix")),
    ("tt", MovieReference("title", title="tt")),
    ("1917", MovieReference("title", title="1917")),
])
def test_references(text: str, reference: MovieReference) -> None:
    assert movie_reference(text) == reference


@pytest.mark.parametrize("text", ["tmdb:", "tmdb:abc", "tmdb:0", "tmdb:١٢", "imdb:", "imdb:tt", "imdb:x1"])
def test_malformed_ids_are_refused(text: str) -> None:
    with pytest.raises(InvalidIdError):
        movie_reference(text)
