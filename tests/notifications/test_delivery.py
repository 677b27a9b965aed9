"""The outbox end to end with real receivers: the event is written with what caused it (a movie added), routed
to the connections that want it, delivered once, retried with backoff while a receiver is down, dead after the
configured attempts, and sent again by `notify retry`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from radarr_pipeline.decisions.health import evaluate
from radarr_pipeline.services.health import gather_facts
from radarr_pipeline.services.movies import NewMovie, add_movie
from radarr_pipeline.services.notifications.delivery import (
    deliver_due,
    due_count,
    failed_deliveries,
    retry_failed,
    send_test,
)
from radarr_pipeline.services.notifications.events import enqueue_event, health_event
from radarr_pipeline.store import LibraryStore
from tests.notifications.conftest import Receiver, make_config

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def webhook(receiver: Receiver, name: str = "hook", **extra: object) -> dict:
    return {"name": name, "kind": "webhook", "url": f"{receiver.url}/{name}", **extra}


def test_movie_added_is_delivered_once_with_radarrs_payload(tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [webhook(receiver)])
    added = add_movie(config, NewMovie("The Matrix", 1999, tmdb_id=603, imdb_id="tt0133093"))
    assert due_count(config, T0) == 1

    report = deliver_due(config, T0)
    assert len(report.delivered) == 1
    deliver_due(config, T0 + timedelta(minutes=5))  # nothing is sent twice
    assert len(receiver.posts) == 1
    body = receiver.posts[0].body
    assert body["eventType"] == "MovieAdded"
    assert body["instanceName"] == "Radarr"
    assert body["addMethod"] == "manual"
    assert body["movie"] == {"id": added.movie.id, "title": "The Matrix", "year": 1999, "tmdbId": 603,
                             "imdbId": "tt0133093", "folderPath": str(tmp_path / "movies"), "tags": []}
    assert "applicationUrl" not in body  # null values are left out, as Radarr's serializer does
    assert body["eventId"]
    assert due_count(config, T0) == 0


def test_events_off_and_tag_limits_route_nothing(tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [
        webhook(receiver, "grabs-only", events=["grab"]),
        webhook(receiver, "tagged", tags=["kids"]),
        webhook(receiver, "all"),
    ])
    add_movie(config, NewMovie("Heat", 1995))
    with LibraryStore(config.database).open() as library:
        enqueue_event(library, health_event(restored=False, level="warning", message="Indexers unavailable",
                                            source="IndexerStatusCheck"), T0)
    deliver_due(config, T0)
    paths = sorted((p.path, p.body["eventType"]) for p in receiver.posts)
    # a tag-limited connection hears of no untagged movie, but of health (no movie) it does
    assert paths == [("/all", "Health"), ("/all", "MovieAdded"), ("/tagged", "Health")]


def test_a_receiver_down_for_a_while_gets_the_event_late_once(tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [webhook(receiver)], retry_seconds=60, max_attempts=5)
    add_movie(config, NewMovie("Alien", 1979))
    receiver.down = True
    first = deliver_due(config, T0)
    assert len(first.retrying) == 1 and "HTTP 500" in str(first.retrying[0]["error"])
    assert not deliver_due(config, T0 + timedelta(seconds=59)).retrying  # not due before its backoff
    second = deliver_due(config, T0 + timedelta(seconds=60))
    assert second.retrying[0]["attempts"] == 2  # next after 120 s: the delay doubles
    assert not deliver_due(config, T0 + timedelta(seconds=60 + 119)).retrying
    receiver.down = False
    third = deliver_due(config, T0 + timedelta(seconds=180))
    assert len(third.delivered) == 1
    deliver_due(config, T0 + timedelta(hours=2))
    assert [p.body["eventType"] for p in receiver.posts] == ["MovieAdded"]


def test_a_receiver_down_for_good_ends_in_the_dead_letter_list_and_retry_resends(
        tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [webhook(receiver)], retry_seconds=1, retry_max_seconds=1, max_attempts=3)
    add_movie(config, NewMovie("Aliens", 1986))
    receiver.down = True
    for second in range(0, 10, 2):
        deliver_due(config, T0 + timedelta(seconds=second))
    dead = failed_deliveries(config)
    assert len(dead) == 1 and dead[0]["attempts"] == 3 and dead[0]["event"] == "movie_added"
    assert "HTTP 500" in str(dead[0]["last error"])
    assert due_count(config, T0 + timedelta(days=1)) == 0  # dead: never sent again by itself

    receiver.down = False
    assert retry_failed(config, None, T0 + timedelta(days=1)) == 1
    assert len(deliver_due(config, T0 + timedelta(days=1)).delivered) == 1
    assert failed_deliveries(config) == []
    assert len(receiver.posts) == 1


def test_a_crash_after_sending_sends_again_with_the_same_event_id(tmp_path: Path, receiver: Receiver,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """At least once: the delivery is marked only after the receiver took it; a crash in between (here: the
    write of the outcome fails) leaves it claimed, and once the claim lapses it is sent again, same eventId."""
    config = make_config(tmp_path, [webhook(receiver)])
    add_movie(config, NewMovie("Ran", 1985))
    from radarr_pipeline.store.outbox import OutboxRepository

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("killed")

    with monkeypatch.context() as patched:
        patched.setattr(OutboxRepository, "settle", crash)
        with pytest.raises(KeyboardInterrupt):
            deliver_due(config, T0)
    assert len(receiver.posts) == 1
    assert not deliver_due(config, T0 + timedelta(seconds=10)).delivered  # still claimed by the crashed run
    assert len(deliver_due(config, T0 + timedelta(minutes=10)).delivered) == 1
    deliver_due(config, T0 + timedelta(minutes=20))
    assert len(receiver.posts) == 2
    assert receiver.posts[0].body["eventId"] == receiver.posts[1].body["eventId"]


def test_an_event_rolls_back_with_what_caused_it(tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [webhook(receiver)])
    add_movie(config, NewMovie("Ran", 1985))
    deliver_due(config, T0)
    with pytest.raises(RuntimeError), LibraryStore(config.database).open() as library:
        enqueue_event(library, health_event(restored=False, level="error", message="x", source="Check"), T0)
        raise RuntimeError("the cause failed")
    assert due_count(config, T0) == 0


def test_the_test_message_is_radarrs(tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [webhook(receiver, method="PUT", username="u")])
    assert "sent" in send_test(config, "hook")
    body = receiver.posts[0].body
    assert body["eventType"] == "Test"
    assert body["movie"] == {"id": 1, "title": "Test Title", "year": 1970, "folderPath": "C:\\testpath",
                             "releaseDate": "1970-01-01", "tags": ["test-tag"]}
    assert body["release"]["releaseTitle"] == "Test Title" and body["release"]["size"] == 9999999
    assert receiver.posts[0].headers["Authorization"].startswith("Basic ")


def notification_issues(config) -> list[str]:
    facts = gather_facts(config, T0)
    return [issue.message for issue in evaluate(facts) if issue.check == "notifications"]


def test_a_failing_connection_is_a_health_issue_until_it_delivers_again(tmp_path: Path, receiver: Receiver) -> None:
    config = make_config(tmp_path, [webhook(receiver, "down"), webhook(receiver, "up")], retry_seconds=60)
    add_movie(config, NewMovie("Alien", 1979))
    assert notification_issues(config) == []
    receiver.down = True
    deliver_due(config, T0)
    [message] = notification_issues(config)
    assert message == ("All notifications are unavailable due to failures: down (the receiver answered: HTTP 500"
                       " Internal Server Error), up (the receiver answered: HTTP 500 Internal Server Error)")
    receiver.down = False
    deliver_due(config, T0 + timedelta(minutes=5))
    assert notification_issues(config) == []
