"""The scene fast path's memos: a remembered answer must never be handed to a name it does not fit.

Each pair below shares every key part of one memo but one reading its key or its gate must tell apart; the
two names are parsed one after the other, in both orders, from an empty memo, and each must still give
the full parser's result (a key or gate made too coarse hands the first name's answer to the second).
"""

from __future__ import annotations

import pytest

from radarr_pipeline.parsing import scene_fast_path as scene

from .test_scene_fast_path import _assert_same

# (first, second): the same table readings (source, resolution, revision) and the same hardcoded
# subtitles, but a title read only the full quality step sees (``_title_reads_nothing``), or a key part.
_QUALITY_PAIRS = (
    # Blu-ray: remux, XviD/DivX, a disc image (BluRay + AVC), no source but a resolution with remux
    ("Movie.2019.1080p.BluRay-GRP", "Movie.2019.1080p.BluRay.REMUX-GRP"),
    ("Movie.2019.1080p.BluRay-GRP", "Movie.2019.1080p.BluRay.XviD-GRP"),
    ("Movie.2019.1080p.BluRay-GRP", "Movie.2019.1080p.BluRay.DivX-GRP"),
    ("Movie.2019.BluRay-GRP", "Movie.2019.BluRay.AVC-GRP"),
    ("Movie.2019.1080p-GRP", "Movie.2019.1080p.REMUX-GRP"),
    # PDTV-like sources read "1080p" / "720p" anywhere, beyond the first resolution
    ("Movie.2019.720p.PDTV-GRP", "Movie.2019.720p.1080p.PDTV-GRP"),
    ("Movie.2019.DSR-GRP", "Movie.2019.720p.DSR-GRP"),
    # HDTV with MPEG-2 is Raw-HD
    ("Movie.2019.HDTV-GRP", "Movie.2019.HDTV.MPEG2-GRP"),
    # no source word: AnimeBlurayRegex in the group, GermanRemuxRegex through a group holding "Bluray",
    # the extension's source
    ("Movie.2019.1080p-GRP", "Movie.2019.1080p-XBD1080"),
    ("Movie.2019.GERMAN.1080p.AVC-GRP", "Movie.2019.GERMAN.1080p.AVC-XBLURAY"),
    ("Movie.2019.1080p-GRP", "Movie.2019.1080p-GRP.m2ts"),
    ("Movie.2019.1080p-GRP.mkv", "Movie.2019.1080p-GRP.iso"),
    # no source word and no resolution: CODEC's x264 means SDTV, a frame size, else the extension
    ("Movie.2019.AAC-GRP", "Movie.2019.AAC.x264-GRP"),
    ("Movie.2019.AAC-GRP", "Movie.2019.AAC-GRP.mkv"),
    ("Movie.2019.AAC-GRP", "Movie.2019.AAC-X1280x720"),
    # Blu-ray: the same readings, the disc image or codec or remux decided first
    ("Movie.2019.BluRay.AVC-GRP", "Movie.2019.BluRay.AVC.x264-GRP"),
    ("Movie.2019.1080p.BluRay.XviD-GRP", "Movie.2019.1080p.BluRay.x264-GRP"),
    # key parts: hardcoded subtitles, revision readings, resolution, UHD
    ("Movie.2019.1080p.WEB-DL-GRP", "Movie.2019.KORSUB.1080p.WEB-DL-GRP"),
    ("Movie.2019.1080p.WEB-DL-GRP", "Movie.2019.HC.1080p.WEB-DL-GRP"),
    ("Movie.2019.PROPER.1080p.WEB-DL-GRP", "Movie.2019.REPACK.1080p.WEB-DL-GRP"),
    ("Movie.2019.1080p.WEB-DL-GRP", "Movie.2019.REAL.1080p.WEB-DL-GRP"),
    ("Movie.2019.REPACK.1080p.WEB-DL-GRP", "Movie.2019.REPACK2.1080p.WEB-DL-GRP"),
    ("Movie.2019.720p.WEB-DL-GRP", "Movie.2019.1080p.WEB-DL-GRP"),
    ("Movie.2019.WEB-DL-GRP", "Movie.2019.UHD.WEB-DL-GRP"),
)

# Title words that differ only where the memo of title facts (refusal, movie titles) must see it.
_TITLE_PAIRS = (
    ("The.Movie.2019.1080p.BluRay.x264-GRP", "THE.MOVIE.2019.1080p.BluRay.x264-GRP"),
    ("Dr.No.1962.1080p.BluRay.x264-GRP", "Dr.Nox.1962.1080p.BluRay.x264-GRP"),
    ("The.Aka.Movie.2019.1080p.BluRay.x264-GRP", "The.Akas.Movie.2019.1080p.BluRay.x264-GRP"),
)


def _clear_memos() -> None:
    scene._QUALITIES.clear()
    scene._title_facts.cache_clear()


@pytest.mark.parametrize(("first", "second"), _QUALITY_PAIRS + _TITLE_PAIRS)
def test_a_remembered_answer_fits_only_its_own_names(first: str, second: str) -> None:
    for one, other in ((first, second), (second, first)):
        _clear_memos()
        assert _assert_same(one), one  # both must take the fast path, or the memo is not exercised
        assert _assert_same(other), other
