from datetime import UTC, datetime

from radarr_pipeline.values.retry_after import retry_after_seconds

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_delta_seconds() -> None:
    assert retry_after_seconds("120", NOW) == 120.0
    assert retry_after_seconds(" 7 ", NOW) == 7.0


def test_http_date_counts_from_now_and_never_below_zero() -> None:
    assert retry_after_seconds("Sat, 28 Nov 2026 12:05:00 GMT", NOW) == 300.0
    assert retry_after_seconds("Sat, 28 Nov 2026 11:00:00 GMT", NOW) == 0.0


def test_absent_or_unreadable_is_none() -> None:
    for value in (None, "", "soon", "٣", "-5", "1.5e3"):
        assert retry_after_seconds(value, NOW) is None, value
