-- The decision engine: release dates for minimum availability, a secondary year and alternative titles for
-- matching, and candidates with their status (approved / pending / rejected), rank and every reason.
ALTER TABLE movies ADD COLUMN IF NOT EXISTS in_cinemas DATE;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS digital_release DATE;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS physical_release DATE;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS secondary_year INTEGER;

CREATE TABLE IF NOT EXISTS movie_alternative_titles (
    movie_id        BIGINT NOT NULL,
    title           VARCHAR NOT NULL,
    PRIMARY KEY (movie_id, title)
);

-- Candidates are derived data, recomputed on every scoring run: the old shape is dropped, not migrated.
DROP TABLE IF EXISTS candidates;
CREATE TABLE candidates (
    release_id      BIGINT NOT NULL,
    variant_id      BIGINT NOT NULL,
    movie_id        BIGINT NOT NULL,
    matched_by      VARCHAR NOT NULL,            -- imdb, tmdb, title
    quality         VARCHAR NOT NULL,
    quality_rank    INTEGER NOT NULL,            -- position in the variant's profile; -1 when not allowed
    revision        INTEGER NOT NULL DEFAULT 1,
    real            INTEGER NOT NULL DEFAULT 0,
    format_score    INTEGER NOT NULL DEFAULT 0,
    formats         VARCHAR[] NOT NULL,
    status          VARCHAR NOT NULL,            -- approved, pending (only temporary rejections), rejected
    approved        BOOLEAN NOT NULL,
    rank            INTEGER,                     -- 1 = the variant's best approved release
    rejections      VARCHAR[] NOT NULL,          -- what the user reads, one per failed rule
    rejected_by     VARCHAR[] NOT NULL,          -- the rules' names, in the same order
    evaluated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (release_id, variant_id)
);
