-- Commands sent through the HTTP API (Radarr's command resource): each is a Dagster run, kept here under the
-- integer id Radarr's clients expect, with what was asked.
CREATE SEQUENCE IF NOT EXISTS api_commands_id_seq START 1;
CREATE TABLE IF NOT EXISTS api_commands (
    id              BIGINT PRIMARY KEY DEFAULT nextval('api_commands_id_seq'),
    name            VARCHAR NOT NULL,             -- Radarr's command name, e.g. MoviesSearch
    job_name        VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL UNIQUE,
    movie_ids       BIGINT[] NOT NULL,
    queued_at       TIMESTAMPTZ NOT NULL
);
