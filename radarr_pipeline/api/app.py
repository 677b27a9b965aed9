"""The ASGI application: Radarr's conventions around every handler (URL base, case-insensitive paths and query
names, the key, JSON answers in Radarr's error shapes, a bounded body, and one unit of work at a time with a
bounded wait: 503 with Retry-After when the library is busy)."""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from radarr_pipeline.api.actions import ACTION_ROUTES
from radarr_pipeline.api.auth import api_key, key_matches
from radarr_pipeline.api.call import Call
from radarr_pipeline.api.errors import ApiError, ValidationFailure, failure
from radarr_pipeline.api.feed import FEED_PATH, calendar_feed
from radarr_pipeline.api.instances import Instance, instance_for, instances
from radarr_pipeline.api.json_body import encode
from radarr_pipeline.api.routes import ROUTES, Handler, Route
from radarr_pipeline.config import AppConfig, load_config
from radarr_pipeline.services.api_library import RequestFieldError, UnknownRecordError
from radarr_pipeline.store import StoreBusyError, StoreError
from radarr_pipeline.store.library import LOCK_TIMEOUT_ENV

log = logging.getLogger("radarr_pipeline.api")
RETRY_AFTER_SECONDS = 5


def _match(pattern: str, path: str) -> list[str] | None:
    want, have = pattern.strip("/").split("/"), path.strip("/").split("/")
    if len(want) != len(have):
        return None
    args = []
    for w, h in zip(want, have, strict=True):
        if w == "{}":
            args.append(h)
        elif w != h:
            return None
    return args


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(encode(body), status_code=status, media_type="application/json", headers=headers)


class RadarrApi:
    """The ASGI app. ``routes`` are matched on the lower-cased path below ``/api/v3`` of an instance."""

    def __init__(self, config: AppConfig, key: str, routes: list[Route]) -> None:
        self.config = config
        self.key = key
        self.routes = routes
        self.instances = instances(config)
        self.unit_lock = threading.Lock()  # one unit of work at a time in this process (DuckDB: one writer)
        self.wait = config.api.database_wait_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            message = await receive()
            while message["type"] != "lifespan.shutdown":
                await send({"type": f"{message['type']}.complete"})
                message = await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        try:
            response = await self._answer(request)
        except ApiError as exc:
            response = _json(exc.status, exc.body(), exc.headers)
        except ValidationFailure as exc:
            response = _json(400, exc.failures)
        log.info("%s %s -> %s", request.method, request.url.path, response.status_code)  # never the query (key)
        await response(scope, receive, send)

    def _authorised(self, request: Request) -> bool:
        header = request.headers.get("x-api-key")
        bearer = request.headers.get("authorization", "")
        query = next((v for k, v in request.query_params.multi_items() if k.lower() == "apikey"), None)
        given = [header, bearer[7:].strip() if bearer.lower().startswith("bearer ") else None, query]
        return any(key_matches(g, self.key) for g in given if g)

    async def _body(self, request: Request) -> bytes:
        limit = self.config.api.max_body_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise ApiError(413, "The request body is too large", f"at most {limit} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "The request body is too large", f"at most {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _answer(self, request: Request) -> Response:
        path = request.url.path.lower().rstrip("/") or "/"
        found = instance_for(path, self.instances)
        if found is None or not (found[1] == "/api" or found[1].startswith("/api/") or found[1] == FEED_PATH):
            raise ApiError(404, "NotFound", f"no resource at {request.url.path}")
        instance, below = found
        if below == FEED_PATH:
            return await self._feed(request, instance)
        if not self._authorised(request):
            raise ApiError(401, "Unauthorized", "give the API key as X-Api-Key, ?apikey= or Authorization: Bearer")
        if below == "/api":
            return _json(200, {"current": "v3", "deprecated": []})
        if not below.startswith("/api/v3/"):
            raise ApiError(404, "NotFound", f"no resource at {request.url.path}")
        resource = below[len("/api/v3/"):]
        method = request.method.upper()
        allowed = False
        for route_method, pattern, handler in self.routes:
            args = _match(pattern, resource)
            if args is None:
                continue
            allowed = True
            if route_method != method:
                continue
            call = Call(self.config, instance, method, args, {k.lower(): v for k, v in request.query_params.items()},
                        await self._body(request) if method in ("POST", "PUT", "DELETE") else b"")
            status, body = await run_in_threadpool(self._unit, handler, call)
            return _json(status, body)
        if allowed:
            raise ApiError(405, "MethodNotAllowed", f"{method} is not allowed on {request.url.path}")
        raise ApiError(404, "NotFound", f"no resource at {request.url.path}")

    async def _feed(self, request: Request, instance: Instance) -> Response:
        """Radarr's iCal feed (/feed/v3/calendar/Radarr.ics?pastDays&futureDays&unmonitored&apikey)."""
        if not self._authorised(request):
            raise ApiError(401, "Unauthorized", "give the API key as ?apikey=")
        if request.method.upper() != "GET":
            raise ApiError(405, "MethodNotAllowed", f"{request.method} is not allowed on {request.url.path}")
        call = Call(self.config, instance, "GET", [], {k.lower(): v for k, v in request.query_params.items()}, b"")
        status, body = await run_in_threadpool(self._unit, calendar_feed, call)
        return Response(body, status_code=status, media_type="text/calendar; charset=utf-8")

    def _unit(self, handler: Handler, call: Call) -> tuple[int, Any]:
        """Run one handler as the process's only unit of work, waiting at most ``database_wait_seconds``."""
        if not self.unit_lock.acquire(timeout=self.wait):
            raise _busy("another request holds the library")
        try:
            result = handler(call)
        except StoreBusyError as exc:
            raise _busy(str(exc)) from None
        except UnknownRecordError as exc:
            raise ApiError(404, "NotFound", str(exc)) from None
        except RequestFieldError as exc:
            raise failure(exc.field, str(exc), exc.attempted) from None
        except StoreError as exc:
            log.error("library error: %s", exc)
            raise ApiError(500, "The library database could not be used", str(exc)) from None
        finally:
            self.unit_lock.release()
        return result if isinstance(result, tuple) else (200, result)


def _busy(reason: str) -> ApiError:
    return ApiError(503, "The library is busy: try again shortly", reason,
                    headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def build_app(config: AppConfig, key: str) -> RadarrApi:
    return RadarrApi(config, key, [*ACTION_ROUTES, *ROUTES])


def app_from_environment() -> RadarrApi:
    """uvicorn's factory for ``radarr-pipeline serve``: the configuration named by $RADARR_PIPELINE_CONFIG."""
    config = load_config()
    os.environ.setdefault(LOCK_TIMEOUT_ENV, str(config.api.database_wait_seconds))
    key, source = api_key(config.api)
    log.info("API key from %s", source)
    return build_app(config, key)
