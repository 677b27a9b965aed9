-- Health issues as they appear and clear: one open row per check (cleared_at NULL) at a time. An issue that
-- appears or clears is a notification event (health issue / health restored): appeared_at and cleared_at say when.
CREATE SEQUENCE health_issue_ids START 1;

CREATE TABLE health_issues (
    id BIGINT PRIMARY KEY DEFAULT nextval('health_issue_ids'),
    check_name VARCHAR NOT NULL,
    level VARCHAR NOT NULL CHECK (level IN ('warning', 'error')),
    message VARCHAR NOT NULL,
    appeared_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    cleared_at TIMESTAMPTZ
);

CREATE INDEX health_issues_open ON health_issues (check_name, cleared_at);
