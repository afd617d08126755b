-- 0004: who said what, and when, across the store.
-- entities.candidate: enrich.canonical.candidate_key (people: the folded surname), the rows a
-- new name is checked against with same_entity; never a merge key on its own.
-- mentions.canonical: the article's canonical name of the mention (links names to entity pages).
-- quotes / events / times: copied from the article's enrich data in the article's own write
-- transaction, deleted and written again when the article is updated.
ALTER TABLE entities ADD COLUMN candidate TEXT;
CREATE INDEX entities_candidate ON entities (candidate);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
ALTER TABLE mentions ADD COLUMN canonical TEXT;

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id     INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    speaker       TEXT,                 -- the article's canonical speaker name (NULL: unknown)
    text          TEXT NOT NULL,
    cue           TEXT,
    partial       INTEGER NOT NULL DEFAULT 0,
    start         INTEGER NOT NULL,     -- offsets into the article text
    "end"         INTEGER NOT NULL,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    published     TEXT NOT NULL         -- the article's sort_time (published, else first seen)
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_entity ON quotes (entity_id, published DESC);
CREATE INDEX quotes_published ON quotes (published DESC, id DESC);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,           -- ISO value as resolved, granularity kept (2024-06, 2025-05-08/2025-05-10)
    first_day  TEXT,                    -- first and last calendar day it covers (sorting, drawing)
    last_day   TEXT,
    sentence   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    quote      TEXT,
    published  TEXT NOT NULL
);
CREATE INDEX events_article ON events (article_id);

CREATE TABLE event_entities (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_entities_entity ON event_entities (entity_id);

CREATE TABLE times (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    value      TEXT NOT NULL,
    kind       TEXT NOT NULL
);
CREATE INDEX times_article ON times (article_id);
