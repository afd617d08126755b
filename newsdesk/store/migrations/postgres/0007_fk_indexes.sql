-- 0007 (PostgreSQL): see ../0007_fk_indexes.sql. PostgreSQL does not index referencing
-- columns either: a cascading delete of an article would scan these tables.
CREATE INDEX IF NOT EXISTS article_vectors_article ON article_vectors (article_id);
CREATE INDEX IF NOT EXISTS inbox_items_article ON inbox_items (article_id);
