"""`notifications:` Radarr's Connect. Each connection names its kind, the events it wants, optionally the movie
tags it is limited to, and its channel settings; secrets only through ``*_env`` settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from radarr_pipeline.settings.base import Strict

#: Radarr's events (On Grab, On File Import, On Upgrade, On Rename, On Movie Added, On Movie Delete, On Movie
#: File Delete, On Movie File Delete For Upgrade, On Health Issue, On Health Restored, On Manual Interaction
#: Required) and ours: a failed Dagster run.
EventName = Literal["grab", "download", "upgrade", "rename", "movie_added", "movie_delete", "movie_file_delete",
                    "movie_file_delete_for_upgrade", "health_issue", "health_restored",
                    "manual_interaction_required", "run_failed"]
EVENTS: tuple[EventName, ...] = get_args(EventName)


class _Connection(Strict):
    name: str = Field(min_length=1)
    enabled: bool = True
    events: list[EventName] = Field(default_factory=lambda: list(EVENTS))  # default: every event
    tags: list[str] = Field(default_factory=list)  # movie events only for movies with one of these tags
    timeout_seconds: float = Field(default=15.0, gt=0)

    def secret_settings(self) -> dict[str, str | None]:
        """Every ``*_env`` setting of the connection: the variables whose values never appear anywhere."""
        return {key: value for key, value in self.model_dump().items() if key.endswith("_env")}


class WebhookConnection(_Connection):
    """Radarr's Webhook: its JSON payloads POSTed (or PUT) to ``url``, or to the URL in ``url_env`` when the
    URL itself carries a token."""

    kind: Literal["webhook"]
    url: str | None = Field(default=None, pattern=r"^https?://")
    url_env: str | None = None
    method: Literal["POST", "PUT"] = "POST"
    username: str | None = None
    password_env: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_url(self) -> WebhookConnection:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give the webhook's address as url or url_env (one of them)")
        return self


class DiscordConnection(_Connection):
    """Radarr's Discord: embeds posted to the webhook URL (a secret: it holds the token) in ``webhook_url_env``."""

    kind: Literal["discord"]
    webhook_url_env: str
    username: str | None = None
    avatar: str | None = None
    author: str | None = None  # default: the instance name


class EmailConnection(_Connection):
    """Radarr's Email: SMTP with ``security`` none, starttls or tls (implicit TLS, usually port 465)."""

    kind: Literal["email"]
    server: str
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["none", "starttls", "tls"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    sender: str = Field(pattern=r"@")
    to: list[str] = Field(min_length=1)
    cc: list[str] = Field(default_factory=list)
    bcc: list[str] = Field(default_factory=list)
    ca_file: Path | None = None  # a CA to trust for the server's certificate (default: the system's)


class ScriptConnection(_Connection):
    """Radarr's Custom Script: ``path`` run with Radarr's environment variables (radarr_eventtype, ...)."""

    kind: Literal["script"]
    path: Path
    arguments: list[str] = Field(default_factory=list)


class AppriseConnection(_Connection):
    """Everything else (Telegram, Pushover, ntfy, Gotify, Slack, Matrix...) through apprise URLs: ``urls`` for
    addresses without a secret, ``urls_env`` for a variable holding one or more URLs (space or comma separated)."""

    kind: Literal["apprise"]
    urls: list[str] = Field(default_factory=list)
    urls_env: str | None = None

    @model_validator(mode="after")
    def _some_url(self) -> AppriseConnection:
        if not self.urls and not self.urls_env:
            raise ValueError("give at least one apprise URL in urls or urls_env")
        return self


Connection = Annotated[
    WebhookConnection | DiscordConnection | EmailConnection | ScriptConnection | AppriseConnection,
    Field(discriminator="kind"),
]


class NotificationSettings(Strict):
    instance_name: str = "Radarr"  # Radarr's instanceName in payloads (and the Discord author)
    application_url: str | None = None
    max_attempts: int = Field(default=8, ge=1)  # then the delivery is dead (listed by `notify failed`)
    retry_seconds: float = Field(default=30.0, gt=0)  # the first retry's delay, doubled each time
    retry_max_seconds: float = Field(default=3600.0, gt=0)
    connections: list[Connection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> NotificationSettings:
        names = [c.name for c in self.connections]
        if len(set(names)) != len(names):
            raise ValueError(f"notification connection names must be unique, got {names}")
        return self

    def connection(self, name: str) -> WebhookConnection | DiscordConnection | EmailConnection | \
            ScriptConnection | AppriseConnection | None:
        return next((c for c in self.connections if c.name == name), None)
