"""Radarr's MediaInfoFormatter rules on raw fields, and on files ffmpeg made and MediaInfo read."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest

from radarr_pipeline.mediainfo import (
    RawMediaInfo,
    audio_channels,
    audio_codec,
    dynamic_range_type,
    media_info_facts,
    read_media_info,
    resolution_from_dimensions,
    video_codec,
)
from radarr_pipeline.mediainfo.model import AudioStream


@pytest.mark.parametrize(("fmt", "library", "scene", "expected"), [
    ("AVC", "x264", None, "x264"),
    ("AVC", "", "Movie.2008.1080p.WEB-DL.H264-GRP", "h264"),
    ("AVC", "", "Movie.2008.1080p.BluRay.AVC-GRP", "AVC"),
    ("HEVC", "x265", None, "x265"),
    ("HEVC", "", "Movie.2019.2160p.WEB-DL.h265-GRP", "h265"),
    ("AV1", "", None, "AV1"),
    ("VC-1", "", None, "VC1"),
    ("MPEG-4 Visual", "XviD", None, "XviD"),
])
def test_video_codec(fmt: str, library: str, scene: str | None, expected: str) -> None:
    assert video_codec(RawMediaInfo(video_format=fmt, video_codec_library=library), scene) == expected


@pytest.mark.parametrize(("stream", "expected"), [
    (AudioStream(format="AAC"), "AAC"),
    (AudioStream(format="AAC", codec_id="A_AAC/MPEG4/LC/SBR"), "HE-AAC"),
    (AudioStream(format="AC-3"), "AC3"),
    (AudioStream(format="E-AC-3", additional_features="JOC"), "EAC3 Atmos"),
    (AudioStream(format="DTS", additional_features="XLL"), "DTS-HD MA"),
    (AudioStream(format="DTS", additional_features="XLL X"), "DTS-X"),
    (AudioStream(format="MLP FBA", additional_features="16-ch"), "TrueHD Atmos"),
    (AudioStream(format="MLP FBA"), "TrueHD"),
    (AudioStream(format="FLAC"), "FLAC"),
])
def test_audio_codec(stream: AudioStream, expected: str) -> None:
    assert audio_codec(stream) == expected


def test_channels_hdr_and_resolution() -> None:
    assert audio_channels(AudioStream(channel_layout="L R C LFE Ls Rs Lb Rb")) == 7.1
    assert audio_channels(AudioStream(channels=2)) == 2.0
    hdr = dict(bit_depth=10, transfer_characteristics="PQ", color_primaries="BT.2020")
    assert dynamic_range_type(RawMediaInfo(**hdr, hdr_format="SMPTE ST 2086", hdr_format_compatibility="HDR10")) \
        == "HDR10"
    assert dynamic_range_type(RawMediaInfo(**hdr, hdr_format="Dolby Vision / SMPTE ST 2086",
                                           hdr_format_compatibility="HDR10")) == "DV HDR10"
    assert dynamic_range_type(RawMediaInfo(**hdr, hdr_format="SMPTE ST 2094 App 4")) == "HDR10Plus"
    assert dynamic_range_type(RawMediaInfo(bit_depth=10, transfer_characteristics="HLG")) == "HLG"
    assert dynamic_range_type(RawMediaInfo(**hdr)) == "PQ"
    assert dynamic_range_type(RawMediaInfo(bit_depth=8, transfer_characteristics="PQ")) == ""
    assert [resolution_from_dimensions(w, h) for w, h in [(3840, 1600), (1920, 800), (1280, 536), (720, 576),
                                                          (640, 480), (0, 0)]] == [2160, 1080, 720, 576, 480, 0]


def test_real_files(tmp_path: Path, make_movie: Callable[..., Path]) -> None:
    hd = read_media_info(make_movie(tmp_path / "a.mkv", 1, "1920x1080", audio_channels=6, audio_language="ger"))
    facts = media_info_facts(hd)
    assert (hd.width, hd.height, facts.video_codec, facts.audio_codec, facts.audio_channels) == \
        (1920, 1080, "x264", "AAC", 5.1)
    assert facts.audio_languages == ("deu",) and 0.9 < hd.runtime_seconds < 1.2
    assert RawMediaInfo.from_json(hd.to_json()) == hd
    assert hd.to_json() == json.dumps(asdict(hd), separators=(",", ":"))  # the cache's format, unchanged
    uhd = read_media_info(make_movie(tmp_path / "b.mkv", 1, "3840x2160", video_codec="hevc", hdr10=True,
                                     audio_codec="eac3", audio_channels=6))
    facts = media_info_facts(uhd)
    assert (facts.video_codec, facts.video_dynamic_range_type, facts.video_bit_depth, facts.audio_codec) == \
        ("x265", "HDR10", 10, "EAC3")
    junk = tmp_path / "junk.mkv"
    junk.write_bytes(b"\0" * 1024)
    assert not read_media_info(junk).has_video


def test_template_read_is_the_xml_read(tmp_path: Path, make_movie: Callable[..., Path]) -> None:
    """The text-template read, quick (ParseSpeed 0) with Radarr's deeper second read when it looks short, gives
    exactly what pymediainfo's XML gives at the former single depth (0.5), field by field, on files ffmpeg made
    (codecs, HDR, channels, languages, containers) and on a file MediaInfo does not recognise."""
    from radarr_pipeline.mediainfo.reader import _parse_xml

    junk = tmp_path / "junk.mkv"
    junk.write_bytes(b"\0" * 1024)
    files = [
        make_movie(tmp_path / "a.mkv", 1, "1920x1080", audio_channels=6, audio_language="ger"),
        make_movie(tmp_path / "b.mkv", 1, "3840x2160", video_codec="hevc", hdr10=True, audio_codec="eac3",
                   audio_channels=6),
        make_movie(tmp_path / "c.mp4", 1, "1280x720", audio_codec="ac3", audio_language="fre"),
        make_movie(tmp_path / "d.mkv", 1, "720x576", audio_channels=1, audio_language="jpn"),
        make_movie(tmp_path / "e.ts", 1, "1280x720", video_codec="hevc", audio_codec="ac3", audio_channels=6),
        make_movie(tmp_path / "f.mp4", 1, "3840x2160", video_codec="hevc", hdr10=True, audio_codec="eac3",
                   audio_channels=6),
        junk,
    ]
    for path in files:
        assert read_media_info(path) == _parse_xml(path), path.name


@pytest.mark.parametrize(("info", "deeper"), [
    (RawMediaInfo(container="Matroska", runtime_seconds=5400.0), False),
    (RawMediaInfo(container="Matroska"), True),  # a recognised container without a runtime
    (RawMediaInfo(), False),  # nothing recognised: a deeper read finds nothing more
    (RawMediaInfo(container="Matroska", runtime_seconds=1.0,
                  audio=(AudioStream(format="DTS", channels=6),)), True),  # channels without positions
    (RawMediaInfo(container="Matroska", runtime_seconds=1.0,
                  audio=(AudioStream(format="DTS", channels=6, channel_positions="Front: L C R"),)), False),
    (RawMediaInfo(container="Matroska", runtime_seconds=1.0, audio=(AudioStream(format="AAC", channels=2),)), False),
])
def test_needs_deeper_read(info: RawMediaInfo, deeper: bool) -> None:
    from radarr_pipeline.mediainfo.reader import needs_deeper_read

    assert needs_deeper_read(info) is deeper
