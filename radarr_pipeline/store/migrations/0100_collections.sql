-- TMDB collections the user follows (Radarr's MovieCollection): a monitored collection's new members are added
-- with its profile, root folder and minimum availability when the movie_metadata refresh runs.
CREATE TABLE IF NOT EXISTS collections (
    tmdb_id              BIGINT PRIMARY KEY,          -- TMDB's collection id, e.g. 2344
    title                VARCHAR NOT NULL,
    monitored            BOOLEAN NOT NULL,
    quality_profile      VARCHAR,                     -- NULL: the configured default
    root_folder          VARCHAR,                     -- NULL: the first configured root folder
    minimum_availability VARCHAR NOT NULL,
    added_at             TIMESTAMPTZ NOT NULL,
    synced_at            TIMESTAMPTZ                  -- when its members were last compared with the library
);

-- Movies added with a search requested (`movies add --search`, a list's search_on_add): the next search run
-- searches them before anything else, then the mark goes.
CREATE TABLE IF NOT EXISTS search_requests (
    movie_id        BIGINT PRIMARY KEY,
    requested_at    TIMESTAMPTZ NOT NULL
);
