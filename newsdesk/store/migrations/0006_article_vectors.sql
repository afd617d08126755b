-- 0006: article vectors (the story engine's sentence vectors), float32 bytes, L2-normalised,
-- one per article and model; nearest neighbours are found in numpy (store/sql_vectors.py).
-- (0004 and 0005 are the entities and accounts work. The table is the one the reader's
-- semantic search uses: same name, columns and key.)
CREATE TABLE article_vectors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,      -- embedder name (minilm, hashing): vectors of two models never mix
    dim        INTEGER NOT NULL,
    vec        BLOB NOT NULL,
    PRIMARY KEY (model, article_id)
) WITHOUT ROWID;
