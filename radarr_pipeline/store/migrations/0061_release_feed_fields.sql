-- What Radarr's feed parsers read beyond the first release columns: the download protocol, the comments URL
-- (kept apart from the details page in info_url) and the languages the indexer states.
ALTER TABLE releases ADD COLUMN IF NOT EXISTS protocol VARCHAR DEFAULT 'torrent';
ALTER TABLE releases ADD COLUMN IF NOT EXISTS comments_url VARCHAR;
ALTER TABLE releases ADD COLUMN IF NOT EXISTS languages VARCHAR[];
