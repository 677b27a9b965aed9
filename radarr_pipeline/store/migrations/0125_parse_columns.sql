-- The parts of a parse scoring reads, as typed columns beside the JSON (reading them costs nothing; turning the
-- JSON into columns on every scoring run cost about a second at 100,000 releases). List values are joined by
-- the unit separator (models.LIST_SEPARATOR, chr(31)). Rows already cached are filled from their JSON.
ALTER TABLE parsed_releases ADD COLUMN movie_titles VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN year INTEGER;
ALTER TABLE parsed_releases ADD COLUMN edition VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN release_group VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN simple_release_title VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN languages VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN imdb_id VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN tmdb_id BIGINT;
ALTER TABLE parsed_releases ADD COLUMN quality VARCHAR;
ALTER TABLE parsed_releases ADD COLUMN resolution INTEGER;
ALTER TABLE parsed_releases ADD COLUMN revision INTEGER;
ALTER TABLE parsed_releases ADD COLUMN "real" INTEGER;

UPDATE parsed_releases SET
    movie_titles = array_to_string(j.s.movie_titles, chr(31)),
    year = j.s.year,
    edition = j.s.edition,
    release_group = j.s.release_group,
    simple_release_title = j.s.simple_release_title,
    languages = array_to_string(j.s.languages, chr(31)),
    imdb_id = j.s.imdb_id,
    tmdb_id = j.s.tmdb_id,
    quality = j.s.quality.quality,
    resolution = j.s.quality.resolution,
    revision = j.s.quality.version,
    "real" = j.s.quality.real
FROM (
    SELECT title AS t, from_json(parsed, '{"movie_titles": ["VARCHAR"], "year": "INTEGER", "edition": "VARCHAR",
        "release_group": "VARCHAR", "languages": ["VARCHAR"], "imdb_id": "VARCHAR", "tmdb_id": "BIGINT",
        "simple_release_title": "VARCHAR", "quality": {"quality": "VARCHAR", "resolution": "INTEGER",
        "version": "INTEGER", "real": "INTEGER"}}') AS s
    FROM parsed_releases WHERE parsed IS NOT NULL
) j
WHERE parsed_releases.title = j.t;
