-- Movie management and import lists: tags, a journal of file moves (root-folder changes, renames, deletions to the
-- recycle bin) that makes an interrupted one finishable, import-list exclusions, what each list named on its last
-- good sync, and when each list last synced.

CREATE SEQUENCE IF NOT EXISTS tags_id_seq START 1;
CREATE TABLE IF NOT EXISTS tags (
    id              BIGINT PRIMARY KEY DEFAULT nextval('tags_id_seq'),
    label           VARCHAR NOT NULL UNIQUE           -- lower-case, as Radarr stores tag labels
);

CREATE TABLE IF NOT EXISTS movie_tags (
    movie_id        BIGINT NOT NULL,
    tag_id          BIGINT NOT NULL,
    PRIMARY KEY (movie_id, tag_id)
);

-- One row per file to move, grouped by operation. Written and committed before any file moves; the operation's
-- records (new paths, the variant's root folder, the movie's removal) are written in the transaction that deletes
-- its rows. A row found later is an operation a crash interrupted: it is carried out again (each move is
-- idempotent: a destination only ever appears whole, by rename).
CREATE SEQUENCE IF NOT EXISTS file_moves_id_seq START 1;
CREATE TABLE IF NOT EXISTS file_moves (
    id              BIGINT PRIMARY KEY DEFAULT nextval('file_moves_id_seq'),
    operation       VARCHAR NOT NULL,                 -- a uuid shared by the moves of one operation
    source          VARCHAR NOT NULL,
    destination     VARCHAR NOT NULL,
    expected_size   BIGINT NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    record          JSON NOT NULL                     -- what to record once every move of the operation is done
);

CREATE TABLE IF NOT EXISTS import_list_exclusions (
    tmdb_id         BIGINT,
    imdb_id         VARCHAR,
    title           VARCHAR NOT NULL,
    year            INTEGER,
    added_at        TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS import_list_exclusions_tmdb ON import_list_exclusions(tmdb_id);
CREATE UNIQUE INDEX IF NOT EXISTS import_list_exclusions_imdb ON import_list_exclusions(imdb_id);

-- What each list named on its last successful sync (Radarr's ImportListMovies): clean library reads it.
CREATE TABLE IF NOT EXISTS import_list_movies (
    list_name       VARCHAR NOT NULL,
    tmdb_id         BIGINT,
    imdb_id         VARCHAR,
    title           VARCHAR,
    year            INTEGER,
    synced_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS import_list_status (
    list_name       VARCHAR PRIMARY KEY,
    last_attempt_at TIMESTAMPTZ NOT NULL,
    last_success_at TIMESTAMPTZ,
    last_error      VARCHAR                           -- redacted
);
