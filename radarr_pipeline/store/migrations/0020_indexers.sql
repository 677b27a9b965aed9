-- Indexers: health (Radarr's escalation back-off), search bookkeeping, typed release details that do not
-- fit the releases table (HDBits category/codec/medium/origin), and scene-group reputation evidence.

CREATE TABLE IF NOT EXISTS indexer_status (
    indexer             VARCHAR PRIMARY KEY,
    escalation_level    INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    disabled_until      TIMESTAMPTZ,
    last_error          VARCHAR,               -- redacted: never a key or passkey
    last_error_kind     VARCHAR,               -- network, http, rate_limited, auth, login_page, parse, ...
    last_failure_at     TIMESTAMPTZ,
    last_success_at     TIMESTAMPTZ,
    last_request_at     TIMESTAMPTZ,
    last_fetched        INTEGER,
    last_new            INTEGER,
    updated_at          TIMESTAMPTZ NOT NULL
);

-- When each movie was last searched on each indexer, so searches spread over runs.
CREATE TABLE IF NOT EXISTS movie_searches (
    movie_id            BIGINT NOT NULL,
    indexer             VARCHAR NOT NULL,
    last_searched_at    TIMESTAMPTZ NOT NULL,
    searches            INTEGER NOT NULL DEFAULT 1,
    last_found          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (movie_id, indexer)
);

-- What an indexer says about a release beyond the releases table's columns (keyed like releases.guid).
CREATE TABLE IF NOT EXISTS release_details (
    guid                VARCHAR PRIMARY KEY,
    indexer             VARCHAR NOT NULL,
    category            VARCHAR,
    codec               VARCHAR,
    medium              VARCHAR,
    origin              VARCHAR,
    recorded_at         TIMESTAMPTZ NOT NULL
);

-- Evidence for scene-group reputation: one row per outcome of a release by that group.
CREATE SEQUENCE IF NOT EXISTS group_outcomes_id_seq START 1;
CREATE TABLE IF NOT EXISTS group_outcomes (
    id                  BIGINT PRIMARY KEY DEFAULT nextval('group_outcomes_id_seq'),
    group_key           VARCHAR NOT NULL,      -- casefolded release group
    release_group       VARCHAR NOT NULL,      -- as first written
    outcome             VARCHAR NOT NULL CHECK (outcome IN ('imported', 'failed', 'blocklisted')),
    occurred_at         TIMESTAMPTZ NOT NULL,
    evidence_id         VARCHAR UNIQUE         -- e.g. the download id: recording the same outcome twice is a no-op
);
CREATE INDEX IF NOT EXISTS group_outcomes_group ON group_outcomes(group_key);
