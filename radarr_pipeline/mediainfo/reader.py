"""Reading a file's streams with pymediainfo (its wheel bundles libmediainfo)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from radarr_pipeline.mediainfo.model import AudioStream, RawMediaInfo


class MediaInfoError(OSError):
    """The file could not be read by MediaInfo; the message says why."""


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _int(value: Any) -> int:
    try:
        return int(float(str(value).split("/")[0].strip()))
    except (TypeError, ValueError):
        return 0


def _language(track: Any) -> str:
    """The three-letter code when MediaInfo knows it ('eng'), else what the container says ('en')."""
    for other in getattr(track, "other_language", None) or ():
        if isinstance(other, str) and len(other) == 3 and other.isalpha() and other.islower():
            return other
    return _text(getattr(track, "language", None))


def _audio(track: Any) -> AudioStream:
    return AudioStream(
        format=_text(track.format),
        codec_id=_text(track.codec_id),
        profile=_text(track.format_profile),
        additional_features=_text(getattr(track, "format_additionalfeatures", None)),
        channels=_int(track.channel_s),
        channel_layout=_text(track.channel_layout),
        channel_positions=_text(track.channel_positions),
        language=_language(track),
    )


def from_tracks(general: Any, video: Any, audio: list[Any], text: list[Any]) -> RawMediaInfo:
    duration_ms = _int(getattr(general, "duration", None)) if general is not None else 0
    if not duration_ms and video is not None:
        duration_ms = _int(video.duration)
    fields: dict[str, Any] = {
        "container": _text(general.format) if general is not None else "",
        "runtime_seconds": duration_ms / 1000.0,
        "audio": tuple(_audio(track) for track in audio),
        "subtitle_languages": tuple(lang for lang in (_language(t) for t in text) if lang),
    }
    if video is not None:
        fields |= {
            "video_format": _text(video.format),
            "video_codec_id": _text(video.codec_id),
            "video_profile": _text(video.format_profile),
            "video_codec_library": _text(video.encoded_library_name) or _text(video.writing_library),
            "width": _int(video.width),
            "height": _int(video.height),
            "bit_depth": _int(video.bit_depth),
            "hdr_format": _text(video.hdr_format),
            "hdr_format_compatibility": _text(video.hdr_format_compatibility),
            "transfer_characteristics": _text(video.transfer_characteristics),
            "color_primaries": _text(video.color_primaries),
            "multiview_count": _int(getattr(video, "multiview_count", None)),
        }
    return RawMediaInfo(**fields)


_local = threading.local()
# ReadByHuman 0: no human-readable strings made for every field of every stream at the end of a read (about
# half of a quick read of a small mkv); the template's fields, its /String languages included, come out the same.
_OPTIONS = (("CharSet", "UTF-8"), ("Complete", "1"), ("LegacyStreamDisplay", ""), ("Cover_Data", ""),
            ("ReadByHuman", "0"))

# How much of a file MediaInfo parses. Radarr (while it read MediaInfo, before FFProbe) read at 0 and again
# deeper when that read looked short: no runtime, or an audio stream of more than two channels without their
# positions (DTS in Matroska); .ts files always deeper. A read at 0 stops each Matroska stream after 3 packets
# instead of hundreds (a 1080p mkv: about 4 ms instead of 12 to 45), with the same fields on every file ffmpeg
# makes here. The deeper read is this reader's former depth, pymediainfo's default.
QUICK_PARSE_SPEED = "0"
DEEP_PARSE_SPEED = "0.5"
_DEEP_SUFFIXES = (".ts", ".m2ts")
# ParseSpeed is one value for the whole library (not per handle): a read sets it and reads under this lock
# (libmediainfo serialises reads in a process anyway).
_speed_lock = threading.Lock()

# Only the fields ``from_tracks`` reads, as MediaInfo prints them for its XML (the first, raw value of each
# element), asked for with a text template: no XML to write and parse (about half a small file's read).
# Languages come with the alternative spellings ``_language`` looks through (Language/String to /String4,
# in the order the XML lists them). Fields end with \x1f, streams with \x1e.
_LANGUAGES = ("Language", "Language/String", "Language/String1", "Language/String2", "Language/String3",
              "Language/String4")
_TEMPLATE_FIELDS = {
    "General": ("Format", "Duration"),
    "Video": ("Format", "CodecID", "Format_Profile", "Encoded_Library_Name", "Encoded_Library", "Width", "Height",
              "BitDepth", "HDR_Format", "HDR_Format_Compatibility", "transfer_characteristics", "colour_primaries",
              "MultiView_Count", "Duration"),
    "Audio": ("Format", "CodecID", "Format_Profile", "Format_AdditionalFeatures", "Channel(s)", "ChannelLayout",
              "ChannelPositions", *_LANGUAGES),
    "Text": _LANGUAGES,
}
_TEMPLATE = "\r\n".join(
    f"{kind};{kind}\x1f" + "".join(f"%{name}%\x1f" for name in names) + "\x1e"
    for kind, names in _TEMPLATE_FIELDS.items()
)


class _Stream:
    """One stream of a template read, with the attributes ``from_tracks`` asks pymediainfo's tracks for."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> str | list[str] | None:
        if name == "other_language":
            return [self._values.get(key, "") for key in _LANGUAGES[1:]]
        return self._values.get(name) or None


_ATTRIBUTES = {"CodecID": "codec_id", "Encoded_Library": "writing_library", "BitDepth": "bit_depth",
               "colour_primaries": "color_primaries", "Channel(s)": "channel_s", "ChannelLayout": "channel_layout",
               "ChannelPositions": "channel_positions"}


def _streams(text: str) -> dict[str, list[_Stream]]:
    streams: dict[str, list[_Stream]] = {kind: [] for kind in _TEMPLATE_FIELDS}
    for record in text.split("\x1e"):
        kind, _, rest = record.strip("\r\n").partition("\x1f")
        names = _TEMPLATE_FIELDS.get(kind)
        if names is None:
            continue
        values = rest.split("\x1f")
        streams[kind].append(_Stream({
            name if name in _LANGUAGES else _ATTRIBUTES.get(name, name.lower()): value
            for name, value in zip(names, values, strict=False)
        }))
    return streams


def _handle() -> tuple[Any, Any] | None:
    """This thread's libmediainfo handle, set up once with the options pymediainfo's ``parse`` sets on every
    call (its per-call library load and handle cost about a fifth of a small file's read) and the template.
    None when that cannot be done with this pymediainfo: reads then go through ``MediaInfo.parse``."""
    if not hasattr(_local, "handle"):
        from pymediainfo import MediaInfo

        try:
            lib, handle, _text_version, version = MediaInfo._get_library()
            if version < (18, 3):
                raise OSError(f"libmediainfo {_text_version} is too old for a shared handle")
            for name, value in (*_OPTIONS, ("Inform", _TEMPLATE)):
                lib.MediaInfo_Option(handle, name, value)
            _local.handle = (lib, handle)
        except (OSError, AttributeError, ValueError, TypeError):
            _local.handle = None
    return _local.handle


def needs_deeper_read(info: RawMediaInfo) -> bool:
    """A quick read that may have stopped short (Radarr's reasons to read again): a recognised container
    without a runtime, or a first audio stream of more than two channels without their positions."""
    if info.container and info.runtime_seconds <= 0:
        return True
    return bool(info.audio) and info.audio[0].channels > 2 and not info.audio[0].channel_positions


def _parse_xml(path: Path, parse_speed: str = DEEP_PARSE_SPEED) -> RawMediaInfo:
    """The streams through pymediainfo's own ``MediaInfo.parse`` (its XML): the reference the template read
    is held to (at the deep speed, this reader's former single read), and the way when no shared handle can be
    set up."""
    from pymediainfo import MediaInfo

    with _speed_lock:
        info = MediaInfo.parse(str(path), parse_speed=float(parse_speed))
    general = info.general_tracks[0] if info.general_tracks else None
    video = info.video_tracks[0] if info.video_tracks else None
    return from_tracks(general, video, list(info.audio_tracks), list(info.text_tracks))


def _parse(path: Path) -> RawMediaInfo:
    deep = path.suffix.lower() in _DEEP_SUFFIXES
    info = _parse_at(path, DEEP_PARSE_SPEED if deep else QUICK_PARSE_SPEED)
    if not deep and needs_deeper_read(info):
        info = _parse_at(path, DEEP_PARSE_SPEED)
    return info


def _parse_at(path: Path, parse_speed: str) -> RawMediaInfo:
    shared = _handle()
    if shared is None:
        return _parse_xml(path, parse_speed)
    lib, handle = shared
    name = os.fspath(path)
    with _speed_lock:
        lib.MediaInfo_Option(handle, "ParseSpeed", parse_speed)
        if lib.MediaInfo_Open(handle, name) == 0:
            lib.MediaInfo_Close(handle)
            if not os.path.exists(name):
                raise FileNotFoundError(name)
            raise RuntimeError(f"An error occured while opening {name} with libmediainfo")
        try:
            lib.MediaInfo_Option(handle, "Inform", _TEMPLATE)  # again: a MediaInfo.parse meanwhile may have reset it
            text = lib.MediaInfo_Inform(handle, 0)
        finally:
            lib.MediaInfo_Close(handle)
    streams = _streams(text)
    general = streams["General"][0] if streams["General"] else None
    video = streams["Video"][0] if streams["Video"] else None
    return from_tracks(general, video, streams["Audio"], streams["Text"])


def read_media_info(path: Path) -> RawMediaInfo:
    """The streams of ``path``. A file MediaInfo does not recognise gives an empty result (no video)."""
    try:
        return _parse(path)
    except (OSError, RuntimeError) as exc:
        raise MediaInfoError(f"MediaInfo cannot read {path.name}: {exc}") from exc


# Below this many files, reading them all in this process beats starting reader processes.
PARALLEL_THRESHOLD = 400


def _read_or_reason(path: Path) -> RawMediaInfo | str:
    try:
        return read_media_info(path)
    except (MediaInfoError, OSError) as exc:
        return str(exc)


def _read_in_worker(paths: list[Path]) -> list[RawMediaInfo | str]:
    """Read ``paths`` in a ``radarr_pipeline.mediainfo.worker`` process; a worker that fails leaves its files
    to this process."""
    feed = "".join(json.dumps(str(path)) + "\n" for path in paths)
    try:
        done = subprocess.run([sys.executable, "-m", "radarr_pipeline.mediainfo.worker"], input=feed,
                              capture_output=True, text=True, check=True)
        lines = done.stdout.splitlines()
        if len(lines) != len(paths):
            raise ValueError(f"{len(lines)} answers for {len(paths)} files")
        answers = [json.loads(line) for line in lines]
    except (OSError, ValueError, subprocess.CalledProcessError):
        return [_read_or_reason(path) for path in paths]
    return [RawMediaInfo.from_json(a["info"]) if "info" in a else str(a["error"]) for a in answers]


def read_many(paths: Sequence[Path], *, processes: int | None = None) -> list[RawMediaInfo | str]:
    """MediaInfo of every file, in order: the result, or why it could not be read.

    libmediainfo serialises its calls inside one process (threads do not help), so a big batch is shared
    between this process and reader processes (one per other core); a small one is read here.
    """
    processes = processes or os.cpu_count() or 1
    paths = list(paths)
    if processes < 2 or len(paths) < PARALLEL_THRESHOLD:
        return [_read_or_reason(path) for path in paths]
    # This process starts at once; a worker first pays its start (a few tenths of a second): give it less.
    own = len(paths) // processes + len(paths) // (processes * 8)
    rest = paths[own:]
    size = -(-len(rest) // (processes - 1))
    parts = [rest[i:i + size] for i in range(0, len(rest), size)]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        futures = [pool.submit(_read_in_worker, part) for part in parts]
        mine = [_read_or_reason(path) for path in paths[:own]]
        return mine + [info for future in futures for info in future.result()]
