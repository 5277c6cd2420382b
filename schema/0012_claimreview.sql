-- claimdesk workspace, version 12: publishing and reading fact-checks (schema.org
-- ClaimReview). Workspace settings name the fact-checking organization; known_reviews
-- holds fact-checks published by others (imported), and claim_matches the claims whose
-- sentence closely matches one, computed when either arrives so that listing is a query.

CREATE TABLE settings (
    key    TEXT PRIMARY KEY CHECK (key IN ('org.name', 'org.url', 'review.url_template')),
    value  TEXT NOT NULL
) STRICT;

CREATE TABLE known_reviews (
    id              INTEGER PRIMARY KEY,
    review_url      TEXT NOT NULL,       -- the fact-check's own page ('' when it gave none)
    claim_reviewed  TEXT NOT NULL,
    rating          TEXT,                -- reviewRating.alternateName
    rating_value    REAL,
    best_rating     REAL,
    worst_rating    REAL,
    org             TEXT,                -- the fact-checking organization (author)
    org_url         TEXT,
    date_published  TEXT,                -- when the fact-check was published
    review_body     TEXT,
    appearance_url  TEXT,                -- where the claim appeared
    claim_author    TEXT,                -- who made the claim
    claim_date      TEXT,
    source          TEXT,                -- the file it was imported from
    imported_at     TEXT NOT NULL,
    UNIQUE (review_url, claim_reviewed)  -- one page often reviews several claims
) STRICT;

-- Words of the reviewed claims, for matching; external content, rebuilt from known_reviews.
CREATE VIRTUAL TABLE known_reviews_fts USING fts5 (
    claim_reviewed,
    content = 'known_reviews', content_rowid = 'id'
);

CREATE TRIGGER known_reviews_fts_insert AFTER INSERT ON known_reviews
BEGIN
    INSERT INTO known_reviews_fts (rowid, claim_reviewed) VALUES (new.id, new.claim_reviewed);
END;

CREATE TRIGGER known_reviews_fts_delete AFTER DELETE ON known_reviews
BEGIN
    INSERT INTO known_reviews_fts (known_reviews_fts, rowid, claim_reviewed)
    VALUES ('delete', old.id, old.claim_reviewed);
END;

CREATE TRIGGER known_reviews_fts_update AFTER UPDATE OF claim_reviewed ON known_reviews
BEGIN
    INSERT INTO known_reviews_fts (known_reviews_fts, rowid, claim_reviewed)
    VALUES ('delete', old.id, old.claim_reviewed);
    INSERT INTO known_reviews_fts (rowid, claim_reviewed) VALUES (new.id, new.claim_reviewed);
END;

CREATE TABLE claim_matches (
    claim_id   TEXT NOT NULL REFERENCES claims (id),
    review_id  INTEGER NOT NULL REFERENCES known_reviews (id),
    score      REAL NOT NULL CHECK (score > 0 AND score <= 1),
    PRIMARY KEY (claim_id, review_id)
) STRICT;

CREATE INDEX claim_matches_review ON claim_matches (review_id);
