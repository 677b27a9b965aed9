"""Notifications: events written to the outbox with what caused them (:mod:`.events`), delivered to the
connections that want them with retries and a dead-letter list (:mod:`.delivery`)."""
