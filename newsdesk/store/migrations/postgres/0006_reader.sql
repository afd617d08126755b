-- 0006 (PostgreSQL): the reader's side (see ../0006_reader.sql): article vectors as real[] (always), plus a pgvector column when
-- the `vector` extension can be installed on this server; store/sql_vectors.py then
-- adds an HNSW index per dimension and lets PostgreSQL find the neighbours.
-- Without pgvector the neighbours are found in numpy over the real[] column.
CREATE TABLE article_vectors (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    dim        INTEGER NOT NULL,
    vec        REAL[] NOT NULL,
    PRIMARY KEY (model, article_id)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        -- in public, so every schema on the search path sees the type
        CREATE EXTENSION IF NOT EXISTS vector SCHEMA public;
        ALTER TABLE article_vectors
            ADD COLUMN embedding public.vector GENERATED ALWAYS AS (vec::public.vector) STORED;
    END IF;
END
$$;

CREATE INDEX IF NOT EXISTS article_outlets_name ON article_outlets (name, article_id);
CREATE INDEX IF NOT EXISTS mentions_entity_article ON mentions (entity_id, article_id);
