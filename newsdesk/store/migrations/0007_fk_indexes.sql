-- 0007: an index on the article_id of tables that reference articles but are not keyed by it.
-- Without one, every cascading delete of an article (and SQLite's foreign key bookkeeping on
-- an article insert) scans the whole table: per-article cost that grows with the store.
CREATE INDEX IF NOT EXISTS article_vectors_article ON article_vectors (article_id);
CREATE INDEX IF NOT EXISTS inbox_items_article ON inbox_items (article_id);
