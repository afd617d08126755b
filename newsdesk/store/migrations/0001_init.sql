-- 0001: the whole first schema. Migrations are append-only: never edit a
-- released file, add 0002_... instead. Times are ISO-8601 UTC text.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'sitemap', 'page')),
    title         TEXT,
    etag          TEXT,
    last_modified TEXT,
    last_fetched  TEXT,
    next_fetch    TEXT,
    interval_s    INTEGER NOT NULL DEFAULT 900,
    error         TEXT,
    error_count   INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- one row per distinct byte content; the bytes live in data_dir/raw/ab/abcdef...
CREATE TABLE raw_documents (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    uri          TEXT NOT NULL,
    final_url    TEXT,
    format       TEXT NOT NULL,
    encoding     TEXT,
    content_type TEXT,
    status       INTEGER,
    size         INTEGER NOT NULL,
    fetched_at   TEXT NOT NULL,
    source_id    INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    meta         TEXT NOT NULL DEFAULT '{}',
    state        TEXT NOT NULL DEFAULT 'fetched'
                 CHECK (state IN ('fetched', 'extracted', 'enriched', 'stored', 'failed')),
    error        TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    work         TEXT,      -- Article JSON of the last finished stage, so a restart skips it
    article_id   INTEGER,   -- the article it became (or was a copy of)
    updated_at   TEXT NOT NULL
);
CREATE INDEX raw_documents_state ON raw_documents (state, id);

CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories (last_seen DESC);

CREATE TABLE articles (
    id         INTEGER PRIMARY KEY,
    url_key    TEXT,                 -- normalised canonical URL (NULL: no URL known)
    text_hash  TEXT NOT NULL,        -- sha256 of the whitespace-folded text
    title      TEXT,
    outlet     TEXT,
    published  TEXT,                 -- UTC
    sort_time  TEXT NOT NULL,        -- published, else first_seen: the reading order
    language   TEXT,
    story_id   INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    data       TEXT NOT NULL,        -- models.Article.to_json() of the current version
    version    INTEGER NOT NULL DEFAULT 1,
    raw_id     INTEGER REFERENCES raw_documents(id) ON DELETE SET NULL,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url_key ON articles (url_key) WHERE url_key IS NOT NULL;
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_sort_time ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_story ON articles (story_id);

-- every version of an article's text, version 1 included
CREATE TABLE article_versions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    text_hash  TEXT NOT NULL,
    title      TEXT,
    data       TEXT NOT NULL,
    raw_id     INTEGER REFERENCES raw_documents(id) ON DELETE SET NULL,
    saved_at   TEXT NOT NULL,
    UNIQUE (article_id, version)
);

-- every (outlet, URL) that carried an article: its own first, syndicated copies after
CREATE TABLE article_outlets (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    url        TEXT,
    url_key    TEXT NOT NULL DEFAULT '',
    published  TEXT,
    title      TEXT,
    added_at   TEXT NOT NULL,
    UNIQUE (article_id, name, url_key)
);
CREATE INDEX article_outlets_url_key ON article_outlets (url_key) WHERE url_key != '';

CREATE TABLE entities (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,     -- enrich.canonical.entity_key (merge key)
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    name       TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE story_assignments (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score       REAL NOT NULL,
    reason      TEXT NOT NULL,        -- models.Assignment as JSON
    assigned_at TEXT NOT NULL
);
CREATE INDEX story_assignments_story ON story_assignments (story_id);

CREATE TABLE story_state (
    key        TEXT PRIMARY KEY,
    blob       BLOB NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email         TEXT UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'reader' CHECK (role IN ('reader', 'editor', 'admin')),
    created_at    TEXT NOT NULL,
    last_login    TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0,
    data          TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER REFERENCES stories(id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    hidden     INTEGER NOT NULL DEFAULT 0,
    CHECK (article_id IS NOT NULL OR story_id IS NOT NULL)
);
CREATE INDEX comments_article ON comments (article_id, created_at);
CREATE INDEX comments_story ON comments (story_id, created_at);

-- full text: rowid = articles.id, kept in step by the store in the same transaction
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, outlet,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
