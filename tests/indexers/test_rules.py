"""The pure rules: back-off, redaction, Retry-After, reputation, search planning; parser robustness."""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from radarr_pipeline.decisions.indexer_backoff import (
    backoff_period,
    disabled_until_after_failure,
    is_backing_off,
    level_after_failure,
    level_after_success,
)
from radarr_pipeline.decisions.reputation import reputation_score, score_for
from radarr_pipeline.decisions.search_plan import movies_to_search
from radarr_pipeline.indexers.base import movie_query
from radarr_pipeline.indexers.errors import IndexerError
from radarr_pipeline.indexers.feed import parse_date
from radarr_pipeline.indexers.http import Target, address_of, parse_retry_after
from radarr_pipeline.indexers.torznab import parse_feed_page
from radarr_pipeline.models import Movie
from radarr_pipeline.services.reputation import group_scores, record_outcome, record_outcomes, reputation_markdown
from radarr_pipeline.values.flags import flags_from_volume_factors, flags_mask
from radarr_pipeline.values.ids import normalize_imdb_id
from radarr_pipeline.values.infohash import infohash_from_magnet
from radarr_pipeline.values.secrets import redact

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_escalation_follows_radarr() -> None:
    minutes = [backoff_period(level).total_seconds() / 60 for level in range(12)]
    assert minutes == [0, 1, 5, 15, 30, 60, 180, 360, 720, 1440, 1440, 1440]
    level = 0
    for _ in range(20):
        level = level_after_failure(level)
    assert level == 9 and disabled_until_after_failure(NOW, level) == NOW + timedelta(days=1)
    assert level_after_success(3) == 2 and level_after_success(0) == 0


def test_retry_after_only_lengthens() -> None:
    assert disabled_until_after_failure(NOW, 1, 30) == NOW + timedelta(minutes=1)
    assert disabled_until_after_failure(NOW, 1, 600) == NOW + timedelta(minutes=10)
    assert disabled_until_after_failure(NOW, 1, 10**9) == NOW + timedelta(days=1)
    assert is_backing_off(NOW + timedelta(seconds=1), NOW) and not is_backing_off(NOW, NOW)
    assert not is_backing_off(None, NOW)


def test_parse_retry_after() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Sat, 28 Nov 2026 12:05:00 GMT", NOW) == 300
    assert parse_retry_after("Sat, 28 Nov 2026 11:00:00 GMT", NOW) == 0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://h/api?t=movie&apikey=abc123&cat=2000", "http://h/api?t=movie&apikey=(redacted)&cat=2000"),
        ("https://t/dl/1.torrent?passkey=XYZ", "https://t/dl/1.torrent?passkey=(redacted)"),
        ("GET /rss?PassKey=q1w2e3;x=1", "GET /rss?PassKey=(redacted);x=1"),
        ("https://t/download.php?id=1&torrent_pass=zz", "https://t/download.php?id=1&torrent_pass=(redacted)"),
        ("no secret here", "no secret here"),
    ],
)
def test_redact_query_secrets(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_literal_secrets_anywhere() -> None:
    assert redact("https://t/rss/s3cr3tpasskey/feed", ["s3cr3tpasskey"]) == "https://t/rss/(redacted)/feed"
    assert address_of("https://user:pw@h.example:8443/a/b?apikey=1") == "h.example:8443/a/b"


def test_httpx_log_lines_are_scrubbed(caplog) -> None:
    Target("x", ("pathsecret-123",))
    with caplog.at_level(logging.INFO, logger="httpx"):
        logging.getLogger("httpx").info('HTTP Request: GET %s "%s"', "http://h/rss/pathsecret-123?apikey=k9", "200")
    assert "pathsecret-123" not in caplog.text and "k9" not in caplog.text
    assert "/rss/(redacted)?apikey=(redacted)" in caplog.text


def test_flags_and_ids() -> None:
    assert flags_from_volume_factors(0, 2) == ("G_Freeleech", "G_DoubleUpload")
    assert flags_from_volume_factors(0.25, 1) == ("G_Freeleech75",)
    assert flags_from_volume_factors(1, 1) == ()
    assert flags_mask(("G_Freeleech", "G_Internal", "unknown")) == 33
    assert normalize_imdb_id("133093") == "tt0133093"
    assert normalize_imdb_id("tt10872600") == "tt10872600"
    assert normalize_imdb_id("0") is None and normalize_imdb_id("abc") is None
    assert movie_query(Movie(id=1, title="Mission: Impossible – Fallout", year=2018)) == (
        "Mission Impossible Fallout 2018"
    )
    assert infohash_from_magnet("magnet:?dn=x&xt=urn:btih:AABBCCDDEEFF00112233445566778899AABBCCDD") == (
        "aabbccddeeff00112233445566778899aabbccdd"
    )
    assert infohash_from_magnet("magnet:?xt=urn:btmh:1220abcd") is None
    assert parse_date("2026-11-28T10:00:00") == datetime(2026, 11, 28, 10, tzinfo=UTC)
    assert parse_date("yesterday") is None


def test_reputation_formula() -> None:
    assert reputation_score(0, 0, 0) == 0
    assert reputation_score(1, 0, 0) == pytest.approx(0.2)
    assert reputation_score(40, 0, 0) == pytest.approx(40 / 44)
    assert reputation_score(0, 1, 0) == pytest.approx(-0.2)
    assert reputation_score(0, 0, 1) < reputation_score(0, 1, 0)  # a blocklisting weighs more than a failure
    assert reputation_score(10, 10, 0) == 0
    assert reputation_score(20, 1, 0) > reputation_score(2, 0, 0)  # a long record beats a short one


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_reputation_is_bounded(imported: int, failed: int, blocklisted: int) -> None:
    assert -1 < reputation_score(imported, failed, blocklisted) < 1


def test_reputation_evidence_in_duckdb(conn) -> None:
    for i in range(3):
        assert record_outcome(conn, "SPARKS", "imported", NOW, evidence_id=f"dl{i}")
    assert not record_outcome(conn, "sparks", "imported", NOW, evidence_id="dl0")  # the same evidence again
    assert record_outcome(conn, "YIFY", "failed", NOW, evidence_id="dl9")
    assert record_outcome(conn, "YIFY", "blocklisted", NOW, evidence_id="dl9")  # failed, then blocklisted
    assert not record_outcome(conn, "YIFY", "failed", NOW, evidence_id="dl9")
    assert not record_outcome(conn, None, "failed", NOW)
    with pytest.raises(ValueError, match="outcome"):
        record_outcome(conn, "X", "great", NOW)  # type: ignore[arg-type]

    scores = group_scores(conn)
    assert scores == {"sparks": pytest.approx(3 / 7), "yify": pytest.approx(-2 / 6)}
    assert score_for(scores, "Sparks") == pytest.approx(3 / 7) and score_for(scores, "NOBODY") == 0
    table = reputation_markdown(conn)
    assert table.index("SPARKS") < table.index("YIFY") and "| SPARKS | +0.43 | 3 | 0 | 0 |" in table


def test_reputation_evidence_in_bulk_is_the_same_as_one_by_one(tmp_path) -> None:
    """record_outcomes gives the rows record_outcome would, one call after the other (repeats, severity, empty
    groups), on an empty store and on one already holding some of the evidence."""
    import random

    import duckdb

    from radarr_pipeline.store.schema import migrate

    rng = random.Random(4)
    groups = ("SPARKS", "sparks", "YIFY", " FLUX ", "", None)
    for round_ in range(30):
        earlier = [(rng.choice(groups), rng.choice(("imported", "failed", "blocklisted")), NOW,
                    rng.choice((None, "dl1", "dl2", "dl3"))) for _ in range(rng.randint(0, 4))]
        batch = [(rng.choice(groups), rng.choice(("imported", "failed", "blocklisted")),
                  NOW + timedelta(minutes=n), rng.choice((None, "dl1", "dl2", "dl3", "dl4")))
                 for n in range(rng.randint(0, 12))]
        tables = []
        for bulk in (False, True):
            conn = duckdb.connect(str(tmp_path / f"{round_}-{bulk}.duckdb"))
            migrate(conn)
            for group, outcome, at, evidence in earlier:
                record_outcome(conn, group, outcome, at, evidence_id=evidence)  # type: ignore[arg-type]
            if bulk:
                changed = record_outcomes(conn, batch)  # type: ignore[arg-type]
            else:
                changed = sum(record_outcome(conn, g, o, at, evidence_id=e) for g, o, at, e in batch)  # type: ignore[arg-type]
            rows = conn.execute("SELECT group_key, release_group, outcome, occurred_at, evidence_id FROM group_outcomes"
                                " ORDER BY evidence_id NULLS LAST, group_key, outcome, occurred_at").fetchall()
            conn.close()
            tables.append((changed, rows))
        assert tables[0] == tables[1], (earlier, batch)


def _movie(i: int) -> Movie:
    return Movie(id=i, title=f"M{i}", year=2000)


def test_search_plan_prefers_new_then_oldest_and_respects_interval() -> None:
    movies = [_movie(i) for i in range(1, 5)]
    last = {
        "A": {1: NOW - timedelta(hours=20), 2: NOW - timedelta(hours=1), 3: NOW - timedelta(hours=30)},
        "B": {1: NOW - timedelta(hours=20), 2: NOW - timedelta(hours=13)},
    }
    plan = movies_to_search(movies, last, NOW, max_searches=10)
    assert [(m.id, names) for m, names in plan] == [(4, ["A", "B"]), (3, ["A", "B"]), (1, ["A", "B"]), (2, ["B"])]
    assert [m.id for m, _ in movies_to_search(movies, last, NOW, max_searches=2)] == [4, 3]
    assert movies_to_search(movies, last, NOW, max_searches=0) == []


def test_a_requested_search_comes_first_on_every_indexer_even_if_just_searched() -> None:
    movies = [_movie(i) for i in range(1, 5)]
    last = {"A": {2: NOW - timedelta(minutes=5), 3: NOW - timedelta(hours=30)}, "B": {2: NOW - timedelta(minutes=5)}}
    plan = movies_to_search(movies, last, NOW, max_searches=2, requested={2})
    assert [(m.id, names) for m, names in plan] == [(2, ["A", "B"]), (1, ["A", "B"])]
    assert [m.id for m, _ in movies_to_search(movies, last, NOW, max_searches=2)] == [1, 4]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_either_parse_or_raise_an_indexer_error(body: bytes) -> None:
    with contextlib.suppress(IndexerError):
        parse_feed_page(body, "fuzz", Target("fuzz"), "h/api")


_attr_value = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                      max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["size", "seeders", "peers", "leechers", "infohash", "magneturl",
                                        "downloadvolumefactor", "uploadvolumefactor", "imdb", "tmdbid",
                                        "category", "tag"]), _attr_value))
def test_odd_attribute_values_never_break_an_item(attrs: dict[str, str]) -> None:
    from xml.sax.saxutils import quoteattr

    body = (
        '<rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed"><channel><item>'
        "<title>Some.Movie.2020.1080p-GRP</title><link>https://t.example/1.torrent</link>"
        + "".join(f"<torznab:attr name={quoteattr(k)} value={quoteattr(v)}/>" for k, v in attrs.items())
        + "</item></channel></rss>"
    )
    try:
        releases, _, _ = parse_feed_page(body.encode(), "fuzz", Target("fuzz"), "h/api")
    except IndexerError:
        return  # e.g. a character XML does not allow
    assert len(releases) == 1
    release = releases[0]
    assert release.size is None or release.size >= 0
    assert release.seeders is None or release.seeders >= 0
