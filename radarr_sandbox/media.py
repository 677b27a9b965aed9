"""Small, real movie files made with ffmpeg (testsrc2 video + a sine tone), cached by parameters.

``make_movie_file(path)`` encodes once per distinct parameter set into a cache dir and then copies (or
hardlinks, ``link=True``) the cached file to ``path``. Copy is the default so a test that checks
``st_nlink`` or edits the file never sees or harms the cache.

The cache dir is ``$RADARR_SANDBOX_MEDIA_CACHE`` if set, else ``<tmp>/radarr-sandbox-media-<uid>``; pass
``cache=MediaCache(dir)`` for another one, or ``cache=None`` to always encode.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

VideoCodec = Literal["h264", "hevc"]
AudioCodec = Literal["aac", "ac3", "eac3"]

_HDR10_X265 = (
    "log-level=error:hdr10=1:repeat-headers=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:"
    "master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400"
)


class MediaError(RuntimeError):
    """ffmpeg is missing or failed; the message carries its stderr."""


@dataclass(frozen=True)
class MovieSpec:
    """Everything that determines the bytes of a generated movie file."""

    seconds: float = 3
    size: str = "1280x720"
    rate: int = 24
    video_codec: VideoCodec = "h264"
    video_bitrate: str | None = None  # e.g. "2M"; None = encoder default (CRF), smallest files
    hdr10: bool = False  # hevc only: 10-bit BT.2020 PQ with mastering-display metadata
    audio_codec: AudioCodec = "aac"
    audio_channels: int = 2
    audio_language: str = "eng"
    tone_hz: int = 440  # change it to get different bytes with otherwise equal parameters
    container: str = "mkv"

    def key(self) -> str:
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def ffmpeg_args(self, output: Path) -> list[str]:
        if self.hdr10 and self.video_codec != "hevc":
            raise ValueError("hdr10=True needs video_codec='hevc'")
        args = [
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size={self.size}:rate={self.rate}",
            "-f", "lavfi", "-i", f"sine=frequency={self.tone_hz}:sample_rate=48000",
            "-t", str(self.seconds), "-map", "0:v", "-map", "1:a",
        ]  # fmt: skip
        if self.video_codec == "h264":
            args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        else:
            args += ["-c:v", "libx265", "-preset", "ultrafast"]
            if self.hdr10:
                args += ["-pix_fmt", "yuv420p10le", "-x265-params", _HDR10_X265]
                args += ["-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc"]
            else:
                args += ["-pix_fmt", "yuv420p", "-x265-params", "log-level=error"]
        if self.video_bitrate:
            args += ["-b:v", self.video_bitrate]
        args += ["-c:a", self.audio_codec, "-ac", str(self.audio_channels)]
        args += ["-metadata:s:a:0", f"language={self.audio_language}", "-f", _muxer(self.container)]
        return [*args, str(output)]


def _muxer(container: str) -> str:
    return {"mkv": "matroska", "mp4": "mp4", "avi": "avi", "m2ts": "mpegts", "ts": "mpegts"}.get(container, container)


def ffmpeg_binary() -> str:
    binary = shutil.which("ffmpeg")
    if binary is None:
        raise MediaError("ffmpeg not found on PATH (Debian: apt-get install --no-install-recommends ffmpeg)")
    return binary


def encode(spec: MovieSpec, output: Path | str, timeout: float = 120.0) -> Path:
    """Run ffmpeg for ``spec`` into ``output`` (no cache)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    cmd = [ffmpeg_binary(), *spec.ffmpeg_args(output)]
    try:
        result = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise MediaError(f"ffmpeg did not finish {output.name} within {timeout:.0f} s") from exc
    if result.returncode != 0 or not output.exists():
        stderr = result.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise MediaError(f"ffmpeg failed (rc {result.returncode}) making {output}: {stderr}")
    return output


class MediaCache:
    """Encoded files keyed by :meth:`MovieSpec.key`; safe across threads and processes (atomic rename)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, spec: MovieSpec) -> Path:
        """Return the cached file for ``spec``, encoding it first if needed."""
        target = self.root / f"{spec.key()}.{spec.container}"
        if target.exists():
            return target
        with self._guard:
            lock = self._locks.setdefault(spec.key(), threading.Lock())
        with lock:
            if target.exists():
                return target
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".encoding-", suffix=f".{spec.container}", dir=self.root)
            os.close(fd)
            try:
                encode(spec, tmp_name)
                os.replace(tmp_name, target)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp_name)
        return target


def default_cache_dir() -> Path:
    env = os.environ.get("RADARR_SANDBOX_MEDIA_CACHE")
    if env:
        return Path(env)
    return Path(tempfile.gettempdir()) / f"radarr-sandbox-media-{os.getuid()}"


_default_cache: MediaCache | None = None


def default_cache() -> MediaCache:
    global _default_cache
    if _default_cache is None:
        _default_cache = MediaCache(default_cache_dir())
    return _default_cache


def make_movie_file(
    path: Path | str,
    seconds: float = 3,
    size: str = "1280x720",
    *,
    video_codec: VideoCodec = "h264",
    video_bitrate: str | None = None,
    hdr10: bool = False,
    audio_codec: AudioCodec = "aac",
    audio_channels: int = 2,
    audio_language: str = "eng",
    tone_hz: int = 440,
    rate: int = 24,
    cache: MediaCache | Literal["default"] | None = "default",
    link: bool = False,
) -> Path:
    """Make a small real movie at ``path`` (container from its suffix, default mkv) and return ``path``.

    3 s of 720p H.264 + AAC stereo is well under 1 MB and takes well under a second; a cache hit is a copy.
    ``link=True`` hardlinks from the cache instead (falls back to a copy across filesystems).
    """
    path = Path(path)
    container = path.suffix.lstrip(".").lower() or "mkv"
    spec = MovieSpec(
        seconds=seconds,
        size=size,
        rate=rate,
        video_codec=video_codec,
        video_bitrate=video_bitrate,
        hdr10=hdr10,
        audio_codec=audio_codec,
        audio_channels=audio_channels,
        audio_language=audio_language,
        tone_hz=tone_hz,
        container=container,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    store = default_cache() if cache == "default" else cache
    if store is None:
        return encode(spec, path)
    cached = store.get(spec)
    if path.exists():
        path.unlink()
    if link:
        try:
            os.link(cached, path)
            return path
        except OSError:
            pass
    shutil.copyfile(cached, path)
    return path
