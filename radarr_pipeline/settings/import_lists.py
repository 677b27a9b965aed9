"""`import_lists:` the lists that feed the wanted list (Radarr's Import Lists settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from radarr_pipeline.models import Availability
from radarr_pipeline.settings.base import Strict
from radarr_pipeline.values.tags import tag_label

ListKind = Literal[
    "radarr_list",      # Radarr's custom list: a JSON array of TMDB-shaped movies ({"id": 603, "title": ...})
    "stevenlu",         # StevenLu's shape: [{"title": ..., "imdb_id": "tt..."}]
    "ids",              # a text file or URL of ids, one a line (tt0133093, tmdb:603 or 603)
    "radarr",           # another Radarr-compatible server's movies (/api/v3/movie, X-Api-Key)
    "tmdb_list", "tmdb_collection", "tmdb_person", "tmdb_keyword", "tmdb_company",
    "trakt_list", "trakt_watchlist", "trakt_popular",
    "imdb_list",        # an IMDb list or watchlist export (CSV), a file or URL
    "plex_watchlist",
]
#: The default address of each service (a list's ``url`` overrides it, e.g. for a local test server).
SERVICE_URLS = {"tmdb": "https://api.themoviedb.org/3", "trakt": "https://api.trakt.tv",
                "plex": "https://discover.provider.plex.tv"}
NEEDS_LOCATION = ("radarr_list", "stevenlu", "ids", "radarr", "imdb_list")
NEEDS_LIST_ID = ("tmdb_list", "tmdb_collection", "tmdb_person", "tmdb_keyword", "tmdb_company", "trakt_list")
NEEDS_SECRET = ("radarr", "tmdb_list", "tmdb_collection", "tmdb_person", "tmdb_keyword", "tmdb_company",
                "trakt_list", "trakt_watchlist", "trakt_popular", "plex_watchlist")
CleanLibraryLevel = Literal["disabled", "log_only", "keep_and_unmonitor", "remove_and_keep", "remove_and_delete"]


class ImportListConfig(Strict):
    """One list. ``api_key_env`` names the variable holding its secret: the Radarr server's API key, the TMDB
    key or read-access token, the Trakt client id, the Plex token."""

    name: str = Field(min_length=1)
    kind: ListKind
    url: str | None = None          # the list's address (or, for TMDB/Trakt/Plex, the service's base URL)
    path: Path | None = None        # a local file (ids, imdb_list)
    list_id: str | None = None      # TMDB list/collection/person/keyword/company id; Trakt list slug
    username: str | None = None     # Trakt user
    api_key_env: str | None = None
    limit: int = Field(default=100, ge=1, le=1000)  # Trakt popular
    enabled: bool = True
    auto_add: bool = True
    monitor: Literal["movie_only", "movie_and_collection", "none"] = "movie_only"
    quality_profile: str | None = None   # default: the configured default profile
    root_folder: Path | None = None      # default: the first configured root folder
    minimum_availability: Availability = Availability.RELEASED
    search_on_add: bool = True
    tags: list[Annotated[str, AfterValidator(tag_label)]] = Field(default_factory=list)
    timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    max_bytes: int = Field(default=16 * 1024 * 1024, ge=1024)

    @model_validator(mode="after")
    def _has_what_its_kind_needs(self) -> ImportListConfig:
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"list {self.name!r}: url must be http:// or https://, got {self.url!r}")
        if self.kind in NEEDS_LOCATION and (self.url is None) == (self.path is None) and self.kind != "radarr":
            raise ValueError(f"list {self.name!r} ({self.kind}): give either url or path")
        if self.kind == "radarr" and self.url is None:
            raise ValueError(f"list {self.name!r} (radarr): url (the server's address) is required")
        if self.kind in NEEDS_LIST_ID and not self.list_id:
            raise ValueError(f"list {self.name!r} ({self.kind}): list_id is required")
        if self.kind in ("trakt_list", "trakt_watchlist") and not self.username:
            raise ValueError(f"list {self.name!r} ({self.kind}): username is required")
        if self.kind in NEEDS_SECRET and not self.api_key_env:
            raise ValueError(f"list {self.name!r} ({self.kind}): api_key_env (the variable holding its key) is "
                             "required")
        return self


class ImportListSettings(Strict):
    lists: list[ImportListConfig] = Field(default_factory=list)
    # Radarr syncs lists every 24 h by default and never more often than every 6 h.
    refresh_hours: float = Field(default=24.0, ge=6.0)
    clean_library: CleanLibraryLevel = "disabled"
    # A sync that would remove (or unmonitor) more than this share of the library removes nothing.
    clean_library_max_share: float = Field(default=0.1, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _names_are_unique(self) -> ImportListSettings:
        names = [entry.name for entry in self.lists]
        if len(set(names)) != len(names):
            raise ValueError(f"import list names must be unique, got {names}")
        return self
