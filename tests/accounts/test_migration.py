"""Migration 0005 on a database made before it: editors become moderators, nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.store import open_store
from newsdesk.store.db import migration_files, split_statements


@pytest.mark.sqlite_only(reason="builds a pre-0005 database with the SQLite migrations and checks SQLite pragmas")
def test_0005_moves_editor_to_moderator_and_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in migration_files():
        if version >= 5:
            break
        for statement in split_statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01')", (version, name))
    conn.execute("INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'ed', 'h', 'editor', '2025-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO users (id, username, password_hash, role, created_at) VALUES (2, 'ann', 'h', 'admin', '2025-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO stories (id, title, first_seen, last_seen, updated_at) VALUES (1, 's', 'x', 'x', 'x')")
    conn.execute("INSERT INTO comments (user_id, story_id, body, created_at) VALUES (1, 1, 'kept', '2025-01-01T00:00:00+00:00')")
    conn.close()

    with open_store(f"sqlite:///{path}") as store:
        assert "0005_accounts_alerts.sql" in store.applied_migrations()
        assert store.get_user(1).role == "moderator" and store.get_user(2).role == "admin"
        assert [c.body for c in store.list_comments(story_id=1)] == ["kept"]
        assert store.integrity_check() == "ok"
        assert store.db.conn().execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.conn().execute("PRAGMA foreign_key_check").fetchall() == []
        store.db.conn().execute("DELETE FROM users WHERE id = 1")  # the cascade still points at the new table
        assert store.list_comments(story_id=1) == []


def test_store_implements_the_account_protocol(db_url: str, tmp_path: Path) -> None:
    import inspect

    from newsdesk.store.accounts_base import AccountStorage

    with open_store(db_url, raw_dir=tmp_path / "raw") as store:
        wanted = [n for n, _ in inspect.getmembers(AccountStorage, inspect.isfunction) if not n.startswith("_")]
        missing = [n for n in wanted if not callable(getattr(store, n, None))]
        assert len(wanted) > 40 and missing == []
        for name in wanted:  # same parameters, same order
            expected = list(inspect.signature(getattr(AccountStorage, name)).parameters)
            assert list(inspect.signature(getattr(type(store), name)).parameters) == expected, name
