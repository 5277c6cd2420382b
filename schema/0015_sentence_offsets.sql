-- claimdesk workspace, version 15: a claim's sentence is kept as character offsets into
-- its article's body instead of a copy, and the full-text index holds each sentence once,
-- however many claims it holds, without a copy of its words.
--
-- sentences_fts is contentless: its rowid names a sentence as
-- articles.number * 16777216 + claims.sentence_start (an article is at most 10 MiB, so a
-- start fits in 24 bits). Search finds sentences, then the claims in them. A claim's quote
-- lies inside its sentence; its subject is searched by the claims query itself.
--
-- claimdesk runs this file in two parts: between them, code locates each stored sentence in
-- its body, fills the offsets and indexes the sentences (SQL cannot find the right one of
-- two identical sentences).

ALTER TABLE claims ADD COLUMN sentence_start INTEGER NOT NULL DEFAULT 0 CHECK (sentence_start >= 0);
ALTER TABLE claims ADD COLUMN sentence_end INTEGER NOT NULL DEFAULT 0;

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    sentence,
    content = '', contentless_delete = 1
);

-- @code: locate sentences

DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;
DROP TABLE claims_fts;

DROP VIEW review_queue;
ALTER TABLE claims DROP COLUMN sentence;

-- For browsing in sqlite3 or Datasette; claimdesk itself cuts sentences out in code.
CREATE VIEW review_queue AS
SELECT c.id AS claim_id, c.kind, c.text,
       substr(a.body, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       c.assignee, a.title AS article_title, a.url AS article_url, a.story, c.created_at
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.status = 'unchecked';

-- Counts by kind and status come from status_counts or a scan; no listing uses (kind,
-- status), while the index cost 28 bytes a claim and a tenth of bulk ingest.
DROP INDEX claims_kind;

-- New claims are counted by the code that inserts them, once per statement (every new claim
-- is unchecked): a trigger per row cost bulk ingest a tenth of its time. Changes and
-- deletions are still counted by triggers; doctor compares the counts with the claims.
DROP TRIGGER status_counts_insert;

-- A sentence leaves the index with the last claim in it.
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON claims
WHEN NOT EXISTS (SELECT 1 FROM claims o
                 WHERE o.article_id = old.article_id AND o.sentence_start = old.sentence_start)
BEGIN
    DELETE FROM sentences_fts
    WHERE rowid = (SELECT number FROM articles WHERE id = old.article_id) * 16777216 + old.sentence_start;
END;
