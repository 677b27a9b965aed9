"""MediaInfo: read a video file's streams (pymediainfo) and show them the way Radarr does."""

from radarr_pipeline.mediainfo.formatter import (
    audio_channels,
    audio_codec,
    dynamic_range_type,
    media_info_facts,
    resolution_from_dimensions,
    video_codec,
)
from radarr_pipeline.mediainfo.model import RawMediaInfo
from radarr_pipeline.mediainfo.reader import MediaInfoError, read_many, read_media_info

__all__ = [
    "MediaInfoError",
    "RawMediaInfo",
    "audio_channels",
    "audio_codec",
    "dynamic_range_type",
    "media_info_facts",
    "read_many",
    "read_media_info",
    "resolution_from_dimensions",
    "video_codec",
]
