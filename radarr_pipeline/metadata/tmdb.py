"""TMDB's API v3 over httpx: search, movie details, find by IMDb id, collections.

Every request is paced (``requests_per_second``), bounded in time and size, and checked: 401 and 404 become
their own errors, 429 is waited out as long as its Retry-After stays under the configured ceiling, a body that
is not a JSON object is reported as such. The key is sent as TMDB asks (``api_key`` query parameter, or a
read-access token as a Bearer header) and scrubbed from every message and log line.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlencode, urlsplit

import httpx

from radarr_pipeline.metadata.errors import (
    MetadataAuthError,
    MetadataError,
    MetadataNetworkError,
    MetadataNotFoundError,
    MetadataRateLimitedError,
    MetadataResponseError,
)
from radarr_pipeline.metadata.pacing import Pacer
from radarr_pipeline.settings.metadata import MetadataSettings
from radarr_pipeline.values.log_redaction import install_log_redaction
from radarr_pipeline.values.retry_after import retry_after_seconds
from radarr_pipeline.values.secrets import redact

log = logging.getLogger("radarr_pipeline.metadata")

#: What a movie's details carry besides the movie itself (one request instead of five).
DETAILS_APPENDS = "alternative_titles,translations,release_dates,external_ids"
_MESSAGE_LIMIT = 200  # characters of a server's own error message shown


@dataclass(frozen=True)
class TmdbAuth:
    """The secret and how TMDB takes it: ``api_key`` (query parameter) or ``bearer`` (read-access token)."""

    kind: Literal["api_key", "bearer"]
    value: str

    def __repr__(self) -> str:  # never the value
        return f"TmdbAuth({self.kind}, (redacted))"


install_log_redaction()  # api_key= in every request's URL: redact() takes secret URL parameters out


class TmdbClient:
    """One TMDB account's client. Close it (or use it as a context manager) to release its connections."""

    def __init__(
        self,
        settings: MetadataSettings,
        auth: TmdbAuth | None,
        *,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._auth = auth
        self._secrets = (auth.value,) if auth else ()
        self._http = http or httpx.Client(headers={"User-Agent": "radarr-pipeline"})
        self._owns_http = http is None
        self._sleep = sleep
        self.pacer = Pacer(settings.requests_per_second, sleep=sleep)
        self.requests = 0  # sent, retries included

    def __enter__(self) -> TmdbClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # -- the API ---------------------------------------------------------------------------------------------

    def search_movies(self, title: str, year: int | None = None) -> dict[str, Any]:
        """``GET /search/movie``: the first page of matches (``results``: id, title, original_title,
        release_date...)."""
        params: dict[str, str | int] = {"query": title, "include_adult": "false", "page": 1}
        if year is not None:
            params["year"] = year
        return self._get("/search/movie", params)

    def movie(self, tmdb_id: int) -> dict[str, Any]:
        """``GET /movie/{id}`` with alternative titles, translations, release dates and external ids."""
        return self._get(f"/movie/{int(tmdb_id)}", {"append_to_response": DETAILS_APPENDS})

    def find_by_imdb_id(self, imdb_id: str) -> dict[str, Any]:
        """``GET /find/{imdb_id}?external_source=imdb_id``: ``movie_results`` holds the movie, if TMDB knows it."""
        return self._get(f"/find/{quote(imdb_id, safe='')}", {"external_source": "imdb_id"})

    def collection(self, collection_id: int) -> dict[str, Any]:
        """``GET /collection/{id}``: its name and ``parts`` (the movies, search-result shaped)."""
        return self._get(f"/collection/{int(collection_id)}", {})

    # -- one request -----------------------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        return redact(text, self._secrets)

    def _get(self, path: str, params: Mapping[str, str | int]) -> dict[str, Any]:
        query: dict[str, str | int] = {**params, "language": self.settings.language}
        headers = {"Accept": "application/json"}
        if self._auth is not None and self._auth.kind == "api_key":
            query["api_key"] = self._auth.value
        elif self._auth is not None:
            headers["Authorization"] = f"Bearer {self._auth.value}"
        url = httpx.URL(f"{self.settings.base_url}{path}?{urlencode(query)}")  # one parse, not two
        where = self._where(url)
        attempts = self.settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            self.pacer.wait()
            self.requests += 1
            try:
                return self._once(url, headers, where)
            except _RetryLater as wait:
                if attempt == attempts or wait.seconds is None or wait.seconds > self.settings.max_retry_after_seconds:
                    after = f"; retry after {wait.seconds:g} s" if wait.seconds is not None else ""
                    raise MetadataRateLimitedError(
                        f"TMDB {where}: HTTP 429 Too Many Requests{after} (gave up after {attempt} attempt(s))",
                        wait.seconds,
                    ) from None
                log.info("TMDB %s: rate limited, waiting %.3g s", where, wait.seconds)
                self.pacer.pause(wait.seconds)
            except httpx.TimeoutException:
                if attempt == attempts:
                    raise MetadataNetworkError(
                        f"TMDB {where}: no answer within {self.settings.timeout_seconds:g} s "
                        f"({attempt} attempt(s))"
                    ) from None
            except (httpx.RequestError, httpx.StreamError) as exc:
                raise MetadataNetworkError(
                    f"TMDB {where}: connection failed: {self.scrub(type(exc).__name__ + ': ' + str(exc))}"
                ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _where(self, url: httpx.URL) -> str:
        parts = urlsplit(str(url))
        return self.scrub(f"{parts.hostname}{':' + str(parts.port) if parts.port else ''}{parts.path}")

    def _once(self, url: httpx.URL, headers: dict[str, str], where: str) -> dict[str, Any]:
        timeout = self.settings.timeout_seconds
        limit = int(self.settings.max_response_mb * 1024 * 1024)
        request = self._http.build_request("GET", url, headers=headers, timeout=httpx.Timeout(timeout))
        deadline = time.monotonic() + timeout * 2
        response = self._http.send(request, stream=True, follow_redirects=True)
        try:
            status = response.status_code
            if status == 429:
                raise _RetryLater(retry_after_seconds(response.headers.get("retry-after")))
            body = _read_bounded(response, limit, deadline, where)
        finally:
            response.close()
        if status >= 400:
            raise self._status_error(status, response.reason_phrase, body, where)
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MetadataResponseError(
                f"TMDB {where}: the answer is not JSON ({self.scrub(str(exc))[:_MESSAGE_LIMIT]})"
            ) from None
        if not isinstance(document, dict):
            raise MetadataResponseError(f"TMDB {where}: expected a JSON object, got {type(document).__name__}")
        return document

    def _status_error(self, status: int, reason: str, body: bytes, where: str) -> MetadataError:
        said = self.scrub(_status_message(body))
        said = f": {said}" if said else ""
        if status == 401:
            return MetadataAuthError(
                f"TMDB {where}: HTTP 401, the API key or read-access token was refused{said} (check the variable "
                "named in metadata.api_key_env or metadata.access_token_env)"
            )
        if status == 404:
            return MetadataNotFoundError(f"TMDB {where}: HTTP 404, not found{said}")
        return MetadataResponseError(f"TMDB {where}: HTTP {status} {self.scrub(reason)}{said}")


class _RetryLater(Exception):
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds


def _status_message(body: bytes) -> str:
    """TMDB's ``status_message`` from an error body, printable and short; empty when there is none."""
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ""
    message = document.get("status_message") if isinstance(document, dict) else None
    if not isinstance(message, str):
        return ""
    return "".join(c if c.isprintable() else "?" for c in message)[:_MESSAGE_LIMIT]


def _read_bounded(response: httpx.Response, limit: int, deadline: float, where: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise MetadataResponseError(
            f"TMDB {where}: an answer of {int(declared):,} bytes is larger than the {limit:,}-byte limit; not read"
        )
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise MetadataResponseError(
                f"TMDB {where}: the answer is larger than the {limit:,}-byte limit; reading stopped"
            )
        if time.monotonic() > deadline:
            raise MetadataNetworkError(f"TMDB {where}: the answer took too long to arrive")
        chunks.append(chunk)
    return b"".join(chunks)
