from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.store import open_store
from newsdesk.store.db import split_statements


@pytest.mark.sqlite_only(reason="SQLite file creation and its pragmas")
def test_open_store_creates_parent_dirs_and_wal(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "news.db"
    store = open_store(f"sqlite:///{db}")
    assert db.exists()
    conn = store.db.conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    store.close()


def test_migrations_recorded_once_and_idempotent(unmigrated_db_url: str, tmp_path: Path) -> None:
    url = unmigrated_db_url
    first = open_store(url, raw_dir=tmp_path / "raw")
    names = first.applied_migrations()
    assert names == [name for _, name, _ in first.db.migration_files()]
    assert first.db.migrate() == []  # nothing left to apply
    first.close()
    second = open_store(url, raw_dir=tmp_path / "raw")  # re-opening applies nothing twice
    assert second.applied_migrations() == names
    count = second.db.conn().execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    assert count == len(names)
    second.close()


def test_schema_has_the_issue_tables(store) -> None:
    tables = store.db.table_names()
    for table in ("sources", "raw_documents", "articles", "article_versions", "article_outlets", "entities",
                  "mentions", "stories", "story_assignments", "story_state", "users", "comments", "articles_fts"):
        assert table in tables


@pytest.mark.sqlite_only(reason="the SQLite migration runner; PostgreSQL's is in test_postgres.py")
def test_failed_migration_rolls_back_whole_file(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError):
        for statement in split_statements("CREATE TABLE t (a);\nINSERT INTO nope VALUES (1);"):
            conn.execute(statement)
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'").fetchone()[0] == 0


def test_split_statements_keeps_triggers_whole() -> None:
    sql = "-- c\nCREATE TABLE t (a);\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    parts = split_statements(sql)
    assert len(parts) == 2 and parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")


def test_both_backends_number_their_migrations_alike() -> None:
    from newsdesk.store.db import migration_files

    sqlite_numbers = [n for n, _, _ in migration_files("migrations")]
    pg_numbers = [n for n, _, _ in migration_files("migrations/postgres")]
    assert sqlite_numbers == pg_numbers, "every migration needs its PostgreSQL twin with the same number"


def test_bad_urls_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConnectionError, match=r"postgresql://u:\*\*\*@127.0.0.1:1/db: cannot connect"):
        open_store("postgresql://u:secret@127.0.0.1:1/db", raw_dir=tmp_path)
    with pytest.raises(ValueError, match="unsupported database URL"):
        open_store("mysql://x")


def test_importing_store_opens_nothing() -> None:
    import subprocess
    import sys

    code = "import sys, newsdesk.store; print('newsdesk.store.sqlite' in sys.modules, 'sqlite3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False", "False"]


def test_both_backends_implement_the_protocols(store) -> None:
    import inspect

    from newsdesk.store.accounts_base import AccountStorage
    from newsdesk.store.base import Storage

    for protocol in (Storage, AccountStorage):
        wanted = [n for n, _ in inspect.getmembers(protocol, inspect.isfunction) if not n.startswith("_")]
        assert [n for n in wanted if not callable(getattr(store, n, None))] == [], protocol.__name__
        for name in wanted:  # same parameters, same order
            expected = list(inspect.signature(getattr(protocol, name)).parameters)
            assert list(inspect.signature(getattr(type(store), name)).parameters) == expected, name


def test_a_transaction_groups_writes_and_rolls_back_whole(store) -> None:
    from newsdesk.models import Article

    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_article(Article(url="https://ex.com/t1", outlet="Ex", title="One", text="first text"))
            store.save_article(Article(url="https://ex.com/t2", outlet="Ex", title="Two", text="second text"))
            raise RuntimeError("the batch fails")
    assert store.count_articles() == 0
    with store.transaction():
        store.save_article(Article(url="https://ex.com/t1", outlet="Ex", title="One", text="first text"))
    store.ping()
    assert store.count_articles() == 1 and store.quick_check() == "ok"
