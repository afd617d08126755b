-- 0006: article vectors (the story engine's sentence vectors), float32 bytes, one per
-- article and model; nearest neighbours are found in numpy (store/sql_vectors.py).
-- (0004 and 0005 are taken by the entities and accounts work.)
CREATE TABLE article_vectors (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    dims       INTEGER NOT NULL,
    vector     BLOB NOT NULL
);
CREATE INDEX article_vectors_model ON article_vectors (model, dims);
