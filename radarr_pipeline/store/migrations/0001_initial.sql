-- The library's core tables. A wanted entry is a variant: (movie, quality profile, root folder), so one
-- movie can be kept in several versions (4K and 1080p). Grabs, downloads and files belong to a variant.
CREATE SEQUENCE IF NOT EXISTS movies_id_seq START 1;
CREATE TABLE IF NOT EXISTS movies (
    id              BIGINT PRIMARY KEY DEFAULT nextval('movies_id_seq'),
    tmdb_id         BIGINT UNIQUE,
    imdb_id         VARCHAR UNIQUE,
    title           VARCHAR NOT NULL,
    original_title  VARCHAR,
    year            INTEGER NOT NULL,
    runtime_minutes INTEGER,
    minimum_availability VARCHAR NOT NULL DEFAULT 'released',
    added_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE IF NOT EXISTS variants_id_seq START 1;
CREATE TABLE IF NOT EXISTS variants (
    id              BIGINT PRIMARY KEY DEFAULT nextval('variants_id_seq'),
    movie_id        BIGINT NOT NULL,
    quality_profile VARCHAR NOT NULL,
    root_folder     VARCHAR NOT NULL,
    monitored       BOOLEAN NOT NULL DEFAULT TRUE,
    added_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (movie_id, quality_profile, root_folder)
);

-- What wanted_movies decided on its last run: one row per monitored variant that needs a release.
CREATE TABLE IF NOT EXISTS wanted (
    variant_id      BIGINT PRIMARY KEY,
    reason          VARCHAR NOT NULL,           -- 'missing' or 'cutoff unmet'
    computed_at     TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS releases_id_seq START 1;
CREATE TABLE IF NOT EXISTS releases (
    id              BIGINT PRIMARY KEY DEFAULT nextval('releases_id_seq'),
    guid            VARCHAR NOT NULL UNIQUE,
    infohash        VARCHAR,
    indexer         VARCHAR NOT NULL,
    title           VARCHAR NOT NULL,
    size            BIGINT,
    seeders         INTEGER,
    peers           INTEGER,
    download_url    VARCHAR,
    magnet_url      VARCHAR,
    info_url        VARCHAR,
    imdb_id         VARCHAR,
    tmdb_id         BIGINT,
    categories      INTEGER[],
    indexer_flags   VARCHAR[],
    download_volume_factor DOUBLE,
    upload_volume_factor   DOUBLE,
    published_at    TIMESTAMPTZ,
    first_seen_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS releases_infohash ON releases(infohash);

-- One row per (release, variant) decision, with every rejection reason.
CREATE TABLE IF NOT EXISTS candidates (
    release_id      BIGINT NOT NULL,
    variant_id      BIGINT NOT NULL,
    quality         VARCHAR NOT NULL,
    quality_rank    INTEGER NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    format_score    INTEGER NOT NULL DEFAULT 0,
    approved        BOOLEAN NOT NULL,
    rejections      VARCHAR[] NOT NULL,
    evaluated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (release_id, variant_id)
);

CREATE SEQUENCE IF NOT EXISTS downloads_id_seq START 1;
CREATE TABLE IF NOT EXISTS downloads (
    id              BIGINT PRIMARY KEY DEFAULT nextval('downloads_id_seq'),
    variant_id      BIGINT NOT NULL,
    release_id      BIGINT,
    client          VARCHAR NOT NULL,
    download_id     VARCHAR NOT NULL,             -- the torrent's infohash, lower-case hex
    title           VARCHAR NOT NULL,
    quality         VARCHAR NOT NULL,
    state           VARCHAR NOT NULL,             -- queued, downloading, completed, importing, imported, import_blocked, failed
    status_message  VARCHAR,
    progress        DOUBLE NOT NULL DEFAULT 0,
    size            BIGINT,
    content_path    VARCHAR,
    grabbed_at      TIMESTAMPTZ NOT NULL,
    completed_at    TIMESTAMPTZ,
    imported_at     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (client, download_id)
);

CREATE SEQUENCE IF NOT EXISTS movie_files_id_seq START 1;
CREATE TABLE IF NOT EXISTS movie_files (
    id              BIGINT PRIMARY KEY DEFAULT nextval('movie_files_id_seq'),
    variant_id      BIGINT NOT NULL UNIQUE,      -- one file per variant; an upgrade replaces it
    path            VARCHAR NOT NULL UNIQUE,
    size            BIGINT NOT NULL,
    quality         VARCHAR NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1,
    release_group   VARCHAR,
    edition         VARCHAR,
    scene_name      VARCHAR,
    download_id     VARCHAR,
    import_mode     VARCHAR NOT NULL,             -- hardlink, copy, move
    added_at        TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS history_id_seq START 1;
CREATE TABLE IF NOT EXISTS history (
    id              BIGINT PRIMARY KEY DEFAULT nextval('history_id_seq'),
    occurred_at     TIMESTAMPTZ NOT NULL,
    event           VARCHAR NOT NULL,             -- grabbed, download_completed, imported, import_blocked, download_failed
    movie_id        BIGINT,
    variant_id      BIGINT,
    source_title    VARCHAR,
    download_id     VARCHAR,
    quality         VARCHAR,
    data            JSON
);
