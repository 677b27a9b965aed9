"""`remote_path_mappings:` Radarr's remote path mappings, for a download client in a container or on another
host: on ``host`` (the client's URL host), a path under ``remote_path`` is ``local_path`` here."""

from pydantic import field_validator, model_validator

from radarr_pipeline.settings.base import Strict
from radarr_pipeline.values.os_paths import OsPath, PathMapping


class RemotePathMappingConfig(Strict):
    host: str
    remote_path: str
    local_path: str

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the host must not be empty (the download client's URL host, e.g. 192.168.1.10)")
        return value.strip()

    @model_validator(mode="after")
    def _paths(self) -> "RemotePathMappingConfig":
        # Radarr's RemotePathMappingService.ValidateMapping
        if self.remote_path.startswith(" "):
            raise ValueError("remote_path must not start with a space")
        if not self.remote_path.strip():
            raise ValueError("remote_path must not be empty")
        local = OsPath.of(self.local_path)
        if not local.is_rooted or not local.fragments():
            raise ValueError(f"local_path must be an absolute path below the root, got {self.local_path!r}")
        return self

    def mapping(self) -> PathMapping:
        return PathMapping(self.host, self.remote_path, self.local_path)
