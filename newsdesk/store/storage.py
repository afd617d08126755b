"""SQLStorage: the Storage Protocol over a `Database` (SQLite or PostgreSQL) plus raw files.

The SQL lives once, in mixins by subject (raw documents and sources, articles and
search, entities/quotes/events, stories, users and comments, leases, vectors,
sessions, moderation, alerts); the backends differ only in
the `Database` they hand it (db.py, pg.py).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from newsdesk.store.db import Database
from newsdesk.store.rawfiles import RawFiles
from newsdesk.store.sql_accounts import AccountSQL
from newsdesk.store.sql_alerts import AlertSQL
from newsdesk.store.sql_articles import ArticleSQL
from newsdesk.store.sql_comments import CommentSQL
from newsdesk.store.sql_entities import EntitySQL
from newsdesk.store.sql_entity_reads import EntityReadSQL
from newsdesk.store.sql_leases import LeaseSQL
from newsdesk.store.sql_raw import RawSQL
from newsdesk.store.sql_reader import ReaderSQL
from newsdesk.store.sql_stories import StorySQL
from newsdesk.store.sql_users import UserSQL
from newsdesk.store.sql_vectors import VectorSQL

# (what is wrong, a query counting the rows where it is): the same on both backends
CONSISTENCY = [
    ("articles without their current version",
     "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_versions v"
     " WHERE v.article_id = a.id AND v.version = a.version)"),
    ("articles missing from the full-text index",
     "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)"),
    ("full-text rows without an article",
     "SELECT COUNT(*) FROM articles_fts f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.rowid)"),
    ("articles without an outlet",
     "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_outlets o WHERE o.article_id = a.id)"),
    ("raw documents pointing at a missing article",
     "SELECT COUNT(*) FROM raw_documents r WHERE r.article_id IS NOT NULL AND NOT EXISTS"
     " (SELECT 1 FROM articles a WHERE a.id = r.article_id)"),
    ("story assignments that disagree with the article's story",
     "SELECT COUNT(*) FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id"
     " WHERE a.story_id IS DISTINCT FROM s.story_id"),
]


class SQLStorage(RawSQL, ArticleSQL, EntitySQL, EntityReadSQL, StorySQL, ReaderSQL, UserSQL, LeaseSQL, VectorSQL,
                 AccountSQL, CommentSQL, AlertSQL):
    db: Database
    raw_files: RawFiles

    def migrate(self) -> None:
        applied = self.db.migrate()
        if any(name.startswith("0004_") for name in applied):
            self.reindex_enrichment()  # articles stored before 0004 get their quotes and events rows

    def applied_migrations(self) -> list[str]:
        return self.db.applied_migrations()

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction around many calls (nested store writes join it)."""
        return self.db.write()

    def ping(self) -> None:
        """Raise when the database cannot answer a trivial query."""
        self.db.conn().execute("SELECT 1").fetchone()

    def quick_check(self) -> str:
        """"ok", or the first problems the engine itself reports (cheaper than integrity_check)."""
        return "; ".join(self.db.quick_check()[:5]) or "ok"

    def integrity_check(self) -> str:
        """"ok", or what is wrong: the engine's own check, then the store's invariants."""
        problems = self.db.engine_check()
        conn = self.db.conn()
        for what, sql in CONSISTENCY:
            count = int(conn.execute(sql).fetchone()[0])
            if count:
                problems.append(f"{count} {what}")
        return "; ".join(problems) or "ok"

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SQLStorage":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.db.where!r})"
