-- Download tracking: what the client last said (state, ETA), since when a download has been stalled without
-- progress (failed after a configurable time), and when failed-download handling finished with it.
ALTER TABLE downloads ADD COLUMN IF NOT EXISTS client_state VARCHAR;
ALTER TABLE downloads ADD COLUMN IF NOT EXISTS eta_seconds INTEGER;
ALTER TABLE downloads ADD COLUMN IF NOT EXISTS stalled_since TIMESTAMPTZ;
ALTER TABLE downloads ADD COLUMN IF NOT EXISTS failed_at TIMESTAMPTZ;
