"""One request as a handler sees it, and the helpers that read its query and body."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from radarr_pipeline.api.errors import ApiError, failure
from radarr_pipeline.api.instances import Instance
from radarr_pipeline.config import AppConfig


@dataclass
class Call:
    """One request as a handler sees it: its instance, path arguments, query (names lower-cased) and body."""

    config: AppConfig
    instance: Instance
    method: str
    args: list[str]
    query: dict[str, str]
    raw_body: bytes

    def body(self) -> Any:
        if not self.raw_body.strip():
            raise ApiError(400, "The request has no body", "send the resource as JSON")
        try:
            return json.loads(self.raw_body)
        except (ValueError, RecursionError) as exc:
            raise ApiError(400, "The request body is not valid JSON", str(exc)[:200]) from None

    def body_object(self) -> dict[str, Any]:
        data = self.body()
        if not isinstance(data, dict):
            raise failure("", "the body must be a JSON object", None)
        return {str(k).lower(): v for k, v in data.items()}

    def int_query(self, name: str, default: int | None = None) -> int | None:
        value = self.query.get(name.lower())
        if value is None or value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise failure(name, f"'{name}' must be a whole number", value) from None

    def bool_query(self, name: str, default: bool = False) -> bool:
        value = self.query.get(name.lower())
        if value is None or value == "":
            return default
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
        raise failure(name, f"'{name}' must be true or false", value)
