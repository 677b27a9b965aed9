"""The scene fast path must give exactly the full parser's result whenever it answers.

Compared on the benchmark's generated titles, on every conformance input, on random token sequences
from the fast path's own table (hypothesis), and on neighbouring pairs of table tokens.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radarr_pipeline.parsing import _sanitise, parse_release_title
from radarr_pipeline.parsing import scene_tokens as tokens
from radarr_pipeline.parsing.scene_fast_path import parse_scene_title
from radarr_pipeline.parsing.title_parser import parse_movie_title

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT / "tests" / "data" / "radarr"


def _bench():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import bench_parser
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return bench_parser


def _assert_same(title: str) -> bool:
    """Fast path and full parser agree (all fields, simple_release_title too); True if the fast path answered."""
    title = _sanitise(title)
    fast = parse_scene_title(title)
    if fast is None:
        return False
    full = parse_movie_title(title)
    assert full is not None, title
    assert fast.to_dict() == full.to_dict(), title
    return True


def test_bench_titles_agree_and_most_scene_names_take_the_fast_path() -> None:
    bench = _bench()
    titles = bench.generate_titles(20_000, seed=11)
    answered = sum(_assert_same(title) for title in titles)
    rng = random.Random(3)
    scene = [bench._scene(rng, serial) for serial in range(1, 3_001)]
    scene_answered = sum(_assert_same(title) for title in scene)
    assert answered > 0.45 * len(titles)
    assert scene_answered > 0.85 * len(scene)  # guards against the gate silently closing


def test_conformance_inputs_agree() -> None:
    paths = sorted(CONFORMANCE.glob("*.jsonl"))
    assert paths, f"conformance data missing at {CONFORMANCE}"
    answered = 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for key in ("title", "input"):
                if isinstance(record.get(key), str):
                    answered += _assert_same(record[key])
    assert answered > 0, "the fast path answered no conformance title: the comparison checked nothing"


def test_known_shapes_take_the_fast_path() -> None:
    for title in (
        "The.Dark.Knight.2008.1080p.BluRay.x264-SPARKS",
        "Heat.1995.GERMAN.DL.1080p.WEB-DL.DD5.1.x264-FLUX12.mkv",
        "Up.2009.AMZN.WEB-DL-FLUX",
        "Alien.1979.Directors.Cut.REMASTERED.2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1.Atmos-FGT",
        "Roma.2018.MULTi.REPACK.720p.HDTV.H.264-YIFY",
    ):
        assert _assert_same(title), title


def test_unsure_shapes_are_left_to_the_full_parser() -> None:
    for title in (
        "The.Movie.2019.1080p.WEB.x264-GRP",  # WEB next to a codec is one match
        "Cam.2018.1080p.BluRay.x264-GRP",  # a title word the quality patterns read (CAM)
        "Movie.2019.1080p.SomethingNew.x264-GRP",  # a token the table does not know
        "Movie 2019 1080p BluRay x264-GRP",  # spaces
        "Movie.2019.1080p.BluRay.x264-NZBGeek",  # posting noise where the group would be
        "Night.2001.Odyssey.1989.1080p.BluRay.x264-GRP",  # NORMAL takes 2001 as the year
        "Movie.12001.Night.1989.1080p.BluRay.x264-GRP",  # NORMAL takes the 2001 ending a number as the year
        "Se7en.1995.1080p.BluRay.x264-GRP",  # a word mixing letters and digits
        "Max.264.2019.1080p.BluRay.x264-GRP",  # title noise 'x.264' across the dot
        "Add.5.1.2019.1080p.BluRay.x264-GRP",  # title noise 'dd.5.1' across the dots
    ):
        assert parse_scene_title(title) is None, title
        assert parse_release_title(title) is not None


# Titles around the LanguageParser constructs ported whole: the DTS-ES guard across a separator, codes next
# to SUB, German counted twice (no DL/ML extras), the words only LanguageRegex knows.
_LANGUAGE_PORT_TITLES = (
    "Movie.2016.DTS.ES.1080p.BluRay.x264-GRP",
    "Movie.2016.DTS-ES.1080p.BluRay.x264-GRP",
    "Movie.2016.dts.ES.1080p.BluRay.x264-GRP",
    "Movie.2016.ES.DTS.1080p.BluRay.x264-GRP",
    "Movie.2016.German.DE.DL.1080p.BluRay.x264-GRP",
    "Movie.2016.GERMAN.GER.ML.1080p.BluRay.x264-GRP",
    "Movie.2016.GER.DL.1080p.BluRay.x264-GRP",
    "Movie.2016.Ger.Dub.1080p.BluRay.x264-GRP",
    "Movie.2016.SwissGerman.1080p.WEB-DL.x264-GRP",
    "Movie.2016.PL.SUB.1080p.BluRay.x264-GRP",
    "Movie.2016.SUB.PL.1080p.BluRay.x264-GRP",
    "Movie.2016.KA.1080p.WEB-DL.x264-GRP",
    "Movie.2016.Kat.Geo.1080p.WEB-DL.x264-GRP",
    "Movie.2016.Urdu.Romansh.Khalkha.1080p.WEB-DL.x264-GRP",
    "Movie.2016.Catala.Orig.1080p.WEB-DL.x264-GRP",
    "Movie.2016.SK.LT.CZ.BG.EN.1080p.WEB-DL.x264-GRP",
    "Movie.2016.TUR.SPA.1080p.WEB-DL.x264-GRP",
)


def test_language_port_titles_agree() -> None:
    for title in _LANGUAGE_PORT_TITLES:
        _assert_same(title)
        _assert_same(title + ".mkv")
        _assert_same(title.replace(".1080p", ".A.K.A.1080p"))


_TABLE = sorted(tokens.tables().tokens)
_TITLE_WORDS = (
    "The", "Movie", "Dark", "Brave", "Cam", "Web", "Real", "REAL", "Ts", "German", "Final", "Cut", "Extended",
    "Proper", "Hd", "Blu", "Ray", "Amzn", "Aka", "A", "I", "X", "Dr", "U", "N", "Raw", "Dvd", "Sub", "Kor", "Ita",
    "Fan", "Imax", "Abc", "Screamers", "Telling", "Camp", "Bride", "Ger", "Ka", "Dts", "Es", "Urdu", "Orig",
)
_GROUPS = (
    "GRP", "SPARKS12", "DL", "R5", "WEB", "YIFY", "QxR", "NZBGeek", "ES", "ENG", "v2", "1080p", "x264", "HD",
    "Ray", "Rip", "REAL", "KORSUB", "sub", "dub", "audio", "4K", "tt1234567", "A1v2", "D", "Z0N3", "12", "DON",
    "RlsGrp", "TS", "cam", "PROPER", "REPACK2", "Pre", "1", "D-Z0N3", "D-Z0N342", "EVO-xpost", "NTb-sample",
    "A-B", "GRP-DL", "X-HD", "WEB-DL", "TayTO-Rakuv02", "KiNGDOM-1", "DE", "GER", "KA", "ES", "DTS",
)
_EXTENSIONS = ("", "", ".mkv", ".mp4", ".avi", ".ts", ".iso", ".m2ts", ".nzb", ".webm", ".divx", ".wmv")


@st.composite
def _scene_names(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_TITLE_WORDS), min_size=1, max_size=4))
    year = str(draw(st.integers(1790, 2110)))
    tail = draw(st.lists(st.sampled_from(_TABLE), max_size=8))
    group = draw(st.sampled_from(_GROUPS))
    extension = draw(st.sampled_from(_EXTENSIONS))
    return ".".join([*words, year, *tail]) + "-" + group + extension


@settings(max_examples=3_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_scene_names())
def test_random_table_sequences_agree(title: str) -> None:
    _assert_same(title)


def test_sampled_token_pairs_agree() -> None:
    """A sample of every ordered pair of table tokens (the exhaustive run is too slow for the suite)."""
    rng = random.Random(5)
    for _ in range(4_000):
        left, right = rng.choice(_TABLE), rng.choice(_TABLE)
        _assert_same(f"Some.Movie.2019.{left}.{right}-GRP")
        _assert_same(f"Movie.2019.{left}.{right}.x264-Grp2.mkv")


# Tails whose quality the title itself decides beyond the table's source, resolution and revision (remux,
# German remux, disc images, XviD/DivX on Blu-ray, hardcoded subtitles, MPEG-2 on HDTV, PDTV-like sources
# with hr.ws): the fast path's quality step hands these to quality_name_model, which must read them as the
# full parser does.
_QUALITY_READING_TAILS = (
    "2160p.UHD.BluRay.REMUX.HDR.HEVC.TrueHD.7.1.Atmos", "1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1",
    "GERMAN.DL.1080p.BluRay.AVC", "German.1080p.BluRay.AVC.REMUX", "COMPLETE.BluRay.AVC", "BD50.AVC",
    "BluRay.XviD", "BluRay.DivX", "720p.BluRay.XviD.AC3", "KORSUB.1080p.WEB-DL.x264", "HC.720p.HDTV.x264",
    "SUBBED.1080p.WEBRip", "HDTV.MPEG2", "1080i.HDTV.MPEG2.DD5.1", "PDTV.XviD", "DSR.x264", "TVRip.XviD",
    "UHD.BD50.HEVC", "REPACK.1080p.BluRay.REMUX", "PROPER.REAL.DVDRip.XviD", "DVD9", "BDMux.1080p",
)


def test_quality_reading_tails_agree() -> None:
    answered = 0
    for tail in _QUALITY_READING_TAILS:
        for group in ("GRP", "SPARKS12", "KORSUB", "D-Z0N3"):
            for extension in ("", ".mkv", ".iso", ".avi"):
                answered += _assert_same(f"The.Dark.Night.2008.{tail}-{group}{extension}")
                answered += _assert_same(f"Up.1999.EXTENDED.{tail}-{group}{extension}")
    assert answered > len(_QUALITY_READING_TAILS) * 8  # most of them must be answered, or this checks little
