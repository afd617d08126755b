"""What only the PostgreSQL backend has to get right: the dialect layer, NUL characters,
a dropped connection, concurrent migrations, schema isolation."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from newsdesk.models import Article
from newsdesk.store import open_store
from newsdesk.store.pg import to_pyformat
from tests.pg import PG_URL, pg_schema


def test_placeholders_outside_quotes_only() -> None:
    assert to_pyformat("SELECT ? , '?', \"a?\" WHERE x LIKE '50%' AND y = ?") == (
        "SELECT %s , '?', \"a?\" WHERE x LIKE '50%%' AND y = %s"
    )
    assert to_pyformat("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', %s"


def test_nul_characters_are_stored_and_searched_without_error(tmp_path: Path) -> None:
    with pg_schema() as url, open_store(url, raw_dir=tmp_path) as store:
        saved = store.save_article(Article(url="https://ex.com/nul", outlet="Ex\x00", title="Nul\x00 title",
                                           text="Harbour\x00 strike talks resume."))
        stored = store.get_article(saved.article_id)
        assert stored.article.title == "Nul\x00 title"  # the article JSON keeps it, as SQLite does
        assert [h.article_id for h in store.search("harbour\x00")] == [saved.article_id]


def test_a_dropped_connection_is_replaced(tmp_path: Path) -> None:
    import psycopg

    with pg_schema() as url, open_store(url, raw_dir=tmp_path) as store:
        pid = store.db.conn().execute("SELECT pg_backend_pid()").fetchone()[0]
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(psycopg.OperationalError):
            store.count_articles()  # the call that finds the connection dead fails...
        assert store.count_articles() == 0  # ...the next one has a new connection


def test_concurrent_first_opens_migrate_once(tmp_path: Path) -> None:
    with pg_schema() as url:
        errors: list[BaseException] = []

        def open_one() -> None:
            try:
                open_store(url, raw_dir=tmp_path).close()
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=open_one) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        with open_store(url, raw_dir=tmp_path) as store:
            assert store.applied_migrations() == [name for _, name, _ in store.db.migration_files()]


def test_schemas_do_not_see_each_other(tmp_path: Path) -> None:
    with pg_schema() as one, pg_schema() as two:
        with open_store(one, raw_dir=tmp_path) as a, open_store(two, raw_dir=tmp_path) as b:
            a.save_article(Article(url="https://ex.com/1", outlet="Ex", title="Only in one", text="one"))
            assert a.count_articles() == 1 and b.count_articles() == 0


def test_doctor_health_of_a_postgresql_database(tmp_path: Path) -> None:
    from newsdesk.store.health import inspect_database

    with pg_schema() as url:
        open_store(url, raw_dir=tmp_path).close()
        health = inspect_database(url)
        assert health.reachable and health.error is None and health.quick_check == "ok"
        assert health.pending == [] and health.unknown == [] and len(health.applied) >= 6
    down = inspect_database("postgresql://u:pw@127.0.0.1:1/db")
    assert not down.reachable and "cannot connect" in down.error and "pw" not in down.error
