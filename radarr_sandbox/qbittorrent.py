"""A headless qBittorrent (``qbittorrent-nox`` 4.5.x) bound to 127.0.0.1, started and stopped by PID.

Usage::

    with QBittorrentProcess(tmp_path / "qbt") as qbt:
        client = qbt.client()            # logged-in qbittorrentapi.Client
        qbt.add_seed(torrent_path, save_dir)

The profile gets a ``qBittorrent.conf`` written once per object (first :meth:`start`): WebUI and BitTorrent
ports on 127.0.0.1, DHT/PeX/LSD/UPnP off, no GeoIP download, queueing off, auto torrent management on (so a
category's save path is used), a 250 ms state refresh, and a PBKDF2 password. A restart (:meth:`stop` then
:meth:`start`) reuses the same profile, ports and credentials, and keeps the torrents.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import time
import weakref
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

import httpx

from radarr_sandbox.ports import LOOPBACK, free_port, free_ports

if TYPE_CHECKING:
    import qbittorrentapi

QBITTORRENT_BINARY = "qbittorrent-nox"

#: States in which a torrent has all its data (qBittorrent 4.5 says paused*, 5.x stopped*).
COMPLETE_STATES = frozenset({"uploading", "stalledUP", "pausedUP", "stoppedUP", "queuedUP", "forcedUP", "checkingUP"})
ERROR_STATES = frozenset({"error", "missingFiles"})

_LIVE: weakref.WeakSet[QBittorrentProcess] = weakref.WeakSet()


class QBittorrentError(RuntimeError):
    """qBittorrent could not be started, reached or driven; the message names the instance's address."""


def hash_webui_password(password: str, salt: bytes | None = None) -> str:
    """Return qBittorrent's ``WebUI\\Password_PBKDF2`` value (without surrounding quotes).

    PBKDF2-HMAC-SHA512, 100 000 iterations, 16-byte salt, 64-byte key: ``@ByteArray(b64salt:b64key)``.
    """
    salt = salt if salt is not None else secrets.token_bytes(16)
    key = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, 100_000, 64)
    return f"@ByteArray({base64.b64encode(salt).decode()}:{base64.b64encode(key).decode()})"


def render_config(
    *,
    webui_port: int,
    bt_port: int,
    username: str,
    password: str,
    save_path: Path,
    refresh_interval_ms: int = 250,
) -> str:
    """Return a qBittorrent 4.5.x ``qBittorrent.conf`` that keeps everything on 127.0.0.1."""
    # Backslashes are part of qBittorrent's key names; `\\` below is one backslash in the file.
    lines = [
        "[LegalNotice]",
        "Accepted=true",
        "",
        "[BitTorrent]",
        "Session\\DHTEnabled=false",
        "Session\\PeXEnabled=false",
        "Session\\LSDEnabled=false",
        "Session\\AnonymousModeEnabled=false",
        f"Session\\Port={bt_port}",
        "Session\\Interface=lo",
        "Session\\InterfaceName=lo",
        f"Session\\InterfaceAddress={LOOPBACK}",
        f"Session\\DefaultSavePath={save_path}",
        "Session\\TempPathEnabled=false",
        "Session\\QueueingSystemEnabled=false",
        "Session\\MultiConnectionsPerIp=true",
        "Session\\DisableAutoTMMByDefault=false",
        "Session\\AddTorrentPaused=false",
        f"Session\\RefreshInterval={refresh_interval_ms}",
        "",
        "[Network]",
        "PortForwardingEnabled=false",
        "",
        "[Preferences]",
        "Connection\\ResolvePeerCountries=false",
        "Connection\\UPnP=false",
        "General\\UseRandomPort=false",
        f"WebUI\\Address={LOOPBACK}",
        f"WebUI\\Port={webui_port}",
        "WebUI\\UseUPnP=false",
        "WebUI\\Enabled=true",
        "WebUI\\HTTPS\\Enabled=false",
        f"WebUI\\Username={username}",
        f'WebUI\\Password_PBKDF2="{hash_webui_password(password)}"',
        "WebUI\\LocalHostAuth=true",
        "WebUI\\CSRFProtection=true",
        "WebUI\\HostHeaderValidation=true",
        "WebUI\\ClickjackingProtection=true",
        # Tests exercise wrong passwords; don't let qBittorrent ban 127.0.0.1 for an hour after 5 failures.
        "WebUI\\MaxAuthenticationFailCount=1000",
        "WebUI\\BanDuration=1",
        "",
    ]
    return "\n".join(lines)


class QBittorrentProcess:
    """One ``qbittorrent-nox`` process with its own profile dir, on 127.0.0.1.

    Ports default to free ones picked at construction, so they survive a restart.
    """

    def __init__(
        self,
        profile_dir: Path | str,
        *,
        webui_port: int | None = None,
        bt_port: int | None = None,
        username: str = "admin",
        password: str | None = None,
        save_path: Path | str | None = None,
        start_timeout: float = 20.0,
        stop_timeout: float = 10.0,
        name: str = "qbittorrent",
    ) -> None:
        self.profile_dir = Path(profile_dir).resolve()
        picked = free_ports(2)
        self._auto_webui_port = webui_port is None
        self.webui_port = webui_port or picked[0]
        self.bt_port = bt_port or picked[1]
        self.username = username
        self.password = password or secrets.token_urlsafe(12)
        self.save_path = Path(save_path).resolve() if save_path else self.profile_dir / "downloads"
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.name = name
        self.log_path = self.profile_dir / "qbittorrent-nox.out.log"
        self._proc: subprocess.Popen[bytes] | None = None
        self._config_written = False
        self.started_in: float | None = None
        self._last_pid: int | None = None

    # -- addresses -------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.webui_port}"

    @property
    def host(self) -> str:
        return LOOPBACK

    @property
    def peer_address(self) -> str:
        """``127.0.0.1:<bt port>``: what a leecher passes to ``torrents_add_peers``."""
        return f"{LOOPBACK}:{self.bt_port}"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def config_path(self) -> Path:
        return self.profile_dir / "qBittorrent" / "config" / "qBittorrent.conf"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __repr__(self) -> str:
        return f"QBittorrentProcess({self.name!r}, url={self.url!r}, bt_port={self.bt_port}, pid={self.pid})"

    # -- lifecycle -------------------------------------------------------------------------------------

    def write_config(self) -> None:
        self.config_path.parent.mkdir(parents=True, exist_ok=True)
        self.save_path.mkdir(parents=True, exist_ok=True)
        self.config_path.write_text(
            render_config(
                webui_port=self.webui_port,
                bt_port=self.bt_port,
                username=self.username,
                password=self.password,
                save_path=self.save_path,
            ),
            encoding="utf-8",
        )
        self._config_written = True

    def start(self) -> Self:
        """Spawn qbittorrent-nox and wait until its WebUI accepts our login.

        On the very first start with an auto-picked WebUI port, a lost race for that port (qBittorrent exits
        with "Unable to bind") is retried with a new port, up to 3 times.
        """
        if self.running:
            return self
        binary = shutil.which(QBITTORRENT_BINARY)
        if binary is None:
            raise QBittorrentError(f"{QBITTORRENT_BINARY} not found on PATH (Debian: apt-get install qbittorrent-nox)")
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        first_start = not self._config_written
        for attempt in range(3):
            if not self._config_written:
                self.write_config()
            try:
                return self._spawn(binary)
            except QBittorrentError as exc:
                if not (first_start and self._auto_webui_port and "Unable to bind" in str(exc)) or attempt == 2:
                    raise
                self.webui_port = free_port()
                self._config_written = False
        raise AssertionError("unreachable")

    def _spawn(self, binary: str) -> Self:
        began = time.monotonic()
        with self.log_path.open("ab") as log:
            self._proc = subprocess.Popen(
                [binary, f"--profile={self.profile_dir}"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.profile_dir,
                start_new_session=True,  # a Ctrl-C in the terminal reaches pytest, which then stops us by PID
            )
        _LIVE.add(self)
        try:
            self._wait_ready(began + self.start_timeout)
        except BaseException:
            self.stop()
            raise
        self.started_in = time.monotonic() - began
        return self

    def _wait_ready(self, deadline: float) -> None:
        last_error = "no answer yet"
        with httpx.Client(base_url=self.url, timeout=2.0) as http:
            while True:
                assert self._proc is not None
                rc = self._proc.poll()
                if rc is not None:
                    raise QBittorrentError(
                        f"{self.name} (qbittorrent-nox, WebUI {self.url}) exited with rc {rc} during start."
                        f"\n{self.log_tail()}"
                    )
                try:
                    resp = http.post("/api/v2/auth/login", data={"username": self.username, "password": self.password})
                except httpx.TransportError as exc:
                    last_error = f"{type(exc).__name__}: {exc}"
                else:
                    if resp.status_code == 200 and resp.text == "Ok.":
                        return
                    raise QBittorrentError(
                        f"{self.name}: {self.url} answered the login with HTTP {resp.status_code} "
                        f"{resp.text[:200]!r}: not our qBittorrent (port taken?) or wrong credentials."
                        f"\n{self.log_tail()}"
                    )
                if time.monotonic() > deadline:
                    raise QBittorrentError(
                        f"{self.name}: qbittorrent-nox (pid {self.pid}) did not answer on {self.url} within "
                        f"{self.start_timeout:.0f} s (last: {last_error}).\n{self.log_tail()}"
                    )
                time.sleep(0.05)

    def stop(self) -> int | None:
        """SIGTERM our PID, then SIGKILL it after ``stop_timeout``. Returns the exit code (None if not started)."""
        proc, self._proc = self._proc, None
        _LIVE.discard(self)
        if proc is None:
            return None
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=self.stop_timeout)
        # Keep the PID visible for post-mortem messages.
        self._last_pid = proc.pid
        return proc.returncode

    def restart(self) -> Self:
        self.stop()
        return self.start()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the process output and of qBittorrent's own log, for error messages."""
        parts = []
        for label, path in (
            ("stdout/stderr", self.log_path),
            ("qbittorrent.log", self.profile_dir / "qBittorrent" / "data" / "logs" / "qbittorrent.log"),
        ):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            tail = "\n".join(text.splitlines()[-lines:])
            parts.append(f"--- {label} ({path}) ---\n{tail or '(empty)'}")
        return "\n".join(parts) or f"(no log in {self.profile_dir})"

    # -- API ---------------------------------------------------------------------------------------------

    def client(self, timeout: float = 15.0) -> qbittorrentapi.Client:
        """A logged-in ``qbittorrentapi.Client`` for this instance."""
        import qbittorrentapi

        if not self.running:
            raise QBittorrentError(f"{self.name} at {self.url} is not running; call start() first")
        client = qbittorrentapi.Client(
            host=self.url,
            username=self.username,
            password=self.password,
            REQUESTS_ARGS={"timeout": timeout},
            DISABLE_LOGGING_DEBUG_OUTPUT=True,
        )
        try:
            client.auth_log_in()
        except qbittorrentapi.APIError as exc:
            raise QBittorrentError(f"{self.name}: login to {self.url} failed: {exc}") from exc
        return client

    def add_seed(
        self,
        torrent_path: Path | str,
        save_dir: Path | str,
        *,
        category: str | None = None,
        timeout: float = 30.0,
    ) -> str:
        """Add a .torrent whose data already sits in ``save_dir``; wait until it is complete and seeding.

        Returns the infohash (lower-case hex v1).
        """
        import torf

        torrent_path = Path(torrent_path)
        infohash = str(torf.Torrent.read(str(torrent_path)).infohash).lower()
        client = self.client()
        answer = client.torrents_add(
            torrent_files=str(torrent_path),
            save_path=str(Path(save_dir).resolve()),
            use_auto_torrent_management=False,
            is_paused=False,
            category=category,
        )
        if answer != "Ok." and not client.torrents_info(torrent_hashes=infohash):
            raise QBittorrentError(f"{self.name} at {self.url} refused {torrent_path.name}: {answer!r}")
        wait_for_complete(client, infohash, timeout=timeout, what=f"seed on {self.name} ({self.url})")
        return infohash


def wait_for_complete(
    client: qbittorrentapi.Client, infohash: str, *, timeout: float = 60.0, what: str = "torrent"
) -> dict[str, object]:
    """Poll until the torrent has progress 1 and a completed state; return its ``torrents/info`` entry.

    Raises :class:`QBittorrentError` with the last seen state on timeout or on an error state.
    """
    deadline = time.monotonic() + timeout
    last: dict[str, object] | None = None
    while True:
        found = client.torrents_info(torrent_hashes=infohash)
        if found:
            last = dict(found[0])
            state = str(last.get("state"))
            if float(last.get("progress", 0.0)) >= 1.0 and state in COMPLETE_STATES:  # type: ignore[arg-type]
                return last
            if state in ERROR_STATES:
                raise QBittorrentError(f"{what} {infohash} went to state {state!r}: {_summary(last)}")
        if time.monotonic() > deadline:
            seen = _summary(last) if last else "never listed by torrents/info"
            raise QBittorrentError(f"{what} {infohash} not complete after {timeout:.0f} s: {seen}")
        time.sleep(0.1)


def _summary(info: dict[str, object]) -> str:
    keys = ("name", "state", "progress", "num_seeds", "save_path", "content_path")
    return ", ".join(f"{k}={info.get(k)!r}" for k in keys)


@atexit.register
def _stop_leftovers() -> None:
    """Safety net: stop any instance a caller forgot, by its own PID."""
    for proc in list(_LIVE):
        with contextlib.suppress(Exception):
            proc.stop()
