"""`metadata:` where movie metadata comes from (TMDB's API v3) and how often it is refreshed."""

from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from radarr_pipeline.settings.base import Strict


def _http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"expected an http:// or https:// URL, got {value!r}")
    return value.rstrip("/")


class MetadataSettings(Strict):
    """TMDB. The secret is either an API key (sent as ``api_key=``) in ``api_key_env`` or a read-access token
    (sent as ``Authorization: Bearer``) in ``access_token_env``; the file only names the variable."""

    base_url: Annotated[str, AfterValidator(_http_url)] = "https://api.themoviedb.org/3"
    api_key_env: str | None = None
    access_token_env: str | None = None
    language: str = "en-US"  # titles and overviews in this language
    region: str = Field(default="US", pattern=r"^[A-Z]{2}$")  # release dates and certification of this country
    requests_per_second: float = Field(default=20.0, gt=0, le=1000)  # TMDB allows about 50/s per address
    timeout_seconds: float = Field(default=10.0, gt=0)
    max_response_mb: float = Field(default=4.0, gt=0)
    max_retries: int = Field(default=3, ge=0, le=10)  # on 429 (waiting Retry-After) and on timeouts
    max_retry_after_seconds: float = Field(default=60.0, ge=0)  # a longer wait gives up (the next run retries)
    refresh_per_run: int = Field(default=200, ge=1)  # movies refreshed per movie_metadata run
    refresh_after_days: int = Field(default=180, ge=1)  # stale after this long whatever it is (Radarr: 180)
    recent_days: int = Field(default=30, ge=0)  # released (or releasing) this close to today: refreshed daily

    @model_validator(mode="after")
    def _one_secret(self) -> "MetadataSettings":
        if self.api_key_env and self.access_token_env:
            raise ValueError("give api_key_env or access_token_env, not both")
        return self
