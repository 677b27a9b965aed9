"""Reading a file's streams with pymediainfo (its wheel bundles libmediainfo)."""

from __future__ import annotations

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


def read_media_info(path: Path) -> RawMediaInfo:
    """The streams of ``path``. A file MediaInfo does not recognise gives an empty result (no video)."""
    from pymediainfo import MediaInfo  # loaded on first use: libmediainfo is 15 MB

    try:
        info = MediaInfo.parse(str(path))
    except (OSError, RuntimeError) as exc:
        raise MediaInfoError(f"MediaInfo cannot read {path.name}: {exc}") from exc
    general = info.general_tracks[0] if info.general_tracks else None
    video = info.video_tracks[0] if info.video_tracks else None
    return from_tracks(general, video, list(info.audio_tracks), list(info.text_tracks))
