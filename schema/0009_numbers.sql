-- claimdesk workspace, version 9: short numbers people type. Every article and claim gets
-- one, unique in the workspace and never reused (claimdesk deletes no article or claim, and
-- a new one takes the highest number plus one): articles in ingest order, claims in
-- creation order, within one article by position. UUIDs stay the stable ids.

ALTER TABLE articles ADD COLUMN number INTEGER;
ALTER TABLE claims ADD COLUMN number INTEGER;

WITH n AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM articles)
UPDATE articles SET number = (SELECT k FROM n WHERE n.id = articles.id);

WITH n AS (
    SELECT c.id, row_number() OVER (ORDER BY a.number, c.start_char, c.end_char, c.kind) AS k
    FROM claims c JOIN articles a ON a.id = c.article_id
)
UPDATE claims SET number = (SELECT k FROM n WHERE n.id = claims.id);

CREATE UNIQUE INDEX articles_number ON articles (number);
CREATE UNIQUE INDEX claims_number ON claims (number);
