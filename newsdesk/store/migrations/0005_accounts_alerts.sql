-- 0005: accounts, comment moderation, alerts and rules.
-- Roles move from reader/editor/admin to reader/moderator/admin (an editor becomes a
-- moderator). SQLite cannot alter a CHECK, so users is rebuilt; the migration runner
-- turns foreign keys off around migrations, so dropping the old table cascades nothing.
CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email         TEXT UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'moderator', 'admin')),
    created_at    TEXT NOT NULL,
    last_login    TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0,
    data          TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO users_new (id, username, email, password_hash, role, created_at, last_login, disabled, data)
    SELECT id, username, email, password_hash,
           CASE role WHEN 'editor' THEN 'moderator' ELSE role END,
           created_at, last_login, disabled, data
    FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- sessions: only a sha256 of the cookie's token is kept, so a copy of the database opens no session
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- failed log-ins by key ("user:NAME" or "ip:ADDRESS"), for rate limiting and lock-out
CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at  REAL NOT NULL      -- unix time
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- sign-up by invitation (accounts.signup = "invite"); hash of the code, used once
CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,
    role       TEXT NOT NULL DEFAULT 'reader',
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    used_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    used_at    TEXT
);

ALTER TABLE comments ADD COLUMN deleted_at TEXT;
CREATE INDEX comments_user ON comments (user_id, created_at);

CREATE TABLE comment_reports (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolution  TEXT CHECK (resolution IN ('hidden', 'restored', 'dismissed')),
    resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (comment_id, user_id)
);
CREATE INDEX comment_reports_open ON comment_reports (resolved_at, created_at);

CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, query)
);

CREATE TABLE follows (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('entity', 'story', 'outlet')),
    target     TEXT NOT NULL,  -- entity name, story id, outlet name
    created_at TEXT NOT NULL,
    UNIQUE (user_id, kind, target)
);

CREATE TABLE mutes (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('outlet', 'keyword', 'entity')),
    value      TEXT NOT NULL COLLATE NOCASE,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, kind, value)
);

-- where each user's alerts go, and how far matching has read (articles.id)
CREATE TABLE alert_settings (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    feed_token_hash TEXT UNIQUE,
    webhook_url     TEXT,
    email           TEXT,
    scanned_to      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE inbox_items (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,   -- "entity: Harbourtown", "search: ferry"...
    created_at   TEXT NOT NULL,
    read_at      TEXT,
    delivered_at TEXT,            -- pushed to the webhook / e-mail (when set up)
    UNIQUE (user_id, article_id)
);
CREATE INDEX inbox_items_user ON inbox_items (user_id, id DESC);
