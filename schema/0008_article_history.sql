-- claimdesk workspace, version 8: corrections to an article's metadata (publication date,
-- story, URL, outlet, author, title), kept like the claim history: append-only.

CREATE TABLE article_history (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    field       TEXT NOT NULL CHECK (field IN ('published', 'story', 'url', 'outlet', 'author', 'title')),
    from_value  TEXT,
    to_value    TEXT,
    note        TEXT
) STRICT;

CREATE INDEX article_history_article ON article_history (article_id, id);

CREATE TRIGGER article_history_no_update BEFORE UPDATE ON article_history
BEGIN
    SELECT RAISE(ABORT, 'article_history is append-only: UPDATE refused');
END;

CREATE TRIGGER article_history_no_delete BEFORE DELETE ON article_history
BEGIN
    SELECT RAISE(ABORT, 'article_history is append-only: DELETE refused');
END;
