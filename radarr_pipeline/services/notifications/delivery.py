"""Delivering the outbox: route new events to the connections that want them, send what is due with the library
closed, write each outcome (delivered; retried later with exponential backoff; dead after the configured number
of attempts). At least once: a delivery is marked delivered only after its channel took it, so a crash in between
sends it again on the next run, with the same ``eventId``; a run claims what it sends so that two runs at once do
not both send it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from radarr_pipeline.config import AppConfig
from radarr_pipeline.models import NotificationEvent
from radarr_pipeline.notifications.errors import DeliveryError
from radarr_pipeline.notifications.rendering import radarr_test_event, switch
from radarr_pipeline.notifications.senders import AnyConnection, connection_secrets, send
from radarr_pipeline.reports import markdown_table
from radarr_pipeline.settings.notifications import NotificationSettings
from radarr_pipeline.store import LibraryNotCreatedError, LibraryStore
from radarr_pipeline.store.outbox import DEAD, DELIVERED, PENDING, Delivery, Outcome
from radarr_pipeline.values.secrets import redact

log = logging.getLogger(__name__)
#: How long a run holds the deliveries it is sending (another run leaves them alone until then).
CLAIM_SECONDS = 300
BATCH = 200


def connection_wants(connection: AnyConnection, event: NotificationEvent) -> bool:
    """Radarr's rule: the connection is on for this event, and, when it is limited to tags, the event is not about
    a movie or the movie has one of its tags."""
    if not connection.enabled or switch(event) not in connection.events:
        return False
    if connection.tags and event.movie_id is not None:
        return bool(set(connection.tags) & set(event.movie_tags))
    return True


def retry_delay(settings: NotificationSettings, attempts: int, retry_after: float | None = None) -> timedelta:
    """Exponential backoff: ``retry_seconds`` after the first failure, doubled each time, at most
    ``retry_max_seconds``; never sooner than the receiver asked (``retry_after``)."""
    seconds = min(settings.retry_seconds * 2 ** max(attempts - 1, 0), settings.retry_max_seconds)
    return timedelta(seconds=max(seconds, retry_after or 0.0))


def outcome_of(settings: NotificationSettings, delivery: Delivery, error: DeliveryError | None,
               now: datetime) -> Outcome:
    """Delivered, pending again after the backoff, or dead once ``max_attempts`` attempts have failed."""
    attempts = delivery.attempts + 1
    if error is None:
        return Outcome(delivery.id, DELIVERED, attempts, now, None)
    state = DEAD if attempts >= settings.max_attempts else PENDING
    return Outcome(delivery.id, state, attempts, now + retry_delay(settings, attempts, error.retry_after), str(error))


@dataclass
class DeliveryReport:
    routed: int = 0
    delivered: list[dict[str, object]] = field(default_factory=list)
    retrying: list[dict[str, object]] = field(default_factory=list)
    dead: list[dict[str, object]] = field(default_factory=list)

    def markdown(self) -> str:
        parts = [f"{self.routed} new event(s) routed", "**Delivered**",
                 markdown_table(self.delivered, empty="_nothing delivered_")]
        if self.retrying:
            parts += ["**Will be retried**", markdown_table(self.retrying)]
        if self.dead:
            parts += ["**Dead (see `radarr-pipeline notify failed`)**", markdown_table(self.dead)]
        return "\n\n".join(parts)


def _route(settings: NotificationSettings, store: LibraryStore, now: datetime) -> int:
    with store.open() as library:
        events = library.outbox.unrouted()
        pairs = [(stored.pk, c.name) for stored in events for c in settings.connections
                 if connection_wants(c, stored.event)]
        library.outbox.route([stored.pk for stored in events], pairs, now)
    return len(events)


def _row(delivery: Delivery, outcome: Outcome) -> dict[str, object]:
    return {"id": delivery.id, "connection": delivery.connection, "event": delivery.stored.event.kind,
            "attempts": outcome.attempts, "error": outcome.error or ""}


def deliver_due(config: AppConfig, now: datetime, *,
                extra_events: list[NotificationEvent] | None = None) -> DeliveryReport:
    """One delivery pass: ``extra_events`` (e.g. a failed run) written first, new events routed, every due
    delivery sent (the library closed meanwhile) and its outcome written."""
    settings = config.notifications
    store = LibraryStore(config.database)
    report = DeliveryReport()
    if extra_events:
        with store.open() as library:
            library.outbox.add_many(extra_events, now)
    report.routed = _route(settings, store, now)
    with store.open() as library:
        due = library.outbox.claim_due(now, now + timedelta(seconds=CLAIM_SECONDS), BATCH)
    outcomes: list[Outcome] = []
    for delivery in due:
        connection = settings.connection(delivery.connection)
        error: DeliveryError | None
        if connection is None:
            error = DeliveryError(f"{delivery.connection}: no such connection in the configuration any more")
        else:
            error = _send(connection, delivery.stored.event, settings)
        outcome = outcome_of(settings, delivery, error, now)
        outcomes.append(outcome)
        {DELIVERED: report.delivered, PENDING: report.retrying, DEAD: report.dead}[outcome.state].append(
            _row(delivery, outcome))
    with store.open() as library:
        library.outbox.settle(outcomes, now)
    return report


def _send(connection: AnyConnection, event: NotificationEvent, settings: NotificationSettings, *,
          quiet: bool = False) -> DeliveryError | None:
    """Send; the error (secrets taken out) or None. ``quiet``: the caller shows the error itself."""
    try:
        send(connection, event, settings)
    except DeliveryError as exc:
        cleaned = DeliveryError(redact(str(exc), connection_secrets(connection)), retry_after=exc.retry_after)
        if not quiet:
            log.warning("notification %s to %s failed: %s", event.kind, connection.name, cleaned)
        return cleaned
    log.info("notification %s sent to %s", event.kind, connection.name)
    return None


def due_count(config: AppConfig, now: datetime) -> int:
    """How many events wait for routing or deliveries are due, read without writing (0 without a library)."""
    try:
        with LibraryStore(config.database, lock_timeout=0.5).open(read_only=True) as library:
            return library.outbox.due_count(now)
    except LibraryNotCreatedError:
        return 0


class NotifyError(ValueError):
    """A notify command cannot do what was asked; the message says why."""


def send_test(config: AppConfig, name: str) -> str:
    """Send Radarr's test message on the connection, now and outside the outbox; what was sent or the error."""
    connection = config.notifications.connection(name)
    if connection is None:
        known = ", ".join(c.name for c in config.notifications.connections) or "none"
        raise NotifyError(f"no notification connection named {name!r} (configured: {known})")
    error = _send(connection, radarr_test_event(), config.notifications, quiet=True)
    if error is not None:
        raise NotifyError(str(error))
    return f"test message sent to {name} ({connection.kind})"


def failed_deliveries(config: AppConfig) -> list[dict[str, object]]:
    """The dead-letter list: deliveries that failed ``max_attempts`` times, with their last error."""
    try:
        with LibraryStore(config.database).open(read_only=True) as library:
            dead = library.outbox.in_state(DEAD)
    except LibraryNotCreatedError:
        return []
    return [{"id": d.id, "connection": d.connection, "event": d.stored.event.kind,
             "event id": d.stored.event.event_id, "created": d.stored.created_at, "attempts": d.attempts,
             "last error": d.last_error or ""} for d in dead]


def retry_failed(config: AppConfig, ids: list[int] | None, now: datetime) -> int:
    """Dead deliveries (these, or all) made due again with their attempts reset; how many."""
    with LibraryStore(config.database).open() as library:
        return library.outbox.retry_dead(ids, now)
