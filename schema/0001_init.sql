-- claimdesk workspace, version 1: articles, claims, their review history and evidence.
-- Applied once, in one transaction; never edited after release (add 0002_*.sql instead).

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,              -- UUIDv7
    url          TEXT,
    title        TEXT NOT NULL,
    outlet       TEXT,
    author       TEXT,
    published    TEXT CHECK (published IS NULL OR date(published) = published),
    story        TEXT,
    body         TEXT NOT NULL,
    body_sha256  TEXT NOT NULL UNIQUE,          -- same text ingested twice is one article
    source_path  TEXT,
    ingested_at  TEXT NOT NULL
) STRICT;

CREATE INDEX articles_story ON articles (story, id);

CREATE TABLE claims (
    id            TEXT PRIMARY KEY,             -- UUIDv7
    article_id    TEXT NOT NULL REFERENCES articles (id),
    kind          TEXT NOT NULL CHECK (kind IN ('date', 'count', 'duration', 'percent', 'money', 'other')),
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
    unit          TEXT,
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
    UNIQUE (article_id, start_char, end_char, kind)
) STRICT;

-- Listings filter on one column and keep article order, so each filter gets (filter, article, position).
CREATE INDEX claims_status   ON claims (status, article_id, start_char);
CREATE INDEX claims_assignee ON claims (assignee, article_id, start_char) WHERE assignee IS NOT NULL;
CREATE INDEX claims_kind     ON claims (kind, status);
CREATE INDEX claims_subject  ON claims (subject, kind) WHERE subject IS NOT NULL;

-- Append-only: every change to a claim, who made it and why.
CREATE TABLE claim_history (
    id            INTEGER PRIMARY KEY,
    claim_id      TEXT NOT NULL REFERENCES claims (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'status', 'assign', 'unassign', 'edit', 'evidence', 'dismiss')),
    from_value    TEXT,
    to_value      TEXT,
    note          TEXT,
    evidence_url  TEXT
) STRICT;

CREATE INDEX claim_history_claim ON claim_history (claim_id, id);

CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim_history is append-only: UPDATE refused');
END;

CREATE TRIGGER claim_history_no_delete BEFORE DELETE ON claim_history
BEGIN
    SELECT RAISE(ABORT, 'claim_history is append-only: DELETE refused');
END;

CREATE TABLE evidence (
    id        INTEGER PRIMARY KEY,
    claim_id  TEXT NOT NULL REFERENCES claims (id),
    url       TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    note      TEXT,
    stance    TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
) STRICT;

CREATE INDEX evidence_claim ON evidence (claim_id, id);

-- Views with plain names, so that sqlite3 and Datasette users see the workflow at a glance.
CREATE VIEW review_queue AS
SELECT c.id AS claim_id, c.kind, c.text, c.sentence, c.assignee,
       a.title AS article_title, a.url AS article_url, a.story, c.created_at
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.status = 'unchecked';

CREATE VIEW story_status_counts AS
SELECT a.story, c.status, count(*) AS claims
FROM claims c JOIN articles a ON a.id = c.article_id
GROUP BY a.story, c.status;

CREATE VIEW claim_status_counts AS
SELECT kind, status, count(*) AS claims FROM claims GROUP BY kind, status;
