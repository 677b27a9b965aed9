"""Radarr's MediaInfoFormatter rules: raw MediaInfo fields become the values naming tokens show.

``video_codec`` gives x264 / x265 / h264 / h265 / AV1 / VC1 / MPEG2 / XviD / DivX..., ``audio_codec`` gives
AAC / HE-AAC / AC3 / EAC3 / EAC3 Atmos / DTS / DTS-ES / DTS-HD HRA / DTS-HD MA / DTS-X / TrueHD /
TrueHD Atmos / FLAC / PCM / Opus / MP3..., ``audio_channels`` 2.0 / 5.1 / 7.1 from the channel layout, and
``dynamic_range_type`` DV / DV HDR10 / DV HLG / DV SDR / HDR10 / HDR10Plus / HLG / PQ (empty for SDR).
"""

from __future__ import annotations

import re

from radarr_pipeline.mediainfo.model import AudioStream, RawMediaInfo
from radarr_pipeline.naming import MediaInfoFacts

_EXTENSION = re.compile(r"\.[a-z0-9]{2,4}$", re.IGNORECASE)


def scene_name_match(scene_name: str | None, *tokens: str) -> str:
    """Radarr's GetSceneNameMatch: the first token the release name contains, else the last token."""
    name = _EXTENSION.sub("", (scene_name or "").replace("\\", "/").rpartition("/")[2]).lower()
    for token in tokens:
        if token and token.lower() in name:
            return token
    return tokens[-1]


def video_codec(mi: RawMediaInfo, scene_name: str | None = None) -> str:
    fmt, codec_id, library = mi.video_format.strip(), mi.video_codec_id, mi.video_codec_library.lower()
    if not fmt:
        return ""
    upper = fmt.upper()
    if "X264" in upper:
        return "x264"
    if upper in ("AVC", "V.264"):
        return "x264" if library.startswith("x264") else scene_name_match(scene_name, "AVC", "x264", "h264")
    if upper in ("HEVC", "V_MPEGH/ISO/HEVC"):
        return "x265" if library.startswith("x265") else scene_name_match(scene_name, "HEVC", "x265", "h265")
    if upper == "MPEG VIDEO":
        return "MPEG2" if codec_id in ("2", "V_MPEG2") or not codec_id else "MPEG"
    if upper == "MPEG-2 VIDEO":
        return "MPEG2"
    if upper in ("MPEG-4 VISUAL", "MP4V"):
        cid = codec_id.upper()
        if "XVID" in cid or library.startswith("xvid"):
            return "XviD"
        if any(tag in cid for tag in ("DIV3", "DIVX", "DX50")) or library.startswith("divx"):
            return "DivX"
        return scene_name_match(scene_name, "XviD", "DivX", "")
    if upper == "VC-1":
        return "VC1"
    if upper == "AV1":
        return "AV1"
    if upper in ("VP6", "VP7", "VP8", "VP9"):
        return upper
    if upper in ("WMV1", "WMV2", "WMV3"):
        return "WMV"
    if upper in ("DIVX", "DIV3"):
        return "DivX"
    return fmt


def _dts(features: str) -> str:
    if "XLL X" in features or features.endswith(" X") or features == "X":
        return "DTS-X"
    if "XLL" in features:
        return "DTS-HD MA"
    if "XBR" in features:
        return "DTS-HD HRA"
    if "ES" in features.split():
        return "DTS-ES"
    return "DTS"


def audio_codec(stream: AudioStream | None, scene_name: str | None = None) -> str:
    if stream is None or not stream.format:
        return ""
    fmt, features, codec_id = stream.format.upper(), stream.additional_features.upper(), stream.codec_id.upper()
    if codec_id == "THD+":
        return "TrueHD Atmos"
    if fmt in ("AC-3", "AC3"):
        return "AC3"
    if fmt in ("E-AC-3", "EAC3"):
        return "EAC3 Atmos" if "JOC" in features or "ATMOS" in stream.profile.upper() else "EAC3"
    if fmt == "AAC":
        return "HE-AAC" if "SBR" in codec_id or "HE-AAC" in stream.profile.upper() else "AAC"
    if fmt == "DTS":
        return _dts(features or stream.profile.upper())
    if fmt in ("MLP FBA", "TRUEHD"):
        return "TrueHD Atmos" if "16-CH" in features or "ATMOS" in stream.profile.upper() else "TrueHD"
    if fmt == "MPEG AUDIO":
        layer = stream.profile.upper()
        return "MP3" if "3" in layer else "MP2" if "2" in layer else scene_name_match(scene_name, "MP3", "MP2", "")
    simple = {"ALAC": "ALAC", "FLAC": "FLAC", "OPUS": "Opus", "PCM": "PCM", "VORBIS": "Vorbis", "WMA": "WMA"}
    return simple.get(fmt, stream.format)


def audio_channels(stream: AudioStream | None) -> float:
    """5.1 from 'L R C LFE Ls Rs': every LFE counts 0.1, every other position 1; else the channel count."""
    if stream is None:
        return 0.0
    layout = stream.channel_layout.split()
    if layout:
        lfe = sum(1 for position in layout if position.upper().startswith("LFE"))
        return round(len(layout) - lfe + lfe / 10, 1)
    positions = stream.channel_positions
    if re.fullmatch(r"\d+/\d+(?:/\d+)?(?:\.\d)?", positions.strip()):  # "3/2/0.1"
        return round(sum(float(part) for part in positions.split("/")), 1)
    return float(stream.channels)


def dynamic_range_type(mi: RawMediaInfo) -> str:
    """Radarr's HdrFormat from MediaInfo's HDR_Format, its compatibility, transfer and primaries."""
    if mi.bit_depth and mi.bit_depth < 10:
        return ""
    hdr, compat = mi.hdr_format.upper(), mi.hdr_format_compatibility.upper()
    transfer, primaries = mi.transfer_characteristics.upper(), mi.color_primaries.upper()
    plus = "2094" in hdr or "HDR10+" in hdr or "HDR10+" in compat
    if "DOLBY VISION" in hdr:
        if plus:
            return "DV HDR10Plus"
        if "HDR10" in compat or "2086" in hdr:
            return "DV HDR10"
        if "HLG" in compat or "HLG" in transfer:
            return "DV HLG"
        if "SDR" in compat:
            return "DV SDR"
        return "DV"
    if plus:
        return "HDR10Plus"
    if "2086" in hdr or "HDR10" in compat:
        return "HDR10"
    if "HLG" in transfer:
        return "HLG"
    if "PQ" in transfer or "2084" in transfer:
        return "PQ" if "2020" in primaries or not primaries else ""
    return ""


def resolution_from_dimensions(width: int, height: int) -> int:
    """Radarr's AugmentQualityFromMediaInfo: 0 when unknown, else 2160 / 1080 / 720 / 576 / 480."""
    if width <= 0 or height <= 0:
        return 0
    if width >= 3200 or height >= 2100:
        return 2160
    if width >= 1800 or height >= 1000:
        return 1080
    if width >= 1200 or height >= 700:
        return 720
    if width >= 1000 or height >= 560:
        return 576
    return 480


def media_info_facts(mi: RawMediaInfo, scene_name: str | None = None) -> MediaInfoFacts:
    """What the naming tokens read ({MediaInfo VideoCodec}, {MediaInfo AudioChannels}, ...)."""
    first_audio = mi.audio[0] if mi.audio else None
    hdr_type = dynamic_range_type(mi)
    return MediaInfoFacts(
        video_codec=video_codec(mi, scene_name) or None,
        video_bit_depth=mi.bit_depth,
        video_dynamic_range="HDR" if hdr_type else "",
        video_dynamic_range_type=hdr_type,
        audio_codec=audio_codec(first_audio, scene_name) or None,
        audio_channels=audio_channels(first_audio),
        audio_languages=tuple(stream.language for stream in mi.audio if stream.language),
        subtitle_languages=mi.subtitle_languages,
        is_3d=mi.multiview_count > 1,
    )
