-- claimdesk workspace, version 18: a claim's id is derived until something refers to it.
--
-- The UUID of every claim took 37 bytes in its row and 50 in the unique index: a fifth of
-- the workspace. A claim's id is now `claims.id` when stored, and otherwise derived from its
-- number and its article's id (a UUID of version 8, "custom"):
--
--     printf('%08d', claims.number) || substr(articles.id, 9, 6) || '8' || substr(articles.id, 16)
--
-- #5002 of article 0190c0de-1a79-775d-aae7-746ccd25e9c9 is 00005002-1a79-875d-aae7-746ccd25e9c9:
-- its first eight digits are its number, so eight characters name it, and the rest is its
-- article's, random enough to be unique beyond this workspace. The `claim_ids` view shows
-- every claim's id. A claim's id is stored (and stays the same) once another table refers
-- to it (history, evidence, matched fact-checks), and for claims made before this version
-- or numbered past 99,999,999. Numbers are never reused (AUTOINCREMENT), so neither are ids.

DROP VIEW claim_status_counts;
DROP VIEW story_status_counts;
DROP VIEW review_queue;

CREATE TABLE claims_v18 (
    number          INTEGER PRIMARY KEY AUTOINCREMENT,  -- #N; in creation order, never reused
    id              TEXT UNIQUE,                   -- NULL: derived (see above)
    article_number  INTEGER NOT NULL REFERENCES articles (number),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('date', 'count', 'duration', 'percent', 'money', 'measure', 'other')),
    text            TEXT NOT NULL,                 -- the body at [start_char, end_char)
    start_char      INTEGER NOT NULL CHECK (start_char >= 0),  -- Unicode scalar offsets, end exclusive
    end_char        INTEGER NOT NULL CHECK (end_char > start_char),
    sentence_start  INTEGER NOT NULL CHECK (sentence_start >= 0),
    sentence_end    INTEGER NOT NULL CHECK (sentence_end >= sentence_start),
    value_low       REAL,
    value_high      REAL,
    qualifier       TEXT,
    subject         TEXT,
    predicate       TEXT,
    unit            TEXT,                          -- as written: "years", "km", "hectares"
    currency        TEXT,
    quantity        TEXT CHECK (quantity IS NULL
                                OR quantity IN ('length', 'area', 'volume', 'mass', 'speed', 'temperature')),
    si_low          REAL,
    si_high         REAL,
    date            TEXT,                          -- YYYY-MM-DD when the date exists and is known
    weekday         TEXT,                          -- as written next to the date
    relative        TEXT,                          -- today, yesterday, last Friday, ...
    year_inferred   INTEGER CHECK (year_inferred IN (0, 1)),
    date_valid      INTEGER CHECK (date_valid IN (0, 1)),
    status          TEXT NOT NULL DEFAULT 'unchecked'
                    CHECK (status IN ('unchecked', 'in-review', 'verified', 'disputed', 'unverifiable')),
    assignee        TEXT,
    rating          TEXT REFERENCES ratings (label),
    explanation     TEXT,
    origin          TEXT NOT NULL CHECK (origin IN ('extracted', 'manual')),
    created_at      TEXT,                          -- NULL: its article's ingested_at
    updated_at      TEXT,                          -- NULL until first changed
    scope           TEXT,                          -- 'story:…' or 'article:…', with subject_key
    subject_key     TEXT,
    event           TEXT,
    anchor          TEXT,
    UNIQUE (article_number, start_char, end_char, kind)
) STRICT;

INSERT INTO claims_v18 (number, id, article_number, kind, text, start_char, end_char,
        sentence_start, sentence_end, value_low, value_high, qualifier, subject, predicate, unit,
        currency, quantity, si_low, si_high, date, weekday, relative, year_inferred, date_valid,
        status, assignee, rating, explanation, origin, created_at, updated_at,
        scope, subject_key, event, anchor)
SELECT number, id, article_number, kind, text, start_char, end_char,
        sentence_start, sentence_end, value_low, value_high, qualifier, subject, predicate, unit,
        currency, quantity, si_low, si_high, date, weekday, relative, year_inferred, date_valid,
        status, assignee, rating, explanation, origin, created_at, updated_at,
        scope, subject_key, event, anchor
FROM claims ORDER BY number;

DROP TABLE claims;
ALTER TABLE claims_v18 RENAME TO claims;

CREATE INDEX claims_status ON claims (status, article_number, start_char)
    WHERE status <> 'unchecked';
CREATE INDEX claims_assignee ON claims (assignee, article_number, start_char) WHERE assignee IS NOT NULL;
CREATE INDEX claims_subject ON claims (subject, kind) WHERE subject IS NOT NULL;
CREATE INDEX claims_conflicts ON claims (scope, kind, subject_key, event, currency, value_low, value_high)
    WHERE subject_key IS NOT NULL;
CREATE INDEX claims_date_checks ON claims (article_number, start_char)
    WHERE kind = 'date' AND (weekday IS NOT NULL OR relative IS NOT NULL OR date_valid = 0);

CREATE TRIGGER status_counts_delete AFTER DELETE ON claims
BEGIN
    UPDATE status_counts SET claims = claims - 1 WHERE status = old.status;
END;

CREATE TRIGGER status_counts_update AFTER UPDATE OF status ON claims
WHEN old.status IS NOT new.status
BEGIN
    UPDATE status_counts SET claims = claims - 1 WHERE status = old.status;
    UPDATE status_counts SET claims = claims + 1 WHERE status = new.status;
END;

-- A sentence leaves the index with the last claim in it.
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON claims
WHEN NOT EXISTS (SELECT 1 FROM claims o
                 WHERE o.article_number = old.article_number AND o.sentence_start = old.sentence_start)
BEGIN
    DELETE FROM sentences_fts WHERE rowid = old.article_number * 16777216 + old.sentence_start;
END;

-- A row that points at a claim by a derived id stores that id in the claim first (the
-- foreign keys name `claims.id`): the same for claimdesk and for anyone writing SQL. A table
-- added later with a `claim_id` needs the same trigger.
CREATE TRIGGER claim_history_keeps_claim_id BEFORE INSERT ON claim_history
WHEN NOT EXISTS (SELECT 1 FROM claims WHERE id = new.claim_id)
BEGIN
    UPDATE claims SET id = new.claim_id
    WHERE number = CAST(substr(new.claim_id, 1, 8) AS INTEGER) AND +id IS NULL
      AND new.claim_id = printf('%08d', number) || (SELECT substr(a.id, 9, 6) || '8' || substr(a.id, 16)
                                                    FROM articles a WHERE a.number = claims.article_number);
END;

CREATE TRIGGER evidence_keeps_claim_id BEFORE INSERT ON evidence
WHEN NOT EXISTS (SELECT 1 FROM claims WHERE id = new.claim_id)
BEGIN
    UPDATE claims SET id = new.claim_id
    WHERE number = CAST(substr(new.claim_id, 1, 8) AS INTEGER) AND +id IS NULL
      AND new.claim_id = printf('%08d', number) || (SELECT substr(a.id, 9, 6) || '8' || substr(a.id, 16)
                                                    FROM articles a WHERE a.number = claims.article_number);
END;

CREATE TRIGGER claim_matches_keeps_claim_id BEFORE INSERT ON claim_matches
WHEN NOT EXISTS (SELECT 1 FROM claims WHERE id = new.claim_id)
BEGIN
    UPDATE claims SET id = new.claim_id
    WHERE number = CAST(substr(new.claim_id, 1, 8) AS INTEGER) AND +id IS NULL
      AND new.claim_id = printf('%08d', number) || (SELECT substr(a.id, 9, 6) || '8' || substr(a.id, 16)
                                                    FROM articles a WHERE a.number = claims.article_number);
END;

-- A stored id may not be one another claim derives: an id names one claim.
CREATE TRIGGER claims_id_not_derived_insert BEFORE INSERT ON claims
WHEN new.id IS NOT NULL AND EXISTS (
    SELECT 1 FROM claims c JOIN articles a ON a.number = c.article_number
    WHERE c.number = CAST(substr(new.id, 1, 8) AS INTEGER) AND +c.id IS NULL
      AND new.id = printf('%08d', c.number) || substr(a.id, 9, 6) || '8' || substr(a.id, 16))
BEGIN
    SELECT RAISE(ABORT, 'claims.id: another claim has that id (derived from its number)');
END;

CREATE TRIGGER claims_id_not_derived_update BEFORE UPDATE OF id ON claims
WHEN new.id IS NOT NULL AND EXISTS (
    SELECT 1 FROM claims c JOIN articles a ON a.number = c.article_number
    WHERE c.number = CAST(substr(new.id, 1, 8) AS INTEGER) AND c.number <> new.number
      AND +c.id IS NULL
      AND new.id = printf('%08d', c.number) || substr(a.id, 9, 6) || '8' || substr(a.id, 16))
BEGIN
    SELECT RAISE(ABORT, 'claims.id: another claim has that id (derived from its number)');
END;

-- Every claim's id, stored or derived, for browsing and joins in sqlite3 or Datasette.
CREATE VIEW claim_ids AS
SELECT c.number, coalesce(c.id, printf('%08d', c.number) || substr(a.id, 9, 6) || '8' || substr(a.id, 16)) AS id,
       a.id AS article_id
FROM claims c JOIN articles a ON a.number = c.article_number;

CREATE VIEW claim_status_counts AS
SELECT kind, status, count(*) AS claims FROM claims GROUP BY kind, status;

CREATE VIEW story_status_counts AS
SELECT a.story, c.status, count(*) AS claims
FROM claims c JOIN articles a ON a.number = c.article_number
GROUP BY a.story, c.status;

-- For browsing in sqlite3 or Datasette; claimdesk itself cuts sentences out in code.
CREATE VIEW review_queue AS
SELECT coalesce(c.id, printf('%08d', c.number) || substr(a.id, 9, 6) || '8' || substr(a.id, 16)) AS claim_id,
       c.number, c.kind, c.text,
       substr(a.body, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       c.assignee, a.id AS article_id, a.title AS article_title, a.url AS article_url, a.story,
       coalesce(c.created_at, a.ingested_at) AS created_at
FROM claims c JOIN articles a ON a.number = c.article_number
WHERE c.status = 'unchecked';
