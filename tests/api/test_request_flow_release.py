"""Interactive search (`GET release?movieId=`) asks the indexers at that moment, as Radarr does: against a running
`serve` and the local Torznab server, the movie is searched (by its IMDb id, no other movie), and every release
found comes back judged, with its quality, custom formats, score and every rejection; a release the indexer
lists afterwards appears on the next search; the chosen one is grabbed with `POST release`."""

from __future__ import annotations

import pytest
from pyarr import RadarrAPI

from radarr_sandbox.torznab import TorznabItem, TorznabServer
from tests.api.conftest import ApiServer

pytestmark = pytest.mark.integration

GOOD = "The.Matrix.1999.1080p.BluRay.x264-GOOD"
X265 = "The.Matrix.1999.720p.BluRay.x265-OTHER"
UHD = "The.Matrix.1999.2160p.BluRay.x264-UHD"
LATER = "The.Matrix.1999.720p.BluRay.x264-LATER"


def _item(title: str, digit: str, **extra: object) -> TorznabItem:
    infohash = digit * 40
    return TorznabItem(title=title, guid=f"guid-{digit}", infohash=infohash, size=8 * 1024**3, seeders=20, peers=25,
                       magnet=f"magnet:?xt=urn:btih:{infohash}&dn={title}", imdb_id="tt0133093", tmdb_id=603,
                       **extra)  # type: ignore[arg-type]


def _searched(indexer: TorznabServer) -> list[str | None]:
    """The movies searched by id (IMDb digits), in order."""
    return [r.param("imdbid") for r in indexer.requests if r.param("t") == "movie" and r.param("imdbid")]


def test_interactive_search_asks_the_indexer_now(action_server: ApiServer, torznab_server: TorznabServer) -> None:
    radarr = RadarrAPI(action_server.url, action_server.key)
    [matrix] = radarr.lookup_movie("tmdb:603")
    movie = radarr.add_movie(matrix, root_dir=str(action_server.folder / "library/movies"), quality_profile_id=1,
                             search_for_movie=False)
    [bunny] = radarr.lookup_movie("tmdb:10378")  # another wanted movie: an interactive search does not ask for it
    radarr.add_movie(bunny, root_dir=str(action_server.folder / "library/movies"), quality_profile_id=1,
                     search_for_movie=False)
    for title, digit in ((GOOD, "1"), (X265, "2"), (UHD, "3")):
        torznab_server.add_item(_item(title, digit))
    torznab_server.add_item(TorznabItem(title="Big.Buck.Bunny.2008.1080p.BluRay.x264-GRP", imdb_id="tt1254207",
                                        magnet="magnet:?xt=urn:btih:" + "9" * 40, infohash="9" * 40))

    found = radarr.get_release(movie["id"])

    assert _searched(torznab_server) == ["0133093"]
    by_title = {r["title"]: r for r in found}
    assert set(by_title) == {GOOD, X265, UHD}
    good, x265, uhd = by_title[GOOD], by_title[X265], by_title[UHD]
    assert found[0] == good and good["approved"] is True and good["rejections"] == []
    assert good["quality"]["quality"]["name"] == "Bluray-1080p" and good["customFormats"] == []
    assert good["customFormatScore"] == 0 and good["indexer"] == "Sandbox" and good["seeders"] == 20
    assert good["infoHash"] == "1" * 40 and good["mappedMovieId"] == movie["id"]
    assert [f["name"] for f in x265["customFormats"]] == ["x265"] and x265["customFormatScore"] == -50
    assert x265["quality"]["quality"]["name"] == "Bluray-720p"
    assert x265["rejected"] is True and any("-50" in r for r in x265["rejections"])
    assert uhd["rejected"] is True and uhd["quality"]["quality"]["name"] == "Bluray-2160p" and uhd["rejections"]

    torznab_server.add_item(_item(LATER, "4"))  # listed after the first search: the next one finds it at once
    again = radarr.get_release(movie["id"])
    assert _searched(torznab_server) == ["0133093", "0133093"]
    later = next(r for r in again if r["title"] == LATER)
    assert later["approved"] is True and later["quality"]["quality"]["name"] == "Bluray-720p"
    assert [r["title"] for r in again][:2] == [GOOD, LATER]  # 1080p ranks above 720p

    grabbed = radarr.post_release(good["guid"], good["indexerId"])
    assert grabbed["infoHash"] == "1" * 40
    assert [p.name for p in (action_server.folder / "watch").iterdir() if not p.name.startswith(".")] == [
        f"{GOOD}.magnet"]


def test_interactive_search_with_the_indexer_down_answers_what_it_has(action_server: ApiServer,
                                                                      torznab_server: TorznabServer) -> None:
    radarr = RadarrAPI(action_server.url, action_server.key)
    [matrix] = radarr.lookup_movie("tmdb:603")
    movie = radarr.add_movie(matrix, root_dir=str(action_server.folder / "library/movies"), quality_profile_id=1,
                             search_for_movie=False)
    torznab_server.add_item(_item(GOOD, "1"))
    assert [r["title"] for r in radarr.get_release(movie["id"])] == [GOOD]
    torznab_server.stop()

    answer = action_server.get("/api/v3/release", params={"movieId": movie["id"]})

    assert answer.status_code == 200, answer.text  # the failure is the indexer's (its back-off), not the request's
    [kept] = answer.json()
    assert kept["title"] == GOOD and kept["rejected"] is True
    assert any("Sandbox" in reason for reason in kept["rejections"])


def test_interactive_search_lists_the_releases_of_a_movie_that_is_not_wanted(action_server: ApiServer,
                                                                           torznab_server: TorznabServer) -> None:
    radarr = RadarrAPI(action_server.url, action_server.key)
    [matrix] = radarr.lookup_movie("tmdb:603")
    movie = radarr.add_movie(matrix, root_dir=str(action_server.folder / "library/movies"), quality_profile_id=1,
                             monitored=False, search_for_movie=False)
    torznab_server.add_item(_item(GOOD, "1"))

    [found] = radarr.get_release(movie["id"])  # Radarr lists them, each with the rule that refuses it

    assert found["title"] == GOOD and found["rejected"] is True and found["approved"] is False
    assert "Movie is not monitored" in found["rejections"]
    grabbed = radarr.post_release(found["guid"], found["indexerId"])  # the user's choice overrides, as in Radarr
    assert grabbed["infoHash"] == "1" * 40
