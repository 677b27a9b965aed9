-- The notification outbox. An event is written in the same transaction as what caused it (a grab, an import, a
-- blocked import, a movie added...), with the facts every channel renders from and a stable id sent with each
-- delivery. Delivery routes it to the connections that want it (one delivery row per event and connection),
-- then each delivery is sent, retried with backoff, and ends delivered or dead (the dead-letter list).
CREATE SEQUENCE IF NOT EXISTS notification_events_id_seq START 1;
CREATE TABLE IF NOT EXISTS notification_events (
    id              BIGINT PRIMARY KEY DEFAULT nextval('notification_events_id_seq'),
    event_id        VARCHAR NOT NULL,             -- stable id (uuid) sent in every delivery of the event
    kind            VARCHAR NOT NULL,             -- grab, download, upgrade, movie_added, health_issue, ...
    movie_id        BIGINT,
    movie_tags      VARCHAR[] NOT NULL,
    facts           JSON NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    routed_at       TIMESTAMPTZ                   -- NULL until its delivery rows are written
);

CREATE SEQUENCE IF NOT EXISTS notification_deliveries_id_seq START 1;
CREATE TABLE IF NOT EXISTS notification_deliveries (
    id              BIGINT PRIMARY KEY DEFAULT nextval('notification_deliveries_id_seq'),
    event_pk        BIGINT NOT NULL,
    connection      VARCHAR NOT NULL,
    state           VARCHAR NOT NULL,             -- pending, delivered, dead
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,                  -- a delivery run is sending it until then
    last_error      VARCHAR,
    delivered_at    TIMESTAMPTZ
);
