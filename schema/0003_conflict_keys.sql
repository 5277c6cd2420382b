-- claimdesk workspace, version 3: what the number-conflict check groups claims by, stored
-- with each claim, so that the workspace finds the groups that can conflict with one
-- indexed GROUP BY instead of reading every claim.

-- 'story:NAME', or 'article:ID' for an article without a story: numbers are compared
-- within a story, never across stories.
ALTER TABLE claims ADD COLUMN scope TEXT;
-- The counted thing, lowercase and singular, without its event word ("civilian").
ALTER TABLE claims ADD COLUMN subject_key TEXT;
-- The event class: "killed" for killed, died, dead; "injured" for injured, wounded; ...
ALTER TABLE claims ADD COLUMN event TEXT;

CREATE INDEX claims_conflicts ON claims (scope, kind, subject_key, event, currency, value_low, value_high)
    WHERE subject_key IS NOT NULL;

-- The dates the date rules read: with a weekday, a relative word, or no valid day.
CREATE INDEX claims_date_checks ON claims (article_id, start_char)
    WHERE kind = 'date' AND (weekday IS NOT NULL OR relative IS NOT NULL OR date_valid = 0);
