-- 0006: the reader's side. Sentence vectors for semantic search ("more like this",
-- natural-language queries), searched brute force with numpy; indexes for the
-- search filters (outlet, entity) and the outlet page (entities.name is indexed by 0004).
CREATE TABLE article_vectors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,      -- embedder name (minilm, hashing): vectors of two models never mix
    dim        INTEGER NOT NULL,
    vec        BLOB NOT NULL,      -- float32, L2-normalised
    PRIMARY KEY (model, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_outlets_name ON article_outlets (name, article_id);
CREATE INDEX IF NOT EXISTS mentions_entity_article ON mentions (entity_id, article_id);
