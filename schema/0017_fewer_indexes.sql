-- claimdesk workspace, version 17: two indexes that cost more than they earned.
--
-- * `claims_status` held every claim (27 bytes a claim on the 20,000-article probe) to find
--   the first page of a status. Most claims stay `unchecked` for ever, and the first page of
--   those is found by walking claims in reading order (the unique (article, start, end,
--   kind) index) and taking the first fifty: only the reviewed statuses, a minority, need
--   an index to be found fast. Queries say `status <> 'unchecked'` for SQLite to use it.
-- * `claims_kind_order` (24 bytes a claim) served the first page of a kind, which the same
--   unique index serves: it holds the kind, so that walk never reads the table (20 ms over
--   670,700 claims for a kind that has none).

DROP INDEX claims_status;
CREATE INDEX claims_status ON claims (status, article_number, start_char)
    WHERE status <> 'unchecked';
DROP INDEX claims_kind_order;
