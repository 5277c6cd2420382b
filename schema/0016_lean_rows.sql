-- claimdesk workspace, version 16: leaner rows, so a workspace weighs a few hundred bytes
-- per claim rather than twenty times its text.
--
-- * An article's number (the #N people type) becomes its rowid, and a claim points at its
--   article by that number: the claim row and each of the three indexes led by the article
--   held a 36-character UUID, now a one- to three-byte integer. Articles keep their UUID
--   (`id`, unique) as the stable id; other tables still refer to it.
-- * A claim's number becomes its rowid (the unique index on it goes).
-- * `updated_at` stays NULL until a claim is first changed (it was a copy of `created_at`),
--   and `created_at` is NULL for a claim stored in the same transaction as its article: it
--   is then the article's `ingested_at` (it was a copy of it on every claim).
-- * `scope` is kept only where a claim has a conflict key (`subject_key`): nothing else
--   reads it.
-- * An article's body is its last column: listing metadata never walks a long body's
--   overflow pages.
--
-- Sorted listings order by article number, which is ingest order (as UUIDv7 ids were).

DROP VIEW claim_status_counts;
DROP VIEW story_status_counts;
DROP VIEW review_queue;

CREATE TABLE articles_v16 (
    number          INTEGER PRIMARY KEY,           -- #N; in ingest order, never reused
    id              TEXT NOT NULL UNIQUE,          -- UUIDv7, the stable id
    url             TEXT,
    title           TEXT NOT NULL,
    outlet          TEXT,
    author          TEXT,
    published       TEXT CHECK (published IS NULL OR date(published) = published),
    published_from  TEXT CHECK (published_from IS NULL
                                OR published_from IN ('flag', 'json-ld', 'meta', 'dateline', 'feed', 'edit')),
    story           TEXT,
    language        TEXT,
    format          TEXT NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'markdown', 'html')),
    source_path     TEXT,
    fetched_url     TEXT,
    fetched_at      TEXT,
    raw_sha256      TEXT,
    previous_id     TEXT REFERENCES articles (id),  -- the version this one replaces
    ingested_at     TEXT NOT NULL,
    body_sha256     TEXT NOT NULL UNIQUE,          -- same text ingested twice is one article
    body            TEXT NOT NULL
) STRICT;

INSERT INTO articles_v16 (number, id, url, title, outlet, author, published, published_from,
        story, language, format, source_path, fetched_url, fetched_at, raw_sha256, previous_id,
        ingested_at, body_sha256, body)
SELECT number, id, url, title, outlet, author, published, published_from,
       story, language, format, source_path, fetched_url, fetched_at, raw_sha256, previous_id,
       ingested_at, body_sha256, body
FROM articles ORDER BY number;

CREATE TABLE claims_v16 (
    number          INTEGER PRIMARY KEY,           -- #N; in creation order, never reused
    id              TEXT NOT NULL UNIQUE,          -- UUIDv7, the stable id
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

INSERT INTO claims_v16 (number, id, article_number, kind, text, start_char, end_char,
        sentence_start, sentence_end, value_low, value_high, qualifier, subject, predicate, unit,
        currency, quantity, si_low, si_high, date, weekday, relative, year_inferred, date_valid,
        status, assignee, rating, explanation, origin, created_at, updated_at,
        scope, subject_key, event, anchor)
SELECT c.number, c.id, a.number, c.kind, c.text, c.start_char, c.end_char,
       c.sentence_start, c.sentence_end, c.value_low, c.value_high, c.qualifier, c.subject,
       c.predicate, c.unit, c.currency, c.quantity, c.si_low, c.si_high, c.date, c.weekday,
       c.relative, c.year_inferred, c.date_valid, c.status, c.assignee, c.rating, c.explanation,
       c.origin, nullif(c.created_at, a.ingested_at), nullif(c.updated_at, c.created_at),
       CASE WHEN c.subject_key IS NULL THEN NULL ELSE c.scope END, c.subject_key, c.event, c.anchor
FROM claims c JOIN articles a ON a.id = c.article_id
ORDER BY c.number;

DROP TABLE claims;
DROP TABLE articles;
ALTER TABLE articles_v16 RENAME TO articles;
ALTER TABLE claims_v16 RENAME TO claims;

CREATE INDEX articles_story ON articles (story, number);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX articles_previous ON articles (previous_id) WHERE previous_id IS NOT NULL;

-- The review queue's first page, by status and by kind, in reading order.
CREATE INDEX claims_status ON claims (status, article_number, start_char);
CREATE INDEX claims_kind_order ON claims (kind, article_number, start_char);
CREATE INDEX claims_assignee ON claims (assignee, article_number, start_char) WHERE assignee IS NOT NULL;
-- Search by subject words (claims --search).
CREATE INDEX claims_subject ON claims (subject, kind) WHERE subject IS NOT NULL;
-- The report: groups of the same quantity, and the dates the date rules read.
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

CREATE VIEW claim_status_counts AS
SELECT kind, status, count(*) AS claims FROM claims GROUP BY kind, status;

CREATE VIEW story_status_counts AS
SELECT a.story, c.status, count(*) AS claims
FROM claims c JOIN articles a ON a.number = c.article_number
GROUP BY a.story, c.status;

-- For browsing in sqlite3 or Datasette; claimdesk itself cuts sentences out in code.
CREATE VIEW review_queue AS
SELECT c.id AS claim_id, c.number, c.kind, c.text,
       substr(a.body, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       c.assignee, a.id AS article_id, a.title AS article_title, a.url AS article_url, a.story,
       coalesce(c.created_at, a.ingested_at) AS created_at
FROM claims c JOIN articles a ON a.number = c.article_number
WHERE c.status = 'unchecked';

-- @code: index sentences (the full-text index is rebuilt under the new article keys)
