-- claimdesk workspace, version 7: `claimdesk reextract` records what it changes in the
-- claim history under its own action, 'reextract', so that a claim only the extractor has
-- touched can still follow a better extractor, and a person's changes never are.
-- SQLite cannot alter a CHECK, so the table is rebuilt with its rows, index and triggers
-- (dropping a table fires no DELETE trigger).

CREATE TABLE claim_history_v7 (
    id            INTEGER PRIMARY KEY,
    claim_id      TEXT NOT NULL REFERENCES claims (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'status', 'assign', 'unassign', 'edit', 'evidence', 'dismiss', 'reextract')),
    from_value    TEXT,
    to_value      TEXT,
    note          TEXT,
    evidence_url  TEXT
) STRICT;

INSERT INTO claim_history_v7 (id, claim_id, at, actor, action, from_value, to_value, note, evidence_url)
    SELECT id, claim_id, at, actor, action, from_value, to_value, note, evidence_url FROM claim_history;

DROP TABLE claim_history;
ALTER TABLE claim_history_v7 RENAME TO claim_history;

CREATE INDEX claim_history_claim ON claim_history (claim_id, id);

CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim_history is append-only: UPDATE refused');
END;

CREATE TRIGGER claim_history_no_delete BEFORE DELETE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim_history is append-only: DELETE refused');
END;
