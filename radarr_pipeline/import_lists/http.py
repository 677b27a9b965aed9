"""One bounded GET for a list: a wall-clock limit, a byte limit, the status and the content checked."""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import urlsplit

import httpx

from radarr_pipeline.import_lists.model import ImportListError
from radarr_pipeline.values.secrets import redact


def address_of(url: str) -> str:
    """Host and path of a URL: what a message may show (no query, no credentials)."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    return f"{host}:{parts.port}{parts.path}" if parts.port else f"{host}{parts.path}"


def get_bytes(url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str] | None = None,
              params: Mapping[str, str | int] | None = None, secret: str | None = None) -> bytes:
    """The body of a 200 answer, or an ImportListError naming the address and what went wrong."""
    where = address_of(url)
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5) as client, \
                client.stream("GET", url, headers=dict(headers or {}), params=dict(params or {})) as response:
            if response.status_code != 200:
                hint = {401: " (unauthorised: check the key)", 403: " (forbidden: check the key)",
                        404: " (not found: check the list's id or address)",
                        429: " (rate limited)"}.get(response.status_code, "")
                raise ImportListError(f"{where} answered HTTP {response.status_code}{hint}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ImportListError(f"{where} sent {int(declared)} bytes, more than the limit of {max_bytes}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise ImportListError(f"{where} sent more than the limit of {max_bytes} bytes")
    except httpx.TimeoutException:
        raise ImportListError(f"{where} did not answer within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise ImportListError(redact(f"{where}: {type(exc).__name__}: {exc}", [secret])) from None
    return bytes(body)


def decode_json(body: bytes, where: str) -> object:
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise ImportListError(f"{where} answered with an HTML page, not a list (blocked, or a login page?)")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportListError(f"{where} did not send valid JSON: {exc}") from None
    except RecursionError:
        raise ImportListError(f"{where} sent JSON nested too deeply") from None


def get_json(url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str] | None = None,
             params: Mapping[str, str | int] | None = None, secret: str | None = None) -> object:
    body = get_bytes(url, timeout=timeout, max_bytes=max_bytes, headers=headers, params=params, secret=secret)
    return decode_json(body, address_of(url))
