-- claimdesk workspace, version 4: full-text search over claims, named claims_fts so that
-- Datasette finds it. External content: the words are stored once, in claims.
-- New claims are indexed by claimdesk in one INSERT ... SELECT per write transaction
-- (store::index_new_claims): a trigger per row made bulk ingest 2.5 times slower. The
-- triggers below keep the index in step when a claim is updated or deleted.

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, sentence, subject,
    content = 'claims', content_rowid = 'rowid'
);

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, sentence, subject)
    VALUES ('delete', old.rowid, old.text, old.sentence, old.subject);
END;

CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, sentence, subject ON claims
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, sentence, subject)
    VALUES ('delete', old.rowid, old.text, old.sentence, old.subject);
    INSERT INTO claims_fts (rowid, text, sentence, subject)
    VALUES (new.rowid, new.text, new.sentence, new.subject);
END;

-- Claims stored before this version.
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
