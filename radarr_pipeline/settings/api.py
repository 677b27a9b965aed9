"""`api:` the Radarr-compatible HTTP API (``radarr-pipeline serve``): where it listens, its key, and the second
URL bases (a "4K server" for Overseerr and Jellyseerr) that each map to another (quality profile, root folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from radarr_pipeline.settings.base import Strict


def url_base(value: str) -> str:
    """Radarr's URL base: empty, or a path such as ``/radarr`` (a leading slash, none at the end)."""
    value = value.strip().strip("/")
    if not value:
        return ""
    if any(not part or part in (".", "..") or not all(c.isalnum() or c in "-_." for c in part)
           for part in value.split("/")):
        raise ValueError(f"a URL base is a path of letters, digits, '-', '_' and '.' such as /radarr, got {value!r}")
    return "/" + value.lower()


UrlBase = Annotated[str, AfterValidator(url_base)]


class ApiInstance(Strict):
    """Another URL base that behaves as a Radarr of its own over the same library: movies sent there are added
    with this profile in this root folder, and it sees only what is in that root folder."""

    url_base: UrlBase
    quality_profile: str
    root_folder: Path


class ApiSettings(Strict):
    bind_address: str = "127.0.0.1"
    port: int = Field(default=7878, ge=1, le=65535)
    url_base: UrlBase = ""
    api_key_env: str | None = None  # else a key generated on first start, kept in key_file (mode 0600)
    key_file: Path = Path("api_key")  # relative to the configuration file's folder
    database_wait_seconds: float = Field(default=3.0, gt=0, le=60)  # then 503 with Retry-After
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    dagster_url: str = "http://127.0.0.1:3000"  # commands are Dagster runs submitted through its GraphQL API
    dagster_location: str = "radarr"
    dagster_timeout_seconds: float = Field(default=10.0, gt=0)
    instances: list[ApiInstance] = Field(default_factory=list)

    @model_validator(mode="after")
    def _bases_are_distinct(self) -> ApiSettings:
        bases = [self.url_base, *(i.url_base for i in self.instances)]
        if len(set(bases)) != len(bases):
            raise ValueError(f"every API URL base must differ, got {bases}")
        if any(not i.url_base for i in self.instances):
            raise ValueError("a second API instance needs a URL base of its own, such as /4k")
        return self
