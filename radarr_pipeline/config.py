"""The user's configuration: one YAML file, validated with pydantic.

Relative paths in the file are relative to the file's own folder. Secrets never live in the file: a setting
ending in ``_env`` names the environment variable that holds the secret, read only when it is needed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import AfterValidator, Field, ValidationError, model_validator

from radarr_pipeline.naming.models import NamingConfig
from radarr_pipeline.quality.profiles import QualityProfile, build_quality_profile
from radarr_pipeline.settings.api import ApiSettings
from radarr_pipeline.settings.base import Strict
from radarr_pipeline.settings.calendar import CalendarSettings
from radarr_pipeline.settings.decisions import DecisionSettings
from radarr_pipeline.settings.downloads import BlackholeConfig, DownloadHandlingSettings
from radarr_pipeline.settings.import_lists import ImportListSettings
from radarr_pipeline.settings.importing import ImportSettings
from radarr_pipeline.settings.maintenance import BackupSettings, HealthSettings, LogSettings
from radarr_pipeline.settings.metadata import MetadataSettings
from radarr_pipeline.settings.notifications import NotificationSettings
from radarr_pipeline.settings.remote_paths import RemotePathMappingConfig
from radarr_pipeline.settings.validated_copy import (
    DATABASE_ENV,
    ConfigSummary,
    LogTarget,
    config_path,
    copy_key,
    read_models,
    write_copy,
)


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or wrong; the message names the key."""


def read_secret(env_name: str | None, setting: str) -> str | None:
    """The value of the environment variable a ``*_env`` setting names; None when no variable is named."""
    if not env_name:
        return None
    value = os.environ.get(env_name)
    if value is None:
        raise ConfigError(f"{setting}: the environment variable {env_name} is not set")
    return value


def http_url(value: str) -> str:
    """A service address: http:// or https://, without a trailing slash."""
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"expected an http:// or https:// URL, got {value!r}")
    return value.rstrip("/")


HttpUrl = Annotated[str, AfterValidator(http_url)]


class QualityGroupConfig(Strict):
    name: str
    qualities: list[str] = Field(min_length=1)


class QualityProfileConfig(Strict):
    """A quality profile. ``allowed`` lists qualities and groups worst first, best last (Radarr's order)."""

    name: str
    allowed: list[str | QualityGroupConfig] = Field(min_length=1)
    cutoff: str
    upgrade_allowed: bool = True
    min_format_score: int = 0
    cutoff_format_score: int = 0
    min_upgrade_format_score: int = 1
    format_scores: dict[str, int] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _profile_is_usable(self) -> QualityProfileConfig:
        self.build()  # an unknown quality, a cutoff not allowed, a duplicate: ProfileError names it
        return self

    def build(self) -> QualityProfile:
        return build_quality_profile(
            self.name,
            [a if isinstance(a, str) else {"name": a.name, "qualities": a.qualities} for a in self.allowed],
            self.cutoff,
            upgrade_allowed=self.upgrade_allowed,
            min_format_score=self.min_format_score,
            cutoff_format_score=self.cutoff_format_score,
            min_upgrade_format_score=self.min_upgrade_format_score,
            format_scores=dict(self.format_scores),
        )


class IndexerConfig(Strict):
    """An indexer. ``url``: a Torznab/Newznab API URL; for ``rss`` the feed URL, where ``{passkey}`` is replaced
    by the secret in ``api_key_env`` (else it is sent as ``?passkey=``); for ``hdbits`` https://hdbits.org, with
    ``username`` and the passkey in ``api_key_env``, and ``categories`` HDBits ids 1-8 ([2000] means Movie)."""

    name: str
    kind: Literal["torznab", "newznab", "rss", "hdbits"] = "torznab"
    url: HttpUrl
    api_key_env: str | None = None
    username: str | None = None
    categories: list[int] = Field(default_factory=lambda: [2000])
    priority: int = Field(default=25, ge=1, le=50)
    enabled: bool = True
    minimum_seeders: int = Field(default=1, ge=0)
    timeout_seconds: float = Field(default=30.0, gt=0)
    minimum_interval_seconds: float | None = Field(default=None, ge=0)
    seed_ratio: float | None = Field(default=None, ge=0)  # stop seeding at this ratio (None: the client decides)
    seed_time_minutes: int | None = Field(default=None, ge=0)  # ... or after this long

    def api_key(self) -> str | None:
        return read_secret(self.api_key_env, f"indexers[{self.name}].api_key_env")


class QBittorrentConfig(Strict):
    kind: Literal["qbittorrent"] = "qbittorrent"
    name: str = "qBittorrent"
    url: HttpUrl
    username: str | None = None
    password_env: str | None = None
    category: str = "radarr"
    save_path: str | None = None  # the category's save path in qBittorrent
    timeout_seconds: float = Field(default=15.0, gt=0)
    # qBittorrent runs `radarr-pipeline hook download-finished` when one of our torrents finishes, which asks
    # Dagster for the import run at once (polling stays the safety net). None: on when qBittorrent runs on this
    # machine (a local URL), since the program runs where qBittorrent runs.
    completion_hook: bool | None = None

    def password(self) -> str | None:
        return read_secret(self.password_env, "download_client.password_env")


class AppConfig(Strict):
    database: Path = Path("library.duckdb")
    root_folders: list[Path] = Field(min_length=1)
    quality_profiles: list[QualityProfileConfig] = Field(min_length=1)
    default_quality_profile: str | None = None
    indexers: list[IndexerConfig] = Field(default_factory=list)
    download_client: Annotated[QBittorrentConfig | BlackholeConfig, Field(discriminator="kind")]
    naming: NamingConfig = Field(default_factory=NamingConfig)
    importing: ImportSettings = Field(default_factory=ImportSettings)
    decisions: DecisionSettings = Field(default_factory=DecisionSettings)
    download_handling: DownloadHandlingSettings = Field(default_factory=DownloadHandlingSettings)
    notifications: NotificationSettings = Field(default_factory=NotificationSettings)
    remote_path_mappings: list[RemotePathMappingConfig] = Field(default_factory=list)
    health: HealthSettings = Field(default_factory=HealthSettings)
    backup: BackupSettings = Field(default_factory=BackupSettings)
    logs: LogSettings = Field(default_factory=LogSettings)
    metadata: MetadataSettings | None = None  # None: no metadata source, movies are added by hand
    import_lists: ImportListSettings = Field(default_factory=ImportListSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)

    def summary(self) -> ConfigSummary:
        """What a command that only reads the library needs (:mod:`radarr_pipeline.settings.validated_copy`)."""
        secret_envs = [indexer.api_key_env for indexer in self.indexers]
        secret_envs.append(getattr(self.download_client, "password_env", None))
        return ConfigSummary(self.database, tuple(p.name for p in self.quality_profiles),
                             LogTarget(self.logs.folder, self.logs.level, self.logs.max_bytes, self.logs.files),
                             tuple(name for name in secret_envs if name))

    @model_validator(mode="after")
    def _names_are_consistent(self) -> AppConfig:
        profile_names = [p.name for p in self.quality_profiles]
        if len(set(profile_names)) != len(profile_names):
            raise ValueError(f"quality profile names must be unique, got {profile_names}")
        if self.default_quality_profile is not None and self.default_quality_profile not in profile_names:
            raise ValueError(
                f"default_quality_profile {self.default_quality_profile!r} is not one of {profile_names}"
            )
        indexer_names = [i.name for i in self.indexers]
        if len(set(indexer_names)) != len(indexer_names):
            raise ValueError(f"indexer names must be unique, got {indexer_names}")
        usenet = [i.name for i in self.indexers if i.kind == "newznab" and i.enabled]
        if usenet:  # every download client kind here takes torrents only
            raise ValueError(
                f"indexer(s) {usenet} are Newznab (Usenet) indexers, but the download client "
                f"{self.download_client.name!r} ({self.download_client.kind}) is a torrent client and no Usenet "
                "download client is configured: an NZB cannot be sent to it. Remove the indexer, set "
                "`enabled: false`, or use its Torznab feed"
            )
        mapped = [(m.host.casefold(), m.remote_path) for m in self.remote_path_mappings]
        if len(set(mapped)) != len(mapped):  # Radarr: "RemotePath already configured."
            raise ValueError("remote_path_mappings: a host and remote_path pair is configured twice")
        for instance in self.api.instances:
            if instance.quality_profile not in profile_names:
                raise ValueError(f"api.instances[{instance.url_base}]: quality profile {instance.quality_profile!r}"
                                 f" is not one of {profile_names}")
        return self

    @property
    def default_profile(self) -> QualityProfileConfig:
        name = self.default_quality_profile or self.quality_profiles[0].name
        return self.profile(name)

    def profile(self, name: str) -> QualityProfileConfig:
        for profile in self.quality_profiles:
            if profile.name == name:
                return profile
        raise ConfigError(f"no quality profile named {name!r}; known: {[p.name for p in self.quality_profiles]}")


def _describe(error: Mapping[str, Any]) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "(top level)"
    message = error["msg"]
    if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "unknown key"
    elif error["type"] == "missing":
        message = "required key is missing"
    return f"{where}: {message}"


def parse_config(data: object, *, source: str, base_dir: Path) -> AppConfig:
    """Validate a parsed YAML document; paths are made absolute against ``base_dir``."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping of settings at the top level")
    try:
        config = AppConfig.model_validate(data)
    except ValidationError as exc:
        lines = "\n".join(f"  - {_describe(err)}" for err in exc.errors(include_url=False))
        raise ConfigError(f"{source} is not valid:\n{lines}") from None
    database = Path(os.environ.get(DATABASE_ENV) or base_dir / config.database)
    formats_dir = config.decisions.custom_formats_dir
    recycle = config.importing.recycle_bin
    lists = [entry.model_copy(update={
        "path": (base_dir / entry.path).absolute() if entry.path else None,
        "root_folder": (base_dir / entry.root_folder).absolute() if entry.root_folder else None,
    }) for entry in config.import_lists.lists]
    return config.model_copy(
        update={
            "database": database.absolute(),
            "root_folders": [(base_dir / root).absolute() for root in config.root_folders],
            "decisions": config.decisions.model_copy(
                update={"custom_formats_dir": (base_dir / formats_dir).absolute() if formats_dir else None}
            ),
            "importing": config.importing.model_copy(
                update={"recycle_bin": (base_dir / recycle).absolute() if recycle else None}
            ),
            "backup": config.backup.model_copy(update={"folder": (base_dir / config.backup.folder).absolute()}),
            "logs": config.logs.model_copy(update={"folder": (base_dir / config.logs.folder).absolute()}),
            "api": config.api.model_copy(update={
                "key_file": (base_dir / config.api.key_file).absolute(),
                "instances": [i.model_copy(update={"root_folder": (base_dir / i.root_folder).absolute()})
                              for i in config.api.instances],
            }),
            "import_lists": config.import_lists.model_copy(update={"lists": lists}),
            "calendar": config.calendar.model_copy(update={"path": (base_dir / config.calendar.path).absolute()}),
        }
    )


def load_config(path: str | Path | None = None, *, cached: bool = False) -> AppConfig:
    """Read and validate the configuration file (default: $RADARR_PIPELINE_CONFIG, else data/config.yaml).

    ``cached`` (the command line, which starts a new process for every command): a configuration validated
    before, from the same text, path, database override and code, is read back from its copy beside the file
    instead of being validated again (building pydantic's validators costs a tenth of a second)."""
    file = config_path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"configuration file {file} does not exist (copy data/config.sample.yaml)") from None
    except OSError as exc:
        raise ConfigError(f"cannot read configuration file {file}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"configuration file {file} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
        ) from None
    key = copy_key(file, text) if cached else None
    if key is not None and isinstance(config := read_models(file, key, PYDANTIC_VERSION), AppConfig):
        return config
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{file} is not valid YAML: {exc}") from None
    config = parse_config(data, source=str(file), base_dir=file.parent.absolute())
    if key is not None:
        write_copy(file, key, PYDANTIC_VERSION, config.summary(), config)
    return config
