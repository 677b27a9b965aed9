-- Parsed release titles, keyed by title. A row parsed by another parser version is stale and re-parsed.
-- parsed is NULL when the title is "not a release" (hash, obfuscated name...).
CREATE TABLE IF NOT EXISTS parsed_releases (
    title VARCHAR PRIMARY KEY,
    parser_version VARCHAR NOT NULL,
    parsed JSON,
    parsed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
