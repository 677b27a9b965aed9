-- The import engine: a journal that makes an interrupted import finishable or undoable, the MediaInfo cache,
-- the recycle bin's contents, extra files (subtitles, .nfo) and what a library scan has seen.

-- One row per import whose file operations have started and whose records are not written yet. Written and
-- committed before any file is touched; deleted in the same transaction that records the movie file.
CREATE SEQUENCE IF NOT EXISTS import_journal_id_seq START 1;
CREATE TABLE IF NOT EXISTS import_journal (
    id              BIGINT PRIMARY KEY DEFAULT nextval('import_journal_id_seq'),
    download_id     VARCHAR,                      -- the tracked download's id (infohash); NULL for a manual import
    download_pk     BIGINT,                       -- downloads.id
    variant_id      BIGINT NOT NULL,
    source          VARCHAR NOT NULL,
    partial_path    VARCHAR NOT NULL,             -- beside final_path, under a hidden .partial name
    final_path      VARCHAR NOT NULL,
    mode            VARCHAR NOT NULL,             -- hardlink, copy, move
    expected_size   BIGINT NOT NULL,
    source_inode    BIGINT,
    replaced_path   VARCHAR,                      -- the variant's previous file, which goes to the recycle bin
    replaced_inode  BIGINT,
    recycle_path    VARCHAR,
    step            VARCHAR NOT NULL,             -- planned, written, recycled, renamed
    started_at      TIMESTAMPTZ NOT NULL,
    record          JSON NOT NULL                 -- what to record once the file is in place
);

CREATE TABLE IF NOT EXISTS mediainfo_cache (
    path            VARCHAR PRIMARY KEY,
    size            BIGINT NOT NULL,
    mtime_ns        BIGINT NOT NULL,
    data            JSON NOT NULL,
    read_at         TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS recycle_bin_id_seq START 1;
CREATE TABLE IF NOT EXISTS recycle_bin (
    id              BIGINT PRIMARY KEY DEFAULT nextval('recycle_bin_id_seq'),
    original_path   VARCHAR NOT NULL,
    recycled_path   VARCHAR NOT NULL,
    variant_id      BIGINT,
    recycled_at     TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS extra_files_id_seq START 1;
CREATE TABLE IF NOT EXISTS extra_files (
    id              BIGINT PRIMARY KEY DEFAULT nextval('extra_files_id_seq'),
    variant_id      BIGINT NOT NULL,
    path            VARCHAR NOT NULL UNIQUE,
    kind            VARCHAR NOT NULL,             -- subtitle, nfo
    language        VARCHAR,
    added_at        TIMESTAMPTZ NOT NULL
);

-- Folders a library scan has matched, so a rescan can skip the ones that did not change.
CREATE TABLE IF NOT EXISTS library_folders (
    path            VARCHAR PRIMARY KEY,
    mtime_ns        BIGINT NOT NULL,
    movie_id        BIGINT,
    status          VARCHAR NOT NULL,             -- recorded, matched, added, unmatched, empty
    scanned_at      TIMESTAMPTZ NOT NULL
);

ALTER TABLE movie_files ADD COLUMN IF NOT EXISTS media_info JSON;
ALTER TABLE movie_files ADD COLUMN IF NOT EXISTS runtime_seconds DOUBLE;
ALTER TABLE movie_files ADD COLUMN IF NOT EXISTS source_path VARCHAR;
