-- When an indexer's current run of failures began (Radarr's ProviderStatus.InitialFailure): the health checks
-- tell a recent failure (IndexerStatusCheck) from one that has lasted more than 6 hours (IndexerLongTermStatusCheck).
ALTER TABLE indexer_status ADD COLUMN IF NOT EXISTS initial_failure_at TIMESTAMPTZ;
