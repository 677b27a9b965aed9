-- The parse cache moved to its own database file beside the library's (store/parse_cache.py: ParseCache), so that
-- its writes never hold the library's file. A cache is rebuilt by parsing: the first scoring after this migration
-- parses every title once more.
DROP TABLE IF EXISTS parsed_releases;
