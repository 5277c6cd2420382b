-- claimdesk workspace, version 6: the language detected in each article (ISO 639-1, or
-- ISO 639-3 where a language has none), NULL when detection was not reliable. Claims are
-- extracted from English articles only, so an article in another language has none until
-- its language is supported (`claimdesk reextract` reads it again then).

ALTER TABLE articles ADD COLUMN language TEXT;
