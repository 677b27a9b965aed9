"""qBittorrent through its Web API v2 (qbittorrent-api). State names of 4.x and 5.x are both understood."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

import qbittorrentapi

from radarr_pipeline.download_clients.base import ClientDownload, DownloadClientError, DownloadStatus

# qBittorrent's torrent states (4.x says paused*, 5.x says stopped*) and what they mean to an importer.
_STATUS_BY_STATE: dict[str, DownloadStatus] = {
    "error": DownloadStatus.FAILED,
    "missingFiles": DownloadStatus.FAILED,
    "uploading": DownloadStatus.COMPLETED,
    "stalledUP": DownloadStatus.COMPLETED,
    "pausedUP": DownloadStatus.COMPLETED,
    "stoppedUP": DownloadStatus.COMPLETED,
    "queuedUP": DownloadStatus.COMPLETED,
    "forcedUP": DownloadStatus.COMPLETED,
    "checkingUP": DownloadStatus.DOWNLOADING,
    "downloading": DownloadStatus.DOWNLOADING,
    "forcedDL": DownloadStatus.DOWNLOADING,
    "metaDL": DownloadStatus.DOWNLOADING,
    "forcedMetaDL": DownloadStatus.DOWNLOADING,
    "checkingDL": DownloadStatus.DOWNLOADING,
    "checkingResumeData": DownloadStatus.DOWNLOADING,
    "allocating": DownloadStatus.DOWNLOADING,
    "moving": DownloadStatus.DOWNLOADING,
    "stalledDL": DownloadStatus.STALLED,
    "pausedDL": DownloadStatus.PAUSED,
    "stoppedDL": DownloadStatus.PAUSED,
    "queuedDL": DownloadStatus.QUEUED,
}


def status_of_state(state: str, progress: float) -> DownloadStatus:
    """Map a qBittorrent state to our status. A finished torrent still being checked is not complete yet."""
    status = _STATUS_BY_STATE.get(state, DownloadStatus.UNKNOWN)
    if status is DownloadStatus.COMPLETED and progress < 1.0:
        return DownloadStatus.DOWNLOADING
    return status


class QBittorrentClient:
    """A qBittorrent instance; opens a session per call so nothing is held between pipeline steps."""

    kind = "qbittorrent"

    def __init__(
        self,
        url: str,
        *,
        username: str | None = None,
        password: str | None = None,
        category: str = "radarr",
        timeout_seconds: float = 15.0,
        name: str = "qBittorrent",
    ) -> None:
        self.url = url.rstrip("/")
        self.name = name
        self.category = category
        self._username = username
        self._password = password
        self._timeout = timeout_seconds

    def __repr__(self) -> str:
        return f"QBittorrentClient({self.url!r}, category={self.category!r})"

    @contextmanager
    def _session(self) -> Iterator[qbittorrentapi.Client]:
        client = qbittorrentapi.Client(
            host=self.url,
            username=self._username,
            password=self._password,
            REQUESTS_ARGS={"timeout": self._timeout},
            VERIFY_WEBUI_CERTIFICATE=True,
            FORCE_SCHEME_FROM_HOST=True,
            RAISE_NOTIMPLEMENTEDERROR_FOR_UNIMPLEMENTED_API_ENDPOINTS=True,
        )
        try:
            if self._username is not None:
                client.auth_log_in()
            yield client
        except qbittorrentapi.LoginFailed:
            raise DownloadClientError(
                f"{self.name} at {self.url} rejected the login for user {self._username!r}: check the password"
            ) from None
        except qbittorrentapi.Forbidden403Error:
            raise DownloadClientError(
                f"{self.name} at {self.url} answered 403 Forbidden: set a username and password"
            ) from None
        except qbittorrentapi.APIConnectionError as exc:
            problem = _connection_problem(exc)
            raise DownloadClientError(f"{self.name} at {self.url} is unreachable ({problem})") from None
        except qbittorrentapi.APIError as exc:
            raise DownloadClientError(f"{self.name} at {self.url} failed: {_first_line(exc)}") from None
        finally:
            with suppress(qbittorrentapi.APIError):
                client.auth_log_out()

    def version(self) -> str:
        with self._session() as client:
            return str(client.app.version)

    def ensure_category(self) -> None:
        with self._session() as client:
            if self.category not in client.torrents_categories():
                client.torrents_create_category(name=self.category)

    def add_torrent(self, *, torrent: bytes | None = None, magnet: str | None = None) -> None:
        """Hand a release to the client in our category. Adding one it already has is not an error."""
        if torrent is None and magnet is None:
            raise ValueError("a release needs a .torrent file or a magnet link")
        with self._session() as client:
            if self.category not in client.torrents_categories():
                client.torrents_create_category(name=self.category)
            if torrent is not None:
                answer = client.torrents_add(torrent_files=torrent, category=self.category)
            else:
                answer = client.torrents_add(urls=magnet, category=self.category)
            if answer != "Ok.":
                # qBittorrent says "Fails." both for a duplicate and for a bad torrent; tell them apart.
                raise DownloadClientError(f"{self.name} at {self.url} refused the torrent ({answer})")

    def has(self, download_id: str) -> bool:
        with self._session() as client:
            return bool(client.torrents_info(torrent_hashes=download_id.lower()))

    def downloads(self) -> list[ClientDownload]:
        """Everything in our category."""
        with self._session() as client:
            return [_client_download(t) for t in client.torrents_info(category=self.category)]

    def remove(self, download_id: str, *, delete_files: bool) -> None:
        with self._session() as client:
            client.torrents_delete(torrent_hashes=download_id.lower(), delete_files=delete_files)


def _client_download(torrent: qbittorrentapi.TorrentDictionary) -> ClientDownload:
    progress = float(torrent.get("progress", 0.0))
    state = str(torrent.get("state", "unknown"))
    eta = torrent.get("eta")
    return ClientDownload(
        download_id=str(torrent["hash"]).lower(),
        name=str(torrent.get("name", "")),
        status=status_of_state(state, progress),
        client_state=state,
        progress=progress,
        size=int(torrent.get("size", 0) or 0),
        content_path=torrent.get("content_path"),
        save_path=torrent.get("save_path"),
        category=torrent.get("category"),
        eta_seconds=int(eta) if eta is not None and int(eta) < 8640000 else None,
        ratio=float(torrent["ratio"]) if "ratio" in torrent else None,
        message="qBittorrent reports an error" if state == "error" else (
            "files are missing" if state == "missingFiles" else None
        ),
    )


def _connection_problem(exc: BaseException) -> str:
    """A short reason for a failed connection, instead of urllib3's nested retry story."""
    text = str(exc)
    for needle, reason in (("Connection refused", "connection refused"), ("timed out", "timed out"),
                           ("Name or service not known", "unknown host"), ("SSL", "TLS handshake failed")):
        if needle in text:
            return reason
    return _first_line(exc)[:200]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
