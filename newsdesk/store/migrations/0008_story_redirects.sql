-- 0008: a story merged into another leaves a redirect, so its links keep working
-- (/stories/{id} answers 301 to where its articles went). SQLite hands out max(id) + 1 for a
-- new row: new story ids are taken above the redirects too, so a merged-away id never comes
-- back as another story (sql_stories.py).
CREATE TABLE IF NOT EXISTS story_redirects (
    from_id   INTEGER PRIMARY KEY,   -- the merged-away story
    to_id     INTEGER NOT NULL,      -- the story that took its articles (chains kept flat)
    merged_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_redirects_to ON story_redirects (to_id);
