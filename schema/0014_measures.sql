-- claimdesk workspace, version 14: measurements as their own kind ('measure'): distances,
-- areas, volumes, weights, speeds and temperatures, with the unit as written, the quantity,
-- and the range in SI units so that figures in different units compare.
--
-- SQLite cannot change a CHECK in place: the claims table is rebuilt with the same rows and
-- rowids (the full-text index points at rowids), then its indexes, triggers and views are
-- made again. claimdesk runs it with foreign keys off and checks them all before commit.

DROP VIEW claim_status_counts;
DROP VIEW review_queue;
DROP VIEW story_status_counts;

CREATE TABLE claims_v14 (
    id            TEXT PRIMARY KEY,             -- UUIDv7
    article_id    TEXT NOT NULL REFERENCES articles (id),
    kind          TEXT NOT NULL CHECK (kind IN ('date', 'count', 'duration', 'percent', 'money', 'measure', 'other')),
    text          TEXT NOT NULL,                -- the body at [start_char, end_char)
    start_char    INTEGER NOT NULL CHECK (start_char >= 0),   -- Unicode scalar offsets, end exclusive
    end_char      INTEGER NOT NULL CHECK (end_char > start_char),
    sentence      TEXT NOT NULL,
    -- normalized value, one column per field so it can be queried and joined
    value_low     REAL,
    value_high    REAL,
    qualifier     TEXT,
    subject       TEXT,
    predicate     TEXT,
    unit          TEXT,                          -- as written: "years", "km", "hectares"
    currency      TEXT,
    date          TEXT,                          -- YYYY-MM-DD when the date exists and is known
    weekday       TEXT,                          -- as written next to the date
    relative      TEXT,                          -- today, yesterday, last Friday, ...
    year_inferred INTEGER CHECK (year_inferred IN (0, 1)),
    date_valid    INTEGER CHECK (date_valid IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'unchecked'
                  CHECK (status IN ('unchecked', 'in-review', 'verified', 'disputed', 'unverifiable')),
    assignee      TEXT,
    origin        TEXT NOT NULL CHECK (origin IN ('extracted', 'manual')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    scope         TEXT,
    subject_key   TEXT,
    event         TEXT,
    anchor        TEXT,
    number        INTEGER,
    rating        TEXT REFERENCES ratings (label),
    explanation   TEXT,
    -- measures: what is measured, and the range in SI units (m, m², m³, kg, m/s, K)
    quantity      TEXT CHECK (quantity IS NULL OR quantity IN ('length', 'area', 'volume', 'mass', 'speed', 'temperature')),
    si_low        REAL,
    si_high       REAL,
    UNIQUE (article_id, start_char, end_char, kind)
) STRICT;

INSERT INTO claims_v14 (rowid, id, article_id, kind, text, start_char, end_char, sentence,
    value_low, value_high, qualifier, subject, predicate, unit, currency, date, weekday,
    relative, year_inferred, date_valid, status, assignee, origin, created_at, updated_at,
    scope, subject_key, event, anchor, number, rating, explanation)
SELECT rowid, id, article_id, kind, text, start_char, end_char, sentence,
    value_low, value_high, qualifier, subject, predicate, unit, currency, date, weekday,
    relative, year_inferred, date_valid, status, assignee, origin, created_at, updated_at,
    scope, subject_key, event, anchor, number, rating, explanation
FROM claims;

DROP TABLE claims;
ALTER TABLE claims_v14 RENAME TO claims;

CREATE INDEX claims_assignee ON claims (assignee, article_id, start_char) WHERE assignee IS NOT NULL;
CREATE INDEX claims_conflicts ON claims (scope, kind, subject_key, event, currency, value_low, value_high)
    WHERE subject_key IS NOT NULL;
CREATE INDEX claims_date_checks ON claims (article_id, start_char)
    WHERE kind = 'date' AND (weekday IS NOT NULL OR relative IS NOT NULL OR date_valid = 0);
CREATE INDEX claims_kind     ON claims (kind, status);
CREATE INDEX claims_kind_order ON claims (kind, article_id, start_char);
CREATE UNIQUE INDEX claims_number ON claims (number);
CREATE INDEX claims_status   ON claims (status, article_id, start_char);
CREATE INDEX claims_subject  ON claims (subject, kind) WHERE subject IS NOT NULL;

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

CREATE TRIGGER status_counts_delete AFTER DELETE ON claims
BEGIN
    UPDATE status_counts SET claims = claims - 1 WHERE status = old.status;
END;

CREATE TRIGGER status_counts_insert AFTER INSERT ON claims
BEGIN
    UPDATE status_counts SET claims = claims + 1 WHERE status = new.status;
END;

CREATE TRIGGER status_counts_update AFTER UPDATE OF status ON claims
WHEN old.status IS NOT new.status
BEGIN
    UPDATE status_counts SET claims = claims - 1 WHERE status = old.status;
    UPDATE status_counts SET claims = claims + 1 WHERE status = new.status;
END;

CREATE VIEW claim_status_counts AS
SELECT kind, status, count(*) AS claims FROM claims GROUP BY kind, status;

CREATE VIEW review_queue AS
SELECT c.id AS claim_id, c.kind, c.text, c.sentence, c.assignee,
       a.title AS article_title, a.url AS article_url, a.story, c.created_at
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.status = 'unchecked';

CREATE VIEW story_status_counts AS
SELECT a.story, c.status, count(*) AS claims
FROM claims c JOIN articles a ON a.id = c.article_id
GROUP BY a.story, c.status;
