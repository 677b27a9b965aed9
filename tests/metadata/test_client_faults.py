"""The TMDB client against a real local server: 401, 404, 429 with Retry-After, timeouts, malformed and huge
answers. Each is a clear error (its own class), and the key never appears in a message or log line."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from radarr_pipeline.metadata import (
    MetadataAuthError,
    MetadataNetworkError,
    MetadataNotFoundError,
    MetadataRateLimitedError,
    MetadataResponseError,
    TmdbAuth,
    TmdbClient,
)
from radarr_pipeline.metadata.mapping import movie_metadata
from radarr_pipeline.metadata.pacing import CATCH_UP_SECONDS
from radarr_pipeline.settings.metadata import MetadataSettings
from radarr_pipeline.values.retry_after import retry_after_seconds
from radarr_sandbox.tmdb import Raw, TmdbServer

_OPEN: list[TmdbClient] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def client(server: TmdbServer, key: str | None = None, **settings: object) -> TmdbClient:
    options: dict[str, object] = {"base_url": server.url, "requests_per_second": 500, "timeout_seconds": 1.0,
                                  "max_retry_after_seconds": 2.0, **settings}
    _OPEN.append(TmdbClient(MetadataSettings.model_validate(options), TmdbAuth("api_key", key or server.api_key)))
    return _OPEN[-1]


def test_a_refused_key_is_an_auth_error_without_the_key(tmdb_server: TmdbServer,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    secret = "wrong-key-that-must-not-leak"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(MetadataAuthError, match=r"HTTP 401.*Invalid API key") as caught:
        client(tmdb_server, secret).movie(603)
    assert secret not in str(caught.value)
    assert secret not in caplog.text
    assert tmdb_server.requests[-1].query["api_key"] == secret  # it was sent, as TMDB takes it


def test_a_read_access_token_goes_in_the_authorization_header(tmdb_server: TmdbServer) -> None:
    settings = MetadataSettings(base_url=tmdb_server.url)
    with TmdbClient(settings, TmdbAuth("bearer", tmdb_server.bearer_token)) as tmdb:
        assert tmdb.movie(45745)["title"] == "Sintel"
    assert "api_key" not in tmdb_server.requests[-1].query
    assert repr(TmdbAuth("bearer", "secret-token")) == "TmdbAuth(bearer, (redacted))"


def test_an_unknown_movie_is_not_found(tmdb_server: TmdbServer) -> None:
    with pytest.raises(MetadataNotFoundError, match=r"HTTP 404.*could not be found"):
        client(tmdb_server).movie(999_999_999)


def test_429_is_waited_out_for_its_retry_after_then_answered(tmdb_server: TmdbServer) -> None:
    tmdb_server.rate_limit(2, retry_after="1")
    started = time.monotonic()
    assert client(tmdb_server).movie(10378)["title"] == "Big Buck Bunny"
    assert time.monotonic() - started >= 1.9  # two waits of one second
    assert len(tmdb_server.requests) == 3


def test_a_retry_after_longer_than_allowed_gives_up_at_once(tmdb_server: TmdbServer) -> None:
    tmdb_server.rate_limit(1, retry_after="3600")
    started = time.monotonic()
    with pytest.raises(MetadataRateLimitedError, match="retry after 3600 s") as caught:
        client(tmdb_server).movie(10378)
    assert caught.value.retry_after == 3600
    assert time.monotonic() - started < 1


def test_429_on_every_attempt_stops_after_the_configured_retries(tmdb_server: TmdbServer) -> None:
    tmdb_server.rate_limit(10, retry_after="0")
    with pytest.raises(MetadataRateLimitedError, match="gave up after 3 attempt"):
        client(tmdb_server, max_retries=2).movie(10378)
    assert len(tmdb_server.requests) == 3


def test_retry_after_as_an_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT") == 0.0  # in the past: now
    assert retry_after_seconds("soon") is None and retry_after_seconds("٣") is None


def test_no_answer_in_time_is_a_network_error(tmdb_server: TmdbServer) -> None:
    tmdb_server.respond_raw("/3/movie/603", Raw(200, b"{}", delay=1.5))
    with pytest.raises(MetadataNetworkError, match=r"no answer within 0\.5 s"):
        client(tmdb_server, timeout_seconds=0.5, max_retries=1).movie(603)


@pytest.mark.parametrize(("body", "said"), [
    (b"{\"id\": 603, \"title\": ", "not JSON"),
    (b"\xff\xfe not text", "not JSON"),
    (b"[1, 2, 3]", "expected a JSON object, got list"),
    (b"<html><body>Bad gateway</body></html>", "not JSON"),
])
def test_malformed_answers_are_response_errors(tmdb_server: TmdbServer, body: bytes, said: str) -> None:
    tmdb_server.respond_raw("/3/movie/603", Raw(200, body))
    with pytest.raises(MetadataResponseError, match=said):
        client(tmdb_server).movie(603)


def test_a_json_object_that_is_not_a_movie_is_refused_by_the_mapping() -> None:
    with pytest.raises(MetadataResponseError, match="not a movie"):
        movie_metadata({"id": "603", "title": ["x"]}, "US")
    with pytest.raises(MetadataResponseError, match="no release date"):
        movie_metadata({"id": 1, "title": "Untitled", "release_date": ""}, "US")
    odd = movie_metadata({"id": 1, "title": "T", "release_date": "2001-02-03", "release_dates": [],
                          "alternative_titles": "x", "translations": {"translations": [1, None]}, "genres": {}}, "US")
    assert (odd.year, odd.alternative_titles, odd.translations, odd.genres) == (2001, (), (), ())


def test_a_huge_declared_body_is_not_read(tmdb_server: TmdbServer) -> None:
    tmdb_server.respond_raw("/3/movie/603", Raw(200, b"{" + b" " * (2 * 1024 * 1024) + b"}"))
    with pytest.raises(MetadataResponseError, match="larger than the 1,048,576-byte limit; not read"):
        client(tmdb_server, max_response_mb=1).movie(603)


def test_a_huge_streamed_body_stops_at_the_limit(tmdb_server: TmdbServer) -> None:
    chunks = (b"x" * 65536 for _ in range(64))  # 4 MiB without a Content-Length
    tmdb_server.respond_raw("/3/movie/603", Raw(200, chunks, length=False))
    with pytest.raises(MetadataResponseError, match="reading stopped"):
        client(tmdb_server, max_response_mb=1).movie(603)


def test_other_http_errors_name_their_status(tmdb_server: TmdbServer) -> None:
    body = b'{"status_code": 9, "status_message": "Service \\u001b[31moffline"}'
    tmdb_server.respond_raw("/3/movie/603", Raw(503, body))
    with pytest.raises(MetadataResponseError, match=r"HTTP 503.*Service \?\[31moffline"):
        client(tmdb_server).movie(603)


def test_a_refused_connection_is_a_network_error() -> None:
    settings = MetadataSettings(base_url="http://127.0.0.1:9/3", timeout_seconds=1)
    with pytest.raises(MetadataNetworkError, match="connection failed"), \
            TmdbClient(settings, TmdbAuth("api_key", "k" * 32)) as tmdb:
        tmdb.movie(603)


def test_requests_are_paced_at_the_configured_rate(tmdb_server: TmdbServer) -> None:
    tmdb = client(tmdb_server, requests_per_second=20)
    for _ in range(11):
        tmdb.movie(45745)
    times = [r.at for r in tmdb_server.requests]
    # unpaced, eleven local requests take a few ms; paced, 0.5 s less what a slow answer lets the pace catch up
    assert times[-1] - times[0] >= 10 / 20 - CATCH_UP_SECONDS - 0.05
