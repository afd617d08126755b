-- 0008 (PostgreSQL): see ../0008_story_redirects.sql. Identity columns never hand an id out twice.
CREATE TABLE IF NOT EXISTS story_redirects (
    from_id   BIGINT PRIMARY KEY,
    to_id     BIGINT NOT NULL,
    merged_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS story_redirects_to ON story_redirects (to_id);
