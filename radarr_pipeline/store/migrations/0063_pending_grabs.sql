-- A grab about to be sent to the download client, written before it is sent: a crash between "the client has
-- the torrent" and "the grab is recorded" leaves this row, and the next refresh records the grab from it.
CREATE TABLE IF NOT EXISTS pending_grabs (
    client VARCHAR NOT NULL,
    infohash VARCHAR NOT NULL,
    intent JSON NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client, infohash)
);
