-- 0003: named leases, so only one process at a time runs the pipeline's processing
-- (the story engine's saved state would otherwise be overwritten by the last writer).
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,   -- host:pid:thread:random
    expires_at REAL NOT NULL    -- unix time
);
