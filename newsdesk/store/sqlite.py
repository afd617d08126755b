"""SQLiteStorage: the Storage Protocol over one SQLite file (WAL) plus raw files.

The SQL lives in mixins by subject (raw documents and sources, articles and
search, entities/quotes/events, stories, users and comments, leases, sessions, moderation,
alerts); this class owns the connection and the raw-file folder.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
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


class SQLiteStorage(RawSQL, ArticleSQL, EntitySQL, EntityReadSQL, StorySQL, ReaderSQL, VectorSQL, UserSQL, LeaseSQL,
                    AccountSQL, CommentSQL, AlertSQL):
    def __init__(self, path: str | Path, raw_dir: str | Path | None = None, *, migrate: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = Database(self.path)
        self.raw_files = RawFiles(Path(raw_dir) if raw_dir else self.path.parent / "raw")
        if migrate:
            self.migrate()

    def migrate(self) -> None:
        applied = self.db.migrate()
        if any(name.startswith("0004_") for name in applied):
            self.reindex_enrichment()  # articles stored before 0004 get their quotes and events rows

    def transaction(self) -> AbstractContextManager[Any]:
        """One write transaction around many calls (the pipeline stores a batch at once)."""
        return self.db.write()

    def applied_migrations(self) -> list[str]:
        rows = self.db.conn().execute("SELECT name FROM schema_migrations ORDER BY version").fetchall()
        return [r[0] for r in rows]

    def integrity_check(self) -> str:
        return str(self.db.conn().execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SQLiteStorage":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStorage({str(self.path)!r})"
