-- claimdesk on PostgreSQL, version 1: the same workspace as the SQLite schema at its
-- version 16 (schema/0016_lean_rows.sql and the files before it), table for table and
-- column for column, so that `export all` / `import all` and `migrate-to` carry rows over
-- unchanged.
--
-- * Text is sorted byte by byte (COLLATE "C"), as SQLite sorts it, so listings come out in
--   the same order on both backends.
-- * Times are ISO 8601 UTC text as claimdesk writes them ("2026-12-06T03:24:50.638Z"), the
--   same strings as in SQLite; cast with ::timestamptz to compute with them.
-- * Full-text search keeps a tsvector per sentence (the 'simple' configuration: words
--   lowercased, not stemmed, as SQLite's FTS5 reads them) with a GIN index.

CREATE TABLE ratings (
    label     text COLLATE "C" PRIMARY KEY,
    value     bigint,
    position  bigint NOT NULL
);

INSERT INTO ratings (label, value, position) VALUES
    ('true', 5, 1), ('mostly-true', 4, 2), ('misleading', 3, 3),
    ('mostly-false', 2, 4), ('false', 1, 5), ('unproven', NULL, 6);

CREATE TABLE articles (
    number          bigint PRIMARY KEY,            -- #N; in ingest order, never reused
    id              text COLLATE "C" NOT NULL UNIQUE,         -- UUIDv7, the stable id
    url             text COLLATE "C",
    title           text COLLATE "C" NOT NULL,
    outlet          text COLLATE "C",
    author          text COLLATE "C",
    published       text COLLATE "C" CHECK (published IS NULL OR published ~ '^\d{4}-\d{2}-\d{2}$'),
    published_from  text COLLATE "C" CHECK (published_from IS NULL
                                 OR published_from IN ('flag', 'json-ld', 'meta', 'dateline', 'feed', 'edit')),
    story           text COLLATE "C",
    language        text COLLATE "C",
    format          text COLLATE "C" NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'markdown', 'html')),
    source_path     text COLLATE "C",
    fetched_url     text COLLATE "C",
    fetched_at      text COLLATE "C",
    raw_sha256      text COLLATE "C",
    previous_id     text COLLATE "C" REFERENCES articles (id),  -- the version this one replaces
    ingested_at     text COLLATE "C" NOT NULL,
    body_sha256     text COLLATE "C" NOT NULL UNIQUE,         -- same text ingested twice is one article
    body            text NOT NULL
);

CREATE INDEX articles_story ON articles (story, number);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_fetched_url ON articles (fetched_url) WHERE fetched_url IS NOT NULL;
CREATE UNIQUE INDEX articles_previous ON articles (previous_id) WHERE previous_id IS NOT NULL;

CREATE TABLE claims (
    number          bigint PRIMARY KEY,            -- #N; in creation order, never reused
    id              text COLLATE "C" NOT NULL UNIQUE,         -- UUIDv7, the stable id
    article_number  bigint NOT NULL REFERENCES articles (number),
    kind            text COLLATE "C" NOT NULL
                    CHECK (kind IN ('date', 'count', 'duration', 'percent', 'money', 'measure', 'other')),
    text            text COLLATE "C" NOT NULL,                -- the body at [start_char, end_char)
    start_char      bigint NOT NULL CHECK (start_char >= 0),  -- Unicode scalar offsets, end exclusive
    end_char        bigint NOT NULL CHECK (end_char > start_char),
    sentence_start  bigint NOT NULL CHECK (sentence_start >= 0),
    sentence_end    bigint NOT NULL CHECK (sentence_end >= sentence_start),
    value_low       double precision,
    value_high      double precision,
    qualifier       text COLLATE "C",
    subject         text COLLATE "C",
    predicate       text COLLATE "C",
    unit            text COLLATE "C",
    currency        text COLLATE "C",
    quantity        text COLLATE "C" CHECK (quantity IS NULL
                                 OR quantity IN ('length', 'area', 'volume', 'mass', 'speed', 'temperature')),
    si_low          double precision,
    si_high         double precision,
    date            text COLLATE "C",                         -- YYYY-MM-DD when the date exists and is known
    weekday         text COLLATE "C",
    relative        text COLLATE "C",
    year_inferred   boolean,
    date_valid      boolean,
    status          text COLLATE "C" NOT NULL DEFAULT 'unchecked'
                    CHECK (status IN ('unchecked', 'in-review', 'verified', 'disputed', 'unverifiable')),
    assignee        text COLLATE "C",
    rating          text COLLATE "C" REFERENCES ratings (label),
    explanation     text COLLATE "C",
    origin          text COLLATE "C" NOT NULL CHECK (origin IN ('extracted', 'manual')),
    created_at      text COLLATE "C",                         -- NULL: its article's ingested_at
    updated_at      text COLLATE "C",                         -- NULL until first changed
    scope           text COLLATE "C",                         -- 'story:…' or 'article:…', with subject_key
    subject_key     text COLLATE "C",
    event           text COLLATE "C",
    anchor          text COLLATE "C",
    UNIQUE (article_number, start_char, end_char, kind)
);

CREATE INDEX claims_status ON claims (status, article_number, start_char);
CREATE INDEX claims_kind_order ON claims (kind, article_number, start_char);
CREATE INDEX claims_assignee ON claims (assignee, article_number, start_char) WHERE assignee IS NOT NULL;
CREATE INDEX claims_subject ON claims (subject, kind) WHERE subject IS NOT NULL;
CREATE INDEX claims_conflicts ON claims (scope, kind, subject_key, event, currency, value_low, value_high)
    WHERE subject_key IS NOT NULL;
CREATE INDEX claims_date_checks ON claims (article_number, start_char)
    WHERE kind = 'date' AND (weekday IS NOT NULL OR relative IS NOT NULL OR date_valid = false);

CREATE TABLE claim_history (
    id            bigserial PRIMARY KEY,
    claim_id      text COLLATE "C" NOT NULL REFERENCES claims (id),
    at            text COLLATE "C" NOT NULL,
    actor         text COLLATE "C" NOT NULL,
    action        text COLLATE "C" NOT NULL CHECK (action IN ('created', 'status', 'assign', 'unassign', 'edit',
                                                    'evidence', 'dismiss', 'reextract', 'rated')),
    from_value    text COLLATE "C",
    to_value      text COLLATE "C",
    note          text COLLATE "C",
    evidence_url  text COLLATE "C"
);
CREATE INDEX claim_history_claim ON claim_history (claim_id, id);

CREATE TABLE evidence (
    id        bigserial PRIMARY KEY,
    claim_id  text COLLATE "C" NOT NULL REFERENCES claims (id),
    url       text COLLATE "C" NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
    note      text COLLATE "C",
    stance    text COLLATE "C" NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    added_by  text COLLATE "C" NOT NULL,
    added_at  text COLLATE "C" NOT NULL
);
CREATE INDEX evidence_claim ON evidence (claim_id, id);

CREATE TABLE finding_dismissals (
    finding_id    text COLLATE "C" PRIMARY KEY,
    rule          text COLLATE "C" NOT NULL,
    note          text COLLATE "C" NOT NULL,
    dismissed_by  text COLLATE "C" NOT NULL,
    dismissed_at  text COLLATE "C" NOT NULL
);

CREATE TABLE article_history (
    id          bigserial PRIMARY KEY,
    article_id  text COLLATE "C" NOT NULL REFERENCES articles (id),
    at          text COLLATE "C" NOT NULL,
    actor       text COLLATE "C" NOT NULL,
    field       text COLLATE "C" NOT NULL CHECK (field IN ('published', 'story', 'url', 'outlet', 'author', 'title')),
    from_value  text COLLATE "C",
    to_value    text COLLATE "C",
    note        text COLLATE "C"
);
CREATE INDEX article_history_article ON article_history (article_id, id);

-- Both histories are append-only.
CREATE FUNCTION claimdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER claim_history_no_update BEFORE UPDATE ON claim_history
    FOR EACH ROW EXECUTE FUNCTION claimdesk_append_only();
CREATE TRIGGER claim_history_no_delete BEFORE DELETE ON claim_history
    FOR EACH ROW EXECUTE FUNCTION claimdesk_append_only();
CREATE TRIGGER article_history_no_update BEFORE UPDATE ON article_history
    FOR EACH ROW EXECUTE FUNCTION claimdesk_append_only();
CREATE TRIGGER article_history_no_delete BEFORE DELETE ON article_history
    FOR EACH ROW EXECUTE FUNCTION claimdesk_append_only();
CREATE TRIGGER claim_history_no_truncate BEFORE TRUNCATE ON claim_history
    FOR EACH STATEMENT EXECUTE FUNCTION claimdesk_append_only();
CREATE TRIGGER article_history_no_truncate BEFORE TRUNCATE ON article_history
    FOR EACH STATEMENT EXECUTE FUNCTION claimdesk_append_only();

CREATE TABLE settings (
    key    text COLLATE "C" PRIMARY KEY CHECK (key IN ('org.name', 'org.url', 'review.url_template')),
    value  text COLLATE "C" NOT NULL
);

CREATE TABLE known_reviews (
    id              bigserial PRIMARY KEY,
    review_url      text COLLATE "C" NOT NULL,
    claim_reviewed  text COLLATE "C" NOT NULL,
    rating          text COLLATE "C",
    rating_value    double precision,
    best_rating     double precision,
    worst_rating    double precision,
    org             text COLLATE "C",
    org_url         text COLLATE "C",
    date_published  text COLLATE "C",
    review_body     text COLLATE "C",
    appearance_url  text COLLATE "C",
    claim_author    text COLLATE "C",
    claim_date      text COLLATE "C",
    source          text COLLATE "C",
    imported_at     text COLLATE "C" NOT NULL,
    words           tsvector GENERATED ALWAYS AS (to_tsvector('simple', claim_reviewed)) STORED,
    UNIQUE (review_url, claim_reviewed)
);
CREATE INDEX known_reviews_words ON known_reviews USING gin (words);

CREATE TABLE claim_matches (
    claim_id   text COLLATE "C" NOT NULL REFERENCES claims (id),
    review_id  bigint NOT NULL REFERENCES known_reviews (id),
    score      double precision NOT NULL CHECK (score > 0 AND score <= 1),
    PRIMARY KEY (claim_id, review_id)
);
CREATE INDEX claim_matches_review ON claim_matches (review_id);

CREATE TABLE api_tokens (
    name        text COLLATE "C" PRIMARY KEY,
    sha256      text COLLATE "C" NOT NULL UNIQUE,
    created_at  text COLLATE "C" NOT NULL
);

-- Claims per status, kept by the code that inserts claims and by triggers on changes.
CREATE TABLE status_counts (
    position  integer NOT NULL UNIQUE,
    status    text COLLATE "C" PRIMARY KEY
              CHECK (status IN ('unchecked', 'in-review', 'verified', 'disputed', 'unverifiable')),
    claims    bigint NOT NULL CHECK (claims >= 0)
);
INSERT INTO status_counts (position, status, claims) VALUES
    (1, 'unchecked', 0), (2, 'in-review', 0), (3, 'verified', 0), (4, 'disputed', 0),
    (5, 'unverifiable', 0);

CREATE FUNCTION claimdesk_status_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE status_counts SET claims = claims - 1 WHERE status = OLD.status;
        RETURN OLD;
    END IF;
    IF OLD.status IS DISTINCT FROM NEW.status THEN
        UPDATE status_counts SET claims = claims - 1 WHERE status = OLD.status;
        UPDATE status_counts SET claims = claims + 1 WHERE status = NEW.status;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER status_counts_update AFTER UPDATE OF status ON claims
    FOR EACH ROW EXECUTE FUNCTION claimdesk_status_counts();
CREATE TRIGGER status_counts_delete AFTER DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claimdesk_status_counts();

-- Each claim sentence once, by article number * 16777216 + its start (as in SQLite).
CREATE TABLE sentences (
    key    bigint PRIMARY KEY,
    words  tsvector NOT NULL
);
CREATE INDEX sentences_words ON sentences USING gin (words);

CREATE FUNCTION claimdesk_drop_sentence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM claims o WHERE o.article_number = OLD.article_number
                   AND o.sentence_start = OLD.sentence_start) THEN
        DELETE FROM sentences WHERE key = OLD.article_number * 16777216 + OLD.sentence_start;
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER sentences_delete AFTER DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claimdesk_drop_sentence();

CREATE VIEW claim_status_counts AS
SELECT kind, status, count(*) AS claims FROM claims GROUP BY kind, status;

CREATE VIEW story_status_counts AS
SELECT a.story, c.status, count(*) AS claims
FROM claims c JOIN articles a ON a.number = c.article_number
GROUP BY a.story, c.status;

CREATE VIEW review_queue AS
SELECT c.id AS claim_id, c.number, c.kind, c.text,
       substr(a.body, c.sentence_start::integer + 1, (c.sentence_end - c.sentence_start)::integer) AS sentence,
       c.assignee, a.id AS article_id, a.title AS article_title, a.url AS article_url, a.story,
       coalesce(c.created_at, a.ingested_at) AS created_at
FROM claims c JOIN articles a ON a.number = c.article_number
WHERE c.status = 'unchecked';
