-- Releases the user or failed-download handling turned down: never grabbed again (Radarr's blocklist).
CREATE SEQUENCE IF NOT EXISTS blocklist_id_seq START 1;
CREATE TABLE IF NOT EXISTS blocklist (
    id              BIGINT PRIMARY KEY DEFAULT nextval('blocklist_id_seq'),
    movie_id        BIGINT NOT NULL,
    source_title    VARCHAR NOT NULL,
    indexer         VARCHAR,
    infohash        VARCHAR,
    quality         VARCHAR,
    size            BIGINT,
    reason          VARCHAR NOT NULL,
    blocklisted_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS blocklist_infohash ON blocklist(infohash);
