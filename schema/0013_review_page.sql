-- claimdesk workspace, version 13: the review page (`serve`). Per-person API tokens, stored
-- as their sha256 only; and claims counted per status, kept up to date by triggers, so that
-- the review queue's counts are read, not counted, on every request.

CREATE TABLE api_tokens (
    name        TEXT PRIMARY KEY,             -- the person: the actor of their changes
    sha256      TEXT NOT NULL UNIQUE,         -- of the token; the token itself is never stored
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE status_counts (
    status  TEXT PRIMARY KEY
            CHECK (status IN ('unchecked', 'in-review', 'verified', 'disputed', 'unverifiable')),
    claims  INTEGER NOT NULL CHECK (claims >= 0)
) STRICT;

INSERT INTO status_counts (status, claims)
SELECT s.status, (SELECT count(*) FROM claims c WHERE c.status = s.status)
FROM (SELECT 'unchecked' AS status UNION ALL SELECT 'in-review' UNION ALL SELECT 'verified'
      UNION ALL SELECT 'disputed' UNION ALL SELECT 'unverifiable') s;

CREATE TRIGGER status_counts_insert AFTER INSERT ON claims
BEGIN
    UPDATE status_counts SET claims = claims + 1 WHERE status = new.status;
END;

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

-- The queue filtered by kind, in reading order, stops after one page instead of sorting
-- every claim of that kind.
CREATE INDEX claims_kind_order ON claims (kind, article_id, start_char);
