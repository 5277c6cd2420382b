-- claimdesk workspace, version 11: articles read from web pages, URLs and feeds.
-- Where the publication date came from, where and when a page was fetched, the hash of the
-- raw page (the stored body is its main text), and the earlier version of an article whose
-- outlet changed it after publication.

ALTER TABLE articles ADD COLUMN published_from TEXT
    CHECK (published_from IS NULL OR published_from IN ('flag', 'json-ld', 'meta', 'dateline', 'feed', 'edit'));
ALTER TABLE articles ADD COLUMN format TEXT NOT NULL DEFAULT 'text'
    CHECK (format IN ('text', 'markdown', 'html'));
ALTER TABLE articles ADD COLUMN fetched_url TEXT;      -- the address asked for
ALTER TABLE articles ADD COLUMN fetched_at TEXT;
ALTER TABLE articles ADD COLUMN raw_sha256 TEXT;       -- of the page as fetched or read
ALTER TABLE articles ADD COLUMN previous_id TEXT REFERENCES articles (id);

-- Articles stored before this version: a dated one was dated by its dateline or a flag, which
-- was not recorded; an edited date says so in article_history.
UPDATE articles SET published_from = 'edit'
WHERE published IS NOT NULL
  AND EXISTS (SELECT 1 FROM article_history h WHERE h.article_id = articles.id AND h.field = 'published');

CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX articles_previous ON articles (previous_id) WHERE previous_id IS NOT NULL;
