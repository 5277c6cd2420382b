-- claimdesk workspace, version 10: verdicts. A review can carry a rating from the
-- workspace's scale and an explanation, apart from the workflow status: what a published
-- fact-check states. Giving one is a history row of action 'rated'.

CREATE TABLE ratings (
    label     TEXT PRIMARY KEY,
    -- The rating's value on the scale (best highest); NULL for a rating outside it ("unproven").
    value     INTEGER,
    position  INTEGER NOT NULL
) STRICT;

INSERT INTO ratings (label, value, position) VALUES
    ('true', 5, 1), ('mostly-true', 4, 2), ('misleading', 3, 3),
    ('mostly-false', 2, 4), ('false', 1, 5), ('unproven', NULL, 6);

ALTER TABLE claims ADD COLUMN rating TEXT REFERENCES ratings (label);
ALTER TABLE claims ADD COLUMN explanation TEXT;

CREATE TABLE claim_history_v10 (
    id            INTEGER PRIMARY KEY,
    claim_id      TEXT NOT NULL REFERENCES claims (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'status', 'assign', 'unassign', 'edit', 'evidence', 'dismiss', 'reextract', 'rated')),
    from_value    TEXT,
    to_value      TEXT,
    note          TEXT,
    evidence_url  TEXT
) STRICT;

INSERT INTO claim_history_v10 (id, claim_id, at, actor, action, from_value, to_value, note, evidence_url)
    SELECT id, claim_id, at, actor, action, from_value, to_value, note, evidence_url FROM claim_history;

DROP TABLE claim_history;
ALTER TABLE claim_history_v10 RENAME TO claim_history;

CREATE INDEX claim_history_claim ON claim_history (claim_id, id);

CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim_history is append-only: UPDATE refused');
END;

CREATE TRIGGER claim_history_no_delete BEFORE DELETE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim_history is append-only: DELETE refused');
END;
