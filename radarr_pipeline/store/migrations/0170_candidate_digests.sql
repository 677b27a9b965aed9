-- A digest of each variant's decisions as last written: a scoring run rewrites only the variants whose
-- decisions changed (most do not between two runs). Variants with decisions already get digest 0, which no
-- computed digest equals: the next run rewrites them all once.
CREATE TABLE candidate_digests (
    variant_id  BIGINT PRIMARY KEY,
    digest      BIGINT NOT NULL
);
INSERT INTO candidate_digests SELECT DISTINCT variant_id, 0 FROM candidates;
