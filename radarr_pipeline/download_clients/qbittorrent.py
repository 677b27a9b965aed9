"""qBittorrent through its Web API v2 (qbittorrent-api). State names of 4.x and 5.x are both understood.

One object keeps one logged-in session (cookie SID) for its lifetime: qbittorrent-api logs in again by itself
when qBittorrent answers 403 (a restarted qBittorrent forgets every session). The password is held privately and
never appears in a message, a repr or a log line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from typing import TypeVar
from urllib.parse import urlsplit

import qbittorrentapi
import requests

from radarr_pipeline.download_clients.base import ClientFolder, DownloadClientError, ForeignDownloadError
from radarr_pipeline.download_clients.qbittorrent_states import (
    SEEDING_STOPPED_STATES,
    limit_or_none,
    message_of_state,
    number_or_none,
    status_of_state,
)
from radarr_pipeline.download_clients.torrent_files import (
    TorrentFetchError,
    infohash_from_magnet,
    infohash_from_torrent,
)
from radarr_pipeline.models import ClientDownload, ShareLimits
from radarr_pipeline.values.os_paths import PathMapping, remap_remote_to_local

__all__ = ["QBittorrentClient", "RunOnFinish", "status_of_state"]

T = TypeVar("T")


@dataclass(frozen=True)
class RunOnFinish:
    """What qBittorrent runs when a torrent finishes: its command line, and whether it is switched on."""

    enabled: bool
    program: str

_API_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?$")
_NO_ETA = 8_640_000  # qBittorrent's "infinity"


class QBittorrentClient:
    """A qBittorrent instance, our torrents in one category (created on first use, with its save path)."""

    kind = "qbittorrent"

    def __init__(
        self,
        url: str,
        *,
        username: str | None = None,
        password: str | None = None,
        category: str = "radarr",
        save_path: str | None = None,
        timeout_seconds: float = 15.0,
        name: str = "qBittorrent",
        path_mappings: Sequence[PathMapping] = (),
    ) -> None:
        self.url = url.rstrip("/")
        self.host = urlsplit(self.url).hostname or ""
        self.path_mappings = tuple(path_mappings)
        self.name = name
        self.category = category
        self.save_path = save_path
        self._username = username
        self._password = password
        self._timeout = timeout_seconds
        self._api: qbittorrentapi.Client | None = None

    def __repr__(self) -> str:
        return f"QBittorrentClient({self.url!r}, category={self.category!r})"

    # -- session -----------------------------------------------------------------------------------------

    def _where(self) -> str:
        return f"{self.name} at {self.url}"

    def _connect(self) -> qbittorrentapi.Client:
        if self._api is not None:
            return self._api
        api = qbittorrentapi.Client(
            host=self.url,
            username=self._username,
            password=self._password,
            REQUESTS_ARGS={"timeout": self._timeout},
            VERIFY_WEBUI_CERTIFICATE=True,
            FORCE_SCHEME_FROM_HOST=True,
            RAISE_NOTIMPLEMENTEDERROR_FOR_UNIMPLEMENTED_API_ENDPOINTS=True,
            DISABLE_LOGGING_DEBUG_OUTPUT=True,
        )
        if self._username is not None:
            api.auth_log_in()
        version = str(api.app_web_api_version()).strip()
        if not _API_VERSION.match(version):
            raise DownloadClientError(
                f"{self._where()} does not answer like qBittorrent's Web API v2 (it sent {_shown(version)!r} "
                "for the API version): check the URL"
            )
        self._api = api
        return api

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Every failure becomes a DownloadClientError naming the client, its address and the problem."""
        try:
            yield
        except DownloadClientError:
            raise
        except qbittorrentapi.LoginFailed:
            if not self._answers_like_qbittorrent():
                raise DownloadClientError(
                    f"{self._where()} does not answer like qBittorrent's Web API v2 (the login was not understood): "
                    "check the URL"
                ) from None
            raise DownloadClientError(
                f"{self._where()} rejected the login for user {self._username!r}: check the password"
            ) from None
        except (qbittorrentapi.Forbidden403Error, qbittorrentapi.Unauthorized401Error):
            self._api = None
            raise DownloadClientError(
                f"{self._where()} refused the request (HTTP 401/403): set the username and password, or check "
                "that this address is not banned after failed logins"
            ) from None
        except qbittorrentapi.APIConnectionError as exc:
            self._api = None
            raise DownloadClientError(f"{self._where()} is unreachable ({_connection_problem(exc)})") from None
        except qbittorrentapi.APIError as exc:
            raise DownloadClientError(f"{self._where()} failed: {_first_line(exc)}") from None
        except (ValueError, requests.RequestException) as exc:  # e.g. HTML where JSON was expected
            self._api = None
            raise DownloadClientError(
                f"{self._where()} sent an answer that is not qBittorrent's ({type(exc).__name__}): check the URL"
            ) from None

    def _answers_like_qbittorrent(self) -> bool:
        """qBittorrent answers an API call without a session with 403 Forbidden; a web page answers 200."""
        try:
            response = requests.get(f"{self.url}/api/v2/app/webapiVersion", timeout=self._timeout)
        except requests.RequestException:
            return False
        return response.status_code == 403 or bool(_API_VERSION.match(response.text.strip()))

    def _call(self, action: Callable[[qbittorrentapi.Client], T]) -> T:
        with self._errors():
            return action(self._connect())

    def close(self) -> None:
        """Log out (best effort); the next call logs in again."""
        api, self._api = self._api, None
        if api is not None:
            with suppress(Exception):
                api.auth_log_out()

    # -- actions -----------------------------------------------------------------------------------------

    def version(self) -> str:
        return self._call(lambda api: str(api.app_version()))

    def local_path(self, remote: str) -> str:
        """A path qBittorrent reported, as it is here (the remote path mappings for this client's host)."""
        return remap_remote_to_local(self.path_mappings, self.host, remote)

    def _mapped(self, download: ClientDownload) -> ClientDownload:
        if not self.path_mappings:
            return download
        return replace(
            download,
            content_path=self.local_path(download.content_path) if download.content_path else None,
            save_path=self.local_path(download.save_path) if download.save_path else None,
        )

    def output_folders(self) -> list[ClientFolder]:
        """Where qBittorrent puts our downloads (Radarr's OutputRootFolders): our category's save path, else
        qBittorrent's default save path; each with the local path it maps to."""
        def read(api: qbittorrentapi.Client) -> str:
            category = dict(api.torrents_categories()).get(self.category)
            return _save_path(category) or str(api.app_default_save_path())
        remote = self._call(read)
        return [ClientFolder(remote=remote, local=self.local_path(remote))] if remote else []

    def categories(self) -> dict[str, str]:
        """Category name -> save path ('' when qBittorrent's default applies)."""
        def read(api: qbittorrentapi.Client) -> dict[str, str]:
            return {name: _save_path(c) for name, c in dict(api.torrents_categories()).items()}
        return self._call(read)

    def ensure_category(self) -> None:
        """Create our category (with the configured save path) or bring its save path in line."""
        if not self.category.strip() or any(c in self.category for c in "\\\n\r"):
            raise DownloadClientError(
                f"{self._where()}: the category {self.category!r} is not a usable qBittorrent category name"
            )

        def ensure(api: qbittorrentapi.Client) -> None:
            existing = dict(api.torrents_categories())
            try:
                if self.category not in existing:
                    api.torrents_create_category(name=self.category, save_path=self.save_path or "")
                elif self.save_path and _save_path(existing[self.category]) != self.save_path:
                    api.torrents_edit_category(name=self.category, save_path=self.save_path)
            except qbittorrentapi.Conflict409Error:
                raise DownloadClientError(
                    f"{self._where()} refused to create or change the category {self.category!r} "
                    "(qBittorrent rejects empty names and names with invalid characters)"
                ) from None
        self._call(ensure)

    def add_torrent(
        self, *, torrent: bytes | None = None, magnet: str | None = None, limits: ShareLimits | None = None
    ) -> str:
        """Hand a release to the client in our category; returns its infohash. Adding one it already has is
        not an error."""
        if torrent is None and magnet is None:
            raise ValueError("a release needs a .torrent file or a magnet link")
        try:
            infohash = infohash_from_torrent(torrent) if torrent is not None else infohash_from_magnet(magnet or "")
        except TorrentFetchError as exc:
            raise DownloadClientError(f"not sent to {self._where()}: {exc}") from None
        self.ensure_category()
        ratio = limits.ratio if limits is not None else None
        minutes = limits.minutes if limits is not None else None

        def add(api: qbittorrentapi.Client) -> None:
            # None leaves an option out of the request (qBittorrent's own default applies)
            answer = api.torrents_add(
                torrent_files=torrent, urls=magnet if torrent is None else None, category=self.category,
                use_auto_torrent_management=True, ratio_limit=ratio, seeding_time_limit=minutes,
            )
            # qBittorrent 4.x says "Fails." both for a duplicate and for a bad torrent: tell them apart.
            if answer != "Ok." and not api.torrents_info(torrent_hashes=infohash):
                raise DownloadClientError(f"{self._where()} refused the torrent {infohash} ({_shown(str(answer))})")
        self._call(add)
        return infohash

    def has(self, download_id: str) -> bool:
        """Whether the client has the torrent in our category. One it holds under another category (added by
        hand, or by another tool) is not ours to track: DownloadClientError says so, and the grab moves on."""
        def look(api: qbittorrentapi.Client) -> bool:
            found = api.torrents_info(torrent_hashes=download_id.lower())
            if not found:
                return False
            category = str(found[0].get("category") or "")
            if category != self.category:
                raise ForeignDownloadError(
                    f"{self._where()} already has torrent {download_id.lower()} in category "
                    f"{category or '(none)'!r}, not {self.category!r}; leaving it alone"
                )
            return True
        return self._call(look)

    def downloads(self) -> list[ClientDownload]:
        """Everything in our category (an empty list when the category does not exist yet), its paths as they
        are here (remote path mappings applied)."""
        return self._call(
            lambda api: [self._mapped(_client_download(t)) for t in api.torrents_info(category=self.category)]
        )

    def remove(self, download_id: str, *, delete_files: bool) -> bool:
        """Delete a torrent (and its data when asked). False when the client does not have it."""
        def delete(api: qbittorrentapi.Client) -> bool:
            if not api.torrents_info(torrent_hashes=download_id.lower()):
                return False
            api.torrents_delete(torrent_hashes=download_id.lower(), delete_files=delete_files)
            return True
        return self._call(delete)

    def run_on_finish(self) -> RunOnFinish:
        """qBittorrent's "Run external program on torrent finished" (preferences autorun_enabled and
        autorun_program)."""
        def read(api: qbittorrentapi.Client) -> RunOnFinish:
            preferences = dict(api.app_preferences())
            return RunOnFinish(bool(preferences.get("autorun_enabled")), str(preferences.get("autorun_program") or ""))
        return self._call(read)

    def set_run_on_finish(self, program: str, *, enabled: bool = True) -> None:
        """Make qBittorrent run ``program`` (its %I, %L, %N... filled in) when a torrent finishes (``enabled``
        False and no program: run nothing)."""
        self._call(lambda api: api.app_set_preferences({"autorun_enabled": enabled, "autorun_program": program}))

    def set_share_limits(self, download_id: str, limits: ShareLimits) -> None:
        """Stop seeding at this ratio or after this time (-2 keeps qBittorrent's global setting)."""
        def apply(api: qbittorrentapi.Client) -> None:
            api.torrents_set_share_limits(
                ratio_limit=limits.ratio if limits.ratio is not None else -2,
                seeding_time_limit=limits.minutes if limits.minutes is not None else -2,
                torrent_hashes=download_id.lower(),
            )
        self._call(apply)


def _client_download(torrent: qbittorrentapi.TorrentDictionary) -> ClientDownload:
    progress = number_or_none(torrent.get("progress")) or 0.0
    state = str(torrent.get("state", "unknown"))
    eta = number_or_none(torrent.get("eta"))
    time_limit = limit_or_none(torrent.get("seeding_time_limit"))
    ratio = number_or_none(torrent.get("ratio"))
    seeding_time = number_or_none(torrent.get("seeding_time"))
    return ClientDownload(
        download_id=str(torrent["hash"]).lower(),
        name=str(torrent.get("name", "")),
        status=status_of_state(state, progress),
        client_state=state,
        progress=progress,
        size=int(number_or_none(torrent.get("size")) or 0),
        content_path=_text_or_none(torrent.get("content_path")),
        save_path=_text_or_none(torrent.get("save_path")),
        category=_text_or_none(torrent.get("category")),
        eta_seconds=int(eta) if eta is not None and 0 <= eta < _NO_ETA else None,
        ratio=ratio,
        message=message_of_state(state),
        ratio_limit=limit_or_none(torrent.get("ratio_limit")),
        seeding_time_limit_minutes=int(time_limit) if time_limit is not None else None,
        seeding_time_seconds=int(seeding_time) if seeding_time is not None else None,
        seeding_stopped=state in SEEDING_STOPPED_STATES and progress >= 1.0,
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _save_path(category: object) -> str:
    """A category's save path from torrents/categories ('' when qBittorrent's default applies)."""
    if not isinstance(category, Mapping):
        return ""
    return str(category.get("savePath") or "")


def _shown(text: str) -> str:
    """A short, single-line excerpt of something a client sent."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _connection_problem(exc: BaseException) -> str:
    """A short reason for a failed connection, instead of urllib3's nested retry story."""
    text = str(exc)
    for needle, reason in (("Connection refused", "connection refused"), ("timed out", "timed out"),
                           ("Timeout", "timed out"), ("Name or service not known", "unknown host"),
                           ("SSL", "TLS handshake failed"), ("RemoteDisconnected", "connection closed")):
        if needle in text:
            return reason
    return _first_line(exc)[:200]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
