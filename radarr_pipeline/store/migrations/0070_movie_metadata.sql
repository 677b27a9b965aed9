-- What the metadata source (TMDB) says about a movie, beside what was already kept (original title and
-- language, runtime, release dates, secondary year, alternative titles): the collection, the certification of
-- the configured region, genres, TMDB's status, the poster, and when it was last refreshed (NULL: never, e.g.
-- added by hand without metadata).
ALTER TABLE movies ADD COLUMN IF NOT EXISTS collection_tmdb_id BIGINT;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS collection VARCHAR;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS certification VARCHAR;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS genres VARCHAR[];
ALTER TABLE movies ADD COLUMN IF NOT EXISTS tmdb_status VARCHAR;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS poster_path VARCHAR;
ALTER TABLE movies ADD COLUMN IF NOT EXISTS metadata_refreshed_at TIMESTAMPTZ;

-- The movie's title in other languages ({Movie Title:FR} in naming), from TMDB's translations.
CREATE TABLE IF NOT EXISTS movie_translations (
    movie_id        BIGINT NOT NULL,
    language        VARCHAR NOT NULL,             -- ISO 639-1, as TMDB gives it
    title           VARCHAR NOT NULL,
    PRIMARY KEY (movie_id, language)
);

-- TMDB's answers as received (the key is never part of the request key), with when they were fetched.
CREATE TABLE IF NOT EXISTS metadata_cache (
    request         VARCHAR PRIMARY KEY,          -- e.g. 'movie/603?language=en-US'
    body            JSON NOT NULL,
    fetched_at      TIMESTAMPTZ NOT NULL
);
