-- claimdesk on PostgreSQL, version 2: the `claim_ids` view SQLite's version 18 has, so that
-- SQL written against one workspace reads the other. Here every claim's id is stored.
CREATE VIEW claim_ids AS
SELECT c.number, c.id, a.id AS article_id
FROM claims c JOIN articles a ON a.number = c.article_number;
